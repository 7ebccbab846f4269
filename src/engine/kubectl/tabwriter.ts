/**
 * Column alignment as Go's text/tabwriter does it (kubectl uses github.com/liggitt/tabwriter, a
 * fork with the same layout within one flush). Cells are tab-terminated; the text after a line's
 * last tab is not part of any column. A column's width is decided per block of consecutive lines
 * that have a cell in that column: the widest cell plus the padding, at least `minWidth`.
 */

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl get's writer (k8s.io/cli-runtime/pkg/printers/tabwriter.go): min width 6, padding 3. */
export const getTabwriter: TabwriterOptions = { minWidth: 6, padding: 3 };

/** kubectl describe's writer (k8s.io/kubectl/pkg/describe/describe.go, tabbedString): padding 2. */
export const describeTabwriter: TabwriterOptions = { minWidth: 0, padding: 2 };

function width(text: string): number {
  return [...text].length;
}

/**
 * Lays out tab-separated text; each line's cells are split at tabs. Models the `format` recursion
 * of Go's src/text/tabwriter/tabwriter.go.
 */
export function alignColumns(text: string, options: TabwriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] ?? [];
      let line = '';
      cells.forEach((cell, j) => {
        line += cell;
        const w = widths[j];
        if (j < cells.length - 1 && w !== undefined)
          line += ' '.repeat(Math.max(0, w - width(cell)));
      });
      out.push(line);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= (lines[i]?.length ?? 0) - 1) continue;
      writeLines(start, i);
      start = i;
      let w = options.minWidth;
      let end = i;
      for (; end < line1; end++) {
        const cells = lines[end] ?? [];
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column] ?? '') + options.padding);
      }
      widths.push(w);
      format(start, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
