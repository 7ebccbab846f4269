/**
 * EndpointSlices: the discovery/v1 defaults (pkg/apis/discovery/v1/defaults.go
 * SetDefaults_EndpointPort) and validation (pkg/apis/discovery/validation/validation.go
 * ValidateEndpointSlice, ValidateEndpointSliceUpdate).
 */
import type { EndpointSlice } from '../model';
import { parseIP } from '../net/ip';
import {
  duplicate,
  invalid,
  notSupported,
  required,
  tooMany,
  type FieldError,
  type FieldErrors,
} from './fieldErrors';
import { isRecord, nameIsDNSSubdomain, validateLabels, validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { validateLegacyIP } from './legacyIP';
import { protocols } from './service/validate';
import { validateNonSpecialIP } from './specialIP';

const addressTypes: readonly string[] = ['FQDN', 'IPv4', 'IPv6'];
const maxTopologyLabels = 16;
const maxAddresses = 100;
const maxPorts = 20000;
const maxEndpoints = 1000;
const maxZoneHints = 8;

/** SetDefaults_EndpointPort: an absent name is "", an absent protocol TCP. */
export function defaultEndpointSlice(s: EndpointSlice): void {
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    if (!isRecord(p)) continue;
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
}

/** IsFullyQualifiedDomainName: a trailing dot allowed, at least two labels. */
function validateFQDN(path: string, address: string): FieldError | undefined {
  if (address === '') return required(path);
  const name = address.endsWith('.') ? address.slice(0, -1) : address;
  const subdomain = isDNS1123Subdomain(name);
  if (subdomain.length > 0) return invalid(path, name, subdomain.join(','));
  const labels = name.split('.');
  if (labels.length < 2)
    return invalid(path, name, 'should be a domain with at least two segments separated by dots');
  for (const label of labels) {
    const messages = isDNS1123Label(label);
    if (messages.length > 0) return invalid(path, label, messages.join(','));
  }
  return undefined;
}

/** An address of an IPv4 or IPv6 slice: a valid IP, of the slice's family, not a special one. */
function validateIPAddress(errs: FieldErrors, path: string, address: string, family: 4 | 6) {
  const ipErrors = validateLegacyIP(path, address);
  const ip = parseIP(address);
  if (ipErrors.length > 0 || !ip) {
    errs.push(...ipErrors);
    return;
  }
  if (ip.family !== family) errs.push(invalid(path, address, `must be an IPv${family} address`));
  errs.push(...validateNonSpecialIP(address, path));
}

/** validateEndpoints: at most 1,000 endpoints, each with 1 to 100 addresses of the slice's type. */
function validateEndpoints(errs: FieldErrors, endpoints: unknown, type: string): void {
  const list = Array.isArray(endpoints) ? endpoints : [];
  if (list.length > maxEndpoints) {
    errs.push(tooMany('endpoints', list.length, maxEndpoints));
    return;
  }
  list.forEach((endpoint: unknown, i) => {
    const at = `endpoints[${i}]`;
    const e = isRecord(endpoint) ? endpoint : {};
    const addresses = Array.isArray(e.addresses) ? e.addresses.map(String) : [];
    if (addresses.length === 0)
      errs.push(required(`${at}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > maxAddresses)
      errs.push(tooMany(`${at}.addresses`, addresses.length, maxAddresses));
    addresses.forEach((address, j) => {
      const path = `${at}.addresses[${j}]`;
      if (type === 'IPv4') validateIPAddress(errs, path, address, 4);
      else if (type === 'IPv6') validateIPAddress(errs, path, address, 6);
      else if (type === 'FQDN') {
        const error = validateFQDN(path, address);
        if (error) errs.push(error);
      }
    });
    if (typeof e.nodeName === 'string')
      for (const m of isDNS1123Subdomain(e.nodeName))
        errs.push(invalid(`${at}.nodeName`, e.nodeName, m));
    validateTopology(errs, e.deprecatedTopology, `${at}.deprecatedTopology`);
    if (typeof e.hostname === 'string')
      for (const m of isDNS1123Label(e.hostname))
        errs.push(invalid(`${at}.hostname`, e.hostname, m));
    if (isRecord(e.hints)) validateHints(errs, e.hints, `${at}.hints`);
  });
}

/** deprecatedTopology: at most 16 labels; the zone key is moved to `zone` by conversion, so never stored. */
function validateTopology(errs: FieldErrors, topology: unknown, path: string): void {
  if (!isRecord(topology)) return;
  const count = Object.keys(topology).length;
  if (count > maxTopologyLabels) errs.push(tooMany(path, count, maxTopologyLabels));
  errs.push(...validateLabels(topology, path));
  const zoneKey = 'topology.kubernetes.io/zone';
  if (Object.hasOwn(topology, zoneKey))
    errs.push({
      type: 'Internal error',
      field: `${path}[${zoneKey}]`,
      detail: 'reserved key was not removed in conversion',
    });
}

/** validateHints: at most 8 zones, each a label value, none twice. */
function validateHints(errs: FieldErrors, hints: Record<string, unknown>, path: string): void {
  const zones = Array.isArray(hints.forZones) ? hints.forZones : [];
  if (zones.length > maxZoneHints) {
    errs.push(tooMany(`${path}.forZones`, zones.length, maxZoneHints));
    return;
  }
  const names = new Set<string>();
  zones.forEach((zone: unknown, i) => {
    const at = `${path}.forZones[${i}].name`;
    const name = isRecord(zone) && typeof zone.name === 'string' ? zone.name : '';
    if (names.has(name)) errs.push(duplicate(at, name));
    else names.add(name);
    for (const m of isValidLabelValue(name)) errs.push(invalid(at, name, m));
  });
}

/** validatePorts: at most 20,000; names DNS labels and unique (the empty name too); a known protocol. */
function validatePorts(errs: FieldErrors, ports: unknown): void {
  const list = Array.isArray(ports) ? ports : [];
  if (list.length > maxPorts) {
    errs.push(tooMany('ports', list.length, maxPorts));
    return;
  }
  const names = new Set<string>();
  list.forEach((port: unknown, i) => {
    const p = isRecord(port) ? port : {};
    const at = `ports[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (name !== '')
      for (const m of isDNS1123Label(name)) errs.push(invalid(`${at}.name`, name, m));
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    else names.add(name);
    if (p.protocol === undefined || p.protocol === null) errs.push(required(`${at}.protocol`));
    else if (!protocols.includes(String(p.protocol)))
      errs.push(notSupported(`${at}.protocol`, String(p.protocol), protocols));
    if (typeof p.appProtocol === 'string')
      for (const m of isQualifiedName(p.appProtocol))
        errs.push(invalid(`${at}.appProtocol`, p.appProtocol, m));
  });
}

/** ValidateEndpointSlice: metadata, address type, endpoints, ports. */
export function validateEndpointSlice(s: EndpointSlice): FieldErrors {
  const errs = validateObjectMeta(s.metadata, true, nameIsDNSSubdomain);
  const type = String(s.addressType ?? '');
  if (type === '') errs.push(required('addressType'));
  else if (!addressTypes.includes(type)) errs.push(notSupported('addressType', type, addressTypes));
  validateEndpoints(errs, s.endpoints, type);
  validatePorts(errs, s.ports);
  return errs;
}

/** ValidateEndpointSliceUpdate: the address type may not change. */
export function validateEndpointSliceUpdate(s: EndpointSlice, old: EndpointSlice): FieldErrors {
  const errs = validateEndpointSlice(s);
  if (s.addressType !== old.addressType)
    errs.push(invalid('addressType', String(s.addressType ?? ''), 'field is immutable'));
  return errs;
}
