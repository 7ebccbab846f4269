/**
 * The embed slice: how the page is shown inside another page's iframe (`?embed=1`): which panels,
 * whether the editor is shown and whether the document may be changed. Null in the full page.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface EmbedView {
  /** Panel tab ids shown beside the graph, in order; empty: the graph alone. */
  panels: string[];
  editor: boolean;
  readOnly: boolean;
  /** The layout's height in CSS pixels, when the embedder gave one. */
  height: number | undefined;
  /** The embedder's name for this embed, echoed in its messages. */
  id: string | undefined;
}

export interface EmbedSlice {
  embed: EmbedView | null;
  setEmbed(embed: EmbedView | null): void;
}

export const createEmbedSlice: StateCreator<AppState, [], [], EmbedSlice> = (set) => ({
  embed: null,
  setEmbed: (embed) => set({ embed }),
});
