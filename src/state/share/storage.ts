/** localStorage, unless the page may not use it (some sandboxed iframes throw on access). */
export function openStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
