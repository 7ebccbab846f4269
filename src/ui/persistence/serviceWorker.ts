/**
 * Registers the service worker that keeps every file of the build (public/sw.js, its precache
 * list written at build time by vite.config.ts), so the page opens offline after one visit.
 * Relative to the page, so it works from any sub-path. Only in a production build: the dev server
 * serves files that change on every edit.
 */
import { useSyncExternalStore } from 'react';

/** `update`: a newer build is cached and waits for this page to let it take over. */
export type OfflineStatus = 'unsupported' | 'preparing' | 'ready' | 'update' | 'failed';

let status: OfflineStatus = 'unsupported';
let waiting: ServiceWorker | null = null;
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
    .then((registration) => {
      const found = () => {
        // A worker that installs while another controls the page is a newer build.
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && navigator.serviceWorker.controller) {
            waiting = installing;
            setStatus('update');
          }
        });
      };
      registration.addEventListener('updatefound', found);
      if (registration.waiting && navigator.serviceWorker.controller) {
        waiting = registration.waiting;
        return setStatus('update');
      }
      return navigator.serviceWorker.ready.then(() => {
        if (status === 'preparing') setStatus('ready');
      });
    })
    .catch(() => setStatus('failed'));
}

/** Lets the waiting newer build take over, and reloads the page on it. */
export function updateNow(): void {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  waiting.postMessage('skip-waiting');
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
