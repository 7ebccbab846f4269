/** The document slice: the YAML text being edited, and the shipped scenario it started from. */
import type { StateCreator } from 'zustand';
import { findScenario } from '../scenarios';
import type { AppState } from './store';

export interface DocumentSlice {
  text: string;
  /** The shipped scenario the text was loaded from (it may have been edited since), or null. */
  scenario: string | null;
  /** Seed of the engine's random choices (pod name suffixes, iptables sampling). */
  seed: number;
  setText(text: string): void;
  /** Replaces the text with a shipped scenario's; unknown names are ignored. */
  loadScenario(name: string): void;
}

export interface DocumentState {
  text: string;
  scenario: string | null;
}

export function createDocumentSlice(
  initial: DocumentState,
): StateCreator<AppState, [], [], DocumentSlice> {
  return (set) => ({
    ...initial,
    seed: 1,
    setText: (text) => set({ text }),
    loadScenario: (name) => {
      const scenario = findScenario(name);
      if (scenario) set({ text: scenario.text, scenario: scenario.name });
    },
  });
}
