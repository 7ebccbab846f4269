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

/** Strips a comment (` #` outside quotes) and trailing blanks; gives up on lines it cannot judge. */
function stripComment(text: string): string {
  if (text.startsWith('#')) return '';
  // Most lines have neither quotes nor `#`: nothing to judge.
  if (!text.includes('#') && !text.includes('"') && !text.includes("'")) return text.trimEnd();
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s:\-[{,]/.test(text[i - 1] ?? ''))) quote = c;
    else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t'))
      return text.slice(0, i).trimEnd();
  }
  if (quote) throw bail;
  return text.trimEnd();
}

/**
 * The source's lines: for each, its indentation and its content after it (comment stripped,
 * trailing blanks trimmed; '' for blank lines). Kept in parallel arrays rather than an object
 * per line, and cut from the source once (the raw line is cut again only in a block scalar):
 * a 5 MB paste has 250,000 lines, and every object made per line is garbage to collect.
 */
class Lines {
  readonly indents: number[] = [];
  readonly texts: string[] = [];
  /** Offset of each line's first character in the source. */
  private readonly starts: number[] = [];

  constructor(private readonly source: string) {
    let start = 0;
    for (;;) {
      const newline = source.indexOf('\n', start);
      const end = newline === -1 ? source.length : newline;
      let indent = 0;
      while (source.charCodeAt(start + indent) === 32) indent++;
      if (source.charCodeAt(start + indent) === 9) throw bail;
      this.indents.push(indent);
      this.texts.push(stripComment(source.slice(start + indent, end)));
      this.starts.push(start);
      if (newline === -1) break;
      start = newline + 1;
    }
  }

  get length(): number {
    return this.texts.length;
  }

  /** The line as written (for block scalars, where `#` is content). */
  raw(i: number): string {
    const end = i + 1 < this.starts.length ? (this.starts[i + 1] ?? 0) - 1 : this.source.length;
    return this.source.slice(this.starts[i], end);
  }
}

/** The result of `splitKey`: one object, overwritten by each call (a pair per key was garbage). */
const split = { key: '', rest: '' };

/**
 * Splits `key: rest` at the first `: ` (or a trailing `:`) of a plain or quoted key into `split`;
 * false when not a key.
 */
function splitKey(text: string): boolean {
  let keyEnd: number;
  let key: string;
  if (text.startsWith('"') || text.startsWith("'")) {
    const close = text.indexOf(text[0] ?? '', 1);
    if (close === -1 || text[close + 1] !== ':') return false;
    keyEnd = close + 1;
    const k = readScalar(text.slice(0, close + 1));
    if (typeof k !== 'string') return false;
    key = k;
  } else {
    const colon = keyColon(text);
    if (colon <= 0) return false;
    keyEnd = colon;
    key = text.slice(0, colon);
    if ((!startsWithLetter(key) && indicatorStart.test(key)) || key.includes(' #')) throw bail;
  }
  split.key = key;
  split.rest = text.slice(keyEnd + 1).trimStart();
  return true;
}

/** The first `:` followed by a space or the end of the text (`/:( |$)/`), or -1. */
function keyColon(text: string): number {
  let colon = text.indexOf(':');
  while (colon !== -1 && colon + 1 < text.length && text.charCodeAt(colon + 1) !== 32)
    colon = text.indexOf(':', colon + 1);
  return colon;
}

/** Whether a line's content is a sequence entry (`- item`, or `-` with the item below). */
function isEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

class Reader {
  private i = 0;
  private readonly indents: number[];
  private readonly texts: string[];
  constructor(private readonly lines: Lines) {
    this.indents = lines.indents;
    this.texts = lines.texts;
  }

  /** Index of the next line with content, or lines.length. */
  private next(): number {
    const texts = this.texts;
    while (this.i < texts.length && texts[this.i] === '') this.i++;
    return this.i;
  }

  document(): unknown {
    const at = this.next();
    if (at >= this.texts.length) return null;
    const value = this.block(this.indents[at] ?? 0);
    if (this.next() < this.texts.length) throw bail;
    return value;
  }

  /** Reads the block node starting at the next content line, whose indentation is `indent`. */
  private block(indent: number): unknown {
    const at = this.next();
    if (at >= this.texts.length || this.indents[at] !== indent) throw bail;
    // Not a sequence: a mapping, whose first line gives up when it is not a key either.
    return isEntry(this.texts[at] ?? '') ? this.sequence(indent) : this.mapping(indent);
  }

  /** A block mapping at `indent`; `firstKey`/`firstRest`: its first pair, already split off a `- ` line. */
  private mapping(indent: number, firstKey?: string, firstRest?: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let key = firstKey;
    let rest = firstRest ?? '';
    for (;;) {
      if (key === undefined) {
        const at = this.next();
        if (at >= this.texts.length) return out;
        const lineIndent = this.indents[at] ?? 0;
        if (lineIndent < indent) return out;
        if (lineIndent > indent) throw bail;
        const text = this.texts[at] ?? '';
        if (isEntry(text)) return out;
        this.i++;
        if (!splitKey(text)) throw bail;
        key = split.key;
        rest = split.rest;
      }
      if (Object.hasOwn(out, key) || key === '__proto__' || key === '<<') throw bail;
      out[key] = this.value(rest, indent, true);
      key = undefined;
    }
  }

  /** A block sequence at `indent`. */
  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    this.items(indent, out);
    // Copied to its length: an array grown by push keeps room for 16 items, which every
    // parsed (and cached) list of one or two would carry.
    return out.slice();
  }

  private items(indent: number, out: unknown[]): void {
    for (;;) {
      const at = this.next();
      if (at >= this.texts.length) return;
      const lineIndent = this.indents[at] ?? 0;
      const text = this.texts[at] ?? '';
      if (lineIndent < indent) return;
      if (lineIndent > indent || !isEntry(text)) {
        if (lineIndent === indent) return;
        throw bail;
      }
      this.i++;
      const rest = text.slice(1).trimStart();
      if (rest !== '' && !rest.startsWith('- ') && rest !== '-' && splitKey(rest)) {
        const offset = text.length - rest.length;
        out.push(this.mapping(indent + offset, split.key, split.rest));
      } else {
        if (rest.startsWith('- ') || rest === '-') throw bail;
        out.push(this.value(rest, indent, false));
      }
    }
  }

  /** The value after `key:` or `-`: inline scalar, literal block, or a nested block below. */
  private value(rest: string, indent: number, inMapping: boolean): unknown {
    if (rest === '|' || rest === '|-' || rest === '|+') return this.literal(indent, rest);
    if (rest !== '') return readScalar(rest);
    const at = this.next();
    if (at >= this.texts.length) return null;
    const lineIndent = this.indents[at] ?? 0;
    if (lineIndent > indent) return this.block(lineIndent);
    // `key:` followed by `- item` at the key's own indentation is a sequence (kubectl's style).
    if (inMapping && lineIndent === indent && isEntry(this.texts[at] ?? '')) {
      return this.sequence(indent);
    }
    return null;
  }

  /** A literal block scalar (`|`, `|-`, `|+`): lines more indented than the parent, kept as written. */
  private literal(parentIndent: number, header: string): string {
    const body: string[] = [];
    let contentIndent = -1;
    while (this.i < this.texts.length) {
      const raw = this.lines.raw(this.i);
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
  if (
    source.includes('\r') ||
    source.includes('\t') ||
    source.startsWith('%') ||
    source.includes('\ufeff')
  ) {
    return undefined;
  }
  try {
    return { value: new Reader(new Lines(source)).document() };
  } catch (e) {
    if (e === bail) return undefined;
    throw e;
  }
}
