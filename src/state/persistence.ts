/**
 * The document survives a reload: its text is saved to localStorage, and read back through one
 * repair step (`restoreDocument`) together with the page's `?scenario=<name>`.
 */
import { defaultScenarioName, findScenario } from '../scenarios';
import type { DocumentState } from './documentSlice';
import type { AppStore } from './store';

export const storageKey = 'kube-service-playground:document:v1';

/** What localStorage holds; anything else found there is ignored. */
interface SavedDocument {
  text: string;
  scenario: string | null;
}

function readSaved(raw: string | null): SavedDocument | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { text, scenario } = value as Record<string, unknown>;
    if (typeof text !== 'string') return undefined;
    return { text, scenario: typeof scenario === 'string' ? scenario : null };
  } catch {
    return undefined;
  }
}

/**
 * The document to start with. `?scenario=<name>` names a shipped scenario: the saved text is
 * kept if it was made from that scenario (a reload loses no edit), otherwise the scenario is
 * loaded fresh. Without a known scenario in the URL, the saved text, or the default scenario.
 */
export function restoreDocument(search: string, saved: string | null): DocumentState {
  const requested = new URLSearchParams(search).get('scenario');
  const scenario = findScenario(requested);
  const document = readSaved(saved);
  if (scenario) {
    if (document && document.scenario === scenario.name) return document;
    return { text: scenario.text, scenario: scenario.name };
  }
  if (document) return document;
  const fallback = findScenario(defaultScenarioName);
  return { text: fallback?.text ?? '', scenario: fallback?.name ?? null };
}

/** Saves the document as it changes, and keeps `?scenario=` in the URL in step with it. */
export function startPersistence(
  store: AppStore,
  storage: Storage | undefined,
  delayMs = 200,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    const { text, scenario } = store.getState();
    try {
      storage?.setItem(storageKey, JSON.stringify({ text, scenario } satisfies SavedDocument));
    } catch {
      // Storage full or disabled (a private window): the document lives on in memory.
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.scenario !== previous.scenario) {
      const url = new URL(window.location.href);
      if (state.scenario) url.searchParams.set('scenario', state.scenario);
      else url.searchParams.delete('scenario');
      window.history.replaceState(null, '', url);
    }
    if (state.text === previous.text && state.scenario === previous.scenario) return;
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  window.addEventListener('pagehide', save);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('pagehide', save);
  };
}
