/**
 * The web worker that hosts the engine. It answers the requests of protocol.ts; when several
 * `simulate` requests queue up while the engine is busy, only the latest is computed (the client
 * drops the replies of older ones anyway).
 */
import { simulate } from '../engine';
import type { EngineReply, EngineRequest, SimulateRequest } from './protocol';
import { summarize } from './summarize';

/** The part of the worker's global scope this file uses (the app's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: EngineReply): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

let pending: SimulateRequest | undefined;
let scheduled = false;

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
    const summary = summarize(simulation);
    reply({ type: 'simulated', id: request.id, summary, durationMs: performance.now() - started });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply({ type: 'crashed', id: request.id, error: text });
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
    default: {
      const unknown: never = request.type;
      throw new Error(`unknown request ${String(unknown)}`);
    }
  }
};
