/**
 * The filters a command's output can be piped through: `grep [-v] [-i] [-E|-F] [-c] PATTERN`,
 * `head [-n N]`, `tail [-n N]`, `wc -l`, `sort`. Each takes the text and returns the text it
 * prints, or an error in the tool's own words.
 */

export type FilterResult = { type: 'ok'; text: string } | { type: 'error'; message: string };

type Filter = (args: readonly string[], text: string) => FilterResult;

const linesOf = (text: string): string[] => {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};
const joined = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** POSIX basic regular expressions, as far as they differ from JavaScript's in common use. */
function fromBasic(pattern: string): string {
  return pattern.replace(
    /\\([|+?(){}])|([|+?(){}])/g,
    (_m, escaped?: string, plain?: string) => escaped ?? `\\${plain ?? ''}`,
  );
}

const grep: Filter = (args, text) => {
  let invert = false;
  let ignoreCase = false;
  let mode: 'basic' | 'extended' | 'fixed' = 'basic';
  let count = false;
  let pattern: string | undefined;
  for (const arg of args) {
    if (pattern === undefined && /^-[viEFce]+$/.test(arg)) {
      for (const flag of arg.slice(1)) {
        if (flag === 'v') invert = true;
        else if (flag === 'i') ignoreCase = true;
        else if (flag === 'E') mode = 'extended';
        else if (flag === 'F') mode = 'fixed';
        else if (flag === 'c') count = true;
      }
    } else if (pattern === undefined && arg.startsWith('-') && arg !== '-') {
      return { type: 'error', message: `grep: invalid option -- '${arg.slice(1, 2)}'` };
    } else if (pattern === undefined) pattern = arg;
  }
  if (pattern === undefined) {
    return {
      type: 'error',
      message:
        "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.",
    };
  }
  let regex: RegExp;
  try {
    const source =
      mode === 'fixed' ? escapeRegExp(pattern) : mode === 'basic' ? fromBasic(pattern) : pattern;
    regex = new RegExp(source, ignoreCase ? 'i' : '');
  } catch {
    return { type: 'error', message: 'grep: Unmatched ( or \\(' };
  }
  const kept = linesOf(text).filter((line) => regex.test(line) !== invert);
  return { type: 'ok', text: count ? `${kept.length}\n` : joined(kept) };
};

function lineCount(args: readonly string[], tool: string): number | string {
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = arg === '-n' ? args[++i] : /^-n?(\d+)$/.exec(arg)?.[1];
    if (value === undefined)
      return `${tool}: invalid option -- '${arg.replace(/^-+/, '').slice(0, 1)}'`;
    n = Number(value);
    if (!Number.isInteger(n)) return `${tool}: invalid number of lines: '${value}'`;
  }
  return n;
}

const head: Filter = (args, text) => {
  const n = lineCount(args, 'head');
  if (typeof n === 'string') return { type: 'error', message: n };
  return { type: 'ok', text: joined(linesOf(text).slice(0, n)) };
};

const tail: Filter = (args, text) => {
  const n = lineCount(args, 'tail');
  if (typeof n === 'string') return { type: 'error', message: n };
  const lines = linesOf(text);
  return { type: 'ok', text: joined(n === 0 ? [] : lines.slice(-n)) };
};

const wc: Filter = (args, text) => {
  if (args.length !== 1 || args[0] !== '-l') {
    return { type: 'error', message: 'wc: only `wc -l` is modelled here' };
  }
  return { type: 'ok', text: `${linesOf(text).length}\n` };
};

const sort: Filter = (args, text) => {
  const lines = [...linesOf(text)].sort();
  if (args.includes('-r')) lines.reverse();
  return { type: 'ok', text: joined(lines) };
};

export const filters: Readonly<Record<string, Filter>> = { grep, head, tail, wc, sort };

/** Runs a command's output through the filters of the pipeline after it. */
export function runFilters(stages: readonly (readonly string[])[], text: string): FilterResult {
  let out = text;
  for (const [name = '', ...args] of stages) {
    const filter = filters[name];
    if (!filter) return { type: 'error', message: `${name}: command not found` };
    const result = filter(args, out);
    if (result.type === 'error') return result;
    out = result.text;
  }
  return { type: 'ok', text: out };
}
