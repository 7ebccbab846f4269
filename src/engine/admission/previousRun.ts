/**
 * What admission remembers of one run for the next: each apply call's request and what it was
 * admitted as, found again by the next run's call at the same position (or by store key when
 * documents moved), so that a keystroke re-admits only the documents that changed. The next
 * run's outcome is the same whether a request is found or admitted afresh; finding it only
 * saves the work (see the reuse tests).
 */
import { isClusterScoped } from '../keys';
import type { KubeObject, SourcedObject } from '../model';
import type { Allocation, Allocators } from './service/allocator';
import { writableCopy } from './writable';

/** What the store keeps of an object: the stored source, as applied, and when. */
export interface Entry {
  source: SourcedObject;
  /** The request as written, i.e. kubectl's last-applied configuration. */
  applied: KubeObject;
  sequence: number;
  /** The position of the apply call that stored it, among its run's (see Run). */
  position: number;
}

/**
 * What a request's parsed value was found to be in an earlier run: decodable (every entry), and
 * for a first apply its defaulting and validation (`admitted`, when it was accepted). The parse
 * cache hands out the same value for an unchanged document, and for a kind other than Service
 * (whose allocation depends on the other Services) the outcome depends on nothing else: a
 * keystroke re-admits only the documents that changed. The defaulted object is shared by every
 * run's stored copy (each gets its own metadata, which apply stamps), so nothing may modify it:
 * the controllers copy what they change.
 */
export interface Known {
  request: KubeObject;
  /**
   * The defaulted object as its first admission stored it, stamped: a copy for another sequence
   * number is made from it without what was stamped (see unstamped), rather than each first
   * admission keeping an unstamped object as well as the one it stores.
   */
  admitted?: KubeObject;
  /** The admitted object's store key, made once: a key built per run is a string to hash. */
  key?: string;
  /** For a Service: what its admission allocated, and from which ranges (see Allocation). */
  allocated?: { allocations: Allocation[]; ranges: string };
  /** The last object stored for it by a first apply (see Stamped). */
  stamped?: Stamped;
}

/**
 * An admitted object as a first apply stored it, with its warnings. Stamping gives it what
 * depends on nothing but the admitted object, its key and the store's sequence number then (uid,
 * creationTimestamp, resourceVersion, generation): a later first apply of the same admitted
 * object at the same sequence number stores this very object again (nothing modifies a stored
 * object: the controllers copy what they change), rather than a copy stamped anew.
 */
interface Stamped {
  sequence: number;
  builtIn: boolean;
  object: KubeObject;
  /**
   * The warnings on the admitted object; unset when it was stored by its first admission, whose
   * warnings were read from the request before defaulting.
   */
  warnings?: string[];
}

/**
 * A request is a shallow copy of its parsed document (readObjects): the same request, or one
 * with the parsed value's own metadata and the same top-level values in the same order (an item
 * of a List, copied anew each run), is the same (unmodified) parsed document.
 */
function sameRequest(entry: Known, request: KubeObject): boolean {
  if (entry.request === request) return true;
  if (entry.request.metadata !== request.metadata) return false;
  const before = entry.request as unknown as Record<string, unknown>;
  const now = request as unknown as Record<string, unknown>;
  const keys = Object.keys(now);
  const previousKeys = Object.keys(before);
  if (keys.length !== previousKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k !== previousKeys[i] || now[k] !== before[k]) return false;
  }
  return true;
}

/**
 * What one run's apply calls knew of their requests, kept for the next run: the Known entry of
 * each call by its position, and the store, whose entries say the position of the call that
 * stored them. A keystroke applies the requests of the run before in the same order: each is
 * found at its position, by identity, with no hashing (a WeakMap set per request was a tenth
 * of a cold paste's admission, and its entries outlived the run). A document inserted or
 * removed before it moves it: found then by its store key, and the calls after it are looked
 * for as far from their places (after many new requests, only some are looked up by key). Only
 * the run before is kept: a request of an older one, or of a run in between on other input, is
 * admitted afresh.
 */
interface Run {
  known: (Known | undefined)[];
  store: Map<string, Entry>;
}

let lastRun: Run = { known: [], store: new Map() };

/** Lookups by key that find nothing before only some are made, and how many calls apart. */
const missesBeforeProbing = 16;
const probeEvery = 64;

/** The store key of a request: its copy's (requestCopy), made from the request itself. */
function keyOf(request: KubeObject): string {
  const kind = request.kind;
  const name = request.metadata?.name ?? '';
  const namespace = request.metadata?.namespace;
  // Joined: one flat string, where a template literal makes a rope that each Map hashes
  // and compares through V8's runtime.
  if (isClusterScoped(kind)) return [kind, '', name].join('/');
  return [
    kind,
    typeof namespace !== 'string' || namespace === '' ? 'default' : namespace,
    name,
  ].join('/');
}

/** An object admitted, with its store key (the request's: defaulting leaves name and namespace). */
interface Admitted {
  object: KubeObject;
  key: string;
}

function known(
  request: KubeObject,
  admitted: Admitted | undefined,
  allocated: Known['allocated'],
): Known {
  if (!admitted) return { request };
  const { object, key } = admitted;
  return allocated
    ? { request, admitted: object, key, allocated }
    : { request, admitted: object, key };
}

/**
 * Whether what the request was admitted as before may be taken again: a Service only under the
 * ranges its values were allocated from.
 */
export function admittedBefore(
  seen: Known,
  alloc: Allocators,
): seen is Known & { admitted: KubeObject; key: string } {
  if (seen.admitted === undefined || seen.key === undefined) return false;
  return seen.request.kind !== 'Service' || seen.allocated?.ranges === alloc.signature();
}

/**
 * The object a first apply stored for this admitted object at this sequence number before, when
 * this apply would stamp it the same: same sequence number, and same warnings (a built-in's are
 * not reported).
 */
export function stampedBefore(
  seen: Known,
  sequence: number,
  builtIn: boolean,
): Stamped | undefined {
  const stamped = seen.stamped;
  return stamped?.sequence === sequence && stamped.builtIn === builtIn ? stamped : undefined;
}

/** What stamp sets on an object's metadata. */
const stampedFields = new Set(['uid', 'creationTimestamp', 'resourceVersion', 'generation']);

/**
 * A copy of an admitted (stamped) object that apply may stamp again: its own top level, and its
 * own metadata as admission left it, i.e. with the stamped fields as the request wrote them (in
 * their places) or without them (stamp adds them at the end, in its order, as it did).
 */
function unstamped(admitted: KubeObject, request: KubeObject): KubeObject {
  const object = Object.assign({}, admitted);
  const stamped = admitted.metadata as Record<string, unknown>;
  const written = request.metadata as Record<string, unknown> | undefined;
  const metadata: Record<string, unknown> = {};
  for (const k in stamped) {
    if (!stampedFields.has(k)) metadata[k] = stamped[k];
    else if (written?.[k] !== undefined) metadata[k] = written[k];
  }
  object.metadata = metadata;
  return object;
}

/** The object a request asks for: a copy of what it was admitted as before, else of its document. */
export function requestCopy(
  raw: KubeObject,
  known: KubeObject | undefined,
  builtIn: boolean,
): KubeObject {
  const requested = known ? unstamped(known, raw) : writableCopy(raw, builtIn);
  const meta = (requested.metadata ??= {});
  if (isClusterScoped(raw.kind)) delete meta.namespace;
  else if (typeof meta.namespace !== 'string' || meta.namespace === '') meta.namespace = 'default';
  return requested;
}

/**
 * This run's memory of its apply calls, and its lookups in the previous run's: made by an API
 * server when it is created, it becomes the run the next API server looks in.
 */
export class RunMemory {
  private readonly last = lastRun;
  private readonly run: Run;
  /** How far the previous run's call of a request is from this run's (see Run). */
  private shift = 0;
  /**
   * Lookups by key that found nothing, in a row. Past a few, the input is taken to be new (a
   * paste): only one call in `probeEvery` is looked up by key, which still finds where the
   * unchanged documents resume after a block of new ones (a key is a Map lookup in the run
   * before's store: one per request was a tenth of a cold paste's admission).
   */
  private misses = 0;

  constructor(store: Map<string, Entry>) {
    this.run = { known: [], store };
    lastRun = this.run;
  }

  /**
   * The next apply call: its position, its request's store key, and what the previous run
   * knew of the request (recorded as this call's until the call remembers more).
   */
  next(request: KubeObject): { position: number; key: string; seen: Known | undefined } {
    const position = this.run.known.length;
    let seen = this.knownAt(request, position);
    let key = seen?.key;
    if (!seen) {
      key = keyOf(request);
      seen = this.knownByKey(request, position, key);
    }
    this.run.known.push(seen);
    return { position, key: key ?? keyOf(request), seen };
  }

  /** Keeps what this run knows of the request of call `position`, for the next run. */
  remember(
    position: number,
    request: KubeObject,
    admitted?: Admitted,
    allocated?: Known['allocated'],
  ): Known {
    const entry = known(request, admitted, allocated);
    this.run.known[position] = entry;
    return entry;
  }

  /** What the previous run knew of the request of call `position`, found at its place. */
  private knownAt(request: KubeObject, position: number): Known | undefined {
    const there = this.last.known[position + this.shift];
    return there && sameRequest(there, request) ? there : undefined;
  }

  /** What the previous run knew of a request found elsewhere, by its store key `key`. */
  private knownByKey(request: KubeObject, position: number, key: string): Known | undefined {
    if (this.misses >= missesBeforeProbing && position % probeEvery !== 0) return undefined;
    const stored = this.last.store.get(key);
    const found = stored && this.last.known[stored.position];
    if (!stored || !found || !sameRequest(found, request)) {
      this.misses += 1;
      return undefined;
    }
    this.misses = 0;
    this.shift = stored.position - position;
    return found;
  }
}
