import { describe, expect, it } from 'vitest';
import { sliceEnd } from './largePaste';

describe('sliceEnd', () => {
  it('cuts after the last line end within the slice', () => {
    const text = 'ab\ncd\nef\ngh';
    expect(sliceEnd(text, 0, 7)).toBe(6);
    expect(sliceEnd(text, 6, 4)).toBe(9);
  });

  it('takes the rest when it is shorter than a slice', () => {
    expect(sliceEnd('ab\ncd', 3, 10)).toBe(5);
  });

  it('cuts inside a line longer than a slice', () => {
    expect(sliceEnd('abcdefgh\nij', 0, 4)).toBe(4);
  });

  it('covers the text with slices that join back to it', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const parts: string[] = [];
    for (let from = 0; from < text.length;) {
      const to = sliceEnd(text, from, 64);
      expect(to).toBeGreaterThan(from);
      parts.push(text.slice(from, to));
      from = to;
    }
    expect(parts.join('')).toBe(text);
    expect(parts.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
  });
});
