/**
 * The per-port view kube-proxy takes of a Service: one ServicePort per `spec.ports[]` entry and
 * IP family, with the fields every proxy mode reads (pkg/proxy/serviceport.go, service.go).
 */
import type { Service } from '../../model';
import {
  formatCIDR,
  formatIP,
  parseCIDRSloppy,
  parseIPSloppy as parseSloppy,
  type Family,
  type IP,
} from '../../net/ip';

export type ProxyProtocol = 'TCP' | 'UDP' | 'SCTP';

/** A ServicePortName: `namespace/name:port` plus protocol (pkg/proxy/types.go ServicePortName). */
export interface ServicePortName {
  namespace: string;
  name: string;
  port: string;
  protocol: ProxyProtocol;
}

/** What kube-proxy keeps about one Service port in one IP family (pkg/proxy/serviceport.go BaseServicePortInfo). */
export interface ServicePortInfo {
  portName: ServicePortName;
  /** `ns/name:port` (or `ns/name` for an unnamed port), as ServicePortName.String(). */
  nameString: string;
  /** `namespace/name` of the Service. */
  serviceKey: string;
  /** Position of the port in `spec.ports`, for a stable order. */
  index: number;
  clusterIP: string;
  port: number;
  protocol: ProxyProtocol;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  healthCheckNodePort: number;
  /** The Service this port belongs to (identity used by caches). */
  service: Service;
}

/** netutils.ParseIPSloppy (net/ip.ts), cached: kube-proxy reads every endpoint's address with it. */
export function parseIPSloppy(text: string): IP | undefined {
  if (typeof text !== 'string') return undefined;
  const cached = sloppyCache.get(text);
  if (cached !== undefined || sloppyCache.has(text)) return cached;
  const parsed = parseSloppy(text);
  if (sloppyCache.size > 100_000) sloppyCache.clear();
  sloppyCache.set(text, parsed);
  return parsed;
}

const sloppyCache = new Map<string, IP | undefined>();

/** netutils.ParseCIDRSloppy (net/ip.ts), for kube-proxy's readers of this module. */
export { parseCIDRSloppy };

/** `ns/name:port` or `ns/name` (pkg/proxy/types.go ServicePortName.String). */
export function servicePortNameString(p: Omit<ServicePortName, 'protocol'>): string {
  return `${p.namespace}/${p.name}${p.port ? `:${p.port}` : ''}`;
}

/** The cluster IP of the family, allowing for skew between clusterIP and clusterIPs (pkg/proxy/util/utils.go GetClusterIPByFamily). */
export function clusterIPByFamily(family: Family, service: Service): string {
  const spec = service.spec ?? {};
  const families = spec.ipFamilies ?? [];
  if (families.length === 0) {
    const ip = spec.clusterIP ?? '';
    if (ip === '' || ip === 'None') return '';
    return (parseIPSloppy(ip)?.family ?? 4) === family ? ip : '';
  }
  const wanted = family === 4 ? 'IPv4' : 'IPv6';
  const index = families.indexOf(wanted);
  if (index === -1) return '';
  return spec.clusterIPs?.[index] ?? '';
}

/** Whether kube-proxy ignores the Service entirely (pkg/proxy/util/utils.go ShouldSkipService). */
export function shouldSkipService(service: Service): boolean {
  const spec = service.spec ?? {};
  const ip = spec.clusterIP ?? '';
  if (ip === '' || ip === 'None') return true;
  return spec.type === 'ExternalName';
}

function byFamily(values: readonly unknown[] | undefined, family: Family): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    if (typeof v !== 'string') continue;
    const ip = parseIPSloppy(v);
    if (ip && ip.family === family) out.push(formatIP(ip));
  }
  return out;
}

/** The source ranges of the family; none when one is a zero CIDR, which allows any (pkg/proxy/serviceport.go newBaseServiceInfo). */
function sourceRangesByFamily(values: readonly unknown[] | undefined, family: Family): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    if (typeof v !== 'string') continue;
    const cidr = parseCIDRSloppy(v.trim());
    if (!cidr || cidr.ip.family !== family) continue;
    if (cidr.prefix === 0) return [];
    out.push(formatCIDR(cidr));
  }
  return out;
}

function toProtocol(value: unknown): ProxyProtocol {
  return value === 'UDP' || value === 'SCTP' ? value : 'TCP';
}

/** Whether the Service type exposes it outside the cluster (pkg/apis/core/v1/helper ExternallyAccessible). */
function serviceExternallyAccessible(service: Service): boolean {
  const spec = service.spec ?? {};
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0)
  );
}

/**
 * Every ServicePort kube-proxy derives from one Service for one IP family; empty when the
 * Service is skipped (pkg/proxy/servicechangetracker.go serviceToServiceMap, serviceport.go newBaseServiceInfo).
 */
export function computeServicePorts(service: Service, family: Family): ServicePortInfo[] {
  if (typeof service !== 'object' || service === null) return [];
  if (shouldSkipService(service)) return [];
  const clusterIPText = clusterIPByFamily(family, service);
  const clusterIPParsed = parseIPSloppy(clusterIPText);
  if (!clusterIPParsed) return [];
  const spec = service.spec ?? {};
  const namespace = service.metadata?.namespace ?? '';
  const name = service.metadata?.name ?? '';
  const clientIP = spec.sessionAffinity === 'ClientIP';
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  const externalPolicyLocal =
    serviceExternallyAccessible(service) && spec.externalTrafficPolicy === 'Local';
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  const vips: string[] = [];
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    if (!ingress || typeof ingress.ip !== 'string' || ingress.ip === '') continue;
    if (ingress.ipMode === 'Proxy') continue;
    const ip = parseIPSloppy(ingress.ip);
    if (ip && ip.family === family) vips.push(formatIP(ip));
  }
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  return ports.map((p, index) => {
    const protocol = toProtocol(p?.protocol);
    const portName: ServicePortName = { namespace, name, port: p?.name ?? '', protocol };
    return {
      portName,
      nameString: servicePortNameString(portName),
      serviceKey: `${namespace}/${name}`,
      index,
      clusterIP: formatIP(clusterIPParsed),
      port: Number(p?.port ?? 0),
      protocol,
      nodePort: Number(p?.nodePort ?? 0),
      externalIPs: byFamily(spec.externalIPs, family),
      loadBalancerVIPs: vips,
      loadBalancerSourceRanges: sourceRangesByFamily(spec.loadBalancerSourceRanges, family),
      sessionAffinityClientIP: clientIP,
      stickyMaxAgeSeconds: clientIP ? (typeof timeout === 'number' ? timeout : 10800) : 0,
      externalPolicyLocal,
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      healthCheckNodePort: needsHealthCheck ? Number(spec.healthCheckNodePort ?? 0) : 0,
      service,
    };
  });
}

/** Whether the port is reachable from outside: node port, load balancer IP or external IP (pkg/proxy/serviceport.go ExternallyAccessible). */
export function externallyAccessible(info: ServicePortInfo): boolean {
  return info.nodePort !== 0 || info.loadBalancerVIPs.length > 0 || info.externalIPs.length > 0;
}

/**
 * Whether some traffic to the port uses cluster-wide endpoints: internal traffic under the
 * Cluster policy, or any external traffic, even under the Local policy, whose pod and node
 * traffic is short-circuited to them (pkg/proxy/serviceport.go UsesClusterEndpoints).
 */
export function usesClusterEndpoints(info: ServicePortInfo): boolean {
  return !info.internalPolicyLocal || externallyAccessible(info);
}

/** Whether some traffic to the port uses node-local endpoints only (pkg/proxy/serviceport.go UsesLocalEndpoints). */
export function usesLocalEndpoints(info: ServicePortInfo): boolean {
  return info.internalPolicyLocal || (externallyAccessible(info) && info.externalPolicyLocal);
}
