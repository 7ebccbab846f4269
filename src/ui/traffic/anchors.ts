/**
 * Where each place of a request's path is on the graph, in flow coordinates, read from React
 * Flow's nodes through its public API (`getInternalNode`, `getNodes`). A place the graph does
 * not draw (no node for the external client or the load balancer) gets a virtual anchor beside
 * the graph, which the packet layer draws itself.
 */
import type { InternalNode } from '@xyflow/react';
import type { Place } from '../../worker/queries/requests';
import { placeName } from './describe';

export interface Point {
  x: number;
  y: number;
}

export interface Anchor extends Point {
  /** Drawn by the packet layer: the graph has no node for this place. */
  virtual: boolean;
  label: string;
  /** Size of the graph node (or of the virtual box) in flow units. */
  width: number;
  height: number;
}

/** What the anchors read of React Flow: its nodes, as placed and measured. */
export interface FlowNodes {
  getInternalNode(id: string): InternalNode | undefined;
  getNodes(): readonly { id: string }[];
}

export function placeKey(place: Place): string {
  switch (place.type) {
    case 'client':
    case 'outside':
      return `${place.type}:${place.address}`;
    case 'loadBalancer':
      return `lb:${place.address}`;
    case 'node':
      return `node:${place.name}`;
    case 'pod':
      return `pod:${place.pod}`;
  }
}

/** The ids the graph may give a place, most likely first. */
function candidateIds(place: Place): string[] {
  switch (place.type) {
    case 'client':
      return [
        `client:${place.address}`,
        `external-client:${place.address}`,
        `externalClient:${place.address}`,
        'external-client',
        'client',
      ];
    case 'loadBalancer':
      return [
        `loadBalancer:${place.address}`,
        `load-balancer:${place.address}`,
        `lb:${place.address}`,
        ...(place.service
          ? [`loadBalancer:${place.service}`, `load-balancer:${place.service}`]
          : []),
      ];
    case 'node':
      return [`node:${place.name}`];
    case 'pod':
      // A pod the graph folds into its node's "more pods" box, or at least its node.
      return [
        `pod:${place.pod}`,
        ...(place.node ? [`pods:${place.node}`, `node:${place.node}`] : []),
      ];
    case 'outside':
      return [`external:${place.address}`];
  }
}

/** A place's name on the canvas: as the Trace panel words it, a pod without its `pod ` prefix. */
function labelOf(place: Place): string {
  return place.type === 'pod' ? place.pod : placeName(place);
}

function sizeOf(node: {
  measured?: { width?: number; height?: number };
  width?: number;
  height?: number;
}) {
  return {
    width: node.measured?.width ?? node.width ?? 0,
    height: node.measured?.height ?? node.height ?? 0,
  };
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boundsOf(flow: FlowNodes): Bounds | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of flow.getNodes()) {
    const internal = flow.getInternalNode(node.id);
    if (!internal || internal.parentId) continue;
    const { x, y } = internal.internals.positionAbsolute;
    const { width, height } = sizeOf(internal);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  return minX === Infinity
    ? undefined
    : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The graph's node drawn for a place that has no id of ours: one whose id names its address. */
function findByAddress(nodes: readonly { id: string }[], place: Place): string | undefined {
  if (place.type !== 'client' && place.type !== 'loadBalancer') return undefined;
  const word = place.type === 'client' ? /client/i : /balancer|lb/i;
  return nodes.find((n) => n.id.includes(place.address) && word.test(n.id))?.id;
}

/** Resolves places to points, caching them until the graph's nodes change. */
export class AnchorMap {
  private cache = new Map<string, Anchor>();
  private bounds: Bounds | undefined;
  private virtualCount = 0;

  constructor(private readonly flow: FlowNodes) {}

  /** Forgets every position (the graph's nodes moved or changed). */
  reset(): void {
    this.cache.clear();
    this.bounds = undefined;
    this.virtualCount = 0;
  }

  /** Places the layer draws itself. */
  virtualAnchors(): Anchor[] {
    return [...this.cache.values()].filter((a) => a.virtual);
  }

  get(place: Place): Anchor {
    const key = placeKey(place);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const anchor = this.resolve(place);
    this.cache.set(key, anchor);
    return anchor;
  }

  private resolve(place: Place): Anchor {
    const label = labelOf(place);
    const ids = candidateIds(place);
    let id = ids.find((c) => this.flow.getInternalNode(c));
    id ??= findByAddress(this.flow.getNodes(), place);
    const internal = id ? this.flow.getInternalNode(id) : undefined;
    if (internal) {
      const { x, y } = internal.internals.positionAbsolute;
      const { width, height } = sizeOf(internal);
      // A node (group) is passed at its header, where its name is; others at their centre.
      const dy = place.type === 'node' ? Math.min(28, height / 2) : height / 2;
      return { x: x + width / 2, y: y + dy, virtual: false, label, width, height };
    }
    this.bounds ??= boundsOf(this.flow);
    const b = this.bounds ?? { x: 0, y: 0, width: 400, height: 300 };
    const slot = this.virtualCount++;
    const middle = b.y + b.height * 0.62;
    const box = { virtual: true, label, width: 170, height: 40 };
    switch (place.type) {
      case 'client':
        return { ...box, x: b.x - 250, y: middle + slot * 56 };
      case 'loadBalancer':
        return { ...box, x: b.x - 250, y: middle - 110 + slot * 56 };
      default:
        return { ...box, x: b.x + b.width + 130, y: b.y + 60 + slot * 56 };
    }
  }
}
