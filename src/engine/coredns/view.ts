/**
 * What CoreDNS's informers hold: Services, EndpointSlices and Pods stripped to the fields the
 * `kubernetes` plugin reads (plugin/kubernetes/object/{service,endpoint,pod}.go), and the
 * namespaces that exist.
 */
import { builtinDnsServerIP } from './resolvConf';
import type { Cluster, EndpointSlice, Pod, Service } from '../model';

export interface DnsServicePort {
  name: string;
  protocol: string;
  port: number;
}

export interface DnsService {
  name: string;
  namespace: string;
  /** `spec.clusterIPs`, else `[spec.clusterIP]`; `None` first marks a headless Service. */
  clusterIPs: string[];
  type: string;
  externalName: string;
  /** The Service's ports; one sentinel port -1 when it has none. */
  ports: DnsServicePort[];
  /** Its labels, for the plugin's `labels` selector. */
  labels: Labels;
  /** `spec.externalIPs`, then each load balancer ingress's IP or hostname (k8s_external). */
  externalIPs: readonly string[];
}

export interface DnsEndpointAddress {
  ip: string;
  hostname: string;
  /** The endpoint's topology zone, lowercased ('' when it has none). */
  zone: string;
  nodeName: string;
  targetRefName: string;
}

/** One EndpointSlice as CoreDNS converts it: ready addresses only, ports (or the -1 sentinel). */
export interface DnsEndpoints {
  name: string;
  namespace: string;
  /** `<service-name label>.<namespace>`. */
  index: string;
  addresses: DnsEndpointAddress[];
  ports: DnsServicePort[];
  labels: Labels;
}

export interface DnsPod {
  name: string;
  namespace: string;
  podIP: string;
  labels: Labels;
}

type Labels = Readonly<Record<string, string>>;
const noLabels: Labels = Object.freeze({});

export interface DnsView {
  services: DnsService[];
  endpoints: DnsEndpoints[];
  pods: DnsPod[];
  namespaceExists: (namespace: string) => boolean;
  /** The labels of each Namespace object (not terminating), for `namespace_labels`. */
  namespaceLabels: ReadonlyMap<string, Labels>;
  /** SOA serial: `dnsControl.Modified`, the Unix time of the last change CoreDNS saw. */
  serial: number;
  /** Addresses of the CoreDNS instance that answers (plugin/kubernetes/local.go boundIPs). */
  localIPs: string[];
}

const namespaceOf = (o: { metadata?: { namespace?: string } }) =>
  o.metadata?.namespace ?? 'default';

const none: readonly string[] = Object.freeze([]);

function externalIPsOf(svc: Service): readonly string[] {
  const ips = svc.spec?.externalIPs ?? [];
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ips.length === 0 && ingress.length === 0) return none;
  return [...ips, ...ingress.map((i) => (i.ip ? i.ip : (i.hostname ?? '')))];
}

/** object.ToService (plugin/kubernetes/object/service.go). */
export function toDnsService(svc: Service): DnsService {
  const spec = svc.spec ?? {};
  const clusterIPs =
    spec.clusterIPs && spec.clusterIPs.length > 0 ? [...spec.clusterIPs] : [spec.clusterIP ?? ''];
  const ports =
    spec.ports && spec.ports.length > 0
      ? spec.ports.map((p) => ({
          name: p.name ?? '',
          protocol: p.protocol ?? '',
          port: p.port ?? 0,
        }))
      : [{ name: '', protocol: '', port: -1 }];
  return {
    name: svc.metadata?.name ?? '',
    namespace: namespaceOf(svc),
    clusterIPs,
    type: spec.type ?? '',
    externalName: spec.externalName ?? '',
    ports,
    labels: svc.metadata?.labels ?? noLabels,
    externalIPs: externalIPsOf(svc),
  };
}

/** object.EndpointSliceToEndpoints (plugin/kubernetes/object/endpoint.go). */
export function toDnsEndpoints(slice: EndpointSlice): DnsEndpoints {
  const namespace = namespaceOf(slice);
  const serviceName = slice.metadata?.labels?.['kubernetes.io/service-name'] ?? '';
  const ports =
    slice.ports && slice.ports.length > 0
      ? slice.ports.map((p) => ({
          name: p.name ?? '',
          protocol: p.protocol ?? '',
          port: p.port ?? -1,
        }))
      : [{ name: '', protocol: '', port: -1 }];
  const addresses: DnsEndpointAddress[] = [];
  for (const endpoint of slice.endpoints ?? []) {
    // A nil `ready` is an unknown state, which consumers treat as ready.
    if (endpoint.conditions?.ready === false) continue;
    const targetName = endpoint.targetRef?.name ?? '';
    const zone = endpoint.zone?.toLowerCase() ?? '';
    for (const ip of endpoint.addresses ?? []) {
      addresses.push({
        ip,
        hostname: endpoint.hostname ?? '',
        zone,
        nodeName: endpoint.nodeName ?? '',
        // Pod names too long to be a label are ignored.
        targetRefName: targetName.length < 64 ? targetName : '',
      });
    }
  }
  return {
    name: slice.metadata?.name ?? '',
    namespace,
    index: `${serviceName}.${namespace}`,
    addresses,
    ports,
    labels: slice.metadata?.labels ?? noLabels,
  };
}

/** Phases the pod informer's field selector leaves out (controller.go podListFunc). */
const unwatchedPhases = new Set(['Succeeded', 'Failed', 'Unknown']);

function toDnsPod(pod: Pod): DnsPod | undefined {
  // Terminating pods are dropped from the informer (object/pod.go ToPod).
  if (pod.metadata?.deletionTimestamp) return undefined;
  if (unwatchedPhases.has(pod.status?.phase ?? '')) return undefined;
  return {
    name: pod.metadata?.name ?? '',
    namespace: namespaceOf(pod),
    podIP: pod.status?.podIP ?? '',
    labels: pod.metadata?.labels ?? noLabels,
  };
}

function unixSeconds(timestamp: string | undefined): number {
  const ms = timestamp === undefined ? NaN : Date.parse(timestamp);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

/**
 * The namespaces that exist. A snapshot with no Namespace objects (CoreDNS's own test fixtures)
 * is read as one where every namespace exists; otherwise a namespace exists when a Namespace
 * object names it or an object lives in it (the API server keeps no object without its namespace).
 */
function namespaceIndex(cluster: Cluster): {
  exists: (namespace: string) => boolean;
  labels: Map<string, Labels>;
} {
  const labels = new Map<string, Labels>();
  for (const ns of cluster.namespaces) {
    if (!ns.metadata?.deletionTimestamp) {
      labels.set(ns.metadata?.name ?? '', ns.metadata?.labels ?? noLabels);
    }
  }
  if (cluster.namespaces.length === 0) return { exists: () => true, labels };
  const names = new Set<string>(labels.keys());
  for (const o of [...cluster.services, ...cluster.endpointSlices, ...cluster.pods]) {
    names.add(namespaceOf(o));
  }
  return { exists: (namespace) => names.has(namespace), labels };
}

/** The CoreDNS pod answering: the first ready endpoint of the Service the pods' resolv.conf names. */
function corednsAddresses(cluster: Cluster, endpoints: DnsEndpoints[]): string[] {
  const serverIP = builtinDnsServerIP(cluster.settings);
  const service =
    cluster.services.find((s) => (s.spec?.clusterIPs ?? [s.spec?.clusterIP]).includes(serverIP)) ??
    cluster.services.find(
      (s) => s.metadata?.namespace === 'kube-system' && s.metadata.name === 'kube-dns',
    );
  if (!service) return [];
  const index = `${service.metadata?.name ?? ''}.${namespaceOf(service)}`;
  const first = endpoints.find((e) => e.index === index && e.addresses.length > 0)?.addresses[0];
  if (!first) return [];
  const pod = cluster.pods.find((p) => p.status?.podIP === first.ip);
  const podIPs = (pod?.status?.podIPs ?? []).map((p) => p.ip ?? '').filter((ip) => ip !== '');
  return podIPs.length > 0 ? podIPs : [first.ip];
}

/**
 * CoreDNS's cache of the cluster. Without a CoreDNS pod among the endpoints (a bare snapshot),
 * CoreDNS is taken to listen on 127.0.0.1, as the plugin's own tests configure it.
 */
export function computeDnsView(cluster: Cluster): DnsView {
  const endpoints = cluster.endpointSlices.map(toDnsEndpoints);
  const stamps = [
    ...cluster.services,
    ...cluster.endpointSlices,
    ...cluster.pods,
    ...cluster.namespaces,
  ].map((o) => unixSeconds(o.metadata?.creationTimestamp));
  const localIPs = corednsAddresses(cluster, endpoints);
  const namespaces = namespaceIndex(cluster);
  return {
    services: cluster.services.map(toDnsService),
    endpoints,
    pods: cluster.pods.flatMap((p) => toDnsPod(p) ?? []),
    namespaceExists: namespaces.exists,
    namespaceLabels: namespaces.labels,
    serial: Math.max(0, ...stamps) >>> 0,
    localIPs: localIPs.length > 0 ? localIPs : ['127.0.0.1'],
  };
}
