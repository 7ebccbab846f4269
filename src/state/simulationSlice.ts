/**
 * The simulation slice: what the engine made of the text. The summary on screen is the latest
 * one without errors (as a real API server keeps the last accepted objects when an update is
 * rejected); the diagnostics are always the latest text's, so the editor's markers match it.
 */
import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../engine/model';
import type { SimulationSummary } from '../worker/protocol';
import type { AppState } from './store';

export type SimulationStatus = 'pending' | 'ready' | 'crashed';

export interface SimulationSlice {
  /** The summary the page draws: the latest good one (or the first one, while there is none). */
  summary: SimulationSummary | undefined;
  /** True when `summary` is older than the text: the latest text has errors. */
  summaryIsStale: boolean;
  /** The latest text's diagnostics. */
  diagnostics: Diagnostic[];
  status: SimulationStatus;
  /** The engine's error message after a crash (an engine bug, not a user mistake). */
  crash: string | undefined;
  durationMs: number;
  receiveSimulation(summary: SimulationSummary, durationMs: number): void;
  receiveCrash(error: string): void;
}

/** A summary that may replace the one on screen: its text had no errors. */
export function isGoodSummary(summary: SimulationSummary): boolean {
  return !summary.diagnostics.some((d) => d.severity === 'error');
}

export const createSimulationSlice: StateCreator<AppState, [], [], SimulationSlice> = (set) => ({
  summary: undefined,
  summaryIsStale: false,
  diagnostics: [],
  status: 'pending',
  crash: undefined,
  durationMs: 0,
  receiveSimulation: (summary, durationMs) =>
    set((state) => {
      const keep = state.summary !== undefined && !isGoodSummary(summary);
      return {
        summary: keep ? state.summary : summary,
        summaryIsStale: keep,
        diagnostics: summary.diagnostics,
        status: 'ready',
        crash: undefined,
        durationMs,
      };
    }),
  receiveCrash: (error) => set({ status: 'crashed', crash: error, summaryIsStale: true }),
});
