/**
 * The mirroring reconciler's work when slices were already mirrored for the Endpoints
 * (pkg/controller/endpointslicemirroring/reconciler.go at
 * d030b9e3ff2376f691839946addb5e0a3feca1ee: reconcileByPortMapping, totalChanges, finalize and
 * recycleSlices in reconciler_helpers.go): one slice per address type and ports; the first
 * stored slice of a group is kept as it is when its endpoints, labels and annotations already
 * match, else rewritten under its name; the others of the group are deleted; a slice to delete
 * lends its name to a slice to create of its address type.
 */
import type { EndpointSlice, EndpointSlicePort, Endpoints } from '../model';
import { managedByLabel, serviceNameLabel } from './endpointSlice';
import { endpointKey, equalBeyondHash } from './endpointSliceReconcile';
import { sameLabels } from './endpointsCompare';
import { sortSlicePortsByHash } from './hashOrder';
import { protocolOf } from './podUtil';

/** newAddrTypePortMapKey for a stored slice, in the form the desired groups are keyed by. */
function storedKey(slice: EndpointSlice): string {
  const ports: EndpointSlicePort[] = (Array.isArray(slice.ports) ? slice.ports : []).map((p) => ({
    name: p?.name ?? '',
    port: p?.port ?? 0,
    protocol: protocolOf(p?.protocol),
    ...(p?.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
  sortSlicePortsByHash(ports);
  return `${slice.addressType ?? 'IPv4'}-${JSON.stringify(ports)}`;
}

/** totalChanges is all zero: the same endpoints, equal beyond their hash. */
function sameEndpoints(stored: EndpointSlice, wanted: EndpointSlice): boolean {
  const desired = new Map((wanted.endpoints ?? []).map((e) => [endpointKey(e), e] as const));
  const list = stored.endpoints ?? [];
  if (list.length !== desired.size) return false;
  return list.every((e) => {
    const got = desired.get(endpointKey(e));
    return got !== undefined && equalBeyondHash(got, e);
  });
}

/**
 * The mirrored slices given the `existing` ones: `desired` are the slices to mirror, keyed like
 * the stored ones and not named yet; `annotations` those the Endpoints passes on.
 */
export function mirrorOntoExisting(
  desired: readonly { key: string; slice: EndpointSlice }[],
  existing: readonly EndpointSlice[],
  annotations: Readonly<Record<string, string>>,
  endpoints: Endpoints,
  generate: () => string,
): EndpointSlice[] {
  const byKey = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const key = storedKey(s);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const create: EndpointSlice[] = [];
  const update: EndpointSlice[] = [];
  const kept: EndpointSlice[] = [];
  const remove: EndpointSlice[] = [];
  const rename = (slice: EndpointSlice, stored: EndpointSlice) => {
    slice.metadata.name = stored.metadata?.name ?? '';
    slice.metadata.generation = (stored.metadata?.generation ?? 0) + 1;
    update.push(slice);
  };
  for (const { key, slice } of desired) {
    const [first, ...rest] = byKey.get(key) ?? [];
    remove.push(...rest);
    if (!first) create.push(slice);
    else {
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(first.metadata?.labels ?? {}))
        if (k !== managedByLabel && k !== serviceNameLabel) labels[k] = v;
      const same =
        sameEndpoints(first, slice) &&
        sameLabels(endpoints.metadata?.labels, labels) &&
        sameLabels(annotations, first.metadata?.annotations);
      if (same) kept.push(first);
      else rename(slice, first);
    }
  }
  const keys = new Set(desired.map((d) => d.key));
  for (const [key, list] of byKey) if (!keys.has(key)) remove.push(...list);
  // recycleSlices: creates of an address type take the names of deletes of the same type.
  for (const type of ['IPv4', 'IPv6']) {
    const deletes = remove.filter((s) => s.addressType === type);
    create
      .filter((s) => s.addressType === type)
      .slice(0, deletes.length)
      .forEach((slice, i) => {
        create.splice(create.indexOf(slice), 1);
        rename(slice, deletes[i] as EndpointSlice);
      });
  }
  for (const slice of create) slice.metadata.name = generate();
  const updated = new Map(update.map((s) => [s.metadata.name ?? '', s]));
  const out: EndpointSlice[] = [];
  for (const s of existing) {
    if (kept.includes(s)) out.push({ ...s, metadata: { ...s.metadata } });
    else {
      const u = updated.get(s.metadata?.name ?? '');
      if (u) out.push(u);
    }
  }
  return [...out, ...create];
}
