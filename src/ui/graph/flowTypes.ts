/** The graph's node and edge types, ids and sizes, shared by toFlow and the node components. */
import type { Edge, Node } from '@xyflow/react';
import type { ProxyMode } from '../../engine/model';
import type { NodeSummary, PodSummary, ServiceSummary } from '../../worker/protocol';

export const layout = {
  columnWidth: 204,
  clientWidth: 130,
  serviceHeight: 78,
  podHeight: 66,
  nodeHeader: 94,
  gap: 12,
  padding: 10,
  rowGap: 56,
  topHeight: 52,
  countHeight: 84,
} as const;

/** Above this many pods, each node shows its pods as counts; the graph stays responsive. */
export const maxDrawnPods = 150;
/** Above this many Services, the first ones are drawn and the rest counted. */
export const maxDrawnServices = 60;

export type ServiceNodeData = { service: ServiceSummary; selected: boolean; coreDNS: boolean };
export type PodNodeData = { pod: PodSummary; selected: boolean };
export type ClusterNodeData = {
  node: NodeSummary | undefined;
  name: string;
  podCount: number;
  proxyMode: ProxyMode;
  nodePorts: number[];
  selected: boolean;
  /** No Node was given: the node is one of the default cluster's, assumed by the engine. */
  assumed: boolean;
};
export type PodCountData = { ready: number; notReady: number; terminating: number };
export type ExternalNodeData = { address: string; note: string };
export type ClientNodeData = { address: string };
export type LoadBalancerNodeData = { address: string; service: string };
export type MoreServicesData = { count: number };

export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type PodFlowNode = Node<PodNodeData, 'pod'>;
export type ClusterFlowNode = Node<ClusterNodeData, 'clusterNode'>;
/** A node's header (name, InternalIP, kube-proxy mode, NodePorts), drawn above the edges. */
export type NodeHeaderFlowNode = Node<ClusterNodeData, 'nodeHeader'>;
export type PodCountFlowNode = Node<PodCountData, 'podCount'>;
export type ExternalFlowNode = Node<ExternalNodeData, 'external'>;
export type ClientFlowNode = Node<ClientNodeData, 'client'>;
export type LoadBalancerFlowNode = Node<LoadBalancerNodeData, 'loadBalancer'>;
export type MoreServicesFlowNode = Node<MoreServicesData, 'moreServices'>;
export type FlowNode =
  | ServiceFlowNode
  | PodFlowNode
  | ClusterFlowNode
  | NodeHeaderFlowNode
  | PodCountFlowNode
  | ExternalFlowNode
  | ClientFlowNode
  | LoadBalancerFlowNode
  | MoreServicesFlowNode;

export type EndpointEdgeState = 'ready' | 'not-ready' | 'terminating' | 'route';
export type FlowEdge = Edge<{ state: EndpointEdgeState }>;

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** True when pods or Services are counted rather than drawn one by one. */
  aggregated: boolean;
}

export const serviceId = (key: string) => `service:${key}`;
export const podId = (key: string) => `pod:${key}`;
export const clusterNodeId = (name: string) => `node:${name}`;
export const nodeHeaderId = (name: string) => `nodeheader:${name}`;
export const podCountId = (name: string) => `pods:${name}`;
export const externalId = (address: string) => `external:${address}`;
export const clientId = (address: string) => `client:${address}`;
export const loadBalancerId = (address: string) => `loadBalancer:${address}`;
export const moreServicesId = 'services:more';

/** The group of pods that no node runs (not scheduled yet). */
export const unscheduled = '(unscheduled)';
