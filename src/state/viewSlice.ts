/** The view slice: what the person looks at (the selected Service, a position to reveal). */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** A request to show a position in the editor; `seq` makes a repeated request a new one. */
export interface RevealRequest {
  line: number;
  column: number;
  seq: number;
}

export interface ViewSlice {
  /** `namespace/name` of the selected Service, or null. */
  selectedService: string | null;
  reveal: RevealRequest | null;
  /** Id of the panel tab shown beside the graph (see ui/panels/panelTabs.ts). */
  activePanel: string;
  selectService(key: string | null): void;
  showPanel(id: string): void;
  revealPosition(line: number, column: number): void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  selectedService: null,
  reveal: null,
  activePanel: 'services',
  selectService: (key) => set({ selectedService: key }),
  showPanel: (id) => set({ activePanel: id }),
  revealPosition: (line, column) =>
    set((state) => ({ reveal: { line, column, seq: (state.reveal?.seq ?? 0) + 1 } })),
});
