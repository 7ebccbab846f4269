/**
 * Finding the objects of the text: each top-level document, and each item of a `kind: List`, as
 * `kubectl apply -f` reads them. Documents are read only when a cheap text test says they may
 * hold the object asked for, so that a what-if on a 10 MB text stays quick.
 */
import {
  appendDocument,
  editDocument,
  readDocument,
  removeDocument,
  setInDocument,
  splitDocuments,
  type Json,
  type PathKey,
} from './yamlText';

export interface ObjectRef {
  kind: string;
  /** Absent for cluster-scoped kinds (Node) and kinds without metadata (KubeProxyConfiguration). */
  namespace?: string;
  name?: string;
}

export type Manifest = Record<string, unknown> & {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown } & Record<string, unknown>;
};

export interface FoundObject {
  document: number;
  /** The path of the object inside its document: `[]`, or `['items', i]` in a List. */
  path: PathKey[];
  object: Manifest;
}

function isManifest(value: unknown): value is Manifest {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(object: Manifest, ref: ObjectRef): boolean {
  if (object.kind !== ref.kind) return false;
  if (ref.name === undefined) return true;
  const meta = isManifest(object.metadata) ? object.metadata : {};
  if (meta.name !== ref.name) return false;
  if (ref.namespace === undefined) return true;
  const namespace =
    typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default';
  return namespace === ref.namespace;
}

/** Every object of the text that matches `ref` (by kind, then name and namespace when given). */
export function findObjects(text: string, ref: ObjectRef): FoundObject[] {
  const out: FoundObject[] = [];
  splitDocuments(text).forEach((span, document) => {
    const doc = text.slice(span.start, span.end);
    if (!doc.includes(ref.kind) || (ref.name !== undefined && !doc.includes(ref.name))) return;
    const value = readDocument(doc);
    if (!isManifest(value)) return;
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item: unknown, i: number) => {
        if (isManifest(item) && matches(item, ref)) {
          out.push({ document, path: ['items', i], object: item });
        }
      });
    } else if (matches(value, ref)) out.push({ document, path: [], object: value });
  });
  return out;
}

export function findObject(text: string, ref: ObjectRef): FoundObject | undefined {
  return findObjects(text, ref)[0];
}

/** Sets (or removes) a field of a found object, keeping the rest of the text. */
export function setField(
  text: string,
  found: FoundObject,
  path: PathKey[],
  value: Json | undefined,
): string {
  return editDocument(text, found.document, (doc) =>
    setInDocument(doc, [...found.path, ...path], value),
  );
}

/** Removes a found object: its document, or its item of a List. */
export function removeObject(text: string, found: FoundObject): string {
  if (found.path.length === 0) return removeDocument(text, found.document);
  const list = readDocument(text.slice(...spanOf(text, found.document)));
  if (!isManifest(list) || !Array.isArray(list.items)) return text;
  const items = list.items.filter((_item: unknown, i: number) => i !== found.path[1]);
  return editDocument(text, found.document, (doc) => setInDocument(doc, ['items'], items as Json));
}

function spanOf(text: string, document: number): [number, number] {
  const span = splitDocuments(text)[document];
  return span ? [span.start, span.end] : [0, 0];
}

export { appendDocument };
