/**
 * The page's side of the engine worker. Each request gets an increasing id; a reply whose request
 * is no longer the latest resolves as `stale` (the caller ignores it). A crash (a `crashed` reply,
 * or the worker failing to load or dying) restarts the worker, so the next request works again.
 */
import type { SimulateOptions } from '../engine/model';
import type {
  AnswerOf,
  EngineQuery,
  EngineReply,
  EngineRequest,
  QueryKind,
  SimulationSummary,
} from './protocol';

export type SimulateOutcome =
  | { type: 'simulated'; summary: SimulationSummary; durationMs: number }
  | { type: 'crashed'; error: string }
  | { type: 'stale' };

export type QueryOutcome<K extends QueryKind> =
  { type: 'answered'; answer: AnswerOf<K> } | { type: 'unanswered'; error: string };

export interface EngineClient {
  simulate(input: string, options?: SimulateOptions): Promise<SimulateOutcome>;
  /** Asks about the latest simulation; never stale (the caller decides whether it still cares). */
  query<K extends QueryKind>(query: EngineQuery & { kind: K }): Promise<QueryOutcome<K>>;
  dispose(): void;
}

/** A worker as the client uses it; a test may pass a fake. */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<EngineReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
}

export function createEngineClient(
  createWorker: () => WorkerLike = createEngineWorker,
): EngineClient {
  let latestId = 0;
  const waiting = new Map<number, (outcome: SimulateOutcome) => void>();
  let latestQueryId = 0;
  const questions = new Map<number, (outcome: QueryOutcome<QueryKind>) => void>();

  function answered(id: number, outcome: QueryOutcome<QueryKind>): void {
    questions.get(id)?.(outcome);
    questions.delete(id);
  }
  let worker: WorkerLike | undefined;
  let latestRequest: EngineRequest | undefined;

  /** Settles every request up to `id`: the one with `id` gets `outcome`, older ones are stale. */
  function settle(id: number, outcome: SimulateOutcome): void {
    for (const [waitingId, resolve] of waiting) {
      if (waitingId > id) continue;
      waiting.delete(waitingId);
      resolve(waitingId === id && id === latestId ? outcome : { type: 'stale' });
    }
  }

  function stop(): void {
    worker?.terminate();
    worker = undefined;
  }

  /** The engine threw on request `id`: report it, and give a still-waiting latest request a fresh worker. */
  function crashed(id: number, error: string): void {
    settle(id, { type: 'crashed', error });
    stop();
    for (const questionId of [...questions.keys()])
      answered(questionId, { type: 'unanswered', error });
    if (latestRequest && waiting.has(latestRequest.id)) ensureWorker().postMessage(latestRequest);
  }

  /** The worker itself failed (did not load, or died): every waiting request fails. */
  function failed(error: string): void {
    stop();
    settle(latestId, { type: 'crashed', error });
    for (const id of [...questions.keys()]) answered(id, { type: 'unanswered', error });
  }

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const created = createWorker();
    created.onmessage = (event) => {
      const message = event.data;
      switch (message.type) {
        case 'simulated':
          settle(message.id, {
            type: 'simulated',
            summary: message.summary,
            durationMs: message.durationMs,
          });
          break;
        case 'crashed':
          crashed(message.id, message.error);
          break;
        case 'answered':
          answered(message.id, { type: 'answered', answer: message.answer });
          break;
        case 'unanswered':
          answered(message.id, { type: 'unanswered', error: message.error });
          break;
      }
    };
    created.onerror = (event) => {
      event.preventDefault();
      failed(event.message || 'The engine worker failed to start.');
    };
    worker = created;
    return created;
  }

  return {
    simulate(input, options = {}) {
      const id = ++latestId;
      const promise = new Promise<SimulateOutcome>((resolve) => waiting.set(id, resolve));
      latestRequest = { type: 'simulate', id, input, options };
      ensureWorker().postMessage(latestRequest);
      return promise;
    },
    query<K extends QueryKind>(query: EngineQuery & { kind: K }) {
      const id = ++latestQueryId;
      const promise = new Promise<QueryOutcome<K>>((resolve) =>
        questions.set(id, resolve as (outcome: QueryOutcome<QueryKind>) => void),
      );
      ensureWorker().postMessage({ type: 'query', id, query });
      return promise;
    },
    dispose() {
      stop();
      latestId += 1;
      settle(latestId, { type: 'stale' });
      for (const id of [...questions.keys()])
        answered(id, { type: 'unanswered', error: 'disposed' });
    },
  };
}
