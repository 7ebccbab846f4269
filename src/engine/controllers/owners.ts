/**
 * Owner references as controllers write and read them
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go).
 */
import type { ObjectMeta, OwnerReference } from '../model';

interface Owner {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
}

/** NewControllerRef: controller and blockOwnerDeletion set. */
export function newControllerRef(owner: Owner): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** GetControllerOf: the owner reference marked controller, if any. */
export function controllerOf(meta: ObjectMeta | undefined): OwnerReference | undefined {
  const refs = meta?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  return refs.find((r) => typeof r === 'object' && r !== null && r.controller === true);
}

/** Whether `ref` points at `owner` (kind and name; the UID too when both have one). */
export function refersTo(ref: OwnerReference, kind: string, meta: ObjectMeta | undefined): boolean {
  if (ref.kind !== kind || ref.name !== meta?.name) return false;
  return !ref.uid || !meta?.uid || ref.uid === meta.uid;
}

/** A copy of `meta` with `ref` appended to its owner references (adoption). */
export function withOwner(meta: ObjectMeta, ref: OwnerReference): ObjectMeta {
  const refs = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  return { ...meta, ownerReferences: [...refs, ref] };
}
