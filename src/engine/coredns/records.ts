/**
 * The `kubernetes` plugin's record lookup: a query name parsed into its parts, and the Services,
 * endpoints and pods that answer it (coredns plugin/kubernetes/parse.go and kubernetes.go).
 */
import { parseIP } from '../net/ip';
import { isReverse, joinName, splitLabels, trimZone } from './names';
import { parseLabelSelector } from '../kubectl/labelSelector';
import type { KubernetesPluginConfig } from './types';
import type { DnsEndpointAddress, DnsService, DnsView } from './view';

/** A msg.Service: what the backend returns before it becomes records. */
export interface BackendService {
  /** An address, or a name (CNAME target). */
  host: string;
  port: number;
  ttl: number;
  /** TXT text, for the dns-version record. */
  text?: string;
  /** The name the record lives at (msg.Domain of the key). */
  key: string;
}

/** Services found, or a name error (errNoItems, errNsNotExposed, errInvalidRequest). */
export interface BackendResult {
  services: BackendService[];
  nameError: boolean;
}

export interface RecordRequest {
  port: string;
  protocol: string;
  endpoint: string;
  /** The topology zone of a zone-scoped name (option `zonal`), else ''. */
  topologyZone: string;
  /** `prefer` rather than `pin`: a zone without endpoints falls back to all of them. */
  zonePrefer: boolean;
  service: string;
  namespace: string;
  podOrSvc: string;
}

/** The label that anchors a zone-scoped name, three labels left of the service (parse.go). */
const zoneLabel = '_zone';

export interface Backend {
  config: KubernetesPluginConfig;
  view: DnsView;
}

const backends = new WeakMap<DnsView, WeakMap<KubernetesPluginConfig, Backend>>();

/**
 * The plugin's backend: its settings and what its informers hold (controller.go). Under
 * `noendpoints` it starts no EndpointSlice informer; `labels` narrows the Services,
 * EndpointSlices and pods it lists, `namespace_labels` the Namespaces (a name in a Namespace
 * it does not list does not exist).
 */
export function backendFor(config: KubernetesPluginConfig, view: DnsView): Backend {
  let perConfig = backends.get(view);
  if (!perConfig) backends.set(view, (perConfig = new WeakMap()));
  const known = perConfig.get(config);
  if (known) return known;
  const selects = config.labels === undefined ? undefined : parseLabelSelector(config.labels);
  const selected = <T extends { labels: Readonly<Record<string, string>> }>(list: T[]) =>
    selects ? list.filter((o) => selects(o.labels)) : list;
  const namespaceSelects =
    config.namespaceLabels === undefined ? undefined : parseLabelSelector(config.namespaceLabels);
  const narrowed: DnsView =
    selects || namespaceSelects || config.noEndpoints
      ? {
          ...view,
          services: selected(view.services),
          endpoints: config.noEndpoints ? [] : selected(view.endpoints),
          pods: selected(view.pods),
          namespaceExists: namespaceSelects
            ? (namespace) => {
                const labels = view.namespaceLabels.get(namespace);
                return labels !== undefined && namespaceSelects(labels);
              }
            : view.namespaceExists,
        }
      : view;
  const backend = { config, view: narrowed };
  perConfig.set(config, backend);
  return backend;
}

const ok = (services: BackendService[]): BackendResult => ({ services, nameError: false });
export const nameError: BackendResult = { services: [], nameError: true };

export function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

/** parseRequest (parse.go): the parts of a name below the zone; undefined for an invalid name. */
export function parseRequest(name: string, zone: string, zonal = false): RecordRequest | undefined {
  const r: RecordRequest = {
    port: '',
    protocol: '',
    endpoint: '',
    topologyZone: '',
    zonePrefer: false,
    service: '',
    namespace: '',
    podOrSvc: '',
  };
  const base = trimZone(name, zone);
  if (base === '' || base === 'svc' || base === 'pod') return r;
  const segs = splitLabels(base);
  let last = segs.length - 1;
  r.podOrSvc = segs[last] ?? '';
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') return undefined;
  if (--last < 0) return r;
  r.namespace = segs[last] ?? '';
  if (--last < 0) return r;
  r.service = segs[last] ?? '';
  if (--last < 0) return r;
  if (last === 0) {
    r.endpoint = segs[0] ?? '';
  } else if (last === 1) {
    r.protocol = stripUnderscore(segs[1] ?? '');
    r.port = stripUnderscore(segs[0] ?? '');
  } else {
    // A zone-scoped name `<zone>.pin|prefer._zone.<service>.<namespace>.svc` (the zone may
    // span labels); anything else this long is too long: NXDOMAIN.
    if (!zonal || segs[last] !== zoneLabel || r.podOrSvc !== 'svc') return undefined;
    const directive = segs[last - 1];
    if (directive !== 'pin' && directive !== 'prefer') return undefined;
    r.zonePrefer = directive === 'prefer';
    r.topologyZone = segs.slice(0, last - 1).join('.');
  }
  return r;
}

/** `match` (kubernetes.go): equal ignoring case. */
export function match(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** matchPortAndProtocol (kubernetes.go): the request's port and protocol, when given, match. */
export function matchPortAndProtocol(
  aPort: string,
  bPort: string,
  aProto: string,
  bProto: string,
): boolean {
  return (aPort === '' || match(aPort, bPort)) && (aProto === '' || match(aProto, bProto));
}

/** endpointHostname (kubernetes.go): hostname, pod name (endpoint_pod_names), or the IP's dashes. */
export function endpointHostname(addr: DnsEndpointAddress, endpointPodNames: boolean): string {
  if (addr.hostname !== '') return addr.hostname;
  if (endpointPodNames && addr.targetRefName !== '') return addr.targetRefName;
  if (addr.ip.includes('.')) return addr.ip.replaceAll('.', '-');
  if (addr.ip.includes(':')) {
    const name = addr.ip.replaceAll(':', '-');
    return name.endsWith('-') ? `${name}0` : name;
  }
  return '';
}

/** namespaceExposed (namespace.go): allowed by `namespaces` and existing. */
export function namespaceExposed(b: Backend, namespace: string): boolean {
  const allowed = b.config.namespaces.length === 0 || b.config.namespaces.includes(namespace);
  return allowed && b.view.namespaceExists(namespace);
}

/** findPods (kubernetes.go): `a-b-c-d.<ns>.pod.<zone>` under `pods insecure|verified`. */
function findPods(b: Backend, r: RecordRequest, zone: string): BackendResult {
  if (b.config.podMode === 'disabled') return nameError;
  if (!namespaceExposed(b, r.namespace)) return nameError;
  const podname = r.service;
  if (podname === '') return ok([]);
  const key = joinName(podname, r.namespace, 'pod', zone);
  const ip =
    (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--')
      ? podname.replaceAll('-', '.')
      : podname.replaceAll('-', ':');
  const ttl = b.config.ttl;
  if (b.config.podMode === 'insecure') {
    return parseIP(ip) ? ok([{ host: ip, port: 0, ttl, key }]) : nameError;
  }
  const pods = b.view.pods.filter((p) => p.podIP === ip && match(r.namespace, p.namespace));
  return pods.length > 0 ? ok(pods.map(() => ({ host: ip, port: 0, ttl, key }))) : nameError;
}

/**
 * The endpoint answers of a Service (kubernetes.go findServices, external.go External): each
 * address (in `topologyZone`, when given) whose hostname matches the request's endpoint, on each
 * port matching its port and protocol, named `<hostname>.<base>`.
 */
export function endpointRecords(
  b: Backend,
  svc: DnsService,
  r: Pick<RecordRequest, 'endpoint' | 'port' | 'protocol'>,
  base: string[],
  topologyZone = '',
): BackendService[] {
  const out: BackendService[] = [];
  const index = `${svc.name}.${svc.namespace}`;
  for (const ep of b.view.endpoints) {
    if (ep.index !== index) continue;
    for (const addr of ep.addresses) {
      if (topologyZone !== '' && addr.zone !== topologyZone) continue;
      const hostname = endpointHostname(addr, b.config.endpointPodNames);
      if (r.endpoint !== '' && !match(r.endpoint, hostname)) continue;
      for (const p of ep.ports) {
        if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
        out.push({
          host: addr.ip,
          port: p.port,
          ttl: b.config.ttl,
          key: joinName(hostname, ...base),
        });
      }
    }
  }
  return out;
}

/** findServices (kubernetes.go): ClusterIP, headless endpoint and ExternalName answers. */
function findServices(b: Backend, r: RecordRequest, zone: string): BackendResult {
  if (!namespaceExposed(b, r.namespace)) return nameError;
  if (r.service === '') return ok([]);
  const { view, config } = b;
  const ttl = config.ttl;
  const index = `${r.service}.${r.namespace}`.toLowerCase();
  const endpointsOf = (idx: string) => view.endpoints.filter((e) => e.index.toLowerCase() === idx);
  let found = false;
  const services: BackendService[] = [];
  for (const svc of view.services) {
    if (`${svc.name}.${svc.namespace}`.toLowerCase() !== index) continue;
    if (!match(r.namespace, svc.namespace) || !match(r.service, svc.name)) continue;
    const headless = svc.clusterIPs[0] === 'None';
    if (config.ignoreEmptyService && svc.type !== 'ExternalName' && !headless) {
      const count = endpointsOf(index).reduce((n, e) => n + e.addresses.length, 0);
      if (count === 0) continue;
    }
    // Zone-scoped names are defined for headless Services only.
    if (r.topologyZone !== '' && !headless) continue;
    const base = [svc.name, svc.namespace, 'svc', zone];
    if (svc.type === 'ExternalName') {
      if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') continue;
      if (!parseIP(svc.externalName)) {
        services.push({ host: svc.externalName, port: 0, ttl, key: joinName(...base) });
        found = true;
      }
      continue;
    }
    if (headless || r.endpoint !== '') {
      // A zone-scoped name of a headless Service exists: no endpoints in the zone is NODATA.
      if (r.topologyZone !== '') found = true;
      let added = endpointRecords(b, svc, r, base, r.topologyZone);
      if (added.length === 0 && r.zonePrefer) added = endpointRecords(b, svc, r, base);
      if (added.length > 0) found = true;
      services.push(...added);
      continue;
    }
    for (const p of svc.ports) {
      if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
      found = true;
      for (const ip of svc.clusterIPs) {
        services.push({ host: ip, port: p.port, ttl, key: joinName(...base) });
      }
    }
  }
  return found ? ok(services) : nameError;
}

/** Records (kubernetes.go): the backend answer for a name in the zone (`name` lowercased). */
export function records(b: Backend, name: string, zone: string): BackendResult {
  const r = parseRequest(name, zone, b.config.zonal);
  if (!r) return nameError;
  if (r.podOrSvc === '') return ok([]);
  if (isReverse(name) > 0) return nameError;
  if (!namespaceExposed(b, r.namespace)) return nameError;
  return r.podOrSvc === 'pod' ? findPods(b, r, zone) : findServices(b, r, zone);
}
