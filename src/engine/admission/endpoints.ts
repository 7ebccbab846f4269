/**
 * Endpoints: validation (pkg/apis/core/validation/validation.go ValidateEndpoints) and the v1
 * defaults (pkg/apis/core/v1/defaults.go SetDefaults_Endpoints).
 */
import type { Endpoints } from '../model';
import { invalid, notSupported, required, type FieldErrors } from './fieldErrors';
import { isRecord, nameIsDNSSubdomain, validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names';
import { validateLegacyIP } from './legacyIP';
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

/** validateEndpointPort. */
function validatePort(p: Record<string, unknown>, requireName: boolean, path: string): FieldErrors {
  const errs: FieldErrors = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && name === '') errs.push(required(`${path}.name`));
  else if (name !== '')
    for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
  const port = typeof p.port === 'number' ? p.port : 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(`${path}.port`, port, m));
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
  errs.push(...validateLegacyIP(`${path}.ip`, ip));
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
      errs.push(...validatePort(isRecord(p) ? p : {}, ports.length > 1, `${at}.ports[${j}]`)),
    );
  });
  return errs;
}
