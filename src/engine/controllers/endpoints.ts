/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go at
 * 003e86297d18a8538c9da3619871393f9703bf70): one v1 Endpoints per Service with a selector,
 * named after it, listing the selected pods of the Service's first IP family.
 */
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Endpoints,
  ObjectMeta,
  ObjectReference,
  Pod,
  Service,
  ServicePort,
} from '../model';
import { isIPv6 } from '../net/ip';
import { copyOf, define } from './copy';
import {
  capacityAnnotationSetCorrectly,
  sameLabels,
  subsetsEqualIgnoreResourceVersion,
} from './endpointsCompare';
import { namespaceOf } from './labels';
import { sortInPlace } from './sort';
import { sortPortsByHash, sortSubsetsByHash } from './hashOrder';
import {
  findPort,
  isIPv6Address,
  isPodReady,
  isServiceIPSet,
  podIPsOf,
  podReferences,
  protocolOf,
  servicePorts,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './podUtil';
import { lastChangeTriggerTime, triggerTimeAnnotation } from './triggerTime';

export const headlessLabel = 'service.kubernetes.io/headless';
const overCapacityAnnotation = 'endpoints.kubernetes.io/over-capacity';
/** maxCapacity: the most addresses an Endpoints object keeps. */
export const maxEndpointsCapacity = 1000;

/** Whether the Service's (first) family is IPv6; undefined when it has neither families nor ClusterIP. */
function serviceIsIPv6(service: Service): boolean | undefined {
  const families = service.spec?.ipFamilies;
  if (Array.isArray(families) && families.length > 0) return families[0] === 'IPv6';
  if (isServiceIPSet(service)) return isIPv6(service.spec?.clusterIP ?? '');
  return undefined;
}

/**
 * podToEndpointAddressForService: the pod's IP of the Service's (first) family, `targetRef`
 * naming the pod. One literal per shape (a key added after it would be kept apart).
 */
function podAddress(
  service: Service,
  pod: Pod,
  targetRef: ObjectReference,
): EndpointAddress | undefined {
  const ips = podIPsOf(pod);
  const v6 = serviceIsIPv6(service) ?? isIPv6(pod.status?.podIP ?? ips[0] ?? '');
  const ip = ips.find((candidate) => isIPv6Address(candidate) === v6);
  if (ip === undefined) return undefined;
  const nodeName = pod.spec?.nodeName ?? '';
  return shouldSetHostname(pod, service)
    ? { ip, hostname: pod.spec?.hostname ?? '', nodeName, targetRef }
    : { ip, nodeName, targetRef };
}

function endpointPort(servicePort: ServicePort, port: number): EndpointPort {
  const name = servicePort.name ?? '';
  // Built key by key: a literal starting with a spread gives each port a hidden class of its own.
  const out: EndpointPort = {};
  if (name) out.name = name;
  out.port = port;
  out.protocol = protocolOf(servicePort.protocol);
  if (servicePort.appProtocol) out.appProtocol = servicePort.appProtocol;
  return out;
}

/** The entries of a list that are objects (input read without validation may hold anything). */
export function objectsIn<T>(list: readonly T[] | undefined): T[] {
  return Array.isArray(list) ? list.filter((x) => typeof x === 'object' && x !== null) : [];
}

/** LessEndpointAddress (pkg/api/v1/endpoints/util.go): by IP bytes, then target UID. */
export function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  const x = a.ip ?? '';
  const y = b.ip ?? '';
  if (x !== y) return x < y ? -1 : 1;
  const u = a.targetRef?.uid ?? '';
  const v = b.targetRef?.uid ?? '';
  return u < v ? -1 : u > v ? 1 : 0;
}

function portKey(p: EndpointPort | undefined): string {
  return p
    ? `${p.name ?? ''}\u0000${p.port ?? ''}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? ''}`
    : '';
}

/** A subset with its non-empty lists, built key by key (no literal starting with a spread). */
function subset(
  ready: EndpointAddress[],
  notReady: EndpointAddress[],
  ports: EndpointPort[],
): EndpointSubset {
  const out: EndpointSubset = {};
  if (ready.length) out.addresses = ready;
  if (notReady.length) out.notReadyAddresses = notReady;
  if (ports.length) out.ports = ports;
  return out;
}

/**
 * RepackSubsets (pkg/api/v1/endpoints/util.go): regroups addresses by the set of ports they
 * serve (not-ready wins over ready for the same address and port), then SortSubsets: addresses
 * by IP then UID, ports and subsets by the hash of their dump (./sortSubsets.ts).
 */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const ports = new Map<string, { port: EndpointPort | undefined; ready: Map<string, boolean> }>();
  const add = (address: EndpointAddress, port: EndpointPort | undefined, ready: boolean) => {
    const key = `${address.ip ?? ''}\u0000${address.targetRef?.uid ?? ''}`;
    if (!addresses.has(key)) addresses.set(key, address);
    const pk = portKey(port);
    let entry = ports.get(pk);
    if (!entry) ports.set(pk, (entry = { port, ready: new Map() }));
    const was = entry.ready.get(key);
    if (was === undefined || was) entry.ready.set(key, ready);
  };
  for (const subset of objectsIn(subsets)) {
    const ports = objectsIn(subset.ports);
    const list: (EndpointPort | undefined)[] = ports.length > 0 ? ports : [undefined];
    for (const port of list) {
      for (const a of objectsIn(subset.addresses)) add(a, port, true);
      for (const a of objectsIn(subset.notReadyAddresses)) add(a, port, false);
    }
  }
  const groups = new Map<
    string,
    { ready: Map<string, boolean>; ports: (EndpointPort | undefined)[] }
  >();
  for (const { port, ready } of ports.values()) {
    const signature = [...ready]
      .map(([k, r]) => `${k}\u0000${r}`)
      .sort()
      .join('\u0001');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { ready, ports: [] }));
    group.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const { ready, ports: list } of groups.values()) {
    const readyAddrs: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [key, isReady] of ready) {
      const address = addresses.get(key);
      if (address) (isReady ? readyAddrs : notReady).push(address);
    }
    readyAddrs.sort(lessAddress);
    notReady.sort(lessAddress);
    const realPorts = list.filter((p): p is EndpointPort => p !== undefined);
    sortPortsByHash(realPorts);
    out.push(subset(readyAddrs, notReady, realPorts));
  }
  sortSubsetsByHash(out);
  return out;
}

/**
 * truncateEndpoints: above 1000 addresses, keep ready ones first, each subset cut in proportion
 * to its share (rounded up), and mark the object `over-capacity: truncated`.
 */
export function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= maxEndpointsCapacity) return false;
  const truncateReady = totalReady > maxEndpointsCapacity;
  const max = truncateReady ? maxEndpointsCapacity : maxEndpointsCapacity - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  subsets.forEach((subset, i) => {
    const inSubset = truncateReady
      ? (subset.addresses?.length ?? 0)
      : (subset.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      const addresses = (subset.addresses ?? []).slice(0, toBeAdded);
      const { notReadyAddresses: _dropped, addresses: _all, ...rest } = subset;
      subsets[i] = { ...rest, ...(addresses.length ? { addresses } : {}) };
      canBeAdded -= addresses.length;
    } else {
      const notReadyAddresses = (subset.notReadyAddresses ?? []).slice(0, toBeAdded);
      const { notReadyAddresses: _old, ...rest } = subset;
      subsets[i] = { ...rest, ...(notReadyAddresses.length ? { notReadyAddresses } : {}) };
      canBeAdded -= notReadyAddresses.length;
    }
  });
  return true;
}

function hasDuplicates(a: readonly EndpointAddress[], b: readonly EndpointAddress[]): boolean {
  const seen = new Set<string>();
  for (const x of [...a, ...b]) {
    const key = `${x.ip ?? ''}\u0000${x.targetRef?.uid ?? ''}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/**
 * syncService: the Endpoints of a Service with a selector, given the pods its selector matches
 * (ANDed labels, same namespace). `current` is the Endpoints object already stored under the
 * Service's name, whose metadata the controller updates rather than replaces. `targetRefs` name
 * the pods (shared with the Service's EndpointSlices).
 */
export function computeEndpoints(
  service: Service,
  pods: readonly Pod[],
  current: Endpoints | undefined,
  targetRefs: readonly ObjectReference[] = podReferences(pods),
): Endpoints {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const ports = servicePorts(service);
  const headless = service.spec?.clusterIP === 'None';
  // Fast path: when every pod resolves the same ports, RepackSubsets yields exactly one subset.
  const entries: { address: EndpointAddress; ready: boolean; key: string }[] = [];
  const portsByKey = new Map<string, EndpointPort[]>();
  let samePorts: string | undefined;
  let uniform = true;
  for (let p = 0; p < pods.length; p++) {
    const pod = pods[p] as Pod;
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = podAddress(service, pod, targetRefs[p] as ObjectReference);
    if (!address) continue;
    let key = '';
    if (ports.length === 0) {
      if (!headless) continue;
    } else {
      const numbers = ports.map((sp) => findPort(pod, sp));
      if (numbers.every((n) => n === undefined)) continue;
      key = numbers.join(',');
      if (!portsByKey.has(key)) {
        const list: EndpointPort[] = [];
        ports.forEach((sp, i) => {
          const n = numbers[i];
          if (n !== undefined) list.push(endpointPort(sp, n));
        });
        portsByKey.set(key, list);
      }
    }
    if (samePorts === undefined) samePorts = key;
    else if (samePorts !== key) uniform = false;
    entries.push({ address, ready: publishNotReady || isPodReady(pod), key });
  }
  const ready = entries.filter((e) => e.ready).map((e) => e.address);
  const notReady = entries.filter((e) => !e.ready).map((e) => e.address);
  let packed: EndpointSubset[];
  if (samePorts === undefined) packed = [];
  else if (uniform && !hasDuplicates(ready, notReady)) {
    sortInPlace(ready, lessAddress);
    sortInPlace(notReady, lessAddress);
    const uniformPorts = portsByKey.get(samePorts) ?? [];
    sortPortsByHash(uniformPorts);
    packed = [subset(ready, notReady, uniformPorts)];
  } else {
    const subsets: EndpointSubset[] = [];
    for (const e of entries) {
      const resolved = portsByKey.get(e.key) ?? [];
      for (const port of resolved.length > 0 ? resolved : [undefined]) {
        subsets.push({
          ...(e.ready ? { addresses: [e.address] } : { notReadyAddresses: [e.address] }),
          ...(port ? { ports: [port] } : {}),
        });
      }
    }
    packed = repackSubsets(subsets);
  }
  // The stored Endpoints already says it all: nothing is written, it stays as it is.
  if (
    current &&
    subsetsEqualIgnoreResourceVersion(current.subsets, packed) &&
    sameLabels(current.metadata?.labels, service.metadata?.labels, headlessLabel) &&
    capacityAnnotationSetCorrectly(
      current.metadata?.annotations,
      current.subsets,
      overCapacityAnnotation,
      maxEndpointsCapacity,
    )
  ) {
    return { ...current, metadata: { ...current.metadata } };
  }
  const truncated = truncateEndpoints(packed);
  let labels: Record<string, string>;
  if (isServiceIPSet(service)) labels = without(service.metadata?.labels, headlessLabel);
  else {
    labels = copyOf(service.metadata?.labels);
    labels[headlessLabel] = '';
  }
  const annotations = without(
    current?.metadata?.annotations,
    triggerTimeAnnotation,
    overCapacityAnnotation,
  );
  const triggerTime = lastChangeTriggerTime(service, pods);
  if (triggerTime) annotations[triggerTimeAnnotation] = triggerTime;
  if (truncated) annotations[overCapacityAnnotation] = 'truncated';
  // The stored object's metadata, its labels and annotations replaced (built key by key).
  const metadata = without(current?.metadata, 'labels', 'annotations') as ObjectMeta;
  metadata.name = service.metadata?.name ?? '';
  metadata.namespace = namespaceOf(service);
  if (Object.keys(labels).length) metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  // One literal per shape (a key added after it would be kept apart).
  return packed.length
    ? { apiVersion: 'v1', kind: 'Endpoints', metadata, subsets: packed }
    : { apiVersion: 'v1', kind: 'Endpoints', metadata };
}

/** A copy of `map` without `keys` (key order kept). */
function without<T extends object>(map: T | undefined, ...keys: string[]): Record<string, string> {
  const out: Record<string, unknown> = {};
  if (map) for (const [k, v] of Object.entries(map)) if (!keys.includes(k)) define(out, k, v);
  return out as Record<string, string>;
}
