/**
 * Values computed when first read. A simulation holds some objects nothing may ask for (the v1
 * Endpoints, which only the command line, the YAML view and the Endpoints panel print): they are
 * made on their first read, and kept from then on. The computation reads only what the run left
 * final, so when it happens does not change what it gives.
 */

/** `compute`'s value, computed on the first call only. */
export function once<T>(compute: () => T): () => T {
  let computed = false;
  let value: T;
  return () => {
    if (!computed) {
      value = compute();
      computed = true;
    }
    return value;
  };
}

/**
 * Defines `object[key]` as `read()` on its first read, then as that value: enumerable, so a
 * spread, `Object.keys` or `JSON.stringify` sees it as any other property (and reads it).
 */
export function defineOnRead<T extends object, K extends keyof T>(
  object: T,
  key: K,
  read: () => T[K],
): T {
  const compute = once(read);
  const hold = (on: object, value: unknown) =>
    Object.defineProperty(on, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const value = compute();
      hold(this, value);
      return value;
    },
    set(this: object, value: unknown) {
      hold(this, value);
    },
  });
  return object;
}

/**
 * `{ ...first, ...from }` without `omit`, reading nothing: a property `from` defines on read
 * stays so on the copy.
 */
export function withProperties<T extends object, F extends object, O extends keyof F>(
  first: T,
  from: F,
  omit: O,
): T & Omit<F, O> {
  const out = { ...first };
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(from)))
    if (key !== omit) Object.defineProperty(out, key, descriptor);
  return out as T & Omit<F, O>;
}
