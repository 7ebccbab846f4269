/**
 * The what-if history: each what-if is an edit of the text, recorded as the text before and
 * after it, so that it can be undone and redone outside the editor. An entry applies only while
 * the text is still the one it left (typing since then ends the chain: the editor's own undo
 * covers typing).
 */
import type { StateCreator } from 'zustand';
import type { EditOutcome } from './edits/whatIf';
import type { AppState } from './store';

export interface HistoryEntry {
  label: string;
  before: string;
  after: string;
}

/** What the latest what-if did (or why it was refused), as the page tells it. */
export interface WhatIfNotice {
  message: string;
  ok: boolean;
  seq: number;
}

export interface HistorySlice {
  past: HistoryEntry[];
  future: HistoryEntry[];
  whatIfNotice: WhatIfNotice | null;
  /** Applies a what-if's outcome: its text becomes the document's, and the edit can be undone. */
  applyWhatIf(label: string, outcome: EditOutcome): void;
  undo(): void;
  redo(): void;
}

/** The most entries kept: a long session of what-ifs on a large text stays small in memory. */
const limit = 50;

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set) => ({
  past: [],
  future: [],
  whatIfNotice: null,
  applyWhatIf: (label, outcome) =>
    set((state) => {
      const seq = (state.whatIfNotice?.seq ?? 0) + 1;
      if (!outcome.ok || outcome.text === state.text) {
        return { whatIfNotice: { message: outcome.message, ok: outcome.ok, seq } };
      }
      const entry = { label, before: state.text, after: outcome.text };
      return {
        text: outcome.text,
        past: [...state.past.slice(-(limit - 1)), entry],
        future: [],
        whatIfNotice: { message: outcome.message, ok: true, seq },
      };
    }),
  undo: () =>
    set((state) => {
      const entry = state.past.at(-1);
      if (!entry || entry.after !== state.text) return {};
      return {
        text: entry.before,
        past: state.past.slice(0, -1),
        future: [...state.future, entry],
        whatIfNotice: {
          message: `undone: ${entry.label}`,
          ok: true,
          seq: (state.whatIfNotice?.seq ?? 0) + 1,
        },
      };
    }),
  redo: () =>
    set((state) => {
      const entry = state.future.at(-1);
      if (!entry || entry.before !== state.text) return {};
      return {
        text: entry.after,
        past: [...state.past, entry],
        future: state.future.slice(0, -1),
        whatIfNotice: {
          message: `redone: ${entry.label}`,
          ok: true,
          seq: (state.whatIfNotice?.seq ?? 0) + 1,
        },
      };
    }),
});

export const canUndo = (s: AppState): boolean => s.past.at(-1)?.after === s.text;
export const canRedo = (s: AppState): boolean => s.future.at(-1)?.before === s.text;
