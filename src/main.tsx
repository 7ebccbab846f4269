/** Starts the page: the store (restored from the URL and localStorage), its effects, and React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startLessonLinks } from './state/lessonLinks';
import { readSavedDocument, restoreDocument, startPersistence } from './state/persistence';
import { startSimulation } from './state/runSimulation';
import { startShareLinks } from './state/share/openShareLink';
import { createAppStore } from './state/store';
import { startTraffic } from './state/trafficSlice';
import { StoreContext } from './state/useAppStore';
import { App } from './ui/App';
import { readEmbedParams } from './ui/embed/params';
import { startEmbed } from './ui/embed/startEmbed';
import { registerServiceWorker } from './ui/persistence/serviceWorker';
import { EngineClientContext } from './ui/panels/engineQuery';
import { panelTabs } from './ui/panels/panelTabs';
import { createEngineClient } from './worker/engineClient';
import './ui/styles.css';

/** localStorage, unless the page may not use it (some sandboxed iframes throw on access). */
function openStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

// Embedded (`?embed=1`), the page starts from its parameters and keeps nothing in the browser:
// an embed in a documentation page must not replace the reader's own document.
const embed = readEmbedParams(window.location.search, {
  selfOrigin: window.location.origin,
  panelIds: panelTabs.map((t) => t.id),
});
const storage = embed ? undefined : openStorage();
// A document kept in IndexedDB (too large for localStorage) is read before the store is made.
const saved = embed ? null : await readSavedDocument(storage);
const store = createAppStore(embed?.document ?? restoreDocument(window.location.search, saved));
const engine = createEngineClient();
startSimulation(store, engine);
startTraffic(store, engine);
startPersistence(store, storage);
startShareLinks(store, storage);
startLessonLinks(store, storage);
if (embed) startEmbed(store, embed);
registerServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreContext value={store}>
        <EngineClientContext value={engine}>
          <App />
        </EngineClientContext>
      </StoreContext>
    </StrictMode>,
  );
}
