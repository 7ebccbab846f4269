import { describe, expect, it } from 'vitest';
import { findScenario } from '../../../src/scenarios';
import { keepOwnWork, readLessonLink, withLessonParams } from '../../../src/state/lessonLinks';
import { createAppStore } from '../../../src/state/store';

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

describe('keepOwnWork', () => {
  function memoryStorage(): Storage {
    const items = new Map<string, string>();
    return {
      get length() {
        return items.size;
      },
      clear: () => items.clear(),
      getItem: (key) => items.get(key) ?? null,
      key: (i) => [...items.keys()][i] ?? null,
      removeItem: (key) => void items.delete(key),
      setItem: (key, value) => void items.set(key, value),
    };
  }

  it("keeps the person's own text before a lesson replaces it, and not a shipped one", () => {
    const storage = memoryStorage();
    const scenario = findScenario('web-service');
    const store = createAppStore({ text: scenario?.text ?? '', scenario: 'web-service' });
    expect(keepOwnWork(store, storage, 'Lesson')).toBeUndefined();

    store.getState().startLesson('dns-names', 0);
    expect(keepOwnWork(store, storage, 'Lesson')).toBeUndefined();

    store.getState().setText(`${store.getState().text}# mine\n`);
    const name = keepOwnWork(store, storage, 'Session affinity', new Date(0));
    expect(name).toMatch(/^Before the lesson "Session affinity", /);
    expect(storage.length).toBe(1);
    expect(storage.getItem(storage.key(0) ?? '')).toContain('# mine');
  });
});
