/** The view slice: what the person looks at (the selected Service, a position to reveal). */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** A request to show a position in the editor; `seq` makes a repeated request a new one. */
export interface RevealRequest {
  line: number;
  column: number;
  seq: number;
}

/**
 * What the person has selected, in any view: the graph, the editor, a panel or a rule all set it,
 * and every view highlights it. `key` is `namespace/name` (a Node's is its name).
 */
export interface Selection {
  kind: 'service' | 'pod' | 'node' | 'deployment';
  key: string;
}

export interface ViewSlice {
  selection: Selection | null;
  /** `namespace/name` of the selected Service, or null (derived from `selection`). */
  selectedService: string | null;
  reveal: RevealRequest | null;
  /** Id of the panel tab shown beside the graph (see ui/panels/panelTabs.ts). */
  activePanel: string;
  select(selection: Selection | null): void;
  selectService(key: string | null): void;
  showPanel(id: string): void;
  revealPosition(line: number, column: number): void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  selection: null,
  selectedService: null,
  reveal: null,
  activePanel: 'services',
  select: (selection) =>
    set({ selection, selectedService: selection?.kind === 'service' ? selection.key : null }),
  selectService: (key) =>
    set({ selection: key === null ? null : { kind: 'service', key }, selectedService: key }),
  showPanel: (id) => set({ activePanel: id }),
  revealPosition: (line, column) =>
    set((state) => ({ reveal: { line, column, seq: (state.reveal?.seq ?? 0) + 1 } })),
});
