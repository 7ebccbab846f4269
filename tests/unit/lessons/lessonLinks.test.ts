import { describe, expect, it } from 'vitest';
import { readLessonLink, withLessonParams } from '../../../src/state/lessonLinks';

describe('lesson links', () => {
  it('opens a lesson at a step counted from 1, clamped to its steps', () => {
    expect(readLessonLink('?lesson=session-affinity&step=2')).toEqual({
      lesson: { id: 'session-affinity', step: 1 },
      present: false,
    });
    expect(readLessonLink('?lesson=session-affinity&step=99&present=1')).toEqual({
      lesson: { id: 'session-affinity', step: 1 },
      present: true,
    });
    expect(readLessonLink('?lesson=session-affinity&step=x').lesson?.step).toBe(0);
  });

  it('ignores unknown lessons', () => {
    expect(readLessonLink('?lesson=%3Cscript%3E&step=1')).toEqual({ lesson: null, present: false });
  });

  it('writes the position into the address, and removes it when the lesson ends', () => {
    const href = withLessonParams(
      'https://e.org/p/?scenario=x#h',
      { id: 'dns-names', step: 1 },
      true,
    );
    expect(href).toBe('https://e.org/p/?lesson=dns-names&step=2&present=1#h');
    expect(withLessonParams(href, null, false)).toBe('https://e.org/p/#h');
  });
});
