/**
 * The page's side of the engine worker. Each request gets an increasing id; a reply whose request
 * is no longer the latest resolves as `stale` (the caller ignores it). A crash (a `crashed` reply,
 * or the worker failing to load or dying) restarts the worker, so the next request works again.
 *
 * Stale work is cancelled: the engine cannot be interrupted inside `simulate`, so when a newer
 * text arrives while the worker has been busy for more than `restartBusyAfterMs` on an older one
 * (a huge cluster takes seconds), the worker is terminated and a fresh one computes the newer
 * text at once; the questions it had not answered are asked again of the fresh one.
 *
 * A large cluster's summary arrives in chunks (protocol.ts, `SummaryChunkReply`), each parsed in
 * its own task; the client keeps the chunks of the latest summary, which the worker does not send
 * again while they are unchanged, and reuses an unchanged list as it was.
 */
import type { SimulateOptions } from '../engine/model';
import type {
  AnswerOf,
  EngineQuery,
  EngineReply,
  EngineRequest,
  QueryKind,
  QueryRequest,
  SimulatedReply,
  SimulationSummary,
  SummaryChunks,
  SummaryListName,
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

export interface EngineClientOptions {
  /**
   * A newer text restarts the worker when an older `simulate` has been waiting this long (its
   * work is stale, and a fresh worker starts the newer text at once). Infinity: never.
   */
  restartBusyAfterMs?: number;
  now?: () => number;
}

/** Longer than any classroom scenario takes, far shorter than a 10,000-Service cluster. */
export const defaultRestartBusyAfterMs = 1000;

export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
}

const listNames: readonly SummaryListName[] = ['services', 'pods', 'nodes', 'diagnostics'];

/** The chunks of a worker's summaries that the page holds, parsed, and the lists made of them. */
class ChunkStore {
  private chunks = new Map<number, unknown[]>();
  private lists = new Map<SummaryListName, { ids: string; list: unknown[] }>();

  add(chunk: number, json: string): void {
    this.chunks.set(chunk, JSON.parse(json) as unknown[]);
  }

  /** The reply's summary with its chunked lists filled in; undefined when a chunk is missing. */
  assemble(reply: SimulatedReply): SimulationSummary | undefined {
    const chunks: SummaryChunks = reply.chunks ?? {};
    const summary: SimulationSummary = { ...reply.summary };
    const keep = new Set<number>();
    const lists = new Map<SummaryListName, { ids: string; list: unknown[] }>();
    for (const name of listNames) {
      const ids = chunks[name];
      if (!ids) continue;
      for (const id of ids) keep.add(id);
      const key = ids.join(',');
      const previous = this.lists.get(name);
      let list = previous?.ids === key ? previous.list : undefined;
      if (!list) {
        const parts: unknown[][] = [];
        for (const id of ids) {
          const part = this.chunks.get(id);
          if (!part) return undefined;
          parts.push(part);
        }
        list = ([] as unknown[]).concat(...parts);
      }
      lists.set(name, { ids: key, list });
    }
    // The worker sends the next summary against exactly this one's chunks.
    for (const id of [...this.chunks.keys()]) if (!keep.has(id)) this.chunks.delete(id);
    this.lists = lists;
    for (const [name, { list }] of lists) setList(summary, name, list);
    return summary;
  }

  clear(): void {
    this.chunks.clear();
    this.lists.clear();
  }
}

/** Puts a list parsed from the worker's own JSON in its place (the worker made it of that type). */
function setList(summary: SimulationSummary, name: SummaryListName, list: unknown[]): void {
  const target = summary as unknown as Record<SummaryListName, unknown[]>;
  target[name] = list;
}

export function createEngineClient(
  createWorker: () => WorkerLike = createEngineWorker,
  {
    restartBusyAfterMs = defaultRestartBusyAfterMs,
    now = () => performance.now(),
  }: EngineClientOptions = {},
): EngineClient {
  let latestId = 0;
  const waiting = new Map<number, (outcome: SimulateOutcome) => void>();
  /** When each waiting `simulate` was posted. */
  const postedAt = new Map<number, number>();
  let latestQueryId = 0;
  const questions = new Map<number, (outcome: QueryOutcome<QueryKind>) => void>();
  /** The questions posted to the current worker and not yet answered. */
  const asked = new Map<number, QueryRequest>();
  const store = new ChunkStore();

  function answered(id: number, outcome: QueryOutcome<QueryKind>): void {
    questions.get(id)?.(outcome);
    questions.delete(id);
    asked.delete(id);
  }
  let worker: WorkerLike | undefined;
  let latestRequest: EngineRequest | undefined;

  /** Settles every request up to `id`: the one with `id` gets `outcome`, older ones are stale. */
  function settle(id: number, outcome: SimulateOutcome): void {
    for (const [waitingId, resolve] of waiting) {
      if (waitingId > id) continue;
      waiting.delete(waitingId);
      postedAt.delete(waitingId);
      resolve(waitingId === id && id === latestId ? outcome : { type: 'stale' });
    }
  }

  function stop(): void {
    worker?.terminate();
    worker = undefined;
    store.clear();
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

  function simulated(message: SimulatedReply): void {
    const summary = message.chunks ? store.assemble(message) : message.summary;
    if (!summary) {
      // A chunk went missing (it cannot, unless the protocol is broken): start over.
      crashed(message.id, 'The engine worker sent an incomplete summary.');
      return;
    }
    settle(message.id, { type: 'simulated', summary, durationMs: message.durationMs });
  }

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const created = createWorker();
    created.onmessage = (event) => {
      if (worker !== created) return;
      const message = event.data;
      switch (message.type) {
        case 'chunk':
          store.add(message.chunk, message.json);
          break;
        case 'simulated':
          simulated(message);
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
      if (worker === created) failed(event.message || 'The engine worker failed to start.');
    };
    worker = created;
    return created;
  }

  /** True when the worker has been on an older `simulate` for too long: its work is stale. */
  function busyTooLong(): boolean {
    if (!worker) return false;
    let oldest = Infinity;
    for (const posted of postedAt.values()) oldest = Math.min(oldest, posted);
    return now() - oldest > restartBusyAfterMs;
  }

  /** Replaces a worker busy with stale work; the questions it owed are asked of the new one. */
  function restart(): void {
    stop();
    const fresh = ensureWorker();
    for (const request of asked.values()) fresh.postMessage(request);
  }

  return {
    simulate(input, options = {}) {
      if (busyTooLong()) restart();
      const id = ++latestId;
      const promise = new Promise<SimulateOutcome>((resolve) => waiting.set(id, resolve));
      postedAt.set(id, now());
      latestRequest = { type: 'simulate', id, input, options };
      ensureWorker().postMessage(latestRequest);
      return promise;
    },
    query<K extends QueryKind>(query: EngineQuery & { kind: K }) {
      const id = ++latestQueryId;
      const promise = new Promise<QueryOutcome<K>>((resolve) =>
        questions.set(id, resolve as (outcome: QueryOutcome<QueryKind>) => void),
      );
      const request: QueryRequest = { type: 'query', id, query };
      asked.set(id, request);
      ensureWorker().postMessage(request);
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
