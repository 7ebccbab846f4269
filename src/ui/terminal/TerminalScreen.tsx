/** The terminal's screen: what was typed and printed, as text (names with HTML stay text), scrolled to the end as it grows. */
import { useLayoutEffect, useRef } from 'react';
import { lineCap, type Entry } from './session';

export function TerminalScreen({ entries }: { entries: readonly Entry[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);
  return (
    <div
      ref={ref}
      className="term-screen"
      role="log"
      aria-live="polite"
      aria-label="Terminal output"
      data-testid="terminal-screen"
      tabIndex={0}
    >
      {entries.map((entry) => (
        <pre
          key={entry.id}
          className={`term-line term-line-${entry.kind}`}
          data-testid="terminal-line"
          data-kind={entry.kind}
        >
          {entry.text}
          {entry.omitted ? (
            <span className="term-omitted">
              … {entry.omitted.toLocaleString('en')} more lines not shown (the screen keeps{' '}
              {lineCap.toLocaleString('en')}): pipe through grep, head or tail
            </span>
          ) : null}
        </pre>
      ))}
    </div>
  );
}
