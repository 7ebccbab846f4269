/**
 * Reads multi-document YAML as `kubectl apply -f` does, keeping for every field the place it was
 * written, so that a diagnostic can point at the exact line and column.
 *
 * Documents are split at `---` lines before parsing, so a syntax error in one document leaves the
 * others in force (kubectl would reject the whole file; the playground keeps the rest live and
 * says where the error is).
 */
import { constructFromEvents, parseEvents, YAMLException } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { SourcePosition } from './model';
import { fastParse } from './yaml/fastParse';
import { indexPaths, lineStarts, parentPath, toLineColumn } from './yaml/paths';

/** A range in the input text: one-based lines and columns, end exclusive. */
export interface SourceRange extends SourcePosition {
  endLine: number;
  endColumn: number;
}

export interface ParsedDocument {
  /** Zero-based index of the document in the input. */
  index: number;
  /** One-based line of the document's first line in the whole input. */
  startLine: number;
  text: string;
  /** The document's value; undefined for an empty document or a syntax error. */
  value: unknown;
  error?: { message: string; line: number; column: number };
  /** Where the field at `path` (e.g. `spec.ports[0].nodePort`) was written. */
  rangeOf(path: string): SourceRange | undefined;
  /**
   * Kept with the parsed text from run to run, as long as the text is unchanged: what
   * readObjects made of `value` (see objects.ts).
   */
  read: { request?: object };
}

interface Chunk {
  /** The document's text, not referring to the input (see ownTexts). */
  text: string;
  startLine: number;
  /** The previous run's document at the same index, when its text is this chunk's. */
  parsed?: ParsedText;
  /** Where the chunk is in the input; `dashes`: it opens with its `---` marker line. */
  start: number;
  end: number;
  dashes: boolean;
}

const whitespace = /\s/;

/**
 * The document marker a line opens with: `---` or `...`, then whitespace or the line's end
 * (`/^(---|\.\.\.)(?=\s|$)/` on the line), read in place.
 */
function markerAt(input: string, start: number, end: number): '---' | '...' | undefined {
  if (end - start < 3) return undefined;
  const c = input.charCodeAt(start);
  if (c !== 0x2d && c !== 0x2e) return undefined; // - or .
  if (input.charCodeAt(start + 1) !== c || input.charCodeAt(start + 2) !== c) return undefined;
  if (end > start + 3 && !whitespace.test(input.charAt(start + 3))) return undefined;
  return c === 0x2d ? '---' : '...';
}

/**
 * Whether `trim` removes the character (`/\s/`): ASCII told apart without the pattern. (Not
 * YAML's blank, the space or the tab: a chunk of Unicode spaces and comments holds no object.)
 */
function trimRemoves(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && whitespace.test(String.fromCharCode(c));
}

/**
 * Whether some line in [start, end) of `input` is neither blank nor a comment, read in place
 * (no line cut from the input). `dashes`: the chunk opens with its `---` marker, blanks in its text.
 */
function hasContent(input: string, start: number, end: number, dashes: boolean): boolean {
  let at = dashes ? start + 3 : start;
  while (at < end) {
    const newline = input.indexOf('\n', at);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    while (at < lineEnd && trimRemoves(input.charCodeAt(at))) at++;
    if (at < lineEnd && input.charCodeAt(at) !== 0x23) return true; // #
    at = lineEnd + 1;
  }
  return false;
}

/**
 * A copy of `text` that does not refer to the input it was cut from. A chunk is a slice of the
 * whole input, and V8 keeps a slice's parent alive: the cache, which outlives the input, keeps
 * copies, so that an old 5 MB input is not held by one of its documents.
 * Slicing a concatenation makes V8 flatten it into a new string of its own, which the slice then
 * refers to: one copy of the characters (a JSON round trip scanned and copied them twice, and
 * took 15 ms of a 10,000-Service paste against 1 ms).
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * Whether the input's chunk at [start, end) is the text of `before`, compared in place: no copy
 * of the chunk is made and no hash of it computed. `dashes`: the chunk opens with its `---`
 * marker, which the document's text has as blanks.
 */
function sameText(
  before: ParsedText | undefined,
  input: string,
  start: number,
  end: number,
  dashes: boolean,
): before is ParsedText {
  if (before === undefined || before.text.length !== end - start) return false;
  if (!dashes) return before.text === input.slice(start, end);
  return before.text.startsWith('   ') && before.text.slice(3) === input.slice(start + 3, end);
}

/** How many line breaks a document's text has, counted once. */
function newlinesIn(parsed: ParsedText): number {
  if (parsed.newlines === undefined) {
    let count = 0;
    for (let at = parsed.text.indexOf('\n'); at !== -1; at = parsed.text.indexOf('\n', at + 1))
      count++;
    parsed.newlines = count;
  }
  return parsed.newlines;
}

/**
 * Where the chunk opening at `from` ends if it is the text of `before`: there, a line break then
 * a marker line, or the input's end, must follow it. The lines in between are the lines of a
 * chunk, none of them a marker line (whether a line is one depends on the line alone): a scan
 * would end the chunk exactly there. -1 when it cannot be `before`; the text is not compared.
 */
function knownEnd(before: ParsedText | undefined, input: string, from: number): number {
  if (before === undefined) return -1;
  const end = from + before.text.length;
  if (end > input.length) return -1;
  if (end < input.length) {
    if (input.charCodeAt(end) !== 0x0a) return -1;
    const newline = input.indexOf('\n', end + 1);
    if (!markerAt(input, end + 1, newline === -1 ? input.length : newline)) return -1;
  }
  return end;
}

/**
 * Splits the input at document markers, keeping each chunk's first line number. The input is
 * scanned line by line in place (not split into lines and joined again: a 5 MB paste has
 * 250,000 lines); a chunk is the text between two marker lines, the `---` of its own marker
 * line turned into blanks so that columns are kept (content after it, `--- {a: 1}`, stays).
 *
 * `previous` are the previous run's documents in order. A keystroke changes one document: every
 * other chunk is the text of the previous run's document at its index, which is found by one
 * comparison in place rather than by copying the chunk and hashing it for the cache (20,000
 * documents: 5 MB copied and hashed on every keystroke); its lines are passed over unscanned.
 */
function splitDocuments(input: string, previous: readonly ParsedText[]): Chunk[] {
  const chunks: Chunk[] = [];
  // Where the open chunk's text was found, by passKnown, not to be the previous run's next one.
  let unlike = -1;
  const push = (start: number, end: number, dashes: boolean, startLine: number) => {
    const before = previous[chunks.length];
    if (end !== unlike && sameText(before, input, start, end, dashes)) {
      chunks.push({ text: before.text, startLine, parsed: before, start, end, dashes });
      return;
    }
    // Given its text once the input is split (see ownTexts).
    if (hasContent(input, start, end, dashes))
      chunks.push({ text: '', startLine, start, end, dashes });
  };
  // The open chunk's first line starts at `from`; `dashes`: that line is a `---` marker line.
  let from = 0;
  let dashes = false;
  let startLine = 1;
  // The line scanned next, and where it starts.
  let line = 0;
  let lineStart = 0;
  /**
   * Takes the open chunk whole when it is the previous run's next document: the scan goes on
   * at the marker line after it (the chunk closed: nothing to push there), or ends.
   */
  const passKnown = (): boolean => {
    const before = previous[chunks.length];
    unlike = -1;
    const end = knownEnd(before, input, from);
    if (before === undefined || end === -1) return false;
    // Not compared again when the chunk is closed there (a paste of documents as long as the
    // previous ones: every one).
    if (!sameText(before, input, from, end, dashes)) {
      unlike = end;
      return false;
    }
    chunks.push({ text: before.text, startLine, parsed: before, start: from, end, dashes });
    // The chunk's first line is line startLine - 1 (zero-based); the marker line follows its last.
    line = startLine + newlinesIn(before);
    lineStart = Math.min(end + 1, input.length);
    from = lineStart;
    dashes = false;
    return true;
  };
  passKnown();
  for (;;) {
    const newline = input.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? input.length : newline;
    const marker = markerAt(input, lineStart, lineEnd);
    if (marker) {
      if (dashes || lineStart > from) push(from, lineStart - 1, dashes, startLine);
      dashes = marker === '---';
      from = dashes ? lineStart : lineEnd + 1;
      startLine = dashes ? line + 1 : line + 2;
      if (passKnown()) continue;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
    line += 1;
  }
  if (dashes || from < input.length) push(from, input.length, dashes, startLine);
  ownTexts(input, chunks);
  return chunks;
}

/**
 * Gives each new chunk its text: its characters, its `---` turned into blanks, in a string that
 * does not refer to the input (see ownCopy). When the new chunks are most of the input (a
 * paste), their texts are slices of the input with their markers blanked, copied once whole: one
 * large string, which the garbage collector does not move, and not 20,000 small copies that it
 * copies twice more as they survive. A few new chunks (a keystroke) are copied each: a slice
 * would keep a whole input alive for one document.
 */
function ownTexts(input: string, chunks: Chunk[]): void {
  let length = 0;
  for (const chunk of chunks) if (chunk.parsed === undefined) length += chunk.end - chunk.start;
  if (length * 2 < input.length) {
    for (const chunk of chunks) {
      if (chunk.parsed !== undefined) continue;
      const { start, end } = chunk;
      chunk.text = ownCopy(
        chunk.dashes ? `   ${input.slice(start + 3, end)}` : input.slice(start, end),
      );
    }
    return;
  }
  const pieces: string[] = [];
  let at = 0;
  for (const chunk of chunks) {
    if (chunk.parsed !== undefined || !chunk.dashes) continue;
    pieces.push(input.slice(at, chunk.start), '   ');
    at = chunk.start + 3;
  }
  pieces.push(input.slice(at));
  const blanked = pieces.join('');
  for (const chunk of chunks) {
    if (chunk.parsed === undefined) chunk.text = blanked.slice(chunk.start, chunk.end);
  }
}

interface ParsedText {
  /** The document's text: the cache's own copy (see ownCopy), which positions are read from. */
  text: string;
  value: unknown;
  error?: { message: string; line: number; column: number };
  /** How many line breaks the text has (see newlinesIn). */
  newlines?: number;
  /** What readObjects made of the value (see ParsedDocument.read). */
  request?: object;
  /** js-yaml's events, read lazily: only a diagnostic needs positions. */
  events?: Event[];
  ranges?: Map<string, [number, number]>;
  starts?: number[];
  root?: SourceRange;
}

function syntaxError(e: unknown): NonNullable<ParsedText['error']> {
  const mark = e instanceof YAMLException ? e.mark : undefined;
  return {
    message: e instanceof YAMLException ? e.reason : String(e),
    line: (mark?.line ?? 0) + 1,
    column: (mark?.column ?? 0) + 1,
  };
}

/** Parses one document's text; positions are relative to the text (line 1 is its first line). */
function parseText(text: string): ParsedText {
  const fast = fastParse(text);
  if (fast) return { text, value: fast.value };
  try {
    const events = parseEvents(text, {});
    return { text, events, value: constructFromEvents(events, { source: text })[0] };
  } catch (e) {
    return {
      text,
      value: undefined,
      error: syntaxError(e) ?? { message: String(e), line: 1, column: 1 },
    };
  }
}

/** The first line with content: where a document's root object starts, found without parsing. */
function rootRange(text: string): SourceRange {
  // Line by line in place: a cold paste asks this of 20,000 documents (not split whole).
  let index = 0;
  let start = 0;
  let first: string | undefined;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    first ??= line;
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) return lineRange(index, line);
    if (end === -1) return lineRange(0, first);
    start = end + 1;
    index += 1;
  }
}

/** The range of the line at zero-based `index` from its first non-blank character. */
function lineRange(index: number, line: string): SourceRange {
  return {
    document: 0,
    line: index + 1,
    column: line.length - line.trimStart().length + 1,
    endLine: index + 1,
    endColumn: line.length + 1,
  };
}

function rangeIn(parsed: ParsedText, text: string, path: string): SourceRange | undefined {
  if (parsed.error) return undefined;
  if (path === '') return (parsed.root ??= rootRange(text));
  parsed.events ??= parseEvents(text, {});
  parsed.ranges ??= indexPaths(parsed.events, text);
  parsed.starts ??= lineStarts(text);
  let p = path;
  let found = parsed.ranges.get(p);
  while (!found && p !== '') {
    p = parentPath(p);
    found = parsed.ranges.get(p);
  }
  if (!found) return undefined;
  const from = toLineColumn(parsed.starts, found[0]);
  const to = toLineColumn(parsed.starts, found[1]);
  return {
    document: 0,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
  };
}

const cache = new Map<string, ParsedText>();
const cacheLimit = 50_000;

/** The previous run's documents, in order (see splitDocuments). */
let lastDocuments: readonly ParsedText[] = [];

/** `text` is a chunk's own copy: kept as it is on a miss (hashed once, by the lookup). */
function parseCached(text: string): ParsedText {
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = parseText(text);
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/** Parses every document of the input; a document whose text is unchanged comes from a cache. */
export function parseDocuments(input: string): ParsedDocument[] {
  const normalized = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const chunks = splitDocuments(normalized, lastDocuments);
  lastDocuments = chunks.map((chunk) => chunk.parsed ?? parseCached(chunk.text));
  return chunks.map((chunk, index) =>
    documentAt(index, chunk.startLine, lastDocuments[index] as ParsedText),
  );
}

/**
 * Parses a text other than the engine's input (a here-document typed in the terminal): the
 * input's documents stay the ones its next run is compared with in place.
 */
export function parseDocumentsAside(text: string): ParsedDocument[] {
  const input = lastDocuments;
  try {
    return parseDocuments(text);
  } finally {
    lastDocuments = input;
  }
}

/**
 * The document at `index` of this run, its positions shifted to its first line in the input.
 * An error is set after the literal: a literal with a conditional spread is cloned through the
 * runtime, for every one of 20,000 documents.
 */
function documentAt(index: number, startLine: number, parsed: ParsedText): ParsedDocument {
  // The cached copy, not this run's copy of the same text (which is dropped on a hit).
  const text = parsed.text;
  const shift = startLine - 1;
  const doc: ParsedDocument = {
    index,
    startLine,
    text,
    value: parsed.value,
    read: parsed,
    rangeOf(path: string): SourceRange | undefined {
      const range = rangeIn(parsed, text, path);
      return (
        range && {
          document: index,
          line: range.line + shift,
          column: range.column,
          endLine: range.endLine + shift,
          endColumn: range.endColumn,
        }
      );
    },
  };
  if (parsed.error) doc.error = { ...parsed.error, line: parsed.error.line + shift };
  return doc;
}
