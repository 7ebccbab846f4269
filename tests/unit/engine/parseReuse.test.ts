/**
 * The parse takes a document whose text is the previous run's document at the same index as it
 * was parsed then (src/engine/parse.ts, splitDocuments). After any sequence of edits, the
 * documents must be exactly what a fresh parser, which has never run, reads from the same text.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Objects from '../../../src/engine/objects';
import type * as Parse from '../../../src/engine/parse';

/** A fresh copy of the parse module: nothing kept from any earlier run. */
async function freshParse(): Promise<typeof Parse> {
  vi.resetModules();
  return import('../../../src/engine/parse');
}

/** Fresh copies of the parse and of readObjects. */
async function freshRead(): Promise<(text: string) => Objects.ReadResult> {
  const parse = await freshParse();
  const objects = (await import('../../../src/engine/objects')) as typeof Objects;
  return (text) => objects.readObjects(parse.parseDocuments(text));
}

/** What a diagnostic can read of the documents: values, errors, and where fields were written. */
function readable(documents: Parse.ParsedDocument[]): string {
  return JSON.stringify(
    documents.map((d) => ({
      index: d.index,
      startLine: d.startLine,
      text: d.text,
      value: d.value,
      error: d.error,
      root: d.rangeOf(''),
      replicas: d.rangeOf('spec.replicas'),
      port: d.rangeOf('spec.ports[0].port'),
    })),
  );
}

const deployment = (name: string, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n`;
const service = (name: string, port: number) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - port: ${port}\n`;
const start = [deployment('a', 3), service('a', 80), deployment('b', 3), service('b', 80)].join(
  '---\n',
);

/** Edits a person makes, each applied to the text before it. */
const edits: [string, (text: string) => string][] = [
  // The same length: only the text itself tells the document changed.
  ['a Deployment scaled', (t) => t.replace('replicas: 3', 'replicas: 4')],
  ['a digit typed in a port', (t) => t.replace('port: 80', 'port: 801')],
  ['a marker turned into blanks', (t) => t.replace('---\napiVersion: v1', '   \napiVersion: v1')],
  ['the marker back', (t) => t.replace('   \napiVersion: v1', '---\napiVersion: v1')],
  [
    'content after a marker',
    (t) => t.replace('---\napiVersion: apps/v1', '--- \napiVersion: apps/v1'),
  ],
  ['a short comment first', (t) => `#ab\n${t}`],
  // The same text after the first three characters, which are now a marker.
  ['the comment made a marker', (t) => t.replace(/^#ab\n/, '---\n')],
  // A document's text followed by more than a marker line: the document goes on.
  [
    'a line added at the end of a document',
    (t) => t.replace('replicas: 4\n', 'replicas: 4\nx: 1\n'),
  ],
  ['a marker typed inside a document', (t) => t.replace('x: 1\n', '---\nx: 1\n')],
  ['the marker taken back', (t) => t.replace('---\nx: 1\n', 'x: 1\n')],
  ['the line taken back', (t) => t.replace('x: 1\n', '')],
  ['text appended at the end', (t) => `${t}x: 2`],
  ['a line break appended', (t) => `${t}\n`],
  ['the text at the end taken back', (t) => t.replace(/x: 2\n$/, '')],
  ['the last line break removed', (t) => t.replace(/\n$/, '')],
  // A marker's dashes that no longer open a line.
  [
    'a line break before a marker typed over',
    (t) => t.replace('\n---\napiVersion: v1', 'X---\napiVersion: v1'),
  ],
  ['the line break back', (t) => t.replace('X---\napiVersion: v1', '\n---\napiVersion: v1')],
  ['a syntax error', (t) => t.replace('replicas: 4', 'replicas: [4')],
  ['the error fixed', (t) => t.replace('replicas: [4', 'replicas: 4')],
  ['a document inserted first', (t) => `${service('c', 90)}---\n${t}`],
  ['a comment-only document', (t) => `# a note\n---\n${t}`],
  ['an end marker', (t) => t.replace('---\n', '...\n---\n')],
  ['line ends of Windows', (t) => t.replaceAll('\n', '\r\n')],
  ['line ends back', (t) => t.replaceAll('\r\n', '\n')],
  ['a document removed', (t) => t.slice(t.indexOf('---\n') + 4)],
  ['nothing', (t) => t],
  ['the edits undone', () => start],
];

describe('documents parsed after edits equal a fresh parse', () => {
  it('after each edit in turn', async () => {
    const warm = await freshParse();
    let text = start;
    warm.parseDocuments(text);
    for (const [name, edit] of edits) {
      text = edit(text);
      const got = readable(warm.parseDocuments(text));
      const cold = await freshParse();
      expect(got, name).toBe(readable(cold.parseDocuments(text)));
    }
  });
});

describe('objects read after edits', () => {
  it('are the very objects read before for unchanged documents, and equal a fresh read', async () => {
    const read = await freshRead();
    const before = read(start).objects;
    const text = start.replace('replicas: 3', 'replicas: 4');
    const after = read(text).objects;
    expect(after.map((o) => o.object === before[after.indexOf(o)]?.object)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    const cold = (await freshRead())(text).objects;
    expect(JSON.stringify(after.map((o) => o.object))).toBe(
      JSON.stringify(cold.map((o) => o.object)),
    );
  });
});

describe('documents parsed after random small edits equal a parse with nothing before', () => {
  it('for lines of markers, comments, blanks and fields', async () => {
    const pieces = ['---', '...', '--- x: 1', 'a: 1', 'a: 2', '# c', '', '  ', 'b: [1', '---x'];
    // A fixed linear congruential sequence: the same edits on every run of the test.
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const edit = (text: string): string => {
      const at = next(text.length + 1);
      switch (next(4)) {
        case 0:
          return text.slice(0, at) + (pieces[next(pieces.length)] ?? '') + text.slice(at);
        case 1:
          return text.slice(0, at) + text.slice(at + 1 + next(4));
        case 2:
          return `${text.slice(0, at)}\n${text.slice(at)}`;
        default:
          return text.slice(0, at) + ('x\n-. #:'[next(7)] ?? '') + text.slice(at + 1);
      }
    };
    const warm = await freshParse();
    const cold = await freshParse();
    for (let run = 0; run < 1500; run++) {
      const lines = Array.from({ length: 3 + next(12) }, () => pieces[next(pieces.length)]);
      let text = lines.join('\n') + (next(2) ? '\n' : '');
      for (let k = 0; k < 12; k++) {
        text = edit(text);
        const got = readable(warm.parseDocuments(text));
        // An empty input leaves no previous documents: the text is parsed as if first.
        cold.parseDocuments('');
        expect(got, JSON.stringify(text)).toBe(readable(cold.parseDocuments(text)));
      }
    }
  });
});
