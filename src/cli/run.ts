/**
 * The CLI's driver: the shell's `runCommand` (src/engine/shell) with Node's I/O: the process's
 * output streams, standard input, and the file system.
 */
import { runCommand } from '../engine/shell/runCommand';
import { looksLikeFile, readFiles } from './input';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): string;
}

export function run(argv: readonly string[], io: Io): Promise<number> {
  return Promise.resolve(
    runCommand(argv, {
      stdout: io.stdout,
      stderr: io.stderr,
      looksLikeFile,
      readFiles: (names) => readFiles(names, io.readStdin),
    }),
  );
}
