/**
 * The web worker that hosts the engine. It answers the requests of protocol.ts; when several
 * `simulate` requests queue up while the engine is busy, only the latest is computed (the client
 * drops the replies of older ones anyway).
 */
import { simulate, type Simulation } from '../engine';
import type { EngineReply, EngineRequest, QueryRequest, SimulateRequest } from './protocol';
import { answerQuery } from './queries';
import { SummaryPacker, summarize } from './summarize';

/** The part of the worker's global scope this file uses (the app's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: EngineReply): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

let pending: SimulateRequest | undefined;
let scheduled = false;
/** The latest simulation: queries are answered against it. */
let latest: Simulation | undefined;
/** What the page holds of the summaries sent so far (a large cluster's are sent in chunks). */
const packer = new SummaryPacker();

function reply(message: EngineReply): void {
  scope.postMessage(message);
}

function runLatest(): void {
  scheduled = false;
  const request = pending;
  pending = undefined;
  if (!request) return;
  const started = performance.now();
  try {
    const simulation = simulate(request.input, request.options);
    latest = simulation;
    const { summary, chunks, fresh } = packer.pack(summarize(simulation));
    for (const chunk of fresh) reply(chunk);
    reply({
      type: 'simulated',
      id: request.id,
      summary,
      durationMs: performance.now() - started,
      ...(chunks ? { chunks } : {}),
    });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply({ type: 'crashed', id: request.id, error: text });
  }
}

function answer(request: QueryRequest): void {
  runLatest();
  if (!latest) {
    reply({ type: 'unanswered', id: request.id, error: 'There is no simulation yet.' });
    return;
  }
  try {
    reply({ type: 'answered', id: request.id, answer: answerQuery(latest, request.query) });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply({ type: 'unanswered', id: request.id, error: text });
  }
}

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'simulate':
      pending = request;
      if (!scheduled) {
        scheduled = true;
        setTimeout(runLatest, 0);
      }
      break;
    case 'query':
      answer(request);
      break;
    default: {
      const unknown: never = request;
      throw new Error(`unknown request ${String(unknown)}`);
    }
  }
};
