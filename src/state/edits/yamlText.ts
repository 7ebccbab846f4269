/**
 * Minimal edits of multi-document YAML text: set or remove one field of one document, append or
 * remove a document, and leave every other character (comments included) as it was. Each edit is
 * made on the lines of block-style YAML, then checked by reading the result back; when the check
 * fails (flow style, anchors, an unusual layout), that one document is written out again whole.
 */
import { dump, load } from 'js-yaml';

export type PathKey = string | number;
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A document of the text: `[start, end)` in characters, separators excluded. */
export interface DocumentSpan {
  start: number;
  end: number;
}

const separator = /^(---|\.\.\.)(?:[ \t].*)?$/;

/** The documents of a multi-document YAML text, in order (`---` and `...` lines separate them). */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if ((line.startsWith('---') || line.startsWith('...')) && separator.test(line)) {
      spans.push({ start, end: lineStart });
      start = newline === -1 ? text.length : newline + 1;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  spans.push({ start, end: text.length });
  return spans;
}

/** Options that write YAML the way kubectl prints it. */
export const dumpOptions = {
  indent: 2,
  lineWidth: -1,
  seqNoIndent: true,
  quoteStyle: 'double',
  noRefs: true,
} as const;

export function toYaml(value: unknown): string {
  return dump(value, dumpOptions);
}

/** Reads one document; undefined when it is not valid YAML. */
export function readDocument(text: string): unknown {
  try {
    return load(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of `object` with the value at `path` set (or removed, when `value` is undefined). */
export function setInObject(object: unknown, path: PathKey[], value: Json | undefined): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = Array.isArray(object) ? [...(object as unknown[])] : [];
    list[head] = setInObject(list[head], rest, value);
    return list;
  }
  const record = isRecord(object) ? object : {};
  if (rest.length === 0 && value === undefined) {
    return Object.fromEntries(Object.entries(record).filter(([key]) => key !== head));
  }
  return { ...record, [head]: setInObject(record[head], rest, value) };
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Line {
  text: string;
  indent: number;
  /** Blank or a comment only. */
  empty: boolean;
}

function toLines(text: string): Line[] {
  return text.split('\n').map((raw) => {
    const text = raw.replace(/\r$/, '');
    const indent = text.length - text.trimStart().length;
    const rest = text.trimStart();
    return { text, indent, empty: rest === '' || rest.startsWith('#') };
  });
}

/** The keys of a block mapping: on lines `[first, end)`, at column `col` (the first may follow `- `). */
interface Region {
  first: number;
  end: number;
  col: number;
}

interface Entry {
  line: number;
  /** Exclusive end line of the entry, trailing blank and comment lines left out. */
  end: number;
  /** Column just after `key:`. */
  valueCol: number;
  /** The text after `key:` on the key's line, comment and spaces removed. */
  inline: string;
}

function keyPattern(key: string): RegExp {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:${escaped}|"${escaped}"|'${escaped}'):(?=\\s|$)`);
}

function stripComment(text: string): string {
  const hash = text.search(/(^|\s)#/);
  return (hash === -1 ? text : text.slice(0, hash)).trim();
}

function lastContent(lines: Line[], from: number, to: number): number {
  let end = to;
  while (end > from && lines[end - 1]?.empty) end--;
  return end;
}

function findEntry(lines: Line[], region: Region, key: string): Entry | undefined {
  const pattern = keyPattern(key);
  for (let i = region.first; i < region.end; i++) {
    const line = lines[i];
    if (!line || line.empty) continue;
    const atFirst = i === region.first;
    if (!atFirst && line.indent !== region.col) continue;
    const rest = line.text.slice(region.col);
    const match = pattern.exec(rest);
    if (!match) continue;
    let end = i + 1;
    while (end < region.end) {
      const next = lines[end];
      if (next && !next.empty) {
        const sequenceItem = next.indent === region.col && next.text.trimStart().startsWith('-');
        if (next.indent < region.col || (next.indent === region.col && !sequenceItem)) break;
      }
      end++;
    }
    const valueCol = region.col + match[0].length;
    return {
      line: i,
      end: lastContent(lines, i + 1, end),
      valueCol,
      inline: stripComment(line.text.slice(valueCol)),
    };
  }
  return undefined;
}

/** The block value of an entry as a region (a mapping), or undefined if there is none. */
function childRegion(lines: Line[], entry: Entry): Region | undefined {
  if (entry.inline !== '') return undefined;
  for (let i = entry.line + 1; i < entry.end; i++) {
    const line = lines[i];
    if (line && !line.empty) return { first: i, end: entry.end, col: line.indent };
  }
  return undefined;
}

/** The `index`-th item of a block sequence in `region`, as the region of its mapping. */
function findItem(lines: Line[], region: Region, index: number): Region | undefined {
  const starts: number[] = [];
  for (let i = region.first; i < region.end; i++) {
    const line = lines[i];
    if (
      line &&
      !line.empty &&
      line.indent === region.col &&
      /^-(\s|$)/.test(line.text.trimStart())
    ) {
      starts.push(i);
    }
  }
  const first = starts[index];
  if (first === undefined) return undefined;
  const end = lastContent(lines, first, starts[index + 1] ?? region.end);
  const line = lines[first];
  if (!line) return undefined;
  const afterDash = line.text.slice(region.col + 1);
  const spaces = afterDash.length - afterDash.trimStart().length;
  if (stripComment(afterDash) !== '') return { first, end, col: region.col + 1 + spaces };
  for (let i = first + 1; i < end; i++) {
    const next = lines[i];
    if (next && !next.empty) return { first: i, end, col: next.indent };
  }
  return undefined;
}

function isScalar(value: Json): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** A scalar as YAML: plain when it reads back as itself, else double-quoted. */
export function scalarText(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z0-9_./@-][A-Za-z0-9_./@ :-]*$/.test(value) && !/:\s|\s$/.test(value);
  return plain && deepEqual(readDocument(`v: ${value}`), { v: value })
    ? value
    : JSON.stringify(value);
}

/** `key: value` written at column `col` (the first line without its indentation). */
function renderEntry(key: string, value: Json, col: number): string[] {
  const keyText = scalarText(key);
  if (isScalar(value)) return [`${keyText}: ${scalarText(value)}`];
  const pad = ' '.repeat(Array.isArray(value) ? col : col + 2);
  const body = toYaml(value).replace(/\n$/, '').split('\n');
  if (Array.isArray(value) && value.length === 0) return [`${keyText}: []`];
  if (!Array.isArray(value) && Object.keys(value).length === 0) return [`${keyText}: {}`];
  return [`${keyText}:`, ...body.map((l) => pad + l)];
}

/** Builds the value that a missing path creates: `{a: {b: value}}` for `['a', 'b']`. */
function nest(path: PathKey[], value: Json): Json | undefined {
  let out: Json = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key !== 'string') return undefined;
    out = { [key]: out };
  }
  return out;
}

/** The edited lines, or undefined when the layout is not one this editor handles. */
function editLines(lines: Line[], path: PathKey[], value: Json | undefined): string[] | undefined {
  const texts = lines.map((l) => l.text);
  const firstContent = lines.findIndex((l) => !l.empty);
  if (firstContent === -1) return undefined;
  let region: Region = {
    first: firstContent,
    end: lastContent(lines, 0, lines.length),
    col: lines[firstContent]?.indent ?? 0,
  };
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (key === undefined) return undefined;
    if (typeof key === 'number') {
      const item = findItem(lines, region, key);
      if (!item || last) return undefined;
      region = item;
      continue;
    }
    const entry = findEntry(lines, region, key);
    if (!entry) {
      if (value === undefined) return texts;
      const created = nest(path.slice(i + 1), value);
      if (created === undefined) return undefined;
      const rendered = renderEntry(key, created, region.col);
      const pad = ' '.repeat(region.col);
      texts.splice(region.end, 0, ...rendered.map((l, j) => (j === 0 ? pad + l : l)));
      return texts;
    }
    if (!last) {
      const child = childRegion(lines, entry);
      if (!child) return undefined;
      region = child;
      continue;
    }
    const prefix = (lines[entry.line]?.text ?? '').slice(0, region.col);
    if (value === undefined) {
      if (entry.line === region.first && prefix.trim() !== '') return undefined;
      texts.splice(entry.line, entry.end - entry.line);
      return texts;
    }
    if (isScalar(value) && entry.inline !== '' && !/^[|>&!*[{]/.test(entry.inline)) {
      const lineText = lines[entry.line]?.text ?? '';
      const at = lineText.indexOf(entry.inline, entry.valueCol);
      if (at === -1) return undefined;
      texts[entry.line] =
        lineText.slice(0, at) + scalarText(value) + lineText.slice(at + entry.inline.length);
      texts.splice(entry.line + 1, entry.end - entry.line - 1);
      return texts;
    }
    const rendered = renderEntry(key, value, region.col);
    texts.splice(
      entry.line,
      entry.end - entry.line,
      ...rendered.map((l, j) => (j === 0 ? prefix + l : l)),
    );
    return texts;
  }
  return undefined;
}

/**
 * Sets (or removes, with `value` undefined) the field at `path` in one document's text, keeping
 * the rest of its text. Falls back to writing the document out whole when the minimal edit
 * does not read back as intended.
 */
export function setInDocument(text: string, path: PathKey[], value: Json | undefined): string {
  const before = readDocument(text);
  const expected = setInObject(before, path, value);
  const edited = editLines(toLines(text), path, value);
  if (edited) {
    const candidate = edited.join('\n');
    if (deepEqual(readDocument(candidate), expected)) return candidate;
  }
  return leadingComments(text) + toYaml(expected);
}

/** The comment lines (and blank lines) a document starts with: a header worth keeping. */
function leadingComments(doc: string): string {
  return /^(?:[ \t]*(?:#.*)?\r?\n)*/.exec(doc)?.[0] ?? '';
}

/** Replaces the text of document `index` with what `edit` makes of it. */
export function editDocument(text: string, index: number, edit: (doc: string) => string): string {
  const span = splitDocuments(text)[index];
  if (!span) return text;
  const doc = text.slice(span.start, span.end);
  let edited = edit(doc);
  if (doc.endsWith('\n') && !edited.endsWith('\n')) edited += '\n';
  return text.slice(0, span.start) + edited + text.slice(span.end);
}

/** Appends a document after the last one, with an optional comment line above it. */
export function appendDocument(text: string, object: Json, comment?: string): string {
  const body = (comment ? `# ${comment}\n` : '') + toYaml(object);
  if (text.trim() === '') return body;
  const base = text.endsWith('\n') ? text : `${text}\n`;
  return `${base}---\n${body}`;
}

/** Removes document `index` and the separator before it (or after it, for the first one). */
export function removeDocument(text: string, index: number): string {
  const spans = splitDocuments(text);
  const span = spans[index];
  if (!span) return text;
  if (index > 0) {
    const previous = spans[index - 1];
    const separatorStart = previous ? previous.end : span.start;
    return text.slice(0, separatorStart) + text.slice(span.end);
  }
  const next = spans[1];
  const leading = leadingComments(text.slice(span.start, span.end));
  return leading + (next ? text.slice(next.start) : '');
}
