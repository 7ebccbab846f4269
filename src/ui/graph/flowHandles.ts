/**
 * A large graph's handles, given up front. React Flow draws a node once to measure its handles
 * before it can tell whether the node is visible; with `onlyRenderVisibleElements` and 500 nodes
 * (a 10,000-Service cluster), that mounted about 8,500 elements and unmounted them in one long
 * task. A node whose handles are known is drawn only when visible. Pure.
 */
import { Position } from '@xyflow/react';
import type { Flow, FlowNode } from './flowTypes';

/** Above this many nodes, React Flow draws only the visible ones (ClusterGraph). */
export const largeGraphNodes = 300;

type HandleKind = 'source' | 'target';

/** The handles each node type draws (FlowNodes.tsx): a target on top, a source at the bottom. */
const handleKinds: Record<FlowNode['type'], readonly HandleKind[]> = {
  service: ['target', 'source'],
  clusterNode: ['target'],
  nodeHeader: [],
  pod: ['target'],
  podCount: ['target'],
  external: ['target'],
  client: ['source'],
  loadBalancer: ['target', 'source'],
  moreServices: [],
};

/** React Flow's default handle: 6 px square, centred on the node's top or bottom edge. */
const handleSize = 6;

function withHandles(node: FlowNode): FlowNode {
  const kinds = handleKinds[node.type];
  const width = node.width ?? 0;
  const height = node.height ?? 0;
  return {
    ...node,
    handles: kinds.map((type) => ({
      type,
      position: type === 'target' ? Position.Top : Position.Bottom,
      x: width / 2 - handleSize / 2,
      y: type === 'target' ? -handleSize / 2 : height - handleSize / 2,
      width: handleSize,
      height: handleSize,
    })),
  };
}

/** The flow, with its nodes' handles given when the graph is large (small graphs unchanged). */
export function withKnownHandles(flow: Flow): Flow {
  return flow.nodes.length > largeGraphNodes
    ? { ...flow, nodes: flow.nodes.map(withHandles) }
    : flow;
}
