/**
 * `kubectl get -o yaml`: sigs.k8s.io/yaml, i.e. the object as JSON turned into go-yaml v2 output
 * (k8s.io/cli-runtime/pkg/printers/yaml.go). go-yaml sorts map keys with its own order (letters
 * after other characters, runs of digits compared as numbers), does not indent sequences inside
 * mappings, quotes strings that would read back as another type (`"80"`, `"true"`, timestamps)
 * with double quotes (and strings with characters it must escape), strings the plain style
 * cannot carry (`'*'`) with single quotes, and breaks a plain or single-quoted string at a space
 * once its line passes 80 columns.
 */
import { toPlain } from './json';

type Json = ReturnType<typeof toPlain>;

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

/** keyList.Less of gopkg.in/yaml.v2 sorter.go, for string keys. */
export function compareYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] ?? '';
    const bc = br[i] ?? '';
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] ?? ''); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] ?? ''); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] ?? ''); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ac < bc ? -1 : 1;
  }
  return ar.length - br.length;
}

const yamlFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestamp =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|\s+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;
const reserved = new Set([
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  '<<',
]);

/** True when go-yaml v2's resolve would read the plain text back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '' || reserved.has(s)) return true;
  const first = s[0] ?? '';
  if (!'+-.0123456789'.includes(first)) return false;
  const plain = s.replaceAll('_', '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (yamlFloat.test(plain)) return true;
  if (isDigit(first) && timestamp.test(s)) return true;
  return base60Float.test(s);
}

/** Whether the emitter accepts the string in plain block style (yaml_emitter_analyze_scalar). */
function plainAllowed(s: string): boolean {
  if (/^\s|\s$/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  const first = s[0] ?? '';
  const second = s[1];
  const blankAfter = (i: number) => i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t';
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if (
    (first === '?' || first === ':' || first === '-') &&
    (second === undefined || blankAfter(0))
  ) {
    return false;
  }
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === ':' && blankAfter(i)) return false;
    if (ch === '#' && i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) return false;
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** is_printable of go-yaml v2 (yamlprivateh.go): what the emitter may write unescaped. */
function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

const escapes: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

/** yaml_emitter_write_double_quoted_scalar: escapes as go-yaml v2 writes them. */
function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (isPrintable(code) && code !== 0x0a && ch !== '"' && ch !== '\\') {
      out += ch;
      continue;
    }
    const named = escapes[code];
    const hex = code.toString(16).toUpperCase();
    if (named !== undefined) out += `\\${named}`;
    else if (code <= 0xff) out += `\\x${hex.padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${hex.padStart(4, '0')}`;
    else out += `\\U${hex.padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** go-yaml v2's best_width: a flow scalar is broken at a space once its line passes it. */
const bestWidth = 80;

/**
 * The characters of a plain or single-quoted scalar as yaml_emitter_write_plain_scalar and
 * yaml_emitter_write_single_quoted_scalar write them: at a single space, once the line is past 80
 * columns, a line break and the continuation indent instead of the space.
 */
function folded(value: string, column: number, indent: string, style: 'plain' | 'single'): string {
  // A plain scalar whose end stays within the width has no space past it (nearly every one).
  if (style === 'plain' && column + value.length <= bestWidth) return value;
  const chars = [...value];
  let out = '';
  let col = column;
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      const inside = style === 'plain' || (i > 0 && i < chars.length - 1);
      if (!spaces && col > bestWidth && inside && chars[i + 1] !== ' ') {
        out += `\n${indent}`;
        col = indent.length;
      } else {
        out += ' ';
        col += 1;
      }
      spaces = true;
      return;
    }
    const piece = style === 'single' && ch === "'" ? "''" : ch;
    out += piece;
    col += piece.length;
    spaces = false;
  });
  return out;
}

const hasSpecial = (s: string) => [...s].some((ch) => !isPrintable(ch.codePointAt(0) ?? 0));

/**
 * A string in the style go-yaml v2 chooses: double-quoted when it would read back as another type
 * or holds characters it must escape, plain when allowed, single-quoted otherwise. `column` is
 * where the scalar starts on its line and `indent` the indent of its continuation lines; a key
 * (`indent` undefined) is never broken.
 */
function scalar(s: string, column = 0, indent?: string): string {
  if (resolvesToNonString(s) || base60Float.test(s) || hasSpecial(s)) return doubleQuoted(s);
  if (plainAllowed(s)) return indent === undefined ? s : folded(s, column, indent, 'plain');
  if (indent === undefined) return `'${s.replaceAll("'", "''")}'`;
  return `'${folded(s, column + 1, indent, 'single')}'`;
}

/** A literal block (`|`, `|-`, `|+`) for a string with line breaks, content at `indent`. */
function literal(s: string, indent: string): string {
  const trailing = /\n*$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const indicator = s.startsWith(' ') ? String(indent.length) : '';
  const body = trailing === 0 ? s : s.slice(0, s.length - (trailing === 1 ? 1 : 0));
  const lines = body.split('\n').map((l) => (l === '' ? '' : indent + l));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}

function isEmptyCollection(v: Json): boolean {
  return (
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
  );
}

/** A value on its key's or item's line, starting at `column`; continuation lines at `indent`. */
function inline(v: Json, column: number, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (!v.includes('\n')) return scalar(v, column, indent);
    return hasSpecial(v.replaceAll('\n', '')) ? doubleQuoted(v) : literal(v, indent);
  }
  return Array.isArray(v) ? '[]' : '{}';
}

function mapping(v: { [key: string]: Json }, indent: string): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(v).sort(compareYamlKeys)) {
    const value = v[key] ?? null;
    const k = scalar(key);
    if (typeof value === 'object' && value !== null && !isEmptyCollection(value)) {
      lines.push(`${indent}${k}:`);
      lines.push(...block(value, Array.isArray(value) ? indent : `${indent}  `));
    } else {
      const column = indent.length + [...k].length + 2;
      lines.push(`${indent}${k}: ${inline(value, column, `${indent}  `)}`);
    }
  }
  return lines;
}

function sequence(v: Json[], indent: string): string[] {
  const lines: string[] = [];
  for (const item of v) {
    if (typeof item === 'object' && item !== null && !isEmptyCollection(item)) {
      const nested = block(item, `${indent}  `);
      const first = nested[0] ?? '';
      lines.push(`${indent}- ${first.slice(indent.length + 2)}`, ...nested.slice(1));
    } else {
      lines.push(`${indent}- ${inline(item, indent.length + 2, `${indent}  `)}`);
    }
  }
  return lines;
}

function block(v: Json, indent: string): string[] {
  if (Array.isArray(v)) return sequence(v, indent);
  if (typeof v === 'object' && v !== null) return mapping(v, indent);
  return [`${indent}${inline(v, indent.length, indent)}`];
}

/** The text `kubectl get -o yaml` prints for an object or a List, newline included. */
export function toYaml(value: unknown): string {
  const plain = toPlain(value);
  if (typeof plain !== 'object' || plain === null || isEmptyCollection(plain)) {
    return `${inline(plain, 0, '')}\n`;
  }
  return `${block(plain, '').join('\n')}\n`;
}
