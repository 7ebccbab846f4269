/**
 * Named saved documents ("Save as…"): kept in localStorage beside the working document, each
 * read back through `restore`, so an entry written by an older build still opens.
 */
import { restore } from './restore';
import { currentVersion, type SharedState } from './sharedState';

export const savedDocumentsKey = 'kube-service-playground:saved:v1';

export interface SavedDocument {
  name: string;
  /** When it was saved, as milliseconds since the epoch. */
  savedAt: number;
  state: SharedState;
}

/** How an entry is stored: its state in the format of `version`. */
interface StoredEntry {
  name: string;
  savedAt: number;
  version: number;
  state: unknown;
}

export const maxNameLength = 80;

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/g;

/** A name as it is kept: trimmed, single spaces, at most 80 characters; empty when unusable. */
export function cleanName(name: string): string {
  return name.replace(controlCharacters, '').replace(/\s+/g, ' ').trim().slice(0, maxNameLength);
}

function readEntries(storage: Storage | undefined): StoredEntry[] {
  let raw: string | null;
  try {
    raw = storage?.getItem(savedDocumentsKey) ?? null;
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown): StoredEntry[] => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { name, savedAt, version, state } = entry as Record<string, unknown>;
      if (typeof name !== 'string' || cleanName(name) === '') return [];
      return [
        {
          name: cleanName(name),
          savedAt: typeof savedAt === 'number' ? savedAt : 0,
          version: typeof version === 'number' ? version : 0,
          state,
        },
      ];
    });
  } catch {
    return [];
  }
}

/** The saved documents, newest first; entries that cannot be restored are left out. */
export function listSavedDocuments(storage: Storage | undefined): SavedDocument[] {
  return readEntries(storage)
    .flatMap((entry) => {
      const restored = restore(entry.state, entry.version, 'storage');
      return restored.ok
        ? [{ name: entry.name, savedAt: entry.savedAt, state: restored.state }]
        : [];
    })
    .sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
}

function write(storage: Storage | undefined, entries: StoredEntry[]): string | undefined {
  if (!storage) return 'This browser does not let the page store anything (a private window?).';
  try {
    storage.setItem(savedDocumentsKey, JSON.stringify(entries));
    return undefined;
  } catch {
    return "The browser's storage for this page is full: delete a saved document, or download this one as a file.";
  }
}

/** Saves `state` under `name`, replacing a document of that name. Returns an error message. */
export function saveDocument(
  storage: Storage | undefined,
  name: string,
  state: SharedState,
  now = Date.now(),
): string | undefined {
  const clean = cleanName(name);
  if (clean === '') return 'Give the document a name.';
  const others = readEntries(storage).filter((e) => e.name !== clean);
  return write(storage, [...others, { name: clean, savedAt: now, version: currentVersion, state }]);
}

/** Deletes the saved document called `name`. Returns an error message. */
export function deleteSavedDocument(
  storage: Storage | undefined,
  name: string,
): string | undefined {
  return write(
    storage,
    readEntries(storage).filter((e) => e.name !== name),
  );
}
