/**
 * Registers the service worker that keeps every file of the build (public/sw.js, its precache
 * list written at build time by vite.config.ts), so the page opens offline after one visit.
 * Relative to the page, so it works from any sub-path. Only in a production build: the dev server
 * serves files that change on every edit.
 */
import { useSyncExternalStore } from 'react';

export type OfflineStatus = 'unsupported' | 'preparing' | 'ready' | 'failed';

let status: OfflineStatus = 'unsupported';
const listeners = new Set<() => void>();
function setStatus(next: OfflineStatus): void {
  status = next;
  for (const listener of listeners) listener();
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  setStatus('preparing');
  const url = new URL('sw.js', document.baseURI);
  navigator.serviceWorker
    .register(url, { scope: './', updateViaCache: 'none' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => setStatus('ready'))
    .catch(() => setStatus('failed'));
}

/** Whether the page will open offline (its files are cached by the service worker). */
export function useOfflineStatus(): OfflineStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => status,
  );
}
