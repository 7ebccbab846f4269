/**
 * Panes side by side with a splitter between each pair: drag it, or focus it and use the arrow
 * keys (Home / End for the extremes). Sizes are fractions of the width.
 */
import {
  Fragment,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';

export interface Pane {
  id: string;
  label: string;
  /** Initial share of the width, 0..1; the shares of all panes add up to 1. */
  size: number;
  /** Smallest share of the width. */
  min: number;
  content: ReactNode;
}

const keyStep = 0.02;

/** Moves the border between panes `i` and `i + 1` by `delta`, within both panes' minimums. */
export function moveSplit(sizes: number[], mins: number[], i: number, delta: number): number[] {
  const left = sizes[i] ?? 0;
  const right = sizes[i + 1] ?? 0;
  const lo = -(left - (mins[i] ?? 0));
  const hi = right - (mins[i + 1] ?? 0);
  const d = Math.min(Math.max(delta, lo), hi);
  return sizes.map((s, j) => (j === i ? s + d : j === i + 1 ? s - d : s));
}

export function SplitView({ panes }: { panes: Pane[] }) {
  const [sizes, setSizes] = useState(() => panes.map((p) => p.size));
  const container = useRef<HTMLDivElement>(null);
  const mins = panes.map((p) => p.min);

  const onPointerDown = (i: number) => (event: PointerEvent<HTMLDivElement>) => {
    const width = container.current?.clientWidth ?? 1;
    const startX = event.clientX;
    const startSizes = sizes;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) =>
      setSizes(moveSplit(startSizes, mins, i, (e.clientX - startX) / width));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  const onKeyDown = (i: number) => (event: KeyboardEvent<HTMLDivElement>) => {
    const deltas: Record<string, number> = {
      ArrowLeft: -keyStep,
      ArrowRight: keyStep,
      Home: -1,
      End: 1,
    };
    const delta = deltas[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    setSizes((current) => moveSplit(current, mins, i, delta));
  };

  return (
    <div className="split" ref={container}>
      {panes.map((pane, i) => (
        <Fragment key={pane.id}>
          {i > 0 ? (
            <div
              className="splitter"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${panes[i - 1]?.label ?? ''} and ${pane.label}`}
              aria-valuenow={Math.round((sizes[i - 1] ?? 0) * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
              tabIndex={0}
              data-testid={`splitter-${i}`}
              onPointerDown={onPointerDown(i - 1)}
              onKeyDown={onKeyDown(i - 1)}
            />
          ) : null}
          <div
            className="pane"
            style={{ flexGrow: sizes[i] ?? pane.size }}
            data-testid={`pane-${pane.id}`}
          >
            {pane.content}
          </div>
        </Fragment>
      ))}
    </div>
  );
}
