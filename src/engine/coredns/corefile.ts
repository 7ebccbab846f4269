/**
 * The Corefile's syntax: Caddyfile tokens (github.com/coredns/caddy caddyfile/lexer.go and
 * parse.go): words separated by blanks, quoted strings, `#` comments, server blocks of keys and a
 * braced body of directives, each directive on its own line with an optional braced block.
 */

export interface Token {
  text: string;
  line: number;
  /** True when the token was quoted (so `{` or `}` inside quotes are words). */
  quoted: boolean;
}

/** A directive (or a property inside a directive's block) with its arguments. */
export interface Directive {
  name: string;
  args: string[];
  line: number;
  block: Directive[];
  /** The line of the block's closing brace (the directive's own line when it has no block). */
  endLine: number;
}

export interface ParsedServerBlock {
  keys: string[];
  line: number;
  directives: Directive[];
}

export type ParseResult =
  { ok: true; blocks: ParsedServerBlock[] } | { ok: false; line: number; message: string };

/** Splits Corefile text into tokens with their line numbers (caddyfile/lexer.go). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let value = '';
  let valueLine = 1;
  let quote: string | undefined;
  let quoted = false;
  let comment = false;
  const flush = () => {
    if (value !== '' || quoted) tokens.push({ text: value, line: valueLine, quoted });
    value = '';
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote !== undefined) {
      if (ch === '\\' && text[i + 1] === quote) {
        value += quote;
        i++;
        continue;
      }
      if (ch === quote) {
        quote = undefined;
        continue;
      }
      if (ch === '\n') line++;
      value += ch;
      continue;
    }
    if (ch === '\n') {
      comment = false;
      flush();
      line++;
      continue;
    }
    if (comment) continue;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      flush();
      continue;
    }
    if (ch === '#' && value === '') {
      comment = true;
      continue;
    }
    if ((ch === '"' || ch === '`') && value === '') {
      quote = ch;
      quoted = true;
      valueLine = line;
      continue;
    }
    if (value === '') valueLine = line;
    value += ch;
  }
  flush();
  return tokens;
}

const isOpen = (t: Token | undefined) => t !== undefined && !t.quoted && t.text === '{';
const isClose = (t: Token | undefined) => t !== undefined && !t.quoted && t.text === '}';

/** Reads directives up to the closing brace at `start` (or the end); returns the next index. */
function readDirectives(
  tokens: Token[],
  start: number,
  braced: boolean,
): { directives: Directive[]; next: number; endLine: number } | { error: string; line: number } {
  const directives: Directive[] = [];
  let i = start;
  while (i < tokens.length) {
    const head = tokens[i];
    if (!head) break;
    if (isClose(head)) {
      if (braced) return { directives, next: i + 1, endLine: head.line };
      return { error: "Unexpected '}' because no matching opening brace", line: head.line };
    }
    const directive: Directive = {
      name: head.text,
      args: [],
      line: head.line,
      block: [],
      endLine: head.line,
    };
    i++;
    while (i < tokens.length && tokens[i]?.line === head.line && !isOpen(tokens[i])) {
      if (isClose(tokens[i])) break;
      directive.args.push(tokens[i]?.text ?? '');
      i++;
    }
    if (isOpen(tokens[i]) && tokens[i]?.line === head.line) {
      const inner = readDirectives(tokens, i + 1, true);
      if ('error' in inner) return inner;
      directive.block = inner.directives;
      directive.endLine = inner.endLine;
      i = inner.next;
    }
    directives.push(directive);
  }
  if (braced) {
    return { error: 'Unexpected EOF', line: tokens[tokens.length - 1]?.line ?? 1 };
  }
  return { directives, next: i, endLine: tokens[i - 1]?.line ?? 1 };
}

/** Parses server blocks (caddyfile/parse.go `parseAll`). */
export function parseCorefile(text: string): ParseResult {
  const tokens = tokenize(text);
  const blocks: ParsedServerBlock[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first) break;
    const keys: string[] = [];
    while (i < tokens.length && !isOpen(tokens[i])) {
      const t = tokens[i];
      if (!t) break;
      if (isClose(t)) return { ok: false, line: t.line, message: "Unexpected '}'" };
      // A key line ends the keys unless it ends with a comma (a list spanning lines).
      keys.push(...t.text.split(',').filter((k) => k !== ''));
      const next = tokens[i + 1];
      i++;
      if (next && next.line !== t.line && !t.text.endsWith(',') && !isOpen(next)) break;
    }
    if (isOpen(tokens[i])) {
      const body = readDirectives(tokens, i + 1, true);
      if ('error' in body) return { ok: false, line: body.line, message: body.error };
      blocks.push({ keys, line: first.line, directives: body.directives });
      i = body.next;
      continue;
    }
    // Without braces, a single server block runs to the end of the file.
    if (blocks.length > 0) {
      return { ok: false, line: first.line, message: "Expected next token to be '{'" };
    }
    const body = readDirectives(tokens, i, false);
    if ('error' in body) return { ok: false, line: body.line, message: body.error };
    blocks.push({ keys, line: first.line, directives: body.directives });
    i = body.next;
  }
  return { ok: true, blocks };
}
