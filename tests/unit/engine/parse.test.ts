import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../../src/engine/parse';

describe('parseDocuments', () => {
  it('reads a chunk as a document only when a line of it is neither blank nor a comment', () => {
    const text = [
      '# only a note',
      '---',
      '   ',
      '# another',
      '---',
      'a: 1',
      '--- # after a marker',
      '---',
      '--- {b: 2}',
      '',
    ].join('\n');
    expect(parseDocuments(text).map((d) => [d.index, d.startLine, d.value])).toEqual([
      [0, 5, { a: 1 }],
      [1, 9, { b: 2 }],
    ]);
  });

  it('blanks the dashes of marker lines only, not of a line opened by another line separator', () => {
    const documents = parseDocuments('a: 1\n---\nb: "x\u2028--- y"\n');
    expect(documents.map((d) => [d.text, d.value])).toEqual([
      ['a: 1', { a: 1 }],
      ['   \nb: "x\u2028--- y"\n', { b: 'x\u2028--- y' }],
    ]);
  });
});
