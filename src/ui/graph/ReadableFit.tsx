/**
 * Fit-to-view that keeps text readable: the graph is scaled to fit the pane, but never below
 * `minZoom` (14px text stays about 10px or more). When it does not fit at that zoom, its top
 * left corner is shown (the rest scrolls) rather than its middle, so nothing starts cut in half.
 */
import { useEffect, useRef } from 'react';
import { useReactFlow, useStore, type Viewport } from '@xyflow/react';
import type { FlowNode } from './flowTypes';

export const readableZoom = { min: 0.75, max: 1.1 };
const padding = 16;

/** The viewport that shows `nodes` in a `width` x `height` pane. Pure. */
export function readableViewport(
  nodes: FlowNode[],
  width: number,
  height: number,
  maxZoom: number = readableZoom.max,
): Viewport {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    if (node.parentId) continue;
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + (node.width ?? 0));
    maxY = Math.max(maxY, node.position.y + (node.height ?? 0));
  }
  if (minX === Infinity) return { x: 0, y: 0, zoom: 1 };
  const w = Math.max(width - 2 * padding, 1);
  const h = Math.max(height - 2 * padding, 1);
  const bw = maxX - minX;
  const bh = maxY - minY;
  const fit = Math.min(w / Math.max(bw, 1), h / Math.max(bh, 1));
  const zoom = Math.min(Math.max(fit, readableZoom.min), maxZoom);
  const x = bw * zoom <= w ? (width - bw * zoom) / 2 - minX * zoom : padding - minX * zoom;
  const y = bh * zoom <= h ? (height - bh * zoom) / 2 - minY * zoom : padding - minY * zoom;
  return { x, y, zoom };
}

/**
 * The largest zoom a fit may choose: `--graph-max-zoom` on an ancestor of the graph (presentation
 * mode sets it, so that the graph fills a projector's screen), else `readableZoom.max`.
 */
function maxZoomOf(element: Element | null): number {
  if (!element) return readableZoom.max;
  const value = Number(getComputedStyle(element).getPropertyValue('--graph-max-zoom'));
  return value > 0 ? value : readableZoom.max;
}

/** Fits once, when the first nodes arrive (the graph is remounted for each scenario). */
export function FitOnLoad({ nodes }: { nodes: FlowNode[] }) {
  const { setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const domNode = useStore((s) => s.domNode);
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || nodes.length === 0 || width === 0 || height === 0) return;
    fitted.current = true;
    void setViewport(readableViewport(nodes, width, height, maxZoomOf(domNode)));
  }, [nodes, width, height, domNode, setViewport]);
  return null;
}

/** The Controls' fit button: the same readable fit, on demand. */
export function useReadableFit(nodes: FlowNode[]): () => void {
  const { setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const domNode = useStore((s) => s.domNode);
  return () =>
    void setViewport(readableViewport(nodes, width, height, maxZoomOf(domNode)), {
      duration: 200,
    });
}
