/**
 * Reads a command line as a POSIX shell would, for the few forms the terminal needs: words with
 * '…' and "…" quoting and backslash escapes, `|` between commands, `#` comments, a trailing `\`
 * that continues the line, and a here-doc (`<<EOF`, `<<'EOF'`, `<<-EOF`) whose body is the
 * following lines up to the delimiter.
 */

export type ParsedLine =
  | { type: 'incomplete' }
  | { type: 'error'; message: string }
  | {
      type: 'ok';
      /** The commands of the pipeline, each a list of words; empty for a blank line. */
      pipeline: string[][];
      /** The here-doc's body, when the line has one. */
      heredoc?: string;
    };

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

/** Reads the here-doc delimiter word after `<<` (or `<<-`), starting at `i`. */
function readDelimiter(line: string, start: number): { word: string; end: number } | undefined {
  let i = start;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let word = '';
  while (i < line.length && !/[\s|;&<>]/.test(line[i] ?? '')) {
    const c = line[i] ?? '';
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close === -1) return undefined;
      word += line.slice(i + 1, close);
      i = close + 1;
    } else if (c === '\\') {
      word += line[i + 1] ?? '';
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  return word === '' ? undefined : { word, end: i };
}

/** The body of a here-doc in `rest` (the lines after the command), or undefined while its delimiter line has not come. */
function readHeredocBody(rest: string, heredoc: Heredoc): string | undefined {
  const lines = rest.split('\n');
  const body: string[] = [];
  for (const raw of lines) {
    const line = heredoc.stripTabs ? raw.replace(/^\t+/, '') : raw;
    if (line === heredoc.delimiter) return body.map((l) => `${l}\n`).join('');
    body.push(line);
  }
  return undefined;
}

export function parseCommandLine(input: string): ParsedLine {
  const pipeline: string[][] = [[]];
  let word: string | null = null;
  let heredoc: Heredoc | undefined;
  const current = () => pipeline[pipeline.length - 1] ?? [];
  const endWord = () => {
    if (word !== null) current().push(word);
    word = null;
  };
  let i = 0;
  for (; i < input.length; i++) {
    const c = input[i] ?? '';
    if (c === '\n') break;
    if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '\\') {
      const next = input[i + 1];
      if (next === undefined) return { type: 'incomplete' };
      if (next === '\n') {
        i++;
        continue;
      }
      word = (word ?? '') + next;
      i++;
    } else if (c === "'") {
      const close = input.indexOf("'", i + 1);
      if (close === -1) return { type: 'incomplete' };
      word = (word ?? '') + input.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < input.length && input[j] !== '"'; j++) {
        const d = input[j] ?? '';
        if (d === '\\' && /["\\$`\n]/.test(input[j + 1] ?? '')) {
          j++;
          if (input[j] !== '\n') text += input[j] ?? '';
        } else text += d;
      }
      if (j >= input.length) return { type: 'incomplete' };
      word = (word ?? '') + text;
      i = j;
    } else if (c === '#' && word === null) {
      const newline = input.indexOf('\n', i);
      i = newline === -1 ? input.length : newline;
      break;
    } else if (c === '|') {
      endWord();
      if (current().length === 0) {
        return { type: 'error', message: "syntax error near unexpected token `|'" };
      }
      pipeline.push([]);
    } else if (c === '<' && input[i + 1] === '<') {
      endWord();
      const stripTabs = input[i + 2] === '-';
      const read = readDelimiter(input, i + (stripTabs ? 3 : 2));
      if (!read) return { type: 'error', message: "syntax error near unexpected token `newline'" };
      heredoc = { delimiter: read.word, stripTabs };
      i = read.end - 1;
    } else {
      word = (word ?? '') + c;
    }
  }
  endWord();
  if (pipeline.length > 1 && current().length === 0) return { type: 'incomplete' };
  if (!heredoc) return { type: 'ok', pipeline: pipeline.filter((p) => p.length > 0) };
  const rest = i < input.length ? input.slice(i + 1) : '';
  const body = readHeredocBody(rest, heredoc);
  if (body === undefined) return { type: 'incomplete' };
  return { type: 'ok', pipeline, heredoc: body };
}
