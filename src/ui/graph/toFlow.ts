/**
 * The graph's model, derived from the simulation summary and the view: Services in a row on
 * top, each Node below as a group with its pods in a column, and an edge from each Service to
 * each of its endpoints. Pure and deterministic; positions depend only on the order of objects,
 * so the graph stays put while the text is typed.
 */
import type { Edge, Node } from '@xyflow/react';
import type {
  EndpointSummary,
  NodeSummary,
  PodSummary,
  ServiceSummary,
  SimulationSummary,
} from '../../worker/protocol';

export const layout = {
  serviceWidth: 184,
  serviceHeight: 84,
  podWidth: 160,
  podHeight: 58,
  nodeHeader: 58,
  gap: 16,
  padding: 12,
  rowGap: 90,
} as const;

export type ServiceNodeData = { service: ServiceSummary; selected: boolean };
export type PodNodeData = { pod: PodSummary };
export type ClusterNodeData = { node: NodeSummary | undefined; podCount: number };
export type ExternalNodeData = { address: string };

export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type PodFlowNode = Node<PodNodeData, 'pod'>;
export type ClusterFlowNode = Node<ClusterNodeData, 'clusterNode'>;
export type ExternalFlowNode = Node<ExternalNodeData, 'external'>;
export type FlowNode = ServiceFlowNode | PodFlowNode | ClusterFlowNode | ExternalFlowNode;

export type EndpointEdgeState = 'ready' | 'not-ready' | 'terminating';
export type FlowEdge = Edge<{ state: EndpointEdgeState }>;

export interface FlowView {
  selectedService: string | null;
}

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The group of pods that no node runs (not scheduled yet). */
const unscheduled = '(unscheduled)';

export const serviceId = (key: string) => `service:${key}`;
export const podId = (key: string) => `pod:${key}`;
export const clusterNodeId = (name: string) => `node:${name}`;
export const externalId = (address: string) => `external:${address}`;

function edgeState(endpoint: EndpointSummary): EndpointEdgeState {
  if (endpoint.ready) return 'ready';
  return endpoint.terminating ? 'terminating' : 'not-ready';
}

/** Pods by the node that runs them, in the order of the nodes, then the unscheduled ones. */
function groupPods(nodes: NodeSummary[], pods: PodSummary[]): [string, PodSummary[]][] {
  const groups = new Map<string, PodSummary[]>(nodes.map((n) => [n.name, []]));
  for (const pod of pods) {
    const name = pod.nodeName && groups.has(pod.nodeName) ? pod.nodeName : unscheduled;
    groups.set(name, [...(groups.get(name) ?? []), pod]);
  }
  return [...groups].filter(([name, list]) => name !== unscheduled || list.length > 0);
}

/** Where each endpoint goes: its pod (by reference, else by IP), a node (host network), or outside. */
function targetOf(
  endpoint: EndpointSummary,
  podKeys: Set<string>,
  podsByIP: Map<string, string>,
  nodesByIP: Map<string, string>,
): string {
  if (endpoint.pod && podKeys.has(endpoint.pod)) return podId(endpoint.pod);
  const pod = podsByIP.get(endpoint.ip);
  if (pod) return podId(pod);
  const node = nodesByIP.get(endpoint.ip);
  if (node) return clusterNodeId(node);
  return externalId(endpoint.ip);
}

export function toFlow(summary: SimulationSummary | undefined, view: FlowView): Flow {
  if (!summary) return { nodes: [], edges: [] };
  const { serviceWidth, serviceHeight, podWidth, podHeight, nodeHeader, gap, padding, rowGap } =
    layout;
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];

  const groups = groupPods(summary.nodes, summary.pods);
  const groupWidth = podWidth + 2 * padding;
  const columns = Math.max(groups.length, 3);

  // The input's Services first, in the order written; the built-in ones after them.
  const services = [
    ...summary.services.filter((s) => s.source),
    ...summary.services.filter((s) => !s.source),
  ];
  services.forEach((service, i) => {
    nodes.push({
      id: serviceId(service.key),
      type: 'service',
      position: {
        x: (i % columns) * (groupWidth + gap),
        y: Math.floor(i / columns) * (serviceHeight + gap),
      },
      data: { service, selected: service.key === view.selectedService },
      width: serviceWidth,
      height: serviceHeight,
    });
  });
  const servicesHeight = Math.ceil(services.length / columns) * (serviceHeight + gap) - gap;
  const groupsTop = Math.max(servicesHeight, 0) + rowGap;

  const nodeByName = new Map(summary.nodes.map((n) => [n.name, n]));
  groups.forEach(([name, pods], i) => {
    const id = clusterNodeId(name);
    const height = nodeHeader + pods.length * (podHeight + gap) + padding;
    nodes.push({
      id,
      type: 'clusterNode',
      position: { x: i * (groupWidth + gap), y: groupsTop },
      data: { node: nodeByName.get(name), podCount: pods.length },
      width: groupWidth,
      height,
      selectable: false,
    });
    pods.forEach((pod, j) => {
      nodes.push({
        id: podId(pod.key),
        type: 'pod',
        parentId: id,
        extent: 'parent',
        position: { x: padding, y: nodeHeader + j * (podHeight + gap) },
        data: { pod },
        width: podWidth,
        height: podHeight,
      });
    });
  });

  const podKeys = new Set(summary.pods.map((p) => p.key));
  const podsByIP = new Map<string, string>();
  for (const pod of summary.pods) for (const ip of pod.podIPs) podsByIP.set(ip, pod.key);
  const nodesByIP = new Map<string, string>();
  for (const node of summary.nodes) for (const ip of node.internalIPs) nodesByIP.set(ip, node.name);

  const externals: string[] = [];
  for (const service of services) {
    const seen = new Set<string>();
    for (const endpoint of service.endpoints) {
      const target = targetOf(endpoint, podKeys, podsByIP, nodesByIP);
      if (seen.has(target)) continue;
      seen.add(target);
      if (target.startsWith('external:') && !externals.includes(endpoint.ip)) {
        externals.push(endpoint.ip);
      }
      const state = edgeState(endpoint);
      edges.push({
        id: `${serviceId(service.key)}->${target}`,
        source: serviceId(service.key),
        target,
        data: { state },
        className: `endpoint-edge edge-${state}`,
        selectable: false,
      });
    }
  }

  const externalsLeft = columns * (groupWidth + gap) + gap;
  externals.forEach((address, i) => {
    nodes.push({
      id: externalId(address),
      type: 'external',
      position: { x: externalsLeft, y: groupsTop + i * (podHeight + gap) },
      data: { address },
      width: podWidth,
      height: podHeight - 8,
    });
  });
  return { nodes, edges };
}
