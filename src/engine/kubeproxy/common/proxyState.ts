/**
 * The whole state one kube-proxy instance (one node, one IP family) works from: its node
 * context and every Service port with its endpoints, in a stable order. A cache carried from one
 * computation to the next reuses what did not change (pkg/proxy/servicechangetracker.go,
 * endpointschangetracker.go: kube-proxy, too, only reprocesses changed objects).
 */
import type { Cluster, EndpointSlice, Node, Service } from '../../model';
import type { Family } from '../../net/ip';
import {
  computeServiceEndpoints,
  groupSlicesByService,
  servicePortKey,
  sliceServiceKey,
  type EndpointInfo,
} from './endpoints';
import {
  computeLocalDetector,
  computeNodePortAddresses,
  nodeInterfaceAddresses,
  nodePrimaryIP,
  type LocalTrafficDetector,
  type NodePortAddresses,
} from './node';
import { computeServicePorts, type ServicePortInfo } from './servicePort';

/** The node-level inputs of rule generation. */
export interface ProxyNodeContext {
  nodeName: string;
  node: Node | undefined;
  family: Family;
  /** Addresses on the node's interfaces (loopback first). */
  interfaceAddresses: string[];
  /** The node's primary IP of this family, if any. */
  nodeIP: string | undefined;
  nodeLabels: Readonly<Record<string, string>>;
  nodePortAddresses: NodePortAddresses;
  localDetector: LocalTrafficDetector | undefined;
}

/** One Service port with every endpoint kube-proxy knows for it (all nodes, this family). */
export interface ServicePortState {
  info: ServicePortInfo;
  endpoints: readonly EndpointInfo[];
}

export interface ProxyState {
  context: ProxyNodeContext;
  ports: ServicePortState[];
}

const noEndpoints: readonly EndpointInfo[] = Object.freeze([]);

/** What the last computation saw and produced, for patching when only a few objects changed. */
interface LastState {
  nodeName: string;
  family: Family;
  services: readonly Service[];
  slices: readonly EndpointSlice[];
  /** Slices by Service, updated in place by patches. */
  grouped: Map<string, EndpointSlice[]>;
  ports: ServicePortState[];
  /** Position in `ports` of each port. */
  index: Map<ServicePortInfo, number>;
  /** Positions in `ports` of each Service's ports, by `namespace/name`. */
  byService: Map<string, number[]>;
}

/** Reuses per-Service work between computations; keep one per node and family. */
export interface ProxyStateCache {
  services: WeakMap<Service, ServicePortInfo[]>;
  endpoints: Map<string, { slices: EndpointSlice[]; byPort: Map<string, EndpointInfo[]> }>;
  last?: LastState | undefined;
}

export function createProxyStateCache(): ProxyStateCache {
  return { services: new WeakMap(), endpoints: new Map(), last: undefined };
}

/** Indices where two lists of the same length hold different objects; undefined past `limit`. */
function changedIndices<T>(a: readonly T[], b: readonly T[], limit: number): number[] | undefined {
  if (a.length !== b.length) return undefined;
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      out.push(i);
      if (out.length > limit) return undefined;
    }
  }
  return out;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Finds a node by name; undefined when the cluster has none of that name. */
export function findNode(cluster: Cluster, nodeName: string): Node | undefined {
  return cluster.nodes.find((n) => n?.metadata?.name === nodeName);
}

/** The node context of kube-proxy on `nodeName` for one family (cmd/kube-proxy/app/server.go, server_linux.go). */
export function computeNodeContext(
  cluster: Cluster,
  nodeName: string,
  family: Family,
): ProxyNodeContext {
  const node = findNode(cluster, nodeName);
  return {
    nodeName,
    node,
    family,
    interfaceAddresses: nodeInterfaceAddresses(node),
    nodeIP: nodePrimaryIP(node, family),
    nodeLabels: node?.metadata?.labels ?? {},
    nodePortAddresses: computeNodePortAddresses(
      cluster.proxy.nodePortAddresses ?? [],
      family,
      node,
    ),
    localDetector: computeLocalDetector(cluster.proxy, family, node),
  };
}

/** `namespace/name` of a Service, as its ports' serviceKey. */
function serviceKeyOf(service: Service): string {
  return `${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`;
}

/**
 * The ports of every Service, one per ServicePortName, the later of two winning: kube-proxy's
 * service map is keyed by port name (pkg/proxy/servicechangetracker.go serviceToServiceMap),
 * and a Service given twice (a snapshot read as it is) is kept as its last copy, the one an
 * update leaves, so `portsByService` holds one entry per Service.
 */
function uniquePorts(portsByService: Iterable<readonly ServicePortInfo[]>): ServicePortInfo[] {
  const byName = new Map<string, ServicePortInfo>();
  for (const ports of portsByService)
    for (const p of ports) byName.set(servicePortKey(p.nameString, p.protocol), p);
  return [...byName.values()];
}

function serviceOrder(a: ServicePortInfo, b: ServicePortInfo): number {
  if (a.serviceKey !== b.serviceKey) return a.serviceKey < b.serviceKey ? -1 : 1;
  return a.index - b.index;
}

/**
 * Every Service port kube-proxy on `nodeName` programs for `family`, in the order of the
 * Service's `namespace/name` then `spec.ports`, each with its endpoints.
 */
export function computeProxyState(
  cluster: Cluster,
  nodeName: string,
  family: Family,
  cache: ProxyStateCache = createProxyStateCache(),
): ProxyState {
  const context = computeNodeContext(cluster, nodeName, family);
  const patched = patchProxyState(cluster, nodeName, family, cache);
  if (patched) return { context, ports: patched };
  const portsByService = new Map<string, ServicePortInfo[]>();
  for (const service of cluster.services) {
    if (typeof service !== 'object' || service === null) continue;
    portsByService.set(serviceKeyOf(service), portsOf(cache, service, family));
  }
  const infos = uniquePorts(portsByService.values());
  infos.sort(serviceOrder);

  const grouped = groupSlicesByService(cluster.endpointSlices);
  const live = new Set<string>();
  const ports: ServicePortState[] = infos.map((info) => {
    const serviceKey = info.serviceKey;
    live.add(serviceKey);
    const slices = grouped.get(serviceKey) ?? [];
    let entry = cache.endpoints.get(serviceKey);
    if (!entry || !sameList(entry.slices, slices)) {
      entry = { slices, byPort: computeServiceEndpoints(slices, family, nodeName) };
      cache.endpoints.set(serviceKey, entry);
    }
    return {
      info,
      endpoints: entry.byPort.get(servicePortKey(info.nameString, info.protocol)) ?? noEndpoints,
    };
  });
  for (const key of cache.endpoints.keys()) if (!live.has(key)) cache.endpoints.delete(key);
  const index = new Map<ServicePortInfo, number>();
  const byService = new Map<string, number[]>();
  ports.forEach(({ info }, i) => {
    index.set(info, i);
    const list = byService.get(info.serviceKey);
    if (list) list.push(i);
    else byService.set(info.serviceKey, [i]);
  });
  cache.last = {
    nodeName,
    family,
    services: cluster.services,
    slices: cluster.endpointSlices,
    grouped,
    ports,
    index,
    byService,
  };
  return { context, ports };
}

function portsOf(cache: ProxyStateCache, service: Service, family: Family): ServicePortInfo[] {
  let ports = cache.services.get(service);
  if (!ports) {
    ports = computeServicePorts(service, family);
    cache.services.set(service, ports);
  }
  return ports;
}

/**
 * The last result patched for a few replaced Services and EndpointSlices (same positions, same
 * names and ports), or undefined when the change needs the full computation.
 */
function patchProxyState(
  cluster: Cluster,
  nodeName: string,
  family: Family,
  cache: ProxyStateCache,
): ServicePortState[] | undefined {
  const last = cache.last;
  if (!last || last.nodeName !== nodeName || last.family !== family) return undefined;
  const changedServices = changedIndices(last.services, cluster.services, 64);
  const changedSlices = changedIndices(last.slices, cluster.endpointSlices, 64);
  if (!changedServices || !changedSlices) return undefined;
  if (changedServices.length === 0 && changedSlices.length === 0) return last.ports;
  // Check every replaced Service first: nothing is changed unless the patch applies.
  const replacements: [ServicePortInfo, ServicePortInfo, number][] = [];
  const touched = new Set<string>();
  for (const i of changedServices) {
    const before = last.services[i];
    const after = cluster.services[i];
    if (typeof after !== 'object' || after === null || !before) return undefined;
    const old = portsOf(cache, before, family);
    const now = portsOf(cache, after, family);
    if (old.length !== now.length) return undefined;
    for (let p = 0; p < old.length; p++) {
      const o = old[p] as ServicePortInfo;
      const n = now[p] as ServicePortInfo;
      const at = last.index.get(o);
      if (at === undefined || o.serviceKey !== n.serviceKey || o.nameString !== n.nameString)
        return undefined;
      if (o.protocol !== n.protocol) return undefined;
      replacements.push([o, n, at]);
      touched.add(n.serviceKey);
    }
  }
  const ports = last.ports.slice();
  for (const [o, n, at] of replacements) {
    last.index.delete(o);
    last.index.set(n, at);
    ports[at] = { info: n, endpoints: (ports[at] as ServicePortState).endpoints };
  }
  // Regroup only the Services whose slices changed; their lists are new arrays.
  for (const i of changedSlices) {
    for (const slice of [last.slices[i], cluster.endpointSlices[i]]) {
      const key = slice && typeof slice === 'object' ? sliceServiceKey(slice) : undefined;
      if (key) touched.add(key);
    }
  }
  const regrouped = new Map<string, EndpointSlice[]>();
  for (const key of touched) {
    const candidates = slicesOf(cluster.endpointSlices, key, last, changedSlices);
    regrouped.set(key, groupSlicesByService(candidates).get(key) ?? []);
  }
  for (const [key, list] of regrouped) {
    if (list.length > 0) last.grouped.set(key, list);
    else last.grouped.delete(key);
    const positions = last.byService.get(key);
    if (!positions) continue;
    let entry = cache.endpoints.get(key);
    if (!entry || !sameList(entry.slices, list)) {
      entry = { slices: list, byPort: computeServiceEndpoints(list, family, nodeName) };
      cache.endpoints.set(key, entry);
    }
    for (const at of positions) {
      const info = (ports[at] as ServicePortState).info;
      ports[at] = {
        info,
        endpoints: entry.byPort.get(servicePortKey(info.nameString, info.protocol)) ?? noEndpoints,
      };
    }
  }
  last.services = cluster.services;
  last.slices = cluster.endpointSlices;
  last.ports = ports;
  return ports;
}

/** The slices of one Service now: its last list with the changed positions swapped in. */
function slicesOf(
  slices: readonly EndpointSlice[],
  key: string,
  last: LastState,
  changed: readonly number[],
): EndpointSlice[] {
  const replaced = new Set<EndpointSlice>();
  for (const i of changed) {
    const before = last.slices[i];
    if (before) replaced.add(before);
  }
  const out = (last.grouped.get(key) ?? []).filter((s) => !replaced.has(s));
  for (const i of changed) {
    const now = slices[i];
    if (now) out.push(now);
  }
  // In input order, as the full computation groups them (groups are small).
  return out.sort((a, b) => slices.indexOf(a) - slices.indexOf(b));
}
