/**
 * Where an object's text ends, found from where it starts: a document's object runs to the next
 * `---` (or `...`); a `List` item runs while lines are indented at least as far as its first key.
 * Trailing blank and comment lines are left out. Pure, for the editor's cross-highlighting.
 */

export interface ObjectStart {
  kind: 'service' | 'pod' | 'node' | 'deployment';
  key: string;
  line: number;
  column: number;
}

export interface TextRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

const marker = /^(---|\.\.\.)(\s|$)/;

function isBlank(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** The range of the object whose first key is at (`line`, `column`), both one-based. */
export function objectRange(lines: ArrayLike<string>, line: number, column: number): TextRange {
  const indent = column - 1;
  let end = line;
  for (let i = line; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (marker.test(text)) break;
    if (isBlank(text)) continue;
    if (indent > 0 && indentOf(text) < indent) break;
    end = i + 1;
  }
  return {
    startLine: line,
    startColumn: column,
    endLine: end,
    endColumn: (lines[end - 1]?.length ?? 0) + 1,
  };
}

/** The object whose text holds `line`: the last one starting at or before it, if it reaches it. */
export function objectAt(
  lines: ArrayLike<string>,
  starts: readonly ObjectStart[],
  line: number,
): ObjectStart | undefined {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid]?.line ?? 0) <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const start = starts[found];
  if (!start) return undefined;
  return objectRange(lines, start.line, start.column).endLine >= line ? start : undefined;
}
