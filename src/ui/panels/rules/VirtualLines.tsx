/**
 * A windowed list of text lines: only the lines in view (and a few around them) are in the DOM,
 * so a 10,000-Service rule set scrolls as fast as a small one. Every line has the same height;
 * the list is a listbox whose active line moves with the arrow keys and is chosen with Enter.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface VirtualLinesProps {
  count: number;
  /** Height of one line in pixels (the CSS gives rows the same height). */
  lineHeight: number;
  /** The longest line's length in characters: the list is as wide as it (monospace). */
  width: number;
  renderLine(index: number): ReactNode;
  /** A request to bring a line into view; `seq` makes a repeated request a new one. */
  scrollTo: { index: number; seq: number } | null;
  active: number | undefined;
  onActivate(index: number): void;
  onChoose(index: number): void;
  label: string;
  testId?: string;
}

const overscan = 20;

/** The window of lines to render for a scroll position. */
export function visibleRange(
  scrollTop: number,
  height: number,
  lineHeight: number,
  count: number,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / lineHeight) + overscan);
  return [first, last];
}

export function VirtualLines(props: VirtualLinesProps) {
  const { count, lineHeight, width, renderLine, scrollTo, active, onActivate, onChoose } = props;
  const host = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  const measure = useCallback(() => {
    const el = host.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight || 600 });
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  const reveal = useCallback(
    (index: number, center: boolean) => {
      const el = host.current;
      if (!el) return;
      const top = index * lineHeight;
      const height = el.clientHeight;
      if (center) el.scrollTop = Math.max(0, top - height / 3);
      else if (top < el.scrollTop) el.scrollTop = top;
      else if (top + lineHeight > el.scrollTop + height) el.scrollTop = top + lineHeight - height;
      measure();
    },
    [lineHeight, measure],
  );

  useEffect(() => {
    if (!scrollTo) return;
    reveal(scrollTo.index, true);
    // The list may sit below the fold of the panels' pane: bring it into view too.
    host.current?.scrollIntoView?.({ block: 'nearest' });
  }, [scrollTo, reveal]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(view.height / lineHeight) - 1);
    const from = active ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: count - 1,
    };
    if (event.key === 'Enter' && active !== undefined) {
      event.preventDefault();
      onChoose(active);
      return;
    }
    const next = moves[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    const index = Math.min(count - 1, Math.max(0, next));
    onActivate(index);
    reveal(index, false);
  };

  const [first, last] = visibleRange(view.top, view.height, lineHeight, count);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderLine(i));
  return (
    <div
      ref={host}
      className="virtual-lines"
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      data-testid={props.testId}
      aria-activedescendant={active === undefined ? undefined : `rule-line-${active}`}
      onScroll={measure}
      onKeyDown={onKeyDown}
    >
      <div
        className="virtual-lines-inner"
        style={{ height: count * lineHeight, width: `calc(${width}ch + 3rem)` }}
      >
        <div style={{ transform: `translateY(${first * lineHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
