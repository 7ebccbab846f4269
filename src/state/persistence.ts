/**
 * Nothing is lost: the document (text, scenario, seed, snapshot flag) is saved to localStorage as
 * it changes and when the page is hidden or closed (to IndexedDB when it is larger than
 * localStorage holds: ./largeDocument.ts), and read back through the one repair step
 * (`restore`, with its migrations) together with the page's `?scenario=<name>`. The view
 * (selection, panel) is kept under its own key, so moving the cursor never rewrites a large text.
 */
import { defaultScenarioName, findScenario } from '../scenarios';
import type { DocumentState } from './documentSlice';
import {
  clearLargeDocument,
  hasIndexedDB,
  inIndexedDB,
  loadLargeDocument,
  saveLargeDocument,
} from './largeDocument';
import { restore } from './share/restore';
import { currentVersion, type SharedState } from './share/sharedState';
import type { AppState, AppStore } from './store';

export const storageKey = 'kube-service-playground:document:v1';
export const viewStorageKey = 'kube-service-playground:view:v1';

/** What the document key holds: the document fields of a SharedState, with their format version. */
interface SavedRecord {
  v: number;
  text: string;
  scenario: string | null;
  seed: number;
  admitted: boolean;
}

/**
 * The saved record, restored (a record without `v` is the first builds' `{ text, scenario }`):
 * as localStorage holds it (JSON), or as IndexedDB does (the object itself).
 */
function readSaved(raw: string | object | null): SharedState | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (typeof value !== 'object' || value === null) return undefined;
    const { v } = value as Record<string, unknown>;
    const restored = restore(value, typeof v === 'number' ? v : 0, 'storage');
    return restored.ok ? restored.state : undefined;
  } catch {
    return undefined;
  }
}

const toDocument = ({ text, scenario, seed, admitted }: SharedState): DocumentState => ({
  text,
  scenario,
  seed,
  admitted,
});

/**
 * The document to start with. `?scenario=<name>` names a shipped scenario: the saved text is
 * kept if it was made from that scenario (a reload loses no edit), otherwise the scenario is
 * loaded fresh. Without a known scenario in the URL, the saved text, or the default scenario.
 */
export function restoreDocument(search: string, saved: string | object | null): DocumentState {
  const requested = new URLSearchParams(search).get('scenario');
  const scenario = findScenario(requested);
  const document = readSaved(saved);
  if (scenario) {
    if (document && document.scenario === scenario.name) return toDocument(document);
    return { text: scenario.text, scenario: scenario.name };
  }
  if (document) return toDocument(document);
  const fallback = findScenario(defaultScenarioName);
  return { text: fallback?.text ?? '', scenario: fallback?.name ?? null };
}

/** The saved record: localStorage's, or the one it says IndexedDB keeps. */
export async function readSavedDocument(
  storage: Storage | undefined,
): Promise<string | object | null> {
  const raw = storage?.getItem(storageKey) ?? null;
  return raw === inIndexedDB && hasIndexedDB() ? loadLargeDocument() : raw;
}

function toRecord(state: AppState): SavedRecord {
  const { text, scenario, seed, admitted } = state;
  return { v: currentVersion, text, scenario, seed, admitted };
}

const documentChanged = (a: AppState, b: AppState): boolean =>
  a.text !== b.text || a.scenario !== b.scenario || a.seed !== b.seed || a.admitted !== b.admitted;

/** Puts back the saved view (selection, panel) when the document on screen is the saved one. */
function restoreView(store: AppStore, storage: Storage | undefined): void {
  try {
    const raw = storage?.getItem(viewStorageKey);
    if (!raw) return;
    const value: unknown = JSON.parse(raw);
    const restored = restore({ ...(value as object), text: '' }, currentVersion, 'storage');
    if (!restored.ok) return;
    const { selection, panel } = restored.state;
    if (selection) store.getState().select(selection);
    store.getState().showPanel(panel);
  } catch {
    // An unreadable view is no loss: the page starts with its default view.
  }
}

/**
 * The most characters a browser's localStorage holds for an origin: 5 Mi (measured in Chromium,
 * whose 10 MiB quota counts UTF-16 bytes; Firefox and Safari allow 5 MiB). A longer text goes
 * to IndexedDB at once: serializing and copying a pasted 5-10 MB document only to be refused
 * took 60-300 ms.
 */
export const storageCapacityChars = 5 * 1024 * 1024;

/** Runs `task` when the page is idle (at the latest after `timeoutMs`); returns its canceller. */
function whenIdle(task: () => void, timeoutMs: number): () => void {
  if (typeof globalThis.requestIdleCallback === 'function') {
    const handle = globalThis.requestIdleCallback(task, { timeout: timeoutMs });
    return () => globalThis.cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
}

/**
 * Saves the document as it changes (after `delayMs` of rest, in an idle moment, and at once when
 * the page is hidden or closed), and keeps `?scenario=` in the URL in step with it. Writing a
 * pasted 10 MB document takes tens of milliseconds: it is never done in the task of a keystroke,
 * and a text the storage refused is not tried again until the text is shorter.
 */
export function startPersistence(
  store: AppStore,
  storage: Storage | undefined,
  delayMs = 200,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let viewTimer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | undefined;
  let dirty = false;
  let failed = false;
  /** Counts the saves: an IndexedDB write that a later save overtook does not mark itself kept. */
  let saves = 0;
  /** Whether IndexedDB holds the document (localStorage only its marker). */
  let large = false;
  /** The length of the shortest text the storage refused (a longer one would fail too). */
  let refusedLength = Infinity;
  const save = () => {
    clearTimeout(timer);
    cancelIdle?.();
    cancelIdle = undefined;
    if (!dirty) return;
    dirty = false;
    const record = toRecord(store.getState());
    saves += 1;
    if (record.text.length >= refusedLength) return;
    if (record.text.length > storageCapacityChars) {
      keepLarge(record);
      return;
    }
    try {
      storage?.setItem(storageKey, JSON.stringify(record));
      failed = false;
      refusedLength = Infinity;
      if (large) {
        large = false;
        clearLargeDocument().catch(() => undefined);
      }
    } catch {
      keepLarge(record);
    }
  };
  /** A document larger than localStorage holds: kept in IndexedDB, its marker in localStorage. */
  const keepLarge = (record: SavedRecord) => {
    if (!storage || !hasIndexedDB()) {
      refuse(record.text.length);
      return;
    }
    const mine = saves;
    saveLargeDocument(record)
      .then(() => {
        if (mine !== saves) return;
        storage.setItem(storageKey, inIndexedDB);
        large = true;
        failed = false;
      })
      .catch(() => {
        if (mine === saves) refuse(record.text.length);
      });
  };
  /** Storage full or disabled (a private window): the document lives on in memory. Say so once. */
  const refuse = (length: number) => {
    refusedLength = length;
    if (!failed && storage) {
      store
        .getState()
        .notify(
          "This document is too large for the browser's storage, so a reload would lose it: download it to keep it.",
          'warn',
        );
    }
    failed = true;
  };
  const saveView = () => {
    const { selection, activePanel } = store.getState();
    try {
      storage?.setItem(viewStorageKey, JSON.stringify({ selection, panel: activePanel }));
    } catch {
      // The view is a convenience; the document is what must not be lost.
    }
  };
  const flush = () => {
    save();
    clearTimeout(viewTimer);
    saveView();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };

  if (readSaved(storage?.getItem(storageKey) ?? null)?.text === store.getState().text) {
    restoreView(store, storage);
  }
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.scenario !== previous.scenario) {
      const url = new URL(window.location.href);
      if (state.scenario) url.searchParams.set('scenario', state.scenario);
      else url.searchParams.delete('scenario');
      window.history.replaceState(window.history.state, '', url);
    }
    if (state.selection !== previous.selection || state.activePanel !== previous.activePanel) {
      clearTimeout(viewTimer);
      viewTimer = setTimeout(saveView, delayMs);
    }
    if (!documentChanged(state, previous)) return;
    dirty = true;
    clearTimeout(timer);
    cancelIdle?.();
    timer = setTimeout(() => {
      cancelIdle = whenIdle(save, 2000);
    }, delayMs);
  });
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    cancelIdle?.();
    clearTimeout(viewTimer);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
