/**
 * How the Endpoints controller decides that the stored Endpoints already says what it would
 * write (pkg/controller/endpoint/endpoints_controller.go at
 * 003e86297d18a8538c9da3619871393f9703bf70, syncService): then it writes nothing, and the
 * stored object stays as it is, annotations included.
 *
 * Fields are compared as Go compares the decoded structs: an absent string is "", an absent
 * list is an empty one, a pointer (nodeName, targetRef, appProtocol) is absent or not.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, ObjectReference } from '../model';

const str = (value: unknown): unknown => value ?? '';

function listOf<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

function sameList<T>(
  a: readonly T[] | null | undefined,
  b: readonly T[] | null | undefined,
  same: (x: T, y: T) => boolean,
): boolean {
  const x = listOf(a);
  const y = listOf(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!same(x[i] as T, y[i] as T)) return false;
  return true;
}

/** semanticIgnoreResourceVersion: an ObjectReference compared without its resourceVersion. */
export function sameReference(
  a: ObjectReference | undefined,
  b: ObjectReference | undefined,
): boolean {
  if (!a || !b) return !a === !b;
  return (
    str(a.kind) === str(b.kind) &&
    str(a.namespace) === str(b.namespace) &&
    str(a.name) === str(b.name) &&
    str(a.uid) === str(b.uid) &&
    str(a.apiVersion) === str(b.apiVersion) &&
    str(a.fieldPath) === str(b.fieldPath)
  );
}

function sameAddress(a: EndpointAddress, b: EndpointAddress): boolean {
  return (
    str(a?.ip) === str(b?.ip) &&
    str(a?.hostname) === str(b?.hostname) &&
    a?.nodeName === b?.nodeName &&
    sameReference(a?.targetRef, b?.targetRef)
  );
}

function samePort(a: EndpointPort, b: EndpointPort): boolean {
  return (
    str(a?.name) === str(b?.name) &&
    (a?.port ?? 0) === (b?.port ?? 0) &&
    str(a?.protocol) === str(b?.protocol) &&
    a?.appProtocol === b?.appProtocol
  );
}

function sameSubset(a: EndpointSubset, b: EndpointSubset): boolean {
  return (
    sameList(a?.addresses, b?.addresses, sameAddress) &&
    sameList(a?.notReadyAddresses, b?.notReadyAddresses, sameAddress) &&
    sameList(a?.ports, b?.ports, samePort)
  );
}

/** endpointSubsetsEqualIgnoreResourceVersion. */
export function subsetsEqualIgnoreResourceVersion(
  a: readonly EndpointSubset[] | null | undefined,
  b: readonly EndpointSubset[] | null | undefined,
): boolean {
  return sameList(a, b, sameSubset);
}

/**
 * apiequality.Semantic.DeepEqual of two string maps (an absent map is an empty one), `a` read
 * without its `ignore` key.
 */
export function sameLabels(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
  ignore?: string,
): boolean {
  const x = Object.keys(a ?? {}).filter((k) => k !== ignore);
  const y = b ?? {};
  if (x.length !== Object.keys(y).length) return false;
  return x.every((k) => Object.hasOwn(y, k) && y[k] === a?.[k]);
}

/**
 * capacityAnnotationSetCorrectly: false above maxCapacity addresses (they must be truncated),
 * else whether the over-capacity annotation is absent.
 */
export function capacityAnnotationSetCorrectly(
  annotations: Readonly<Record<string, string>> | undefined,
  subsets: readonly EndpointSubset[] | null | undefined,
  annotation: string,
  maxCapacity: number,
): boolean {
  let count = 0;
  for (const s of listOf(subsets))
    count += listOf(s?.addresses).length + listOf(s?.notReadyAddresses).length;
  return count <= maxCapacity && !Object.hasOwn(annotations ?? {}, annotation);
}
