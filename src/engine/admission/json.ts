/** Plain-JSON helpers: the API server works on its own decoded copy of each request. */

export function cloneJSON<T>(value: T): T {
  return isCollection(value) ? (cloneCollection(value) as T) : value;
}

function isCollection(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** The copy of an object or array; scalars are taken as they are, without a call each. */
function cloneCollection(value: object): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out[i] = isCollection(v) ? cloneCollection(v) : v;
    }
    return out;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in source) {
    const v = source[k];
    if (v !== undefined) out[k] = isCollection(v) ? cloneCollection(v) : v;
  }
  return out;
}

export function equalJSON(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => equalJSON(v, b[i]));
  if (
    a === null ||
    b === null ||
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    Array.isArray(b)
  )
    return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        equalJSON((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** The very same items in the same order (identity, not content). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * kubectl apply's three-way merge, for maps: a field the new configuration and the last applied
 * one both leave out keeps its live value (defaulted and allocated fields); a field the last
 * applied configuration had and the new one drops is removed. Lists come from the new
 * configuration as they are (the API server's own patching of allocated values does the rest).
 */
export function threeWayMerge(modified: unknown, original: unknown, live: unknown): unknown {
  if (!isPlainObject(modified) || !isPlainObject(live)) return cloneJSON(modified);
  const before = isPlainObject(original) ? original : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(live)) {
    if (Object.hasOwn(modified, k)) continue;
    if (!Object.hasOwn(before, k)) out[k] = cloneJSON(v);
  }
  for (const [k, v] of Object.entries(modified)) {
    if (v === undefined) continue;
    out[k] = threeWayMerge(v, before[k], live[k]);
  }
  return out;
}
