/**
 * The one effect between the store and the engine: it waits for the text to rest (debounce),
 * asks the worker, and stores the result. Replies to requests that are no longer the latest
 * are dropped by the client.
 */
import type { EngineClient } from '../worker/engineClient';
import type { AppStore } from './store';

// Short enough that a keystroke reaches the graph in under 100 ms (issue 6); replies to older
// requests are dropped, so typing fast costs the worker only the latest text.
export const simulationDebounceMs = 40;

/** Starts the effect; returns the function that stops it. */
export function startSimulation(
  store: AppStore,
  client: EngineClient,
  debounceMs = simulationDebounceMs,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run(): Promise<void> {
    const { text, seed, admitted } = store.getState();
    const outcome = await client.simulate(text, { seed, admitted });
    switch (outcome.type) {
      case 'simulated':
        store.getState().receiveSimulation(outcome.summary, outcome.durationMs);
        break;
      case 'crashed':
        store.getState().receiveCrash(outcome.error);
        break;
      case 'stale':
        break;
    }
  }

  void run();
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.text === previous.text &&
      state.seed === previous.seed &&
      state.admitted === previous.admitted
    ) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
