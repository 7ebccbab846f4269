/**
 * finalize for an address type the Service already has slices of
 * (staging/src/k8s.io/endpointslice/reconciler.go at 020438690733e56d2c3d04f7369908c3eddec113:
 * reconcileByAddressType's placeholder, finalize's recycling and addTriggerTimeAnnotation),
 * with the hints the topology annotation asks for (topologycache AddHints, ./topologyHints.ts)
 * or else trafficDistribution (trafficdist.ReconcileHints, or RemoveHintsFromSlices when no
 * heuristic applies).
 */
import type { Endpoint, EndpointSlice, EndpointSlicePort, ObjectMeta, Service } from '../model';
import { isPlaceholder, ownedBy, planWithExisting } from './endpointSliceReconcile';
import {
  addTopologyHints,
  removeHintsFromSlices,
  type HintedSlices,
  type ZoneRatios,
} from './topologyHints';
import {
  addCloseHints,
  closeHeuristic,
  hintsEnabled,
  needsCloseHints,
} from './trafficDistribution';
import { triggerTimeAnnotation } from './triggerTime';

/** How the Service's new slices are made. */
export interface SliceFactory {
  /** newEndpointSlice with these ports, no endpoints, not named yet. */
  unnamed: (ports: EndpointSlicePort[]) => EndpointSlice;
  /** A name from the slices' generateName. */
  generate: () => string;
  /** setEndpointSliceLabels' labels. */
  labels: Record<string, string>;
  /** The trigger time of this sync, if any. */
  triggerTime: string | undefined;
  /** maxEndpointsPerSlice. */
  max: number;
  /** The zones' shares of the nodes' CPU, for topology hints (read when the Service asks). */
  zoneRatios: () => ZoneRatios | undefined;
}

/**
 * addTriggerTimeAnnotation on a slice being updated: its own annotations kept, the trigger
 * time set, or cleared when there is none.
 */
function withTriggerTime(slice: EndpointSlice, time: string | undefined): EndpointSlice {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice.metadata?.annotations ?? {}))
    if (k !== triggerTimeAnnotation) annotations[k] = v;
  if (time) annotations[triggerTimeAnnotation] = time;
  const { annotations: _old, ...rest } = slice.metadata ?? {};
  const metadata: ObjectMeta = Object.keys(annotations).length ? { ...rest, annotations } : rest;
  return { ...slice, metadata };
}

/**
 * trafficdist.ReconcileHints, or RemoveHintsFromSlices when no heuristic applies: unchanged
 * slices whose hints are not what the heuristic wants are updated too.
 */
function reconcileCloseHints(service: Service, plan: HintedSlices): void {
  const close = closeHeuristic(service);
  if (!close) {
    Object.assign(plan, removeHintsFromSlices(plan));
    return;
  }
  const unchanged: EndpointSlice[] = [];
  for (const x of plan.unchanged) {
    if (!needsCloseHints(x, close)) unchanged.push(x);
    else
      plan.update.push({
        ...x,
        metadata: { ...x.metadata },
        endpoints: (x.endpoints ?? []).map((e) => ({ ...e })),
      });
  }
  plan.unchanged = unchanged;
  addCloseHints([...plan.create, ...plan.update], close);
}

/**
 * reconcileByAddressType and finalize for an address type the Service already has slices of:
 * the plan (./endpointSliceReconcile.ts), the placeholder, removed slices' names recycled,
 * the hints of the topology annotation or of trafficDistribution, the trigger time on what is
 * written. Slices come out in their stored order, the new ones last.
 */
export function reconcileExisting(
  f: SliceFactory,
  service: Service,
  groups: readonly { ports: EndpointSlicePort[]; endpoints: Endpoint[] }[],
  existing: readonly EndpointSlice[],
): EndpointSlice[] {
  const unnamed = f.unnamed;
  const plan = planWithExisting(service, existing, groups, f.labels, unnamed, f.max);
  if (existing.length === plan.remove.length && plan.create.length === 0) {
    const placeholder = unnamed([]);
    const only = plan.remove[0];
    if (plan.remove.length === 1 && only && isPlaceholder(only, placeholder)) {
      plan.remove = [];
      plan.unchanged.push(only);
    } else plan.create.push(placeholder);
  }
  // The topology annotation's hints are given before finalize, on the slices to create first.
  const topology = hintsEnabled(service.metadata?.annotations);
  if (topology) Object.assign(plan, addTopologyHints(plan, f.zoneRatios()));
  // finalize: a slice to create takes the name of a slice of the Service to delete.
  for (let i = 0; i < plan.remove.length && plan.create.length > 0;) {
    const removed = plan.remove[i] as EndpointSlice;
    const created = plan.create[plan.create.length - 1] as EndpointSlice;
    if (removed.addressType === created.addressType && ownedBy(removed, service)) {
      created.metadata.name = removed.metadata?.name ?? '';
      plan.create.pop();
      plan.update.push(created);
      plan.remove.splice(i, 1);
    } else i++;
  }
  if (service.metadata?.deletionTimestamp) plan.create = [];
  for (const c of plan.create) c.metadata.name = f.generate();
  if (!topology) reconcileCloseHints(service, plan);
  // PrepareForUpdate: a slice whose content or labels change gets the next generation.
  const generations = new Map(
    existing.map((x) => [x.metadata?.name ?? '', x.metadata?.generation]),
  );
  const updates = new Map(
    plan.update.map((x) => {
      const name = x.metadata?.name ?? '';
      const updated = withTriggerTime(x, f.triggerTime);
      updated.metadata.generation = (generations.get(name) ?? 0) + 1;
      return [name, updated];
    }),
  );
  const out: EndpointSlice[] = [];
  for (const x of existing) {
    const name = x.metadata?.name ?? '';
    if (plan.unchanged.includes(x)) out.push({ ...x, metadata: { ...x.metadata } });
    else if (updates.has(name)) out.push(updates.get(name) as EndpointSlice);
  }
  return [...out, ...plan.create];
}
