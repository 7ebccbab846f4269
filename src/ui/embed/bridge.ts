/**
 * The embed's side of the postMessage API: it listens only to messages from the embedding page
 * (the parent frame) whose origin the embedder allowed (`origins`); every other message is
 * ignored without an answer. Messages are handled one after the other; each gets its answer,
 * posted back to the sender's origin only.
 */
import { resolveRequestTarget } from '../../lessons/requestTarget';
import { restore } from '../../state/share/restore';
import { currentVersion } from '../../state/share/sharedState';
import type { AppStore } from '../../state/store';
import { externalClients } from '../../state/trafficSlice';
import {
  parseHostMessage,
  protocolName,
  protocolVersion,
  toClusterCounts,
  toRequestResult,
  type EmbedMessage,
  type HostMessage,
} from './messages';
import { sendAndWait, simulationAfterEdit, firstSimulation } from './storeWaits';

type Body = EmbedMessage extends infer M
  ? M extends EmbedMessage
    ? Omit<M, 'protocol' | 'version' | 'embed' | 'id'>
    : never
  : never;

export interface BridgeOptions {
  origins: readonly string[];
  id: string | undefined;
}

async function answer(store: AppStore, message: HostMessage): Promise<Body> {
  switch (message.type) {
    case 'ping': {
      const state = await firstSimulation(store);
      return state?.summary
        ? { type: 'ready', counts: toClusterCounts(state.summary) }
        : { type: 'error', message: 'The cluster is not simulated yet.' };
    }
    case 'load': {
      const restored = restore(
        { text: message.yaml, ...(message.seed !== undefined ? { seed: message.seed } : {}) },
        currentVersion,
        'message',
      );
      if (!restored.ok) return { type: 'error', message: restored.message };
      const { text, seed } = restored.state;
      const summary = await simulationAfterEdit(store, () =>
        store.getState().loadDocument({ text, scenario: null, seed, admitted: false }),
      );
      if (!summary) return { type: 'error', message: 'The engine did not answer in time.' };
      const notes = [...restored.notes];
      if (store.getState().summaryIsStale) {
        notes.push('The YAML has errors: the cluster on screen is the last one without errors.');
      }
      return { type: 'loaded', counts: toClusterCounts(summary), notes };
    }
    case 'send': {
      await firstSimulation(store);
      const summary = store.getState().summary;
      if (!summary) return { type: 'error', message: 'The cluster is not simulated yet.' };
      const target = resolveRequestTarget(
        summary,
        message.request,
        externalClients[0] ?? '203.0.113.10',
      );
      if (!target.ok) return { type: 'error', message: target.message };
      const state = store.getState();
      state.setRequestSource(target.source);
      state.setRequestDestination(target.destination);
      state.setRequestCount(message.count);
      const sent = await sendAndWait(store);
      return sent.ok
        ? { type: 'result', result: toRequestResult(sent.batch) }
        : { type: 'error', message: sent.message };
    }
  }
}

/**
 * The parent frame's origin, as far as the page can know it before a message arrives: Chromium
 * and Safari list it in `location.ancestorOrigins`; elsewhere the referrer says it.
 */
function parentOrigin(win: Window): string | undefined {
  const ancestor = win.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return win.document.referrer ? new URL(win.document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Starts listening; returns the function that stops. `post` sends to the parent frame. */
export function startMessageBridge(
  store: AppStore,
  options: BridgeOptions,
  win: Window = window,
): { stop(): void; announce(body: Body, id?: string): void } {
  const allowed = new Set(options.origins);
  const envelope = (id: string | undefined) => ({
    protocol: protocolName,
    version: protocolVersion,
    ...(options.id ? { embed: options.id } : {}),
    ...(id ? { id } : {}),
  });
  let queue = Promise.resolve();

  const onMessage = (event: MessageEvent) => {
    if (!allowed.has(event.origin) || event.source !== win.parent || win.parent === win) return;
    const parsed = parseHostMessage(event.data);
    if (parsed.kind === 'ignore') return;
    const reply = (body: Body, id: string | undefined) =>
      win.parent.postMessage({ ...envelope(id), ...body }, event.origin);
    if (parsed.kind === 'error') {
      reply({ type: 'error', message: parsed.message }, parsed.id);
      return;
    }
    const { message } = parsed;
    queue = queue.then(async () => reply(await answer(store, message), message.id));
  };
  win.addEventListener('message', onMessage);

  return {
    stop: () => win.removeEventListener('message', onMessage),
    /** Tells the parent frame, when its origin is allowed. */
    announce: (body, id) => {
      const origin = parentOrigin(win);
      if (win.parent === win || !origin || !allowed.has(origin)) return;
      win.parent.postMessage({ ...envelope(id), ...body }, origin);
    },
  };
}
