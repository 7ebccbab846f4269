/**
 * Reads the input files as `kubectl apply -f` does (in order; `-` is standard input; a directory
 * is its .yaml, .yml and .json files in name order). Joining them is the shell's
 * (engine/shell/inputFiles.ts): this file is only the part that touches the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadFile } from '../engine/shell/inputFiles';

export type ReadFiles = { type: 'ok'; files: ReadFile[] } | { type: 'error'; message: string };

const manifestExtensions = /\.(ya?ml|json)$/;

/** True when a positional argument names an input rather than an operand such as a Service name. */
export function looksLikeFile(arg: string): boolean {
  if (arg === '-' || manifestExtensions.test(arg) || arg.includes('/')) return true;
  try {
    statSync(arg);
    return true;
  } catch {
    return false;
  }
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

/** Go's wording for an open error (`open x.yaml: permission denied`), as kubectl prints it. */
function openError(path: string, e: unknown): string {
  const code = errorCode(e);
  const reason =
    code === 'EACCES'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'is a directory'
        : e instanceof Error
          ? e.message
          : String(e);
  return `error: open ${path}: ${reason}`;
}

function readOne(name: string, readStdin: () => string): ReadFiles {
  if (name === '-') return { type: 'ok', files: [{ name, text: readStdin() }] };
  try {
    if (statSync(name).isDirectory()) {
      const entries = readdirSync(name)
        .filter((entry) => manifestExtensions.test(entry))
        .sort();
      const files: ReadFile[] = [];
      for (const entry of entries) {
        const path = join(name, entry);
        const read = readOne(path, readStdin);
        if (read.type === 'error') return read;
        files.push(...read.files);
      }
      return { type: 'ok', files };
    }
    return { type: 'ok', files: [{ name, text: readFileSync(name, 'utf8') }] };
  } catch (e) {
    if (errorCode(e) === 'ENOENT') {
      return { type: 'error', message: `error: the path "${name}" does not exist` };
    }
    return { type: 'error', message: openError(name, e) };
  }
}

/** Reads every file in order; the first that cannot be read is the error. */
export function readFiles(names: readonly string[], readStdin: () => string): ReadFiles {
  const files: ReadFile[] = [];
  for (const name of names) {
    const read = readOne(name, readStdin);
    if (read.type === 'error') return read;
    files.push(...read.files);
  }
  return { type: 'ok', files };
}
