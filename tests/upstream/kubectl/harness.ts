/**
 * Runs a kubectl command of the command line on a snapshot, in process: the same runCommand the
 * CLI runs, with the YAML given as the one input file (`--admitted`: read as the API server
 * stores it, as upstream's printer and describer fixtures are fed).
 */
import { simulatedNow } from '../../../src/engine/kubectl/duration';
import { runCommand } from '../../../src/engine/shell/runCommand';

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

export function kubectl(args: readonly string[], yaml: string): Run {
  let stdout = '';
  let stderr = '';
  const code = runCommand([...args, '--admitted', 'snapshot.yaml'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    looksLikeFile: (arg) => arg.endsWith('.yaml'),
    readFiles: (names) => ({ type: 'ok', files: names.map((name) => ({ name, text: yaml })) }),
  });
  return { stdout, stderr, code };
}

/**
 * A timestamp `seconds` before the playground's fixed now, for fixtures written against
 * `time.Now()` upstream (`time.Now().Add(-3e11)` is `ago(300)`; `.Add(1.9e9)` is `ago(-1.9)`).
 */
export function ago(seconds: number): string {
  return new Date(simulatedNow - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The table kubectl prints for these rows (header first), laid out as its tabwriter does within
 * one flush: each column but the last as wide as its widest cell plus 3, and at least 6.
 * Written here independently of the engine's tabwriter, so a test checks both.
 */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 6, cell.length + 3);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)))
    .map((cells) => `${cells.join('')}\n`)
    .join('');
}
