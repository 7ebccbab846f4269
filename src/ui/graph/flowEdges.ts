/**
 * The graph's edges: each Service to its endpoints (a pod, a node's address for host-network
 * endpoints, or an address outside the cluster for manual endpoints), an ExternalName Service to
 * its external name, and each load balancer to its Service. (Clients get no edges: a request's
 * path is drawn by the traffic layer, from the engine's trace.)
 */
import type { EndpointSummary, ServiceSummary, SimulationSummary } from '../../worker/protocol';
import {
  clusterNodeId,
  externalId,
  loadBalancerId,
  podId,
  serviceId,
  type EndpointEdgeState,
  type FlowEdge,
  type FlowNode,
} from './flowTypes';

export interface ExternalPlace {
  id: string;
  address: string;
  note: string;
}

function edgeState(endpoint: EndpointSummary): EndpointEdgeState {
  if (endpoint.ready) return 'ready';
  return endpoint.terminating ? 'terminating' : 'not-ready';
}

/** Ready wins over not-ready, which wins over terminating, when endpoints share a target. */
const rank: Record<EndpointEdgeState, number> = {
  ready: 3,
  'not-ready': 2,
  terminating: 1,
  route: 0,
};

function edge(source: string, target: string, state: EndpointEdgeState): FlowEdge {
  return {
    id: `${source}->${target}`,
    source,
    target,
    data: { state },
    className: `endpoint-edge edge-${state}`,
    selectable: false,
    focusable: false,
  };
}

export function toEdges(
  summary: SimulationSummary,
  services: ServiceSummary[],
  nodes: FlowNode[],
  aggregatePods: boolean,
): { edges: FlowEdge[]; externals: ExternalPlace[] } {
  const drawnPods = new Set<string>();
  for (const node of nodes) if (node.type === 'pod') drawnPods.add(node.data.pod.key);
  // Pods by IP and by name, built only when an endpoint needs them (a large cluster has 50,000
  // pods, and its endpoints name their pod and node).
  let podsByIP: Map<string, string> | undefined;
  let podNode: Map<string, string> | undefined;
  const indexPods = () => {
    podsByIP = new Map();
    podNode = new Map();
    for (const pod of summary.pods) {
      for (const ip of pod.podIPs) podsByIP.set(ip, pod.key);
      if (pod.nodeName) podNode.set(pod.key, pod.nodeName);
    }
  };
  const podAt = (ip: string) => {
    if (!podsByIP) indexPods();
    return podsByIP?.get(ip);
  };
  const nodeOf = (pod: string) => {
    if (!podNode) indexPods();
    return podNode?.get(pod);
  };
  const nodesByIP = new Map<string, string>();
  for (const node of summary.nodes) for (const ip of node.internalIPs) nodesByIP.set(ip, node.name);

  const externals = new Map<string, ExternalPlace>();
  const edges: FlowEdge[] = [];

  for (const service of services) {
    const source = serviceId(service.key);
    for (const address of service.loadBalancerIngress) {
      edges.push(edge(loadBalancerId(address), source, 'route'));
    }
    if (service.type === 'ExternalName' && service.externalName) {
      const id = externalId(service.externalName);
      if (!externals.has(id)) {
        externals.set(id, { id, address: service.externalName, note: 'external name (DNS CNAME)' });
      }
      edges.push(edge(source, id, 'route'));
      continue;
    }
    const targets = new Map<string, EndpointEdgeState>();
    for (const endpoint of service.endpoints) {
      const pod = endpoint.pod ?? podAt(endpoint.ip);
      let target: string;
      if (pod && drawnPods.has(pod)) target = podId(pod);
      else if (pod && aggregatePods && (endpoint.nodeName ?? nodeOf(pod))) {
        target = clusterNodeId(endpoint.nodeName ?? nodeOf(pod) ?? '');
      } else if (nodesByIP.has(endpoint.ip))
        target = clusterNodeId(nodesByIP.get(endpoint.ip) ?? '');
      else {
        target = externalId(endpoint.ip);
        if (!externals.has(target)) {
          const note = service.selector ? 'endpoint outside the cluster' : 'manual endpoint';
          externals.set(target, { id: target, address: endpoint.ip, note });
        }
      }
      const state = edgeState(endpoint);
      const known = targets.get(target);
      if (!known || rank[state] > rank[known]) targets.set(target, state);
    }
    for (const [target, state] of targets) edges.push(edge(source, target, state));
  }
  const seen = new Set<string>();
  const unique = edges.filter((e) => !seen.has(e.id) && Boolean(seen.add(e.id)));
  return { edges: unique, externals: [...externals.values()] };
}
