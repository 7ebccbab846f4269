/**
 * A pod's QoS class as the API server records it in status.qosClass on creation: ComputePodQOS
 * (pkg/apis/core/helper/qos/qos.go). Only cpu and memory count, and only quantities above zero:
 * no such request nor limit is BestEffort; limits on cpu and memory for every container, summed
 * equal to the summed requests, is Guaranteed; anything else Burstable. Pod-level resources
 * (spec.resources naming cpu or memory, PodLevelResources) decide alone when set.
 */
import type { PodSpec } from '../model';

export type PodQOSClass = 'BestEffort' | 'Burstable' | 'Guaranteed';

/** The decimal suffixes of resource.Quantity, as powers of ten. */
const decimalExponent: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** The binary suffixes, as powers of 1024. */
const binaryPower: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

const quantityPattern =
  /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/**
 * A resource.Quantity in nano units (rounded up, as the API rounds what it cannot hold), or
 * undefined when the text is not one.
 */
export function quantityNanos(value: unknown): bigint | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const m = quantityPattern.exec(text.trim());
  if (!m) return undefined;
  const [, sign, number = '', exponent, suffix = ''] = m;
  const dot = number.indexOf('.');
  const digits = dot < 0 ? number : number.slice(0, dot) + number.slice(dot + 1);
  let scale = (dot < 0 ? 0 : -(number.length - dot - 1)) + 9;
  let n = BigInt(digits === '' ? '0' : digits);
  if (exponent !== undefined) scale += Number(exponent);
  else if (suffix in binaryPower) n *= 1024n ** BigInt(binaryPower[suffix] as number);
  else scale += decimalExponent[suffix] ?? 0;
  if (scale >= 0) n *= 10n ** BigInt(scale);
  else {
    const d = 10n ** BigInt(-scale);
    n = (n + d - 1n) / d;
  }
  return sign === '-' ? -n : n;
}

type ResourceList = Record<string, unknown>;

const asList = (value: unknown): ResourceList | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as ResourceList)
    : undefined;

/**
 * Adds the list's cpu and memory above zero to the sums; returns which of the two it names so
 * (bit 1 cpu, bit 2 memory).
 */
function addQOSResources(sums: Map<string, bigint>, list: ResourceList | undefined): number {
  if (!list) return 0;
  let found = 0;
  for (const name of ['cpu', 'memory']) {
    if (!Object.hasOwn(list, name)) continue;
    const q = quantityNanos(list[name]);
    if (q === undefined || q <= 0n) continue;
    sums.set(name, (sums.get(name) ?? 0n) + q);
    found |= name === 'cpu' ? 1 : 2;
  }
  return found;
}

/** isPodLevelResourcesSet: spec.resources names cpu or memory (requests or limits). */
function podLevelResources(spec: PodSpec): { requests?: unknown; limits?: unknown } | undefined {
  const resources = asList((spec as { resources?: unknown }).resources) as
    { requests?: unknown; limits?: unknown } | undefined;
  if (!resources) return undefined;
  for (const list of [asList(resources.requests), asList(resources.limits)])
    if (list && (Object.hasOwn(list, 'cpu') || Object.hasOwn(list, 'memory'))) return resources;
  return undefined;
}

const hasResources = (c: unknown): boolean =>
  typeof c === 'object' && c !== null && (c as { resources?: unknown }).resources !== undefined;

/** ComputePodQOS of a pod's spec. */
export function computePodQOS(spec: PodSpec | undefined): PodQOSClass {
  if (!spec) return 'BestEffort';
  const containers = Array.isArray(spec.containers) ? (spec.containers as unknown[]) : [];
  const init = Array.isArray(spec.initContainers) ? (spec.initContainers as unknown[]) : [];
  const pod = podLevelResources(spec);
  // Nearly every pod: no resources anywhere, decided without a map.
  if (!pod && !containers.some(hasResources) && !init.some(hasResources)) return 'BestEffort';
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  if (pod) {
    addQOSResources(requests, asList(pod.requests));
    const limitList = asList(pod.limits);
    if (limitList && Object.keys(limitList).length > 0 && addQOSResources(limits, limitList) !== 3)
      guaranteed = false;
  } else {
    for (const c of [...containers, ...init]) {
      const resources = asList((c as { resources?: unknown } | null)?.resources);
      addQOSResources(requests, asList(resources?.requests));
      if (addQOSResources(limits, asList(resources?.limits)) !== 3) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed)
    for (const [name, request] of requests)
      if (limits.get(name) !== request) {
        guaranteed = false;
        break;
      }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
