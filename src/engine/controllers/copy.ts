/**
 * Shallow copies without a literal that starts with a spread. On V8 (Node 20), at the
 * playground's scale, `{ ...object }` and `{ ...object, key: value }` gave many copies a hidden
 * class (map) of their own: each such copy carries its own map and descriptor array (~300 bytes)
 * and every later read of it is megamorphic. Object.assign onto `{}` keeps copies on the shared
 * transition tree. Same own enumerable properties, same key order as the spread.
 */
export function copyOf<T extends object>(object: T | undefined): T {
  // Object.assign sets an own `__proto__` key through the setter; spread defines it.
  if (object && Object.hasOwn(object, '__proto__')) return { ...object };
  return Object.assign({}, object) as T;
}

/** `out[key] = value` as a spread or Object.fromEntries would define it (`__proto__` included). */
export function define(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else out[key] = value;
}

/** `{ ...object, [key]: value }`: a shallow copy with one property set (in place when it exists). */
export function withField<T extends object, K extends keyof T>(object: T, key: K, value: T[K]): T {
  const out = copyOf(object);
  out[key] = value;
  return out;
}

/**
 * `withField(object, 'status', status)`. An object of the four usual keys (apiVersion, kind,
 * metadata, spec) is made as one literal of five: a copy grown to five keys keeps the fifth in
 * a separate property array, and every ReplicaSet and Deployment of a run is such a copy.
 */
export function withStatus<T extends { status?: unknown }>(object: T, status: T['status']): T {
  const keys = Object.keys(object);
  if (
    keys.length !== 4 ||
    keys[0] !== 'apiVersion' ||
    keys[1] !== 'kind' ||
    keys[2] !== 'metadata' ||
    keys[3] !== 'spec'
  )
    return withField(object, 'status', status);
  const { apiVersion, kind, metadata, spec } = object as T & Record<string, unknown>;
  return { apiVersion, kind, metadata, spec, status } as unknown as T;
}
