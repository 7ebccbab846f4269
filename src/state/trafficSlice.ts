/**
 * The traffic slice: the request form (source, destination, count), the batch the engine traced
 * for it, the request selected in it, and the playback of its animation (speed, pause, step).
 * `startTraffic` is the effect that asks the worker for a batch when one is sent, and again when
 * the simulation changes under it (then without replaying the animation).
 */
import type { StateCreator } from 'zustand';
import type { EngineClient } from '../worker/engineClient';
import type {
  RequestBatch,
  RequestBatchInput,
  RequestDestination,
  RequestSource,
  TracedRequest,
} from '../worker/queries/requests';
import type { AppState, AppStore } from './store';

/** The clients outside the cluster: documentation addresses (RFC 5737), never a real network's. */
export const externalClients: readonly string[] = ['203.0.113.10', '198.51.100.20', '192.0.2.30'];

/**
 * The seed of the `send`-th batch: each send is a new set of connections, so iptables' random
 * choice differs from one send to the next, while the same document, seed and send number
 * always give the same packets. The terminal's `curl` uses the seed of the send it triggers.
 */
export function requestSeed(documentSeed: number, send: number): number {
  return (Math.imul(documentSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(send, 0xc2b2ae35)) >>> 0;
}

export const requestCounts = [1, 10, 100] as const;
export type RequestCount = (typeof requestCounts)[number];

export const playbackSpeeds = [0.25, 0.5, 1, 2, 4] as const;
export type PlaybackSpeed = (typeof playbackSpeeds)[number];

export interface RequestForm {
  source: RequestSource;
  /** Null until one is chosen: the request bar then offers the first destination it lists. */
  destination: RequestDestination | null;
  count: RequestCount;
}

export interface Playback {
  speed: PlaybackSpeed;
  paused: boolean;
  /** Increases on each step: the animation moves every packet one leg on. */
  stepSeq: number;
}

/** One matched rule of the selected request, as the Rules panel highlights it. */
export interface SelectedHop {
  node: string;
  table: string;
  chain: string;
  rule: string;
}

export type TrafficStatus = 'idle' | 'sending' | 'ready' | 'failed';

export interface TrafficSlice {
  requestForm: RequestForm;
  /** The latest batch the engine traced, or null before the first one. */
  batch: RequestBatch | null;
  /** Increases with each batch that should be animated (not with a refresh after an edit). */
  batchSeq: number;
  /** Increases each time a batch is asked for; the effect sends on a change. */
  sendSeq: number;
  trafficStatus: TrafficStatus;
  trafficError: string | undefined;
  /** Index in `batch.requests` of the request shown in the Trace panel. */
  selectedRequest: number;
  playback: Playback;
  setRequestSource(source: RequestSource): void;
  setRequestDestination(destination: RequestDestination): void;
  setRequestCount(count: RequestCount): void;
  /** Sends the form's requests (through the effect). */
  sendRequests(): void;
  receiveBatch(batch: RequestBatch, animate: boolean): void;
  receiveTrafficError(error: string): void;
  selectRequest(index: number): void;
  setPlaybackSpeed(speed: PlaybackSpeed): void;
  setPaused(paused: boolean): void;
  /** Pauses, and moves every packet one leg on. */
  stepPlayback(): void;
}

export const createTrafficSlice: StateCreator<AppState, [], [], TrafficSlice> = (set) => ({
  requestForm: {
    source: { type: 'external', ip: externalClients[0] ?? '203.0.113.10' },
    destination: null,
    count: 1,
  },
  batch: null,
  batchSeq: 0,
  sendSeq: 0,
  trafficStatus: 'idle',
  trafficError: undefined,
  selectedRequest: 0,
  playback: { speed: 1, paused: false, stepSeq: 0 },
  setRequestSource: (source) => set((s) => ({ requestForm: { ...s.requestForm, source } })),
  setRequestDestination: (destination) =>
    set((s) => ({ requestForm: { ...s.requestForm, destination } })),
  setRequestCount: (count) => set((s) => ({ requestForm: { ...s.requestForm, count } })),
  sendRequests: () => set((s) => ({ sendSeq: s.sendSeq + 1, trafficStatus: 'sending' })),
  receiveBatch: (batch, animate) =>
    set((s) => ({
      batch,
      batchSeq: animate ? s.batchSeq + 1 : s.batchSeq,
      trafficStatus: 'ready',
      trafficError: undefined,
      selectedRequest: animate
        ? 0
        : Math.min(s.selectedRequest, Math.max(0, batch.requests.length - 1)),
    })),
  receiveTrafficError: (error) => set({ trafficStatus: 'failed', trafficError: error }),
  selectRequest: (index) => set({ selectedRequest: index }),
  setPlaybackSpeed: (speed) => set((s) => ({ playback: { ...s.playback, speed } })),
  setPaused: (paused) => set((s) => ({ playback: { ...s.playback, paused } })),
  stepPlayback: () =>
    set((s) => ({ playback: { ...s.playback, paused: true, stepSeq: s.playback.stepSeq + 1 } })),
});

const noHops: SelectedHop[] = [];
const hopsOf = new WeakMap<TracedRequest, SelectedHop[]>();

export const selectSelectedRequest = (s: AppState): TracedRequest | undefined =>
  s.batch?.requests[s.selectedRequest];

/** The rules the selected request matched, in order, on each node: what the Rules panel highlights. */
export const selectSelectedRequestHops = (s: AppState): SelectedHop[] => {
  const request = selectSelectedRequest(s);
  if (!request) return noHops;
  let hops = hopsOf.get(request);
  if (!hops) {
    hops = request.hops.map(({ node, table, chain, rule }) => ({ node, table, chain, rule }));
    hopsOf.set(request, hops);
  }
  return hops;
};

/**
 * Asks the worker for a batch when one is sent, and again (without animating) when a new
 * simulation arrives while a batch is on screen; replies to older asks are dropped.
 */
export function startTraffic(store: AppStore, client: EngineClient): () => void {
  let latest = 0;
  async function ask(input: RequestBatchInput, animate: boolean): Promise<void> {
    const id = ++latest;
    const outcome = await client.query({ kind: 'requests', ...input });
    if (id !== latest) return;
    if (outcome.type === 'answered') store.getState().receiveBatch(outcome.answer, animate);
    else store.getState().receiveTrafficError(outcome.error);
  }
  return store.subscribe((state, previous) => {
    if (state.sendSeq !== previous.sendSeq) {
      const { source, destination, count } = state.requestForm;
      if (destination) {
        void ask(
          { source, destination, count, seed: requestSeed(state.seed, state.sendSeq) },
          true,
        );
      }
    } else if (state.summary !== previous.summary && state.batch) {
      void ask(state.batch.input, false);
    }
  });
}
