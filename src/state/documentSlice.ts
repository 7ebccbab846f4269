/** The document slice: the YAML text being edited, and the shipped scenario it started from. */
import type { StateCreator } from 'zustand';
import { findScenario } from '../scenarios';
import type { AppState } from './store';

/** A message about the document as a whole (a link opened, a file refused), shown as a toast. */
export interface DocumentNotice {
  message: string;
  tone: 'ok' | 'warn' | 'error';
  seq: number;
}

export interface DocumentSlice {
  text: string;
  /** The shipped scenario the text was loaded from (it may have been edited since), or null. */
  scenario: string | null;
  /** Seed of the engine's random choices (pod name suffixes, iptables sampling). */
  seed: number;
  /**
   * Read the text as a snapshot of a real cluster (`kubectl get ... -o yaml`), as stored: the
   * engine's `--admitted` (no defaulting, allocation, built-ins or controllers).
   */
  admitted: boolean;
  documentNotice: DocumentNotice | null;
  setText(text: string): void;
  /** Replaces the text with a shipped scenario's; unknown names are ignored. */
  loadScenario(name: string): void;
  /** Replaces the whole document (a link, a file, a saved document, a pasted cluster). */
  loadDocument(document: DocumentState): void;
  setAdmitted(admitted: boolean): void;
  setSeed(seed: number): void;
  notify(message: string, tone?: DocumentNotice['tone']): void;
  dismissNotice(): void;
}

export interface DocumentState {
  text: string;
  scenario: string | null;
  seed?: number;
  admitted?: boolean;
}

export function createDocumentSlice(
  initial: DocumentState,
): StateCreator<AppState, [], [], DocumentSlice> {
  return (set) => ({
    text: initial.text,
    scenario: initial.scenario,
    seed: initial.seed ?? 1,
    admitted: initial.admitted ?? false,
    documentNotice: null,
    setText: (text) => set({ text }),
    loadScenario: (name) => {
      const scenario = findScenario(name);
      if (scenario) set({ text: scenario.text, scenario: scenario.name, admitted: false });
    },
    loadDocument: (document) =>
      set((state) => ({
        text: document.text,
        scenario: document.scenario,
        seed: document.seed ?? state.seed,
        admitted: document.admitted ?? false,
      })),
    setAdmitted: (admitted) => set({ admitted }),
    setSeed: (seed) => set({ seed }),
    notify: (message, tone = 'ok') =>
      set((state) => ({
        documentNotice: { message, tone, seq: (state.documentNotice?.seq ?? 0) + 1 },
      })),
    dismissNotice: () => set({ documentNotice: null }),
  });
}
