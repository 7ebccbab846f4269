/**
 * A fast reader for the plain subset of YAML that Kubernetes manifests are written in: block
 * mappings and sequences, plain and simply quoted scalars, literal block scalars, comments.
 * It returns undefined for anything outside that subset (anchors, tags, flow collections, folded
 * or multi-line scalars, numbers other than plain integers, duplicate keys, tabs...), and the
 * caller then uses js-yaml, which stays the reference: the two are compared by a differential
 * test over every scenario and random manifests. Measured: js-yaml 5.5 reads about 6 MB/s here.
 */

/** Thrown inside the reader to give up; never escapes `fastParse`. */
const bail: unique symbol = Symbol('bail');

const plainIntPattern = /^(0|-?[1-9][0-9]{0,14})$/;
/** Every plain scalar the core schema reads as a number (js-yaml 5.5 CORE_SCHEMA: no `_`, no timestamps). */
const coreNumber =
  /^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`]/;
/**
 * Characters fastParse leaves to js-yaml: tabs, carriage returns, a byte order mark, and what
 * js-yaml rejects as non-printable (control characters, lone surrogates: any surrogate here,
 * a pair being rare in manifests), so that js-yaml reports them where they are.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const unread = /[\x00-\x09\x0B-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

/** Whether `text` starts with an ASCII letter (setting bit 5 folds A-Z onto a-z). */
function startsWithLetter(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return c >= 0x61 && c <= 0x7a;
}

/** Resolves a plain scalar as js-yaml's core schema does, or gives up on anything numeric but simple integers. */
function resolvePlain(text: string): unknown {
  switch (text) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    default:
      break;
  }
  // A scalar starting with a letter (most of them: names, images, kinds) is neither a number
  // nor an indicator: the patterns are only tried on the others.
  if (!startsWithLetter(text)) {
    if (plainIntPattern.test(text)) return Number(text);
    if (coreNumber.test(text)) throw bail;
    if (indicatorStart.test(text) && !/^-[^\s]/.test(text) && !/^:[^\s]/.test(text)) throw bail;
  }
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #') || text.includes('\t'))
    throw bail;
  return text;
}

function readDoubleQuoted(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') throw bail;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === '"' || e === '\\' || e === '/') out += e;
    else if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else throw bail;
  }
  return out;
}

/** Reads a scalar written on one line (plain, 'single' or "double" quoted). */
function readScalar(text: string): unknown {
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"')) throw bail;
    return readDoubleQuoted(text.slice(1, -1));
  }
  if (text.startsWith("'")) {
    if (text.length < 2 || !text.endsWith("'")) throw bail;
    const body = text.slice(1, -1);
    if (body.replace(/''/g, '').includes("'")) throw bail;
    return body.replace(/''/g, "'");
  }
  if (text === '{}') return {};
  if (text === '[]') return [];
  return resolvePlain(text);
}

const whitespace = /\s/;

/**
 * Whether the character is a blank around a line's content. YAML's only blanks are the space
 * and the tab (fastParse gives up on tabs); a Unicode space is content there, as js-yaml reads
 * it, and fastParse gives up on it rather than judge the line.
 */
function isBlank(c: number): boolean {
  if (c === 32) return true;
  if (c > 127 && whitespace.test(String.fromCharCode(c))) throw bail;
  return false;
}

/** Whether a quote after the character opens a quoted scalar (`/[\s:\-[{,]/`). */
function opensQuote(c: number): boolean {
  return c === 0x3a || c === 0x2d || c === 0x5b || c === 0x7b || c === 0x2c || isBlank(c);
}

/**
 * The source's lines: for each, its indentation and where its content after it starts and ends
 * in the source (comment stripped, trailing blanks trimmed; empty for blank lines). Kept as
 * offsets in tables shared by every document (one is read at a time), not as a substring and
 * arrays per document: a 5 MB paste has 250,000 lines, and every string or array made for them
 * is garbage to collect. A line is cut from the source only in a block scalar (`raw`).
 */
class Lines {
  indents = new Int32Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  length = 0;
  source = '';

  /** Reads the lines of `source` into the tables. */
  read(source: string): void {
    this.source = source;
    this.length = 0;
    // The next `#`, `"` and `'` at or after the line read: most lines have none and are only
    // trimmed (each found by one search through the document, not one per line).
    let hash = -1;
    let double = -1;
    let single = -1;
    let start = 0;
    for (;;) {
      const newline = source.indexOf('\n', start);
      const end = newline === -1 ? source.length : newline;
      // Blanks are spaces: fastParse gives up on a document with a tab before reading it.
      let content = start;
      while (source.charCodeAt(content) === 32) content++;
      if (hash < content) hash = nextOf(source, '#', content);
      if (double < content) double = nextOf(source, '"', content);
      if (single < content) single = nextOf(source, "'", content);
      const judged = hash < end || double < end || single < end;
      this.push(content - start, content, judged ? stripComment(source, content, end) : end);
      if (newline === -1) break;
      start = newline + 1;
    }
  }

  private push(indent: number, start: number, end: number): void {
    const at = this.length;
    if (at === this.indents.length) {
      this.indents = grown(this.indents);
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.indents[at] = indent;
    this.starts[at] = start;
    this.ends[at] = trimEnd(this.source, start, end);
    this.length = at + 1;
  }

  /** The line as written (for block scalars, where `#` is content). */
  raw(i: number): string {
    const start = (this.starts[i] ?? 0) - (this.indents[i] ?? 0);
    const newline = this.source.indexOf('\n', start);
    return this.source.slice(start, newline === -1 ? this.source.length : newline);
  }
}

/** The tables every document is read into: fastParse reads one document at a time. */
const lines = new Lines();

/** A table twice as long, with the same first entries. */
function grown(table: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const longer = new Int32Array(table.length * 2);
  longer.set(table);
  return longer;
}

/** Where `text` next has `char` from `from` on; its length when nowhere. */
function nextOf(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

/** Where the content in [start, end) of `text` ends without its trailing blanks. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Where the content in [start, end) of `text` starts without its leading blanks. */
function trimStart(text: string, start: number, end: number): number {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  return start;
}

/**
 * Where the line content in [start, end) of `source` ends without its comment (` #` outside
 * quotes), for a line that has a `#` or a quote; gives up on lines it cannot judge.
 */
function stripComment(source: string, start: number, end: number): number {
  if (source.charCodeAt(start) === 0x23) return start; // #
  let quote = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      continue;
    }
    const before = source.charCodeAt(i - 1);
    if ((c === 0x22 || c === 0x27) && (i === start || opensQuote(before))) quote = c;
    else if (c === 0x23 && i > start && (before === 32 || before === 9)) return i;
  }
  if (quote !== 0) throw bail;
  return end;
}

/** A hash of the characters in [start, end) of `text` (FNV-1a over its UTF-16 code units). */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Strings read before, by a hash of their characters, each slot keeping the last one hashed to
 * it: the same characters found again are taken as the string cut then. A paste writes the same
 * keys and many of the same scalars in thousands of documents: a key cut anew is hashed again
 * by V8 to be made a property name, and a scalar cut anew is one more string kept in the cache.
 */
class Known {
  private readonly slots = new Array<string>(4096).fill('');

  /** The string kept for the characters in [start, end) of `source`, whose hash is `hash`. */
  find(source: string, start: number, end: number, hash: number): string | undefined {
    const known = this.slots[hash & 4095] ?? '';
    if (known.length !== end - start) return undefined;
    // Compared here: a call to startsWith took longer than the whole rest of the lookup.
    for (let i = 0; i < known.length; i++) {
      if (known.charCodeAt(i) !== source.charCodeAt(start + i)) return undefined;
    }
    return known;
  }

  keep(text: string, hash: number): void {
    this.slots[hash & 4095] = text;
  }
}

/** Plain keys read before, each having passed splitKey's checks. */
const knownKeys = new Known();
/**
 * Plain scalars read before as their own text. Apart from the keys: `true` is read as a string
 * as a key, not as a value.
 */
const knownScalars = new Known();

/** The result of `splitKey`: one object, overwritten by each call (a pair per key was garbage). */
const split = { key: '', rest: 0 };

/** Whether the content in [start, end) is a sequence entry (`- item`, or `-` with the item below). */
function isEntry(source: string, start: number, end: number): boolean {
  if (source.charCodeAt(start) !== 0x2d || start >= end) return false;
  return end - start === 1 || source.charCodeAt(start + 1) === 32;
}

/** The first `:` in [start, end) followed by a space or the end (`/:( |$)/`), or -1. */
function keyColon(source: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (source.charCodeAt(i) === 0x3a && (i + 1 === end || source.charCodeAt(i + 1) === 32))
      return i;
  }
  return -1;
}

/**
 * Splits the content `key: rest` in [start, end) of `source` at the first `: ` (or a trailing
 * `:`) of a plain or quoted key into `split` (the rest as where it starts: it ends at `end`);
 * false when not a key.
 */
function splitKey(source: string, start: number, end: number): boolean {
  let keyEnd: number;
  let key: string;
  const first = source.charCodeAt(start);
  if ((first === 0x22 || first === 0x27) && start < end) {
    let close = start + 1;
    while (close < end && source.charCodeAt(close) !== first) close++;
    if (close + 1 >= end || source.charCodeAt(close + 1) !== 0x3a) return false;
    keyEnd = close + 1;
    const k = readScalar(source.slice(start, close + 1));
    if (typeof k !== 'string') return false;
    key = k;
  } else {
    const colon = keyColon(source, start, end);
    if (colon <= start) return false;
    keyEnd = colon;
    const hash = hashOf(source, start, colon);
    const known = knownKeys.find(source, start, colon, hash);
    if (known === undefined) {
      key = source.slice(start, colon);
      if ((!startsWithLetter(key) && indicatorStart.test(key)) || key.includes(' #')) throw bail;
      knownKeys.keep(key, hash);
    } else {
      key = known;
    }
  }
  split.key = key;
  split.rest = trimStart(source, keyEnd + 1, end);
  return true;
}

/**
 * The items of the sequences being read, a nested sequence's above its parent's, in one array
 * shared by every document: each sequence is copied out at its length once read. An array grown
 * by push per sequence was garbage, and kept room for 16 items in every parsed (and cached) list
 * of one or two unless copied.
 */
const pending: unknown[] = [];

class Reader {
  private i = 0;
  /** Where the sequence being read puts its next item on `pending`. */
  private top = 0;
  private readonly source: string;
  private readonly indents: Int32Array<ArrayBuffer>;
  private readonly starts: Int32Array<ArrayBuffer>;
  private readonly ends: Int32Array<ArrayBuffer>;
  private readonly length: number;
  constructor() {
    this.source = lines.source;
    this.indents = lines.indents;
    this.starts = lines.starts;
    this.ends = lines.ends;
    this.length = lines.length;
  }

  /** Index of the next line with content, or the number of lines. */
  private next(): number {
    while (this.i < this.length && this.starts[this.i] === this.ends[this.i]) this.i++;
    return this.i;
  }

  /** Whether the line at `at` is a sequence entry. */
  private entry(at: number): boolean {
    return isEntry(this.source, this.starts[at] ?? 0, this.ends[at] ?? 0);
  }

  document(): unknown {
    const at = this.next();
    if (at >= this.length) return null;
    const value = this.block(this.indents[at] ?? 0);
    if (this.next() < this.length) throw bail;
    return value;
  }

  /** Reads the block node starting at the next content line, whose indentation is `indent`. */
  private block(indent: number): unknown {
    const at = this.next();
    if (at >= this.length || this.indents[at] !== indent) throw bail;
    // Not a sequence: a mapping, whose first line gives up when it is not a key either.
    return this.entry(at) ? this.sequence(indent) : this.mapping(indent);
  }

  /**
   * A block mapping at `indent`; `firstKey`, `firstRest`: its first pair, already split off a
   * `- ` line (the rest from `firstRest` to the end of that line's content).
   */
  private mapping(indent: number, firstKey?: string, firstRest = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let key = firstKey;
    let rest = firstRest;
    let end = this.ends[this.i - 1] ?? 0;
    for (;;) {
      if (key === undefined) {
        const at = this.next();
        if (at >= this.length) return out;
        const lineIndent = this.indents[at] ?? 0;
        if (lineIndent < indent) return out;
        if (lineIndent > indent) throw bail;
        if (this.entry(at)) return out;
        this.i++;
        end = this.ends[at] ?? 0;
        if (!splitKey(this.source, this.starts[at] ?? 0, end)) throw bail;
        key = split.key;
        rest = split.rest;
      }
      if (Object.hasOwn(out, key) || key === '__proto__' || key === '<<') throw bail;
      out[key] = this.value(rest, end, indent, true);
      key = undefined;
    }
  }

  /** A block sequence at `indent`. */
  private sequence(indent: number): unknown[] {
    const base = this.top;
    this.items(indent);
    const out = pending.slice(base, this.top);
    this.top = base;
    return out;
  }

  /** Reads the items of a sequence at `indent` onto `pending`, from `top` on. */
  private items(indent: number): void {
    const source = this.source;
    for (;;) {
      const at = this.next();
      if (at >= this.length) return;
      const lineIndent = this.indents[at] ?? 0;
      if (lineIndent < indent) return;
      if (lineIndent > indent || !this.entry(at)) {
        if (lineIndent === indent) return;
        throw bail;
      }
      this.i++;
      const start = this.starts[at] ?? 0;
      const end = this.ends[at] ?? 0;
      const rest = trimStart(source, start + 1, end);
      const nested = isEntry(source, rest, end);
      let item: unknown;
      if (rest < end && !nested && splitKey(source, rest, end)) {
        item = this.mapping(indent + (rest - start), split.key, split.rest);
      } else {
        if (nested) throw bail;
        item = this.value(rest, end, indent, false);
      }
      // Read first: a nested sequence reads its own items above `top`, then leaves it as it was.
      pending[this.top++] = item;
    }
  }

  /**
   * The value after `key:` or `-`, written from `start` to `end` on its line: inline scalar,
   * literal block, or a nested block below.
   */
  private value(start: number, end: number, indent: number, inMapping: boolean): unknown {
    if (start < end) return this.inline(start, end, indent);
    const at = this.next();
    if (at >= this.length) return null;
    const lineIndent = this.indents[at] ?? 0;
    if (lineIndent > indent) return this.block(lineIndent);
    // `key:` followed by `- item` at the key's own indentation is a sequence (kubectl's style).
    if (inMapping && lineIndent === indent && this.entry(at)) return this.sequence(indent);
    return null;
  }

  /** A value written on its line, in [start, end): a scalar, or the header of a literal block. */
  private inline(start: number, end: number, indent: number): unknown {
    const hash = hashOf(this.source, start, end);
    const known = knownScalars.find(this.source, start, end, hash);
    if (known !== undefined) return known;
    const rest = this.source.slice(start, end);
    if (rest === '|' || rest === '|-' || rest === '|+') return this.literal(indent, rest);
    const value = readScalar(rest);
    // Only a plain scalar is read as its very text (a quoted one loses its quotes).
    if (value === rest) knownScalars.keep(rest, hash);
    return value;
  }

  /** A literal block scalar (`|`, `|-`, `|+`): lines more indented than the parent, kept as written. */
  private literal(parentIndent: number, header: string): string {
    const body: string[] = [];
    let contentIndent = -1;
    while (this.i < this.length) {
      const raw = lines.raw(this.i);
      const lineIndent = this.indents[this.i] ?? 0;
      const blank = raw.trim() === '';
      if (!blank) {
        if (lineIndent <= parentIndent) break;
        if (contentIndent === -1) contentIndent = lineIndent;
        if (lineIndent < contentIndent) throw bail;
      } else if (raw.length > Math.max(contentIndent, parentIndent + 1) && contentIndent === -1) {
        throw bail;
      }
      body.push(blank ? raw.slice(Math.max(contentIndent, 0)) : raw.slice(contentIndent));
      this.i++;
    }
    let end = body.length;
    while (end > 0 && (body[end - 1] ?? '').trim() === '') end--;
    if (body.slice(end).some((l) => l !== '')) throw bail;
    const content = body.slice(0, end).join('\n');
    if (header === '|-') return content;
    if (header === '|+') throw bail;
    return content === '' ? '' : `${content}\n`;
  }
}

/** Reads one YAML document of the plain Kubernetes subset; undefined when js-yaml must read it. */
export function fastParse(source: string): { value: unknown } | undefined {
  if (unread.test(source) || source.startsWith('%')) return undefined;
  try {
    lines.read(source);
    return { value: new Reader().document() };
  } catch (e) {
    if (e === bail) return undefined;
    throw e;
  }
}
