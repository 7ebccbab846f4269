import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byCodeUnits, sortInPlace } from '../../../src/engine/controllers/sort';

describe('sortInPlace', () => {
  it('orders as Array.prototype.sort does, stable, below and above the insertion-sort limit', () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), id: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (list) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const expected = [...list].sort(byKey);
        const copy = [...list];
        expect(sortInPlace(copy, byKey)).toBe(copy);
        expect(copy).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('orders strings by UTF-16 code units, as the default sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 30 }), (list) => {
        expect(sortInPlace([...list], byCodeUnits)).toEqual([...list].sort());
      }),
    );
  });
});
