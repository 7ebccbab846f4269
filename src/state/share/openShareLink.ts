/**
 * Between the store and outside data: what the page shares (`toSharedState`), how restored data
 * replaces the page's state (`applySharedState`), and opening the share link in the address bar.
 */
import { findScenario } from '../../scenarios';
import type { AppState, AppStore } from '../store';
import { isShareFragment, readShareFragment } from './link';
import { saveDocument } from './savedDocuments';
import type { SharedState } from './sharedState';

export function toSharedState(state: AppState): SharedState {
  const { text, scenario, seed, admitted, selection, activePanel } = state;
  return { text, scenario, seed, admitted, selection, panel: activePanel };
}

/** Replaces the document and the view with a restored state. */
export function applySharedState(store: AppStore, shared: SharedState): void {
  const { loadDocument, select, showPanel } = store.getState();
  loadDocument(shared);
  select(shared.selection);
  showPanel(shared.panel);
}

/** Whether the text is a shipped scenario's, unchanged (nothing of the person's own to keep). */
function isPristine(state: AppState): boolean {
  return state.text.trim() === '' || findScenario(state.scenario)?.text === state.text;
}

/**
 * Opens the share link in the page's fragment, if there is one: the document on screen is
 * replaced, after being kept as a saved document when it holds the person's own edits. The
 * fragment is then removed, so that a reload keeps the edits made since (they are saved).
 */
export async function openShareLink(
  store: AppStore,
  storage: Storage | undefined,
  now: () => Date = () => new Date(),
): Promise<void> {
  const { hash } = window.location;
  if (!isShareFragment(hash)) return;
  const restored = await readShareFragment(hash);
  if (window.location.hash !== hash) return;
  if (!restored.ok) {
    store.getState().notify(`This link could not be opened. ${restored.message}`, 'error');
    return;
  }
  const current = store.getState();
  const messages = ['Opened the shared document.'];
  if (current.text !== restored.state.text && !isPristine(current)) {
    const name = `Before opening a link, ${now().toLocaleString()}`;
    if (saveDocument(storage, name, toSharedState(current)) === undefined) {
      messages.push(`Your previous document is kept in Saved documents as "${name}".`);
    }
  }
  applySharedState(store, restored.state);
  const url = new URL(window.location.href);
  url.hash = '';
  window.history.replaceState(window.history.state, '', url.href.replace(/#$/, ''));
  store
    .getState()
    .notify([...messages, ...restored.notes].join(' '), restored.notes.length ? 'warn' : 'ok');
}

/** Opens the link now, and whenever a new one is pasted into the address bar of this page. */
export function startShareLinks(store: AppStore, storage: Storage | undefined): () => void {
  const open = () => void openShareLink(store, storage);
  open();
  window.addEventListener('hashchange', open);
  return () => window.removeEventListener('hashchange', open);
}
