/**
 * Reads the input files as `kubectl apply -f` does (in order; `-` is standard input; a directory
 * is its .yaml, .yml and .json files in name order) and joins them into one multi-document input,
 * remembering which lines came from which file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from './command';

export type ReadInput =
  { type: 'ok'; files: InputFile[]; input: string } | { type: 'error'; message: string };

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

type Read =
  { type: 'ok'; files: { name: string; text: string }[] } | { type: 'error'; message: string };

function readOne(name: string, readStdin: () => string): Read {
  if (name === '-') return { type: 'ok', files: [{ name, text: readStdin() }] };
  try {
    if (statSync(name).isDirectory()) {
      const entries = readdirSync(name)
        .filter((entry) => manifestExtensions.test(entry))
        .sort();
      const files: { name: string; text: string }[] = [];
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

/** Reads every file and joins them with `---` lines between, so each file starts a new document. */
export function readInput(names: readonly string[], readStdin: () => string): ReadInput {
  const files: InputFile[] = [];
  let input = '';
  let line = 1;
  for (const name of names) {
    const read = readOne(name, readStdin);
    if (read.type === 'error') return read;
    for (const file of read.files) {
      if (files.length > 0) {
        input += '---\n';
        line += 1;
      }
      const text = file.text.endsWith('\n') || file.text === '' ? file.text : `${file.text}\n`;
      const lineCount = text.split('\n').length - 1;
      files.push({ name: file.name, text: file.text, startLine: line, lineCount });
      input += text;
      line += lineCount;
    }
  }
  return { type: 'ok', files, input };
}

/** The file that holds a line of the joined input (a position past a file's end belongs to it), and the line within that file. */
export function fileAt(
  files: readonly InputFile[],
  line: number,
): { file: InputFile; line: number } | undefined {
  let found: InputFile | undefined;
  for (const file of files) if (file.startLine <= line) found = file;
  return found && { file: found, line: line - found.startLine + 1 };
}
