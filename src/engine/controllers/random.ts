/**
 * Deterministic stand-ins for the cluster's randomness: generated name suffixes, UIDs and the
 * pod-template-hash. Every draw comes from a generator seeded by the simulation's seed and the
 * name of the object that draws, so a name stays the same while the user edits other objects.
 */
import { byCodeUnits, sortInPlace } from './sort';

/**
 * The alphabet of generated names (no vowels, no confusable characters), as
 * staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go defines it.
 */
export const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` folded to bytes (ASCII input is byte-exact). */
export function fnv32a(text: string): number {
  return fnv32aFrom(0x811c9dc5, text);
}

/**
 * Maps every character of `text` into the safe alphabet, as `rand.SafeEncodeString` does
 * (staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go): character code modulo 27.
 */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += safeAlphabet[text.charCodeAt(i) % safeAlphabet.length];
  }
  return out;
}

/** A small seeded generator (mulberry32): same seed, same sequence. */
export interface Random {
  /** An unsigned 32-bit integer. */
  next(): number;
}

/** The mulberry32 step: the next state and its output, without a closure (hot in deriveUID). */
function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

const mulberryIncrement = 0x6d2b79f5;

/** The generator's initial state for `seed` and the FNV-1a hash of `${seed}\u0000${name}`. */
function initialState(seed: number, hash: number): number {
  return (hash ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
}

export function seededRandom(seed: number, name: string): Random {
  let state = initialState(seed, fnv32a(`${seed}\u0000${name}`));
  return {
    next() {
      state = (state + mulberryIncrement) >>> 0;
      return mulberry32(state);
    },
  };
}

/** `n` characters of the safe alphabet, as `utilrand.String(n)` draws them. */
export function randomString(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += safeAlphabet[random.next() % safeAlphabet.length];
  return out;
}

/** The API server's generateName limit: names.maxGeneratedNameLength = 63 - 5. */
const maxGeneratedNameLength = 58;

/**
 * A name for `generateName`, as the API server's SimpleNameGenerator makes it
 * (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go): the prefix cut to 58
 * characters plus 5 random ones; names already `taken` are drawn again.
 */
export function generateName(random: Random, prefix: string, taken: Set<string>): string {
  const base =
    prefix.length > maxGeneratedNameLength ? prefix.slice(0, maxGeneratedNameLength) : prefix;
  for (;;) {
    // Joined, not concatenated: a flat string rather than a two-part rope, in every pod's name.
    const name = [base, randomString(random, 5)].join('');
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** Character codes of the lowercase hex digits. */
const hexCodes = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const dash = '-'.charCodeAt(0);

/** The UID's characters, reused: one flat string is made of them per UID. */
const uidCodes = new Array<number>(36).fill(dash);

/** Writes hex digits `from` to `to` (0 = most significant) of the 32-bit `word` at `at`. */
function putHex(word: number, from: number, to: number, at: number): void {
  for (let k = from; k < to; k++)
    uidCodes[at + k - from] = hexCodes[(word >>> (28 - 4 * k)) & 0xf] as number;
}

/** FNV-1a continued over `text` from `hash` (fnv32a's loop, for a prefix hashed once). */
export function fnv32aFrom(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      h ^= code >>> 8;
      h = Math.imul(h, 0x01000193);
    }
    h ^= code & 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The FNV-1a state after `${seed}\u0000uid\u0000`, the prefix of every derived UID of a run. */
let uidPrefixSeed = NaN;
let uidPrefixHash = 0;

function uidPrefix(seed: number): number {
  if (seed !== uidPrefixSeed) {
    uidPrefixHash = fnv32aFrom(0x811c9dc5, `${seed}\u0000uid\u0000`);
    uidPrefixSeed = seed;
  }
  return uidPrefixHash;
}

/**
 * A version-4-shaped UID for an object the input gave none, derived from the seed and the
 * object's key (the API server draws a random one; here it must be stable). The four words are
 * the first draws of `seededRandom(seed, \`uid\u0000${key}\`)`, computed without building it.
 */
export function deriveUID(seed: number, key: string): string {
  let state = initialState(seed, fnv32aFrom(uidPrefix(seed), key));
  state = (state + mulberryIncrement) >>> 0;
  const a = mulberry32(state);
  state = (state + mulberryIncrement) >>> 0;
  const b = mulberry32(state);
  state = (state + mulberryIncrement) >>> 0;
  const c = mulberry32(state);
  state = (state + mulberryIncrement) >>> 0;
  const d = mulberry32(state);
  // Layout: a - b[0:4] - '4' b[5:8] - variant c[1:4] - c[4:8] d, the variant from c's top
  // nibble. Built from character codes: a flat string (concatenation would leave a rope of
  // small strings, several times larger, in every object that keeps the UID).
  putHex(a, 0, 8, 0);
  putHex(b, 0, 4, 9);
  uidCodes[14] = hexCodes[4] as number;
  putHex(b, 5, 8, 15);
  uidCodes[19] = hexCodes[((c >>> 28) & 0x3) | 0x8] as number;
  putHex(c, 1, 4, 20);
  putHex(c, 4, 8, 24);
  putHex(d, 0, 8, 28);
  return String.fromCharCode(...uidCodes);
}

/** JSON with object keys sorted, so that equal objects print the same whatever their key order. */
export function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJSON(value[i]);
    return `${out}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    // Default sort: UTF-16 code unit order, as the explicit `<` comparison had it.
    const keys = Object.keys(record).sort();
    let out = '{';
    let first = true;
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJSON(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const fnvOffset = 0x811c9dc5;
const comma = ','.charCodeAt(0);
const colon = ':'.charCodeAt(0);
const quote = '"'.charCodeAt(0);

/** FNV-1a of one ASCII character. */
function fnvChar(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

/**
 * FNV-1a continued over JSON.stringify(text), without building it: one-byte characters are hashed
 * as they are, quoted, in one pass; a text with anything else (what JSON escapes, or more than one
 * byte per character) is hashed as JSON.stringify prints it.
 */
function hashQuoted(hash: number, text: string): number {
  let h = fnvChar(hash, quote);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0xff)
      return fnv32aFrom(hash, JSON.stringify(text));
    h = Math.imul(h ^ c, 0x01000193);
  }
  return fnvChar(h >>> 0, quote);
}

/** FNV-1a continued over the JSON text of a scalar (a number's text is V8's cached one). */
function hashScalar(hash: number, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return fnv32aFrom(hash, String(value));
  if (typeof value === 'boolean') return fnv32aFrom(hash, value ? 'true' : 'false');
  return fnv32aFrom(hash, JSON.stringify(value) ?? 'null');
}

/**
 * `fnv32a(canonicalJSON(value))`, continued from `hash`, without building the text: the same
 * characters are hashed in the same order (the pod-template-hash of every Deployment).
 */
export function canonicalHash(value: unknown, hash = fnvOffset): number {
  let h = hash;
  if (typeof value === 'string') return hashQuoted(h, value);
  if (Array.isArray(value)) {
    h = fnvChar(h, 0x5b); // [
    for (let i = 0; i < value.length; i++) {
      if (i > 0) h = fnvChar(h, comma);
      h = canonicalHash(value[i], h);
    }
    return fnvChar(h, 0x5d); // ]
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    h = fnvChar(h, 0x7b); // {
    let first = true;
    for (const k of sortInPlace(Object.keys(record), byCodeUnits)) {
      const v = record[k];
      if (v === undefined) continue;
      if (!first) h = fnvChar(h, comma);
      first = false;
      h = hashQuoted(h, k);
      h = fnvChar(h, colon);
      h = canonicalHash(v, h);
    }
    return fnvChar(h, 0x7d); // }
  }
  return hashScalar(h, value);
}

/**
 * The names taken in a namespace, counting the lookups that found a name taken: names generated
 * without meeting a taken one are the names a later run generates again (each random source is
 * seeded by the object it names for), as long as none of them is taken then (see ./reuse.ts).
 */
export class TakenNames extends Set<string> {
  collisions = 0;
  private log: string[] | undefined;

  override has(name: string): boolean {
    const taken = super.has(name);
    if (taken) this.collisions += 1;
    return taken;
  }

  override add(name: string): this {
    this.log?.push(name);
    return super.add(name);
  }

  /** Runs `generate`, returning the names it added and whether it met a taken name. */
  recording<T>(generate: () => T): { value: T; added: string[]; clean: boolean } {
    const before = this.collisions;
    const added: string[] = [];
    this.log = added;
    try {
      const value = generate();
      // Copied at its length: the list grown by push keeps room for 17 names, and is kept.
      return { value, added: added.slice(), clean: this.collisions === before };
    } finally {
      this.log = undefined;
    }
  }

  /** Whether any of `names` is taken, without counting it as a collision. */
  holdsAny(names: readonly string[]): boolean {
    return names.some((name) => super.has(name));
  }
}
