/**
 * The EndpointSlice reconciler's work when a Service already has slices of an address type
 * (staging/src/k8s.io/endpointslice/reconciler.go at 020438690733e56d2c3d04f7369908c3eddec113:
 * reconcileByAddressType, reconcileByPortMapping, getSliceToFill, placeholderSliceCompare and
 * finalize's recycling): slices whose endpoints are all still desired stay as they are, changed
 * ones are updated in place, the remaining endpoints fill the fullest updated slices, then the
 * unchanged slice they fit in best, then new slices; a slice to delete gives its name to a slice
 * to create. Upstream pops endpoints from a Go map (random order); they are taken here in
 * address order, so which endpoint lands in which slice may differ, never how many.
 */
import type { Endpoint, EndpointSlice, EndpointSlicePort, OwnerReference, Service } from '../model';
import { headlessLabel } from './endpoints';
import { sameReference } from './endpointsCompare';
import { dumpEndpointSlicePort, sortSlicePortsByHash } from './hashOrder';

const serviceNameLabel = 'kubernetes.io/service-name';
const managedByLabel = 'endpointslice.kubernetes.io/managed-by';

/** What to do with a Service's slices of one address type. */
export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  unchanged: EndpointSlice[];
  remove: EndpointSlice[];
}

/** ownedBy: an owner reference to this Service (v1, Service, its UID). */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  const refs = slice.metadata?.ownerReferences;
  return (
    Array.isArray(refs) &&
    refs.some(
      (o: OwnerReference) =>
        o?.uid === (service.metadata?.uid ?? '') && o?.kind === 'Service' && o?.apiVersion === 'v1',
    )
  );
}

/** NewPortMapKey: the ports' dumps in hash order (the order does not split a group). */
function portMapKey(ports: readonly EndpointSlicePort[] | null | undefined): string {
  const sorted = [...(Array.isArray(ports) ? ports : [])];
  sortSlicePortsByHash(sorted);
  return sorted.map(dumpEndpointSlicePort).join('\u0000');
}

/** hashEndpoint's identity: the sorted addresses, hostname and the targetRef's namespace/name. */
export function endpointKey(e: Endpoint): string {
  const addresses = [...(e.addresses ?? [])].sort().join(',');
  return `${addresses}\u0000${e.hostname ?? ''}\u0000${e.targetRef?.namespace ?? ''}\u0000${e.targetRef?.name ?? ''}`;
}

/** EndpointsEqualBeyondHash: nodeName, zone, the three conditions and targetRef (less its resourceVersion). */
export function equalBeyondHash(a: Endpoint, b: Endpoint): boolean {
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    ca.ready === cb.ready &&
    ca.serving === cb.serving &&
    ca.terminating === cb.terminating &&
    sameReference(a.targetRef, b.targetRef)
  );
}

const reserved = new Set([serviceNameLabel, managedByLabel, headlessLabel]);

/** setEndpointSliceLabels' verdict: the slice's own labels differ from the Service's. */
function labelsChanged(slice: EndpointSlice, service: Service): boolean {
  const own = Object.entries(slice.metadata?.labels ?? {}).filter(([k]) => !reserved.has(k));
  const wanted = Object.entries(service.metadata?.labels ?? {}).filter(([k]) => !reserved.has(k));
  if (own.length !== wanted.length) return true;
  const map = new Map(wanted);
  return own.some(([k, v]) => map.get(k) !== v);
}

/** getSliceToFill: the slice `count` endpoints fit in that ends up fullest. */
function sliceToFill(slices: EndpointSlice[], count: number, max: number) {
  let closestDiff = max;
  let closest: EndpointSlice | undefined;
  for (const s of slices) {
    const diff = max - (count + (s.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) break;
    }
  }
  return closest;
}

/** A copy of a stored slice, safe to change (its metadata and endpoint list its own). */
function copySlice(slice: EndpointSlice): EndpointSlice {
  return { ...slice, metadata: { ...slice.metadata }, endpoints: [...(slice.endpoints ?? [])] };
}

/**
 * reconcileByPortMapping for one group of ports. `desired` is consumed; `newSlice` makes an
 * unnamed slice of the group's ports.
 */
function planPortMapping(
  service: Service,
  existing: readonly EndpointSlice[],
  desired: Map<string, Endpoint>,
  labels: Record<string, string>,
  newSlice: () => EndpointSlice,
  max: number,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], unchanged: [], remove: [] };
  for (const slice of existing) {
    const kept: Endpoint[] = [];
    let updated = false;
    for (const e of slice.endpoints ?? []) {
      const key = endpointKey(e);
      const got = desired.get(key);
      if (!got) continue;
      kept.push(got);
      if (!equalBeyondHash(got, e)) updated = true;
      desired.delete(key);
    }
    if (updated || (slice.endpoints?.length ?? 0) !== kept.length) {
      if (kept.length === 0) plan.remove.push(slice);
      else
        plan.update.push({
          ...copySlice(slice),
          endpoints: kept,
          metadata: { ...slice.metadata, labels },
        });
    } else if (labelsChanged(slice, service)) {
      plan.update.push({ ...copySlice(slice), metadata: { ...slice.metadata, labels } });
    } else plan.unchanged.push(slice);
  }
  const take = (slice: EndpointSlice) => {
    const list = slice.endpoints ?? (slice.endpoints = []);
    for (const [key, e] of desired) {
      if (list.length >= max) break;
      list.push(e);
      desired.delete(key);
    }
  };
  // 2. Fill the updated slices, fullest first.
  if (desired.size > 0 && plan.update.length > 0)
    [...plan.update]
      .sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0))
      .forEach(take);
  // 3. Then the unchanged slice the rest fits in best, or new slices.
  while (desired.size > 0) {
    const fit =
      desired.size < max && plan.unchanged.length > 0
        ? sliceToFill(plan.unchanged, desired.size, max)
        : undefined;
    if (fit) {
      const copy = copySlice(fit);
      take(copy);
      plan.unchanged.splice(plan.unchanged.indexOf(fit), 1);
      plan.update.push(copy);
    } else {
      const created = newSlice();
      take(created);
      plan.create.push(created);
    }
  }
  return plan;
}

/**
 * reconcileByAddressType with the Service's `existing` slices of the address type: slices not
 * owned by the Service are removed; the others are matched to the desired groups by their ports.
 * `groups` are the desired endpoints by ports (ports in hash order, endpoints in address order).
 */
export function planWithExisting(
  service: Service,
  existing: readonly EndpointSlice[],
  groups: readonly { ports: EndpointSlicePort[]; endpoints: Endpoint[] }[],
  labels: Record<string, string>,
  newSlice: (ports: EndpointSlicePort[]) => EndpointSlice,
  max: number,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], unchanged: [], remove: [] };
  const byKey = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, service)) {
      plan.remove.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    byKey.set(key, [...(byKey.get(key) ?? []), slice]);
  }
  const desiredKeys = new Set<string>();
  for (const { ports, endpoints } of groups) {
    const key = portMapKey(ports);
    desiredKeys.add(key);
    const desired = new Map(endpoints.map((e) => [endpointKey(e), e] as const));
    const part = planPortMapping(
      service,
      byKey.get(key) ?? [],
      desired,
      labels,
      () => newSlice(ports),
      max,
    );
    plan.create.push(...part.create);
    plan.update.push(...part.update);
    plan.unchanged.push(...part.unchanged);
    plan.remove.push(...part.remove);
  }
  for (const [key, slices] of byKey) if (!desiredKeys.has(key)) plan.remove.push(...slices);
  return plan;
}

function ownerString(o: OwnerReference | undefined): string {
  return JSON.stringify([
    o?.apiVersion,
    o?.kind,
    o?.name,
    o?.uid,
    o?.controller,
    o?.blockOwnerDeletion,
  ]);
}

/**
 * placeholderSliceCompare: an existing slice that already is the placeholder (namespace and
 * labels, owner references, address type, no ports, no endpoints).
 */
export function isPlaceholder(existing: EndpointSlice, placeholder: EndpointSlice): boolean {
  const a = existing.metadata ?? {};
  const b = placeholder.metadata;
  const la = Object.entries(a.labels ?? {});
  const lb = b.labels ?? {};
  const ra = Array.isArray(a.ownerReferences) ? a.ownerReferences : [];
  const rb = b.ownerReferences ?? [];
  return (
    (a.namespace ?? '') === (b.namespace ?? '') &&
    la.length === Object.keys(lb).length &&
    la.every(([k, v]) => lb[k] === v) &&
    ra.length === rb.length &&
    ra.every((o, i) => ownerString(o) === ownerString(rb[i])) &&
    existing.addressType === placeholder.addressType &&
    (existing.ports ?? []).length === 0 &&
    (existing.endpoints ?? []).length === 0
  );
}
