/**
 * Saved documents: save the current one under a name, open or delete a saved one. Each lives
 * in this browser's storage; opening one passes it through `restore`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { findScenario } from '../../scenarios';
import { formatSize } from '../../state/share/documentText';
import { applySharedState, toSharedState } from '../../state/share/openShareLink';
import {
  deleteSavedDocument,
  listSavedDocuments,
  savedDocumentsKey,
  saveDocument,
  cleanName,
  maxNameLength,
  type SavedDocument,
} from '../../state/share/savedDocuments';
import { openStorage } from '../../state/share/storage';
import { useAppStoreApi } from '../../state/useAppStore';
import { Dialog } from './Dialog';

const storage = openStorage();
let version = 0;
const listeners = new Set<() => void>();
const changed = () => {
  version += 1;
  for (const listener of listeners) listener();
};
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === savedDocumentsKey) changed();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
let cached: { version: number; list: SavedDocument[] } | undefined;
function snapshot(): SavedDocument[] {
  if (cached?.version !== version) cached = { version, list: listSavedDocuments(storage) };
  return cached.list;
}

function suggestedName(scenario: string | null, admitted: boolean): string {
  const title = findScenario(scenario)?.title;
  if (title) return `${title} (mine)`;
  return admitted ? 'My cluster snapshot' : 'My document';
}

interface Props {
  open: boolean;
  onClose(): void;
}

export function SavedDocumentsDialog({ open, onClose }: Props) {
  return (
    <Dialog open={open} title="Saved documents" onClose={onClose} testId="saved-dialog" wide>
      <SavedDocumentsBody onClose={onClose} />
    </Dialog>
  );
}

function SavedDocumentsBody({ onClose }: { onClose(): void }) {
  const store = useAppStoreApi();
  const saved = useSyncExternalStore(subscribe, snapshot);
  // Documents saved elsewhere since the list was last read (a link opened, another tab).
  useEffect(changed, []);
  const [name, setName] = useState(() => {
    const { scenario, admitted } = store.getState();
    return suggestedName(scenario, admitted);
  });
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | null>(null);
  const clean = cleanName(name);
  const replacing = saved.some((d) => d.name === clean);

  const save = () => {
    if (replacing && confirming !== `replace:${clean}`) {
      setConfirming(`replace:${clean}`);
      return;
    }
    const problem = saveDocument(storage, clean, toSharedState(store.getState()));
    setError(problem);
    setConfirming(null);
    changed();
    if (!problem) store.getState().notify(`Saved as "${clean}".`);
  };
  const openDocument = (document: SavedDocument) => {
    applySharedState(store, document.state);
    store.getState().notify(`Opened "${document.name}".`);
    onClose();
  };
  const remove = (document: SavedDocument) => {
    if (confirming !== `delete:${document.name}`) {
      setConfirming(`delete:${document.name}`);
      return;
    }
    setError(deleteSavedDocument(storage, document.name));
    setConfirming(null);
    changed();
  };

  return (
    <>
      <form
        className="save-as"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label>
          <span>Save this document as</span>
          <input
            value={name}
            maxLength={maxNameLength}
            onChange={(event) => {
              setName(event.target.value);
              setConfirming(null);
            }}
            data-testid="save-as-name"
            data-autofocus
          />
        </label>
        <button type="submit" className="primary" disabled={clean === ''} data-testid="save-as">
          {replacing && confirming === `replace:${clean}` ? `Replace "${clean}"` : 'Save'}
        </button>
      </form>
      {replacing && confirming === `replace:${clean}` ? (
        <p className="muted">A saved document has this name: press again to replace it.</p>
      ) : null}
      {error ? (
        <p className="share-error" role="alert">
          {error}
        </p>
      ) : null}
      {saved.length === 0 ? (
        <p className="muted">Nothing saved yet. Saved documents stay in this browser.</p>
      ) : (
        <ul className="saved-list">
          {saved.map((document) => (
            <li key={document.name} data-testid="saved-document" data-name={document.name}>
              <span className="saved-name">{document.name}</span>
              <span className="muted">
                {new Date(document.savedAt).toLocaleString()} ·{' '}
                {formatSize(document.state.text.length)}
                {document.state.admitted ? ' · snapshot' : ''}
              </span>
              <button type="button" onClick={() => openDocument(document)} data-testid="saved-open">
                Open
              </button>
              <button type="button" onClick={() => remove(document)} data-testid="saved-delete">
                {confirming === `delete:${document.name}` ? 'Really delete' : 'Delete'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
