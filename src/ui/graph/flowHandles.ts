/**
 * A large graph's handles, given up front. React Flow draws a node once to measure its handles
 * before it can tell whether the node is visible; with `onlyRenderVisibleElements` and 500 nodes
 * (a 10,000-Service cluster), that mounted about 8,500 elements and unmounted them in one long
 * task. A node whose handles are known is drawn only when visible. Pure.
 */
import { Position } from '@xyflow/react';
import type { Flow, FlowNode } from './flowTypes';

/**
 * Above this many nodes, React Flow draws only the visible ones (ClusterGraph): a pasted cluster
 * of 30 nodes and 1,000 Services (about 150 graph nodes and 180 edges) otherwise mounts and lays
 * out some 2,000 elements in one task, most of them outside the readable viewport. A classroom
 * scenario (3 nodes, 10 pods each, 5 Services) stays well under it.
 */
export const largeGraphNodes = 100;

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
