import { describe, expect, it } from 'vitest';
import {
  cleanName,
  deleteSavedDocument,
  listSavedDocuments,
  savedDocumentsKey,
  saveDocument,
} from '../../../src/state/share/savedDocuments';
import type { SharedState } from '../../../src/state/share/sharedState';

/** localStorage in memory, optionally with a quota. */
function memoryStorage(quota = Infinity): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (value.length > quota) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

const state = (text: string): SharedState => ({
  text,
  scenario: null,
  seed: 1,
  admitted: false,
  selection: null,
  panel: 'services',
});

describe('saved documents', () => {
  it('are saved, listed newest first, replaced by name and deleted', () => {
    const storage = memoryStorage();
    expect(saveDocument(storage, 'first', state('a: 1'), 1000)).toBeUndefined();
    expect(saveDocument(storage, 'second', state('a: 2'), 2000)).toBeUndefined();
    expect(listSavedDocuments(storage).map((d) => d.name)).toEqual(['second', 'first']);
    saveDocument(storage, 'first', state('a: 3'), 3000);
    expect(listSavedDocuments(storage).map((d) => [d.name, d.state.text])).toEqual([
      ['first', 'a: 3'],
      ['second', 'a: 2'],
    ]);
    deleteSavedDocument(storage, 'first');
    expect(listSavedDocuments(storage).map((d) => d.name)).toEqual(['second']);
  });

  it('pass through restore when read: broken entries are left out, old ones migrated', () => {
    const storage = memoryStorage();
    storage.setItem(
      savedDocumentsKey,
      JSON.stringify([
        { name: 'old', savedAt: 5, state: { text: 'a: 1', scenario: 'web-service' } },
        { name: 'broken', savedAt: 6, version: 1, state: { seed: 3 } },
        { name: '', savedAt: 7, version: 1, state: { text: 'x: 1' } },
        'junk',
      ]),
    );
    expect(listSavedDocuments(storage)).toEqual([
      { name: 'old', savedAt: 5, state: { ...state('a: 1'), scenario: 'web-service' } },
    ]);
  });

  it('say when the storage is full or missing', () => {
    expect(saveDocument(memoryStorage(10), 'big', state('a: 1'))).toMatch(/full/);
    expect(saveDocument(undefined, 'x', state('a: 1'))).toMatch(/does not let/);
    expect(saveDocument(memoryStorage(), '   ', state('a: 1'))).toMatch(/name/);
  });

  it('clean names: no control characters, single spaces, 80 characters at most', () => {
    expect(cleanName('  my\u0000  cluster\n ')).toBe('my cluster');
    expect(cleanName('x'.repeat(200))).toHaveLength(80);
  });
});
