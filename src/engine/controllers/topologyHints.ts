/**
 * Topology Aware Hints: the zone hints the EndpointSlice controller writes for a Service
 * annotated `service.kubernetes.io/topology-mode: Auto` (or the older topology-aware-hints),
 * each zone getting endpoints in proportion to the allocatable CPU of its ready nodes
 * (staging/src/k8s.io/endpointslice/topologycache at 40d99474ca4d377d1c2970b3aff3a0061e4279ca:
 * SetNodes, getAllocations and AddHints in topologycache.go, getAllocatedHintsByZone in
 * sliceinfo.go, RemoveHintsFromSlices, getGivingAndReceivingZones, redistributeHints and
 * getHintsByZone in utils.go). Where upstream walks a Go map (random order), zones are taken
 * in name order.
 */
import type { Endpoint, EndpointSlice, Node } from '../model';
import { quantityNanos } from './qos';

/** The most an endpoint may be overloaded by the allocation (overloadThreshold). */
const overloadThreshold = 0.2;
const topologyZoneLabel = 'topology.kubernetes.io/zone';
/** Nodes with one of these labels count for no zone's capacity (hasExcludedLabels). */
const excludedNodeLabels = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

/** Each zone's share of the allocatable CPU of the ready nodes (cpuRatiosByZone). */
export type ZoneRatios = ReadonlyMap<string, number>;

/** The slices of one address type the reconciler has to create, update or leave (SliceInfo). */
export interface HintedSlices {
  create: EndpointSlice[];
  update: EndpointSlice[];
  unchanged: EndpointSlice[];
}

/** How many endpoints a zone should be hinted: the fewest, the most and the ideal number. */
export interface Allocation {
  minimum: number;
  maximum: number;
  desired: number;
}

function isNodeReady(node: Node): boolean {
  const ready = (node.status?.conditions ?? []).find((c) => c?.type === 'Ready');
  return ready?.status === 'True';
}

/** Quantity.MilliValue: the quantity in thousandths, rounded up. */
function milliValue(value: unknown): bigint {
  const nanos = quantityNanos(value) ?? 0n;
  return nanos <= 0n ? 0n : (nanos + 999_999n) / 1_000_000n;
}

/**
 * SetNodes: the CPU ratios of the zones, or undefined when hints cannot be given — a ready node
 * (not a control-plane one) lacks a zone or allocatable CPU, or fewer than two zones have any.
 */
export function zoneRatios(nodes: Iterable<Node>): ZoneRatios | undefined {
  const cpuByZone = new Map<string, bigint>();
  let total = 0n;
  for (const node of nodes) {
    const labels = node.metadata?.labels ?? {};
    if (excludedNodeLabels.some((l) => Object.hasOwn(labels, l))) continue;
    if (!isNodeReady(node)) continue;
    const zone = labels[topologyZoneLabel];
    const cpu = milliValue(node.status?.allocatable?.cpu);
    if (!zone || cpu === 0n) return undefined;
    total += cpu;
    cpuByZone.set(zone, (cpuByZone.get(zone) ?? 0n) + cpu);
  }
  if (total === 0n || cpuByZone.size < 2) return undefined;
  const ratios = new Map<string, number>();
  for (const [zone, cpu] of cpuByZone) ratios.set(zone, Number(cpu) / Number(total));
  return ratios;
}

/** zoneRatios of each Nodes-by-name map, which a controller run shares among its Services. */
const ratiosByNodes = new WeakMap<ReadonlyMap<string, Node>, ZoneRatios | undefined>();

/**
 * zoneRatios of the Nodes by name, computed once per map (the topology cache's SetNodes runs on
 * a Node change, not on each Service's sync).
 */
export function zoneRatiosOf(nodes: ReadonlyMap<string, Node>): ZoneRatios | undefined {
  if (ratiosByNodes.has(nodes)) return ratiosByNodes.get(nodes);
  const ratios = zoneRatios(nodes.values());
  ratiosByNodes.set(nodes, ratios);
  return ratios;
}

/** The zones of a map, in name order (upstream's map order is random). */
const zonesOf = <T>(map: ReadonlyMap<string, T>) => [...map.keys()].sort();

/**
 * getAllocations: for each zone the fewest, most and ideal number of endpoints it should be
 * hinted, or undefined when no allocation keeps every zone under the overload threshold.
 */
function allocationsFor(
  ratios: ZoneRatios | undefined,
  endpoints: number,
): Map<string, Allocation> | undefined {
  if (!ratios || ratios.size < 2 || ratios.size > endpoints) return undefined;
  const allocations = new Map<string, Allocation>();
  let minTotal = 0;
  for (const zone of zonesOf(ratios)) {
    const desired = (ratios.get(zone) ?? 0) * endpoints;
    const minimum = Math.ceil(desired * (1 / (1 + overloadThreshold)));
    allocations.set(zone, { minimum, maximum: 0, desired: Math.max(desired, minimum) });
    minTotal += minimum;
    if (minTotal > endpoints) return undefined;
  }
  for (const a of allocations.values()) a.maximum = a.minimum + endpoints - minTotal;
  return allocations;
}

const isReady = (e: Endpoint) => e.conditions?.ready === true;

/** An endpoint without hints (a copy: stored endpoints are never written). */
function withoutHints(e: Endpoint): Endpoint {
  if (e.hints === undefined) return e;
  const { hints: _dropped, ...rest } = e;
  return rest;
}

/**
 * RemoveHintsFromSlices: no hints on the slices written; an unchanged slice that has some is
 * written without them. Also what the reconciler does when no heuristic sets hints.
 */
export function removeHintsFromSlices(si: HintedSlices): HintedSlices {
  for (const slice of [...si.create, ...si.update])
    if (slice.endpoints) slice.endpoints = slice.endpoints.map(withoutHints);
  const unchanged: EndpointSlice[] = [];
  const update = [...si.update];
  for (const slice of si.unchanged) {
    if ((slice.endpoints ?? []).some((e) => e.hints !== undefined))
      update.push({
        ...slice,
        metadata: { ...slice.metadata },
        endpoints: (slice.endpoints ?? []).map(withoutHints),
      });
    else unchanged.push(slice);
  }
  return { create: si.create, update, unchanged };
}

/**
 * getHintsByZone: the hints an unchanged slice gives each zone, or undefined when the slice
 * must be rewritten (a ready endpoint without a zone hint, a hint for a zone not allocated, or
 * more hints than a zone may take).
 */
export function hintsByZone(
  slice: EndpointSlice,
  allocated: ReadonlyMap<string, number>,
  allocations: ReadonlyMap<string, Allocation>,
): Map<string, number> | undefined {
  const counts = new Map<string, number>();
  for (const e of slice.endpoints ?? []) {
    if (!isReady(e)) continue;
    const zones = e.hints?.forZones ?? [];
    if (zones.length === 0) return undefined;
    for (const z of zones) {
      const name = z?.name ?? '';
      if (!allocations.has(name)) return undefined;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  for (const [zone, n] of counts) {
    const a = allocations.get(zone);
    if (!a || n + (allocated.get(zone) ?? 0) > a.maximum) return undefined;
  }
  return counts;
}

/** getMost: the zone with the most left (the first in name order on a tie), if any is above 0. */
function most(zones: ReadonlyMap<string, number>): [string, number] {
  let best: [string, number] = ['', 0];
  for (const zone of zonesOf(zones)) {
    const n = zones.get(zone) ?? 0;
    if (n > best[1]) best = [zone, n];
  }
  return best;
}

/**
 * getGivingAndReceivingZones: how many endpoints each zone gives to others, and how many each
 * receives, to bring the hints of the zones near their desired allocation.
 */
export function givingAndReceiving(
  allocations: ReadonlyMap<string, Allocation>,
  allocated: ReadonlyMap<string, number>,
): [Map<string, number>, Map<string, number>] {
  const givingDesired = new Map<string, number>();
  const receivingDesired = new Map<string, number>();
  for (const [zone, a] of allocations) {
    const hints = allocated.get(zone) ?? 0;
    if (hints > a.desired) givingDesired.set(zone, hints - a.desired);
    else if (hints < a.desired) receivingDesired.set(zone, a.desired - hints);
  }
  const giving = new Map<string, number>();
  const receiving = new Map<string, number>();
  for (;;) {
    const [givingZone, toGive] = most(givingDesired);
    const [receivingZone, toReceive] = most(receivingDesired);
    if (givingZone === '' || receivingZone === '') break;
    if ((toGive < 1 && toReceive < 1) || toGive < 0.5 || toReceive < 0.5) break;
    giving.set(givingZone, (giving.get(givingZone) ?? 0) + 1);
    givingDesired.set(givingZone, toGive - 1);
    receiving.set(receivingZone, (receiving.get(receivingZone) ?? 0) + 1);
    receivingDesired.set(receivingZone, toReceive - 1);
  }
  return [giving, receiving];
}

/** Takes one from `zone`'s count, dropping it at zero. */
function takeOne(counts: Map<string, number>, zone: string): void {
  const n = counts.get(zone) ?? 0;
  if (n <= 1) counts.delete(zone);
  else counts.set(zone, n - 1);
}

/**
 * redistributeHints: ready endpoints of the giving zones, in slice order, are hinted for a
 * receiving zone instead of their own. Returns the change of each zone's hints.
 */
export function redistribute(
  slices: readonly EndpointSlice[],
  giving: Map<string, number>,
  receiving: Map<string, number>,
): Map<string, number> {
  const changes = new Map<string, number>();
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    for (let i = 0; i < endpoints.length; i++) {
      const e = endpoints[i] as Endpoint;
      if (!isReady(e)) continue;
      if (giving.size === 0 || receiving.size === 0) return changes;
      const zone = e.zone;
      if (!zone || (giving.get(zone) ?? 0) <= 0) continue;
      const to = zonesOf(receiving).find((z) => (receiving.get(z) ?? 0) > 0);
      if (to === undefined) continue;
      endpoints[i] = { ...e, hints: { forZones: [{ name: to }] } };
      takeOne(giving, zone);
      takeOne(receiving, to);
      changes.set(to, (changes.get(to) ?? 0) + 1);
      changes.set(zone, (changes.get(zone) ?? 0) - 1);
    }
  }
  return changes;
}

/**
 * AddHints: the slices with zone hints that share the ready endpoints among the zones by their
 * CPU; every hint removed instead when the nodes or endpoints do not allow it (a ready endpoint
 * without a zone, too few endpoints for the zones, or an allocation that would overload one).
 * Unchanged slices whose hints no longer fit are rewritten. The slices written are the caller's
 * own copies; their endpoints are replaced, never changed in place.
 */
export function addTopologyHints(si: HintedSlices, ratios: ZoneRatios | undefined): HintedSlices {
  const ready = (s: EndpointSlice) => (s.endpoints ?? []).filter(isReady).length;
  const total = [...si.create, ...si.update, ...si.unchanged].reduce((n, s) => n + ready(s), 0);
  const allocations = allocationsFor(ratios, total);
  if (!allocations) return removeHintsFromSlices(si);

  // getAllocatedHintsByZone: the hints of the unchanged slices that still fit count as given.
  const allocated = new Map<string, number>();
  const unchanged: EndpointSlice[] = [];
  const update = [...si.update];
  for (const slice of si.unchanged) {
    const counts = hintsByZone(slice, allocated, allocations);
    if (!counts) {
      update.push({
        ...slice,
        metadata: { ...slice.metadata },
        endpoints: [...(slice.endpoints ?? [])],
      });
    } else {
      unchanged.push(slice);
      for (const [zone, n] of counts) allocated.set(zone, (allocated.get(zone) ?? 0) + n);
    }
  }
  const result: HintedSlices = { create: si.create, update, unchanged };

  // 1. Every ready endpoint is hinted for its own zone.
  const allocatable = [...result.create, ...result.update];
  for (const slice of allocatable) {
    const endpoints = slice.endpoints ?? [];
    for (let i = 0; i < endpoints.length; i++) {
      const e = endpoints[i] as Endpoint;
      // Upstream clears the hints of a copy here: a not-ready endpoint keeps what it has.
      if (!isReady(e)) continue;
      if (!e.zone) return removeHintsFromSlices(result);
      allocated.set(e.zone, (allocated.get(e.zone) ?? 0) + 1);
      endpoints[i] = { ...e, hints: { forZones: [{ name: e.zone }] } };
    }
  }
  // 2. and 3. Zones with more than their share give endpoints to those with less.
  const [giving, receiving] = givingAndReceiving(allocations, allocated);
  for (const [zone, change] of redistribute(allocatable, giving, receiving))
    allocated.set(zone, (allocated.get(zone) ?? 0) + change);
  if (allocated.size === 0) return removeHintsFromSlices(result);
  return result;
}
