/**
 * The endpoints kube-proxy sees for each Service port: every EndpointSlice of a Service merged,
 * deduplicated, split by IP family, sorted (pkg/proxy/endpointslicecache.go, endpoint.go).
 */
import type { EndpointSlice } from '../../model';
import { formatIP, joinHostPort, parseIP, type Family } from '../../net/ip';
import { parseIPSloppy, type ProxyProtocol, type ServicePortName } from './servicePort';

/** One endpoint of one Service port (pkg/proxy/endpoint.go BaseEndpointInfo). */
export interface EndpointInfo {
  /** The address as Go prints it after ParseIPSloppy (as written when it does not parse). */
  ip: string;
  port: number;
  /** `ip:port`, or `[ip]:port` for IPv6 (net.JoinHostPort). */
  endpoint: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName: string | undefined;
  zone: string | undefined;
  /** Zone hints, or undefined when the endpoint has none. */
  zoneHints: ReadonlySet<string> | undefined;
  /** Node hints, or undefined when the endpoint has none. */
  nodeHints: ReadonlySet<string> | undefined;
}

/** The key a ServicePortName has in maps: name string and protocol. */
export function servicePortKey(nameString: string, protocol: ProxyProtocol): string {
  return `${nameString}\u0000${protocol}`;
}

/** net.JoinHostPort (net/ip.ts), for kube-proxy's readers of this module. */
export { joinHostPort };

/** The Service an EndpointSlice belongs to, from its `kubernetes.io/service-name` label (pkg/proxy/endpointslicecache.go endpointSliceCacheKeys). */
export function sliceServiceKey(slice: EndpointSlice): string | undefined {
  const name = slice.metadata?.labels?.['kubernetes.io/service-name'];
  if (typeof name !== 'string' || name === '') return undefined;
  return `${slice.metadata?.namespace ?? ''}/${name}`;
}

/** Groups EndpointSlices by the Service they belong to; slices without the label are ignored, as kube-proxy ignores them. */
export function groupSlicesByService(
  slices: readonly EndpointSlice[],
): Map<string, EndpointSlice[]> {
  const out = new Map<string, EndpointSlice[]>();
  for (const slice of slices) {
    if (typeof slice !== 'object' || slice === null) continue;
    if (slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6') continue;
    const key = sliceServiceKey(slice);
    if (!key) continue;
    const list = out.get(key);
    if (list) list.push(slice);
    else out.set(key, [slice]);
  }
  return out;
}

function toSet(list: { name?: string }[] | undefined): ReadonlySet<string> | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return new Set(list.map((h) => h?.name ?? ''));
}

/**
 * One slice per name, sorted by name: kube-proxy caches a Service's slices by name, so a slice
 * given twice (a snapshot read as it is) counts once, as its last copy, the one an update
 * leaves (pkg/proxy/endpointslicecache.go updatePending, endpointSliceCacheKeys).
 */
function slicesByName(slices: readonly EndpointSlice[]): EndpointSlice[] {
  const byName = new Map<string, EndpointSlice>();
  for (const slice of slices) byName.set(slice.metadata?.name ?? '', slice);
  return [...byName.values()].sort((a, b) =>
    (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1,
  );
}

/**
 * The endpoints of each port of one Service, for one family and one node: merged across the
 * Service's slices, deduplicated by `ip:port` (a local copy wins), sorted by `ip:port` as strings
 * (pkg/proxy/endpointslicecache.go endpointInfoByServicePort, addEndpoints, endpointsMapFromEndpointInfo).
 */
export function computeServiceEndpoints(
  slices: readonly EndpointSlice[],
  family: Family,
  nodeName: string,
): Map<string, EndpointInfo[]> {
  const byPort = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slicesByName(slices)) {
    const ports = Array.isArray(slice.ports) ? slice.ports : [];
    const name = slice.metadata?.labels?.['kubernetes.io/service-name'] ?? '';
    const namespace = slice.metadata?.namespace ?? '';
    for (const port of ports) {
      if (!port || typeof port.port !== 'number' || port.port === 0) continue;
      const protocol: ProxyProtocol =
        port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP';
      const portName: ServicePortName = { namespace, name, port: port.name ?? '', protocol };
      const nameString = `${namespace}/${name}${portName.port ? `:${portName.port}` : ''}`;
      const key = servicePortKey(nameString, protocol);
      let set = byPort.get(key);
      if (!set) byPort.set(key, (set = new Map()));
      for (const ep of Array.isArray(slice.endpoints) ? slice.endpoints : []) {
        const written = ep?.addresses?.[0];
        if (typeof written !== 'string') continue;
        // Go's utilnet.IsIPv6String: anything that is not an IPv6 address counts as IPv4.
        if ((written.includes(':') && parseIP(written)?.family === 6 ? 6 : 4) !== family) continue;
        // kube-proxy keeps the address as ParseIPSloppy(...).String() prints it (TestBadIPs).
        const parsed = parseIPSloppy(written);
        const first = parsed ? formatIP(parsed) : written;
        const conditions = ep.conditions ?? {};
        const isLocal = typeof ep.nodeName === 'string' && ep.nodeName === nodeName;
        const info: EndpointInfo = {
          ip: first,
          port: port.port,
          endpoint: joinHostPort(first, port.port),
          isLocal,
          ready: conditions.ready === undefined || conditions.ready === null || conditions.ready,
          serving:
            conditions.serving === undefined || conditions.serving === null || conditions.serving,
          terminating: conditions.terminating === true,
          nodeName: ep.nodeName,
          zone: ep.zone,
          zoneHints: toSet(ep.hints?.forZones),
          nodeHints: toSet(ep.hints?.forNodes),
        };
        if (!set.has(info.endpoint) || isLocal) set.set(info.endpoint, info);
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of byPort) {
    if (set.size === 0) continue;
    out.set(
      key,
      [...set.values()].sort((a, b) =>
        a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0,
      ),
    );
  }
  return out;
}
