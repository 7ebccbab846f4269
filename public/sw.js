/**
 * The playground's service worker: it keeps every file of the build, so the page (editor, engine
 * and workers included) opens offline after one visit. The list of files and their hashes is
 * written into this file at build time (vite.config.ts, `precacheManifest`); a new build is a
 * new list, hence a new worker, which takes over once no tab runs the old one. It answers only
 * same-origin GET requests inside its scope, and never fetches anything but the page's own files.
 */
/* eslint-env serviceworker */
const manifest = self.__PRECACHE_MANIFEST__ ?? { version: 'unbuilt', files: [] };

const scope = self.registration.scope;
const prefix = `kube-service-playground:${scope}:`;
const cacheName = `${prefix}${manifest.version}`;

/** The cache key of a URL: its path without query or fragment; a folder means its index.html. */
function keyOf(url) {
  const path = url.origin + url.pathname;
  return path.endsWith('/') ? `${path}index.html` : path;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      // `reload` skips the HTTP cache: the files must be this build's.
      await cache.addAll(
        manifest.files.map((file) => new Request(new URL(file, scope), { cache: 'reload' })),
      );
      // No skipWaiting: a tab of the previous build keeps its files (its editor chunk loads
      // lazily) until it closes; the first install has no previous build and activates at once.
    })(),
  );
});

// The page's "Update" (File menu) asks a waiting worker to take over now; the page then reloads.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(prefix) && name !== cacheName)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(scope)) return;
  event.respondWith(respond(request, url));
});

async function respond(request, url) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(keyOf(url));
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline, and not a file of the build: a page navigation still gets the playground.
    if (request.mode === 'navigate') {
      const page = await cache.match(new URL('index.html', scope).href);
      if (page) return page;
    }
    throw error;
  }
}
