/**
 * The one repair step between what is stored and what the controllers read: metadata whose
 * fields are not of their API types (possible only when nothing validated the input) is read as
 * the API's JSON decoding would leave it: wrong-typed fields dropped. Well-formed objects pass
 * through untouched (same reference), so the common case costs one check per field.
 */
import type { KubeObject, ObjectMeta } from '../model';

const stringFields = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function isStringMap(value: unknown): boolean {
  if (!isRecord(value)) return false;
  // Own values in a for...in, as Object.values lists them, without its array (every object).
  for (const k in value) if (Object.hasOwn(value, k) && typeof value[k] !== 'string') return false;
  return true;
}

function wellFormed(meta: unknown): meta is ObjectMeta {
  if (!isRecord(meta)) return false;
  for (const f of stringFields)
    if (meta[f] !== undefined && typeof meta[f] !== 'string') return false;
  if (meta.labels !== undefined && !isStringMap(meta.labels)) return false;
  if (meta.annotations !== undefined && !isStringMap(meta.annotations)) return false;
  if (meta.generation !== undefined && typeof meta.generation !== 'number') return false;
  const refs = meta.ownerReferences;
  if (refs !== undefined && !(Array.isArray(refs) && refs.every(isRecord))) return false;
  return true;
}

export function sanitizeMeta<T extends KubeObject>(object: T): T {
  const meta: unknown = object.metadata;
  if (wellFormed(meta)) return object;
  const source = isRecord(meta) ? meta : {};
  const out: ObjectMeta = {};
  for (const f of stringFields) {
    const v = source[f];
    if (typeof v === 'string') out[f] = v;
  }
  const labels = stringMap(source.labels);
  if (labels) out.labels = labels;
  const annotations = stringMap(source.annotations);
  if (annotations) out.annotations = annotations;
  if (typeof source.generation === 'number') out.generation = source.generation;
  if (Array.isArray(source.ownerReferences)) {
    out.ownerReferences = source.ownerReferences.filter(isRecord);
  }
  return { ...object, metadata: out };
}
