import { describe, expect, it } from 'vitest';
import type { FlowNode } from './flowTypes';
import { readableViewport, readableZoom } from './ReadableFit';

const box = (id: string, x: number, y: number, width: number, height: number): FlowNode => ({
  id,
  type: 'external',
  position: { x, y },
  data: { address: id, note: '' },
  width,
  height,
});

describe('readableViewport', () => {
  it('centres a graph that fits, without zooming in past the maximum', () => {
    const viewport = readableViewport([box('a', 0, 0, 100, 100)], 600, 400);
    expect(viewport.zoom).toBe(readableZoom.max);
    expect(viewport.x).toBeCloseTo((600 - 110) / 2);
  });

  it('shows the top left of a graph too large to read whole, at the smallest readable zoom', () => {
    const viewport = readableViewport([box('a', 50, 20, 2000, 3000)], 600, 400);
    expect(viewport).toEqual({
      x: 16 - 50 * readableZoom.min,
      y: 16 - 20 * readableZoom.min,
      zoom: readableZoom.min,
    });
  });
});
