import { describe, expect, it } from 'vitest';
import { requestSeed } from './trafficSlice';

describe('requestSeed', () => {
  it('gives each send its own seed, the same for the same document seed and send', () => {
    const seeds = Array.from({ length: 50 }, (_, send) => requestSeed(1, send));
    expect(new Set(seeds).size).toBe(50);
    expect(requestSeed(1, 7)).toBe(seeds[7]);
    expect(requestSeed(2, 7)).not.toBe(seeds[7]);
    for (const seed of seeds)
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
  });
});
