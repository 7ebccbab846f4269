/**
 * The animation's model, without React and without drawing: packets ("flights") moving leg by
 * leg along the paths the engine traced, on a clock the layer advances each frame (scaled by
 * the speed, stopped when paused, moved one leg on by a step). Arrivals raise what the graph
 * shows as the packet passes: the chain and chosen endpoint on a node, the address a pod sees,
 * a drop or reject with its rule, and the per-pod counters of the batch.
 */
import type { Place, RequestBatch, RequestLeg, TracedRequest } from '../../worker/queries/requests';
import { placeKey } from './anchors';

/** Time one leg takes at speed 1, in milliseconds. */
export const legMs = 650;
/** How long a note stays on a place after a packet passed it. */
const calloutMs = 1400;

/** Time between the starts of two requests of a batch: a batch of 100 leaves over about 3 s. */
export function staggerMs(count: number): number {
  if (count <= 1) return 0;
  return count <= 10 ? 240 : 30;
}

export type CalloutKind = 'decision' | 'seen' | 'dns' | 'drop' | 'reject' | 'note';

export interface Callout {
  place: Place;
  text: string;
  kind: CalloutKind;
  until: number;
}

export interface Flight {
  request: TracedRequest;
  /** The batch it belongs to (`batchSeq`). */
  seq: number;
  start: number;
  /** Legs whose arrival was handled. */
  arrived: number;
}

/** A packet on its way: the leg and how far along it (0..1). */
export interface InFlight {
  flight: Flight;
  leg: RequestLeg;
  progress: number;
}

function calloutKind(leg: RequestLeg): CalloutKind {
  if (leg.stop === 'DROP') return 'drop';
  if (leg.stop === 'REJECT') return 'reject';
  if (leg.phase === 'dns-answer' || leg.phase === 'dns-query') return 'dns';
  if (leg.to.type === 'pod') return 'seen';
  return leg.to.type === 'node' ? 'decision' : 'note';
}

export class PacketPlayer {
  clock = 0;
  flights: Flight[] = [];
  /** Requests of the latest batch that reached each pod (or node, for host-network endpoints) so far. */
  readonly counters = new Map<string, { place: Place; count: number }>();
  readonly callouts = new Map<string, Callout>();
  latestSeq = 0;

  /** Launches every request of a batch (older batches' packets fly on). */
  launch(batch: RequestBatch, seq: number): void {
    this.latestSeq = seq;
    this.counters.clear();
    const stagger = staggerMs(batch.requests.length);
    batch.requests.forEach((request, i) => {
      if (request.legs.length === 0) return;
      this.flights.push({ request, seq, start: this.clock + i * stagger, arrived: 0 });
    });
  }

  /** The final counters of a batch, without flights (reduced motion, or a refresh after an edit). */
  settle(batch: RequestBatch, seq: number): void {
    this.latestSeq = seq;
    this.counters.clear();
    for (const entry of batch.distribution) {
      const place: Place = entry.pod
        ? { type: 'pod', pod: entry.pod, node: entry.node }
        : { type: 'node', name: entry.node ?? '' };
      this.count(place, entry.count);
    }
  }

  clear(): void {
    this.flights = [];
    this.callouts.clear();
  }

  get active(): boolean {
    return this.flights.length > 0 || this.callouts.size > 0;
  }

  /** Moves the clock on by `ms` (already scaled by the speed), handling arrivals on the way. */
  advance(ms: number): void {
    this.clock += ms;
    const keep: Flight[] = [];
    for (const flight of this.flights) {
      const done = Math.floor((this.clock - flight.start) / legMs);
      const legs = flight.request.legs;
      while (flight.arrived < Math.min(done, legs.length)) {
        const leg = legs[flight.arrived];
        if (leg) this.arrive(flight, leg);
        flight.arrived++;
      }
      if (flight.arrived < legs.length) keep.push(flight);
    }
    this.flights = keep;
    for (const [key, callout] of this.callouts)
      if (callout.until < this.clock) this.callouts.delete(key);
  }

  private arrive(flight: Flight, leg: RequestLeg): void {
    if (leg.note) {
      this.callouts.set(placeKey(leg.to), {
        place: leg.to,
        text: leg.note,
        kind: calloutKind(leg),
        until: this.clock + calloutMs * (leg.stop ? 1.6 : 1),
      });
    }
    const { pod } = flight.request;
    if (flight.seq === this.latestSeq && leg.phase === 'request' && pod !== undefined) {
      if (leg.to.type === 'pod' && leg.to.pod === pod) this.count(leg.to, 1);
    }
  }

  private count(place: Place, n: number): void {
    const key = placeKey(place);
    const entry = this.counters.get(key);
    if (entry) entry.count += n;
    else this.counters.set(key, { place, count: n });
  }

  /** The packets on their way now. */
  inFlight(): InFlight[] {
    const out: InFlight[] = [];
    for (const flight of this.flights) {
      const elapsed = this.clock - flight.start;
      if (elapsed < 0) continue;
      const index = Math.floor(elapsed / legMs);
      const leg = flight.request.legs[index];
      if (!leg) continue;
      out.push({ flight, leg, progress: (elapsed - index * legMs) / legMs });
    }
    return out;
  }
}
