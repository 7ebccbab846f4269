/**
 * Where a document too large for localStorage is kept: IndexedDB, whose quota is a share of
 * the disk rather than 5 Mi characters (a real cluster's `kubectl get -o yaml`, managedFields
 * included, is often larger). localStorage then holds only a marker saying so, so that the page
 * knows at start whether it must wait for IndexedDB.
 */

const databaseName = 'kube-service-playground';
const storeName = 'documents';
const documentKey = 'document';

/** What localStorage holds in place of a document kept in IndexedDB. */
export const inIndexedDB = '{"inIndexedDB":true}';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

/** Runs one request on the documents store; resolves with its result once the transaction ends. */
async function run<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = action(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB aborted'));
    });
  } finally {
    db.close();
  }
}

/** Whether this browser (and this page: some sandboxed frames may not) offers IndexedDB. */
export function hasIndexedDB(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    return false;
  }
}

/** Keeps the saved record (as localStorage would hold it, unserialized). */
export function saveLargeDocument(record: object): Promise<void> {
  return run('readwrite', (store) => store.put(record, documentKey)).then(() => undefined);
}

/** The kept record, or null when there is none or it cannot be read. */
export async function loadLargeDocument(): Promise<object | null> {
  try {
    const value: unknown = await run('readonly', (store) => store.get(documentKey));
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** Forgets the kept record (the document fits in localStorage again). */
export function clearLargeDocument(): Promise<void> {
  return run('readwrite', (store) => store.delete(documentKey)).then(() => undefined);
}
