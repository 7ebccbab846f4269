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

/** Reuses per-Service work between computations; keep one per node and family. */
export interface ProxyStateCache {
  services: WeakMap<Service, ServicePortInfo[]>;
  endpoints: Map<string, { slices: EndpointSlice[]; byPort: Map<string, EndpointInfo[]> }>;
}

export function createProxyStateCache(): ProxyStateCache {
  return { services: new WeakMap(), endpoints: new Map() };
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
  const infos: ServicePortInfo[] = [];
  const seen = new Set<string>();
  for (const service of cluster.services) {
    if (typeof service !== 'object' || service === null) continue;
    let ports = cache.services.get(service);
    if (!ports) {
      ports = computeServicePorts(service, family);
      cache.services.set(service, ports);
    }
    for (const p of ports) {
      const key = servicePortKey(p.nameString, p.protocol);
      if (seen.has(key)) continue;
      seen.add(key);
      infos.push(p);
    }
  }
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
  return { context, ports };
}
