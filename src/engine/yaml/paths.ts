/**
 * Where each field of a document was written: the offsets of every field path (`spec.ports[0]`)
 * read from js-yaml's event stream, and offsets turned into lines and columns. Read only when a
 * diagnostic asks for a position (see rangeIn in ../parse.ts).
 */
import { EVENT_ID } from 'js-yaml';
import type { Event } from 'js-yaml';

/** The offset of each line's first character. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The one-based line and column of an offset, given the lines' starts. */
export function toLineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

type Frame =
  | { kind: 'map'; path: string; key: string | undefined; keyRange: [number, number] | undefined }
  | { kind: 'seq'; path: string; index: number };

function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Walks the event stream and records, for each field path, the offsets that best show it: a
 * scalar's value, or the key of a mapping or sequence (whose end the events do not give).
 */
export function indexPaths(events: Event[], text: string): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  const stack: Frame[] = [];
  const lineEnd = (offset: number): number => {
    const end = text.indexOf('\n', offset);
    return end === -1 ? text.length : end;
  };
  // The path a value takes in its parent, and the range to show for a collection value.
  const place = (): { path: string; keyRange: [number, number] | undefined } | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return { path: '', keyRange: undefined };
    if (top.kind === 'seq') {
      const path = `${top.path}[${top.index}]`;
      top.index += 1;
      return { path, keyRange: undefined };
    }
    if (top.key === undefined) return undefined;
    const path = childPath(top.path, top.key);
    const keyRange = top.keyRange;
    top.key = undefined;
    return { path, keyRange };
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const where = place();
        const path = where?.path ?? '';
        const start = event.start;
        ranges.set(path, where?.keyRange ?? [start, lineEnd(start)]);
        stack.push(
          event.type === EVENT_ID.MAPPING
            ? { kind: 'map', path, key: undefined, keyRange: undefined }
            : { kind: 'seq', path, index: 0 },
        );
        break;
      }
      case EVENT_ID.SCALAR: {
        const top = stack[stack.length - 1];
        if (top?.kind === 'map' && top.key === undefined) {
          top.key = text.slice(event.valueStart, event.valueEnd).replace(/^["']|["']$/g, '');
          top.keyRange = [event.valueStart, event.valueEnd];
          break;
        }
        const where = place();
        if (where) {
          const empty = event.valueStart === event.valueEnd;
          ranges.set(
            where.path,
            empty && where.keyRange ? where.keyRange : [event.valueStart, event.valueEnd],
          );
        }
        break;
      }
      case EVENT_ID.ALIAS:
        place();
        break;
      case EVENT_ID.POP:
        stack.pop();
        break;
      default:
        break;
    }
  }
  return ranges;
}

/** Drops the last segment of a field path: `a.b[0].c` -> `a.b[0]` -> `a.b` -> `a` -> ``. */
export function parentPath(path: string): string {
  if (path.endsWith(']')) return path.slice(0, path.lastIndexOf('['));
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(0, dot);
}
