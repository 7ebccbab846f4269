/**
 * Endpoints (pkg/apis/core/validation/validation.go ValidateEndpoints) and EndpointSlices
 * (pkg/apis/discovery/validation/validation.go ValidateEndpointSlice), with their v1 defaults
 * (SetDefaults_Endpoints, pkg/apis/discovery/v1/defaults.go SetDefaults_EndpointPort).
 */
import type { EndpointSlice, Endpoints } from '../model';
import { parseIP } from '../net/ip';
import { duplicate, invalid, notSupported, required, type FieldErrors } from './fieldErrors';
import { isRecord, nameIsDNSSubdomain, validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names';
import { invalidIPMessage } from './service/clusterIPs';
import { protocols } from './service/validate';
import { validateNonSpecialIP } from './specialIP';

/** kubectl prints this for every request on v1 Endpoints (the API server's deprecation warning). */
export const endpointsWarning =
  'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

export function defaultEndpoints(e: Endpoints): void {
  for (const subset of Array.isArray(e.subsets) ? e.subsets : [])
    for (const p of isRecord(subset) && Array.isArray(subset.ports) ? subset.ports : [])
      if (isRecord(p) && (p.protocol ?? '') === '') p.protocol = 'TCP';
}

export function defaultEndpointSlice(s: EndpointSlice): void {
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    if (!isRecord(p)) continue;
    p.name ??= '';
    if ((p.protocol ?? '') === '') p.protocol = 'TCP';
  }
}

/** validateEndpointPort (Endpoints) and the port checks of validateEndpointSlicePorts. */
function validatePort(
  p: Record<string, unknown>,
  requireName: boolean,
  path: string,
  checkNumber: boolean,
): FieldErrors {
  const errs: FieldErrors = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && name === '') errs.push(required(`${path}.name`));
  else if (name !== '')
    for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
  if (checkNumber) {
    const port = typeof p.port === 'number' ? p.port : 0;
    for (const m of isValidPortNum(port)) errs.push(invalid(`${path}.port`, port, m));
  }
  const protocol = String(p.protocol ?? '');
  if (protocol === '') errs.push(required(`${path}.protocol`));
  else if (!protocols.includes(protocol))
    errs.push(notSupported(`${path}.protocol`, protocol, protocols));
  if (typeof p.appProtocol === 'string')
    for (const m of isQualifiedName(p.appProtocol))
      errs.push(invalid(`${path}.appProtocol`, p.appProtocol, m));
  return errs;
}

/** validateEndpointAddress. */
function validateAddress(a: Record<string, unknown>, path: string): FieldErrors {
  const errs: FieldErrors = [];
  const ip = typeof a.ip === 'string' ? a.ip : '';
  if (!parseIP(ip)) errs.push(invalid(`${path}.ip`, ip, invalidIPMessage));
  if (typeof a.hostname === 'string' && a.hostname !== '')
    for (const m of isDNS1123Label(a.hostname))
      errs.push(invalid(`${path}.hostname`, a.hostname, m));
  if (typeof a.nodeName === 'string')
    for (const m of isDNS1123Subdomain(a.nodeName))
      errs.push(invalid(`${path}.nodeName`, a.nodeName, m));
  errs.push(...validateNonSpecialIP(ip, `${path}.ip`));
  return errs;
}

/** ValidateEndpoints. */
export function validateEndpoints(e: Endpoints): FieldErrors {
  const errs = validateObjectMeta(e.metadata, true, nameIsDNSSubdomain);
  (Array.isArray(e.subsets) ? e.subsets : []).forEach((subset, i) => {
    const at = `subsets[${i}]`;
    const s = isRecord(subset) ? subset : {};
    const ready = Array.isArray(s.addresses) ? s.addresses : [];
    const notReady = Array.isArray(s.notReadyAddresses) ? s.notReadyAddresses : [];
    if (ready.length === 0 && notReady.length === 0)
      errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
    ready.forEach((a, j) =>
      errs.push(...validateAddress(isRecord(a) ? a : {}, `${at}.addresses[${j}]`)),
    );
    notReady.forEach((a, j) =>
      errs.push(...validateAddress(isRecord(a) ? a : {}, `${at}.notReadyAddresses[${j}]`)),
    );
    const ports = Array.isArray(s.ports) ? s.ports : [];
    ports.forEach((p, j) =>
      errs.push(...validatePort(isRecord(p) ? p : {}, ports.length > 1, `${at}.ports[${j}]`, true)),
    );
  });
  return errs;
}

const addressTypes = ['FQDN', 'IPv4', 'IPv6'];

/** ValidateEndpointSlice: address type, endpoints (1 to 100 addresses each, of the slice's type), ports. */
export function validateEndpointSlice(s: EndpointSlice): FieldErrors {
  const errs = validateObjectMeta(s.metadata, true, nameIsDNSSubdomain);
  const type = String(s.addressType ?? '');
  if (type === '') errs.push(required('addressType'));
  else if (!addressTypes.includes(type)) errs.push(notSupported('addressType', type, addressTypes));
  (Array.isArray(s.endpoints) ? s.endpoints : []).forEach((endpoint, i) => {
    const at = `endpoints[${i}]`;
    const e = isRecord(endpoint) ? endpoint : {};
    const addresses = Array.isArray(e.addresses) ? e.addresses.map(String) : [];
    if (addresses.length === 0)
      errs.push(required(`${at}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > 100)
      errs.push({
        type: 'Too long',
        field: `${at}.addresses`,
        detail: 'must have at most 100 items',
      });
    addresses.forEach((address, j) => {
      const path = `${at}.addresses[${j}]`;
      const ip = parseIP(address);
      if (type === 'IPv4') {
        if (ip?.family !== 4) errs.push(invalid(path, address, 'must be a valid IPv4 address'));
        else errs.push(...validateNonSpecialIP(address, path));
      } else if (type === 'IPv6') {
        if (ip?.family !== 6) errs.push(invalid(path, address, 'must be a valid IPv6 address'));
        else errs.push(...validateNonSpecialIP(address, path));
      } else if (type === 'FQDN') {
        for (const m of isDNS1123Subdomain(address.replace(/\.$/, '')))
          errs.push(invalid(path, address, m));
      }
    });
    if (typeof e.hostname === 'string')
      for (const m of isDNS1123Label(e.hostname))
        errs.push(invalid(`${at}.hostname`, e.hostname, m));
    if (typeof e.nodeName === 'string')
      for (const m of isDNS1123Subdomain(e.nodeName))
        errs.push(invalid(`${at}.nodeName`, e.nodeName, m));
  });
  const names = new Set<string>();
  (Array.isArray(s.ports) ? s.ports : []).forEach((port, i) => {
    const p: Record<string, unknown> = isRecord(port) ? port : {};
    const at = `ports[${i}]`;
    errs.push(...validatePort(p, false, at, p.port !== undefined && p.port !== null));
    const name = typeof p.name === 'string' ? p.name : '';
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    names.add(name);
  });
  return errs;
}
