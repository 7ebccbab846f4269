import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSet, PodIndex, serviceSelector } from '../../../src/engine/controllers/labels';
import type { Pod } from '../../../src/engine/model';

const pod = (name: string, labels: unknown, namespace = 'default'): Pod =>
  ({ metadata: { name, namespace, labels } }) as Pod;

describe('PodIndex.selectSet', () => {
  it('finds exactly the pods a scan with matchesSet finds, in index order', () => {
    // Keys and values from a small alphabet (with `=` and inherited names), values sometimes
    // not strings, label maps shared between pods as a ReplicaSet's pods share theirs.
    const word = fc.constantFrom('a', 'b', 'a=b', '1', 'constructor');
    const value = fc.oneof(word, word, fc.integer({ min: 0, max: 2 }), fc.constant(null));
    const labels = fc.dictionary(word, value, { maxKeys: 3 });
    const shared = fc.array(labels, { minLength: 1, maxLength: 4 });
    const input = fc.tuple(
      shared,
      fc.array(fc.tuple(fc.nat(3), fc.constantFrom('default', 'other'), fc.boolean()), {
        maxLength: 12,
      }),
      fc.dictionary(word, word, { minKeys: 1, maxKeys: 2 }),
    );
    fc.assert(
      fc.property(input, ([maps, specs, selector]) => {
        const pods = specs.map(([i, ns, freeze], n) => {
          const map = maps[i % maps.length] as object;
          return pod(`p${n}`, freeze ? Object.freeze(map) : map, ns);
        });
        const pairs = serviceSelector(selector);
        if (!pairs) return;
        const index = new PodIndex(pods);
        for (const ns of ['default', 'other']) {
          const expected = pods.filter(
            (p) => p.metadata?.namespace === ns && matchesSet(pairs, p.metadata?.labels),
          );
          expect(index.selectSet(ns, pairs)).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('checks every pair of a selector, not only the smallest bucket', () => {
    const pods = [
      pod('both', { a: '1', b: '1' }),
      pod('a1', { a: '1' }),
      pod('a2', { a: '1' }),
      pod('b', { b: '1' }),
    ];
    const pairs = serviceSelector({ a: '1', b: '1' }) ?? [];
    expect(new PodIndex(pods).selectSet('default', pairs).map((p) => p.metadata?.name)).toEqual([
      'both',
    ]);
  });
});
