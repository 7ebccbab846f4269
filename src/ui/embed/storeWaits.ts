/**
 * Waiting for the store's effects: the simulation of a text just set, and the batch of requests
 * just sent. Each resolves with what arrived, or undefined after a timeout.
 */
import { simulationDebounceMs } from '../../state/runSimulation';
import type { AppState, AppStore } from '../../state/store';
import type { SimulationSummary } from '../../worker/protocol';
import type { RequestBatch } from '../../worker/queries/requests';

function waitFor<T>(
  store: AppStore,
  test: (state: AppState, previous: AppState) => { value: T } | undefined,
  timeoutMs: number,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(undefined);
    }, timeoutMs);
    const unsubscribe = store.subscribe((state, previous) => {
      const found = test(state, previous);
      if (!found) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(found.value);
    });
  });
}

/** The first simulation (or crash) of the text on screen. */
export function firstSimulation(
  store: AppStore,
  timeoutMs = 20_000,
): Promise<AppState | undefined> {
  const state = store.getState();
  if (state.status !== 'pending') return Promise.resolve(state);
  return waitFor(store, (s) => (s.status !== 'pending' ? { value: s } : undefined), timeoutMs);
}

/**
 * Makes an edit of the document and waits for its simulation. A reply is taken as the new text's
 * once the debounce has passed since the edit (the time is read before the edit, so a quick
 * reply is never missed; an older reply arriving later is dropped by the engine client as stale).
 * An edit that leaves the text and seed as they were resolves with the summary on screen.
 */
export function simulationAfterEdit(
  store: AppStore,
  edit: () => void,
  timeoutMs = 20_000,
): Promise<SimulationSummary | undefined> {
  const before = store.getState();
  const since = performance.now();
  const pending = waitFor(
    store,
    (s, p) =>
      (s.diagnostics !== p.diagnostics || s.crash !== p.crash) &&
      performance.now() - since >= simulationDebounceMs
        ? { value: s.summary }
        : undefined,
    timeoutMs,
  );
  edit();
  const after = store.getState();
  if (after.text === before.text && after.seed === before.seed)
    return Promise.resolve(after.summary);
  return pending;
}

export type BatchOutcome = { ok: true; batch: RequestBatch } | { ok: false; message: string };

/** Sends the request form's requests and waits for the engine's batch. */
export async function sendAndWait(store: AppStore, timeoutMs = 20_000): Promise<BatchOutcome> {
  const pending = waitFor<BatchOutcome>(
    store,
    (s, p) => {
      if (s.batchSeq !== p.batchSeq && s.batch) return { value: { ok: true, batch: s.batch } };
      if (s.trafficStatus === 'failed' && p.trafficStatus !== 'failed') {
        return { value: { ok: false, message: s.trafficError ?? 'The requests failed.' } };
      }
      return undefined;
    },
    timeoutMs,
  );
  store.getState().sendRequests();
  return (await pending) ?? { ok: false, message: 'The engine did not answer in time.' };
}
