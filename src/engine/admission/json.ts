/** Plain-JSON helpers: the API server works on its own decoded copy of each request. */

export function cloneJSON<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneJSON(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = cloneJSON(v);
    return out as T;
  }
  return value;
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
