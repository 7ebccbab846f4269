import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../../src/engine/yaml/fastParse';

const scenarioDir = join(import.meta.dirname, '../../../src/scenarios');

/** The fast reader must agree with js-yaml whenever it answers at all. */
function agrees(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return true;
  let reference: unknown;
  try {
    reference = load(text);
  } catch {
    return false;
  }
  expect(fast.value).toEqual(reference === undefined ? null : reference);
  return true;
}

describe('fastParse', () => {
  it('reads every shipped scenario document exactly as js-yaml does, without falling back', () => {
    for (const file of readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of readFileSync(join(scenarioDir, file), 'utf8').split(/^---$/m)) {
        expect(fastParse(doc), `${file} falls back`).toBeDefined();
        expect(agrees(doc)).toBe(true);
      }
    }
  });

  it('gives up on anchors, flow collections, folded scalars, non-integer numbers and open quotes', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: [1, 2]\n',
      'a: >\n  folded\n',
      'a: 1.5\n',
      'a: 0x1F\n',
      'a: 010\n',
      'a: 1\na: 2\n',
      'a: b\n  c\n',
      't: -\n',
      "a: b 'c\n",
      'a: b "c\n',
    ]) {
      expect(fastParse(text), text).toBeUndefined();
    }
  });

  it('reads quoting, comments, literal blocks and compact sequences like js-yaml', () => {
    const text = [
      'apiVersion: v1 # trailing comment',
      'kind: ConfigMap',
      'metadata:',
      '  name: "coredns"',
      '  annotations: {}',
      '  labels:',
      "    'a.b/c': 'it''s'",
      '    d: "x\\"y"',
      'data:',
      '  Corefile: |',
      '    .:53 {',
      '        errors',
      '',
      '        kubernetes cluster.local # not a comment here',
      '    }',
      '  empty:',
      'list:',
      '- -conf',
      '- :53',
      '- 10.96.0.1',
      '- 2024-01-01T00:00:00Z',
      '- a#b',
      '- ~',
      '- name: x',
      '  ports:',
      '  - containerPort: 80',
      '    protocol: TCP',
      '  -',
      '    nested: true',
      '',
    ].join('\n');
    expect(fastParse(text)).toBeDefined();
    expect(agrees(text)).toBe(true);
  });

  it('keeps a Unicode space around a value, and leaves control characters to js-yaml', () => {
    // YAML's blanks are the space and the tab: a no-break or ideographic space is content, and
    // js-yaml rejects a vertical tab or form feed as non-printable (reported where it is).
    for (const text of [
      'a: b\u00a0\n',
      'a: \u00a0b\n',
      '- b\u2028\n',
      'a: b\u3000\n',
      'a: "x"\u00a0\n',
      'a: b\u000b\n',
      'a: b\u000cc\n',
      'a: b\u0007\n',
      'a: \ud800\n',
    ]) {
      expect(agrees(text), JSON.stringify(text)).toBe(true);
    }
    expect(fastParse('a: b\u00a0\n')).toBeUndefined();
    expect(fastParse('a: b\u00a0c\n')?.value).toEqual({ a: 'b\u00a0c' });
  });

  it('reads a long document, then a short one, in the line tables they share', () => {
    const long = Array.from({ length: 300 }, (_, i) => `k${i}: "v # ${i}" # note ${i}`).join('\n');
    for (const text of [long, 'a: 1\n', `${long}\n`, 'b:\n- x\n']) {
      expect(fastParse(text), text.slice(0, 20)).toBeDefined();
      expect(agrees(text)).toBe(true);
    }
  });

  it('strips comments only on the lines that have them, wherever the quotes and # are', () => {
    const text = [
      'a: x',
      "b: 'y # z'",
      'c: w',
      'd: v # note',
      'e: "q"',
      'f: u#v',
      '# whole line',
      'g: t',
      '',
    ].join('\n');
    expect(fastParse(text)?.value).toEqual({
      a: 'x',
      b: 'y # z',
      c: 'w',
      d: 'v',
      e: 'q',
      f: 'u#v',
      g: 't',
    });
    expect(agrees(text)).toBe(true);
  });

  it('reads keys and scalars met before only where their characters are the same', () => {
    // Thousands of keys and scalars of one length: more than are kept, many sharing a slot.
    const text = Array.from({ length: 5000 }, (_, i) => `k${1000 + i}: v${9999 - i}`).join('\n');
    for (const doc of [text, text, 'true: 1\nv: true\nnull: x\nw: null\n']) {
      expect(fastParse(doc)).toBeDefined();
      expect(agrees(doc)).toBe(true);
    }
  });

  it('agrees with js-yaml on random manifests dumped in block style', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -100000, max: 100000 }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        '10.96.0.1',
        'nginx:1.21',
        'a: b',
        '#x',
        '- y',
        '1.5',
        '0x10',
        'yes',
        'null',
        '',
        ' lead',
        "it's",
        'multi\nline',
      ),
    );
    const key = fc.oneof(
      fc.stringMatching(/^[a-z][a-zA-Z0-9./-]{0,10}$/),
      fc.constantFrom('app.kubernetes.io/name', 'a b', '1', 'true'),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('list')),
      map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      list: fc.array(tie('node'), { maxLength: 4 }),
    }));
    fc.assert(
      fc.property(tree.map, fc.boolean(), (value, noIndentSeq) => {
        const text = dump(value, { seqNoIndent: noIndentSeq, lineWidth: -1 });
        return agrees(text);
      }),
      { numRuns: 400 },
    );
  });
});
