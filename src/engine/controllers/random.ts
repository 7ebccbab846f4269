/**
 * Deterministic stand-ins for the cluster's randomness: generated name suffixes, UIDs and the
 * pod-template-hash. Every draw comes from a generator seeded by the simulation's seed and the
 * name of the object that draws, so a name stays the same while the user edits other objects.
 */

/**
 * The alphabet of generated names (no vowels, no confusable characters), as
 * staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go defines it.
 */
export const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` folded to bytes (ASCII input is byte-exact). */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      hash ^= code >>> 8;
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= code & 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
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

export function seededRandom(seed: number, name: string): Random {
  let state = (fnv32a(`${seed}\u0000${name}`) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
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
    const name = base + randomString(random, 5);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * A version-4-shaped UID for an object the input gave none, derived from the seed and the
 * object's key (the API server draws a random one; here it must be stable).
 */
export function deriveUID(seed: number, key: string): string {
  const random = seededRandom(seed, `uid\u0000${key}`);
  const a = hex8(random.next());
  const b = hex8(random.next());
  const c = hex8(random.next());
  const d = hex8(random.next());
  const variant = ((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** JSON with object keys sorted, so that equal objects print the same whatever their key order. */
export function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
