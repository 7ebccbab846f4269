/**
 * The kubelet and its CNI plugin, as far as a Service cares: a bound pod gets its node's
 * addresses as hostIPs, pod IPs from the node's pod CIDRs (host-local style: in order from .2,
 * .1 being the bridge's gateway; hostNetwork pods share the node's IPs), and a Running status
 * with the conditions kubelet writes (pkg/kubelet/status/generate.go, pkg/kubelet/kubelet_pods.go).
 * A status the input gives is kept: only the conditions its phase implies are added when it has
 * none, and a pod whose status has no IP gets none.
 */
import {
  addressAt,
  cidrSize,
  formatIP,
  formatIPv4,
  parseCIDR,
  parseIP,
  type CIDR,
} from '../net/ip';
import { equalJSON } from '../admission/json';
import type { ContainerStatus, Node, Pod, PodCondition, PodStatus } from '../model';
import { Origin, type Origins } from './origins';
import { isPodReady, podIPsOf } from './podUtil';
import {
  condition,
  containerStatuses,
  initContainerStatuses,
  initializedBeforeSandbox,
  observedGenerationOf,
  runningConditions,
  schedulingGated,
  unreadyMessage,
  waitingStatuses,
} from './kubeletStatus';
import { computePodQOS, type PodQOSClass } from './qos';
import { isSchedulingGated } from './scheduler';

interface Range {
  cidr: CIDR;
  /** Offsets from the network address: the next to try, and the last usable one. */
  next: number;
  last: bigint;
  /** `last` as a number, for the loop (exact for IPv4; far beyond `next` for IPv6). */
  lastOffset: number;
  /** An IPv4 range's network address as a number: its addresses are formatted without bigint. */
  ipv4Network: number | undefined;
}

interface NodeState {
  node: Node;
  ranges: Range[];
  hostIPs: string[];
}

export interface KubeletProblem {
  pod: Pod;
  path: string;
  message: string;
}

/** A node's InternalIPs, one per family, in the order given (what kubelet reports as hostIPs). */
export function nodeInternalIPs(node: Node): string[] {
  const out: string[] = [];
  const families = new Set<number>();
  for (const a of Array.isArray(node.status?.addresses) ? node.status.addresses : []) {
    if (a?.type !== 'InternalIP' || typeof a.address !== 'string') continue;
    const ip = parseIP(a.address);
    if (!ip || families.has(ip.family)) continue;
    families.add(ip.family);
    out.push(a.address);
  }
  return out;
}

function podCIDRsOf(node: Node): string[] {
  const list = Array.isArray(node.spec?.podCIDRs) ? node.spec.podCIDRs : [];
  const given = list.filter((c): c is string => typeof c === 'string' && c !== '');
  if (given.length > 0) return given;
  return typeof node.spec?.podCIDR === 'string' && node.spec.podCIDR !== ''
    ? [node.spec.podCIDR]
    : [];
}

function rangeOf(text: string): Range | undefined {
  const cidr = parseCIDR(text);
  if (!cidr) return undefined;
  const size = cidrSize(cidr);
  // host-local skips the network address, the gateway (.1) and, for IPv4, the broadcast address.
  const last = cidr.ip.family === 4 ? size - 2n : size - 1n;
  const ipv4Network = cidr.ip.family === 4 ? Number(cidr.network) : undefined;
  return { cidr, next: 2, last, lastOffset: Number(last), ipv4Network };
}

function addressOf(range: Range, offset: number): string {
  if (range.ipv4Network === undefined) return formatIP(addressAt(range.cidr, offset));
  return formatIPv4(range.ipv4Network + offset);
}

function allocate(range: Range, reserved: ReadonlySet<string>): string | undefined {
  while (range.next <= range.lastOffset) {
    const ip = addressOf(range, range.next);
    range.next++;
    if (!reserved.has(ip)) return ip;
  }
  return undefined;
}

/** A given status read as the API serves it: podIP/podIPs and hostIP/hostIPs filled from each other. */
function normalizeGiven(pod: Pod, status: PodStatus): PodStatus {
  const out: PodStatus = { ...status };
  const ips = podIPsOf(pod);
  if (ips.length > 0) {
    if (!out.podIP) out.podIP = ips[0] as string;
    if (!Array.isArray(out.podIPs) || out.podIPs.length === 0)
      out.podIPs = ips.map((ip) => ({ ip }));
  }
  if (out.hostIP && (!Array.isArray(out.hostIPs) || out.hostIPs.length === 0))
    out.hostIPs = [{ ip: out.hostIP }];
  if (!out.conditions && out.phase) {
    const at = pod.metadata?.creationTimestamp;
    if (out.phase === 'Running') out.conditions = runningConditions(pod, at);
    else if (out.phase === 'Pending')
      out.conditions = [condition('PodScheduled', !!pod.spec?.nodeName, at)];
    else {
      // A finished pod's sandbox is gone; its init containers completed (a Succeeded pod says
      // so as the reason, a Failed one had started its containers: Initialized plainly True).
      const reason = out.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
      out.conditions = [
        condition('PodReadyToStartContainers', false, at),
        condition('Initialized', true, at, reason === 'PodCompleted' ? { reason } : undefined),
        condition('Ready', false, at, { reason }),
        condition('ContainersReady', false, at, { reason }),
        condition('PodScheduled', true, at),
      ];
    }
  }
  if (!out.containerStatuses && out.phase === 'Running') {
    const ready = isPodReady({ ...pod, status: out });
    const at = pod.metadata?.creationTimestamp;
    const init = out.initContainerStatuses ?? initContainerStatuses(pod, ready, at);
    if (init) out.initContainerStatuses = init;
    out.containerStatuses = containerStatuses(pod, ready, at);
  }
  // The API server sets it on creation, whatever status the pod came with.
  if (!out.qosClass) out.qosClass = computePodQOS(pod.spec);
  return out;
}

/** Deep-freezes a plain JSON value built here, to be shared by many pods. */
function frozen<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  // Walked in place (no list of values made per object): every pod template, every run.
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) frozen(value[i]);
  else
    for (const k in value)
      if (Object.hasOwn(value, k)) frozen((value as Record<string, unknown>)[k]);
  return Object.freeze(value);
}

/**
 * The parts of a Running status that depend only on the pod's spec and creation time: every
 * pod of one ReplicaSet shares one frozen copy (pods come in creation order, so a one-entry
 * cache keyed by the spec's arrays and the time finds nearly all of them).
 */
interface RunningParts {
  containers: unknown;
  initContainers: unknown;
  resources: unknown;
  readinessGates: unknown;
  at: string | undefined;
  generation: number;
  conditions: PodCondition[];
  initContainerStatuses: ContainerStatus[] | undefined;
  containerStatuses: ContainerStatus[];
  qosClass: PodQOSClass;
}

interface KubeletRun {
  states: Map<string, NodeState>;
  reserved: Set<string>;
  unschedulable: ReadonlyMap<Pod, string>;
  problems: KubeletProblem[];
  /** Each node's hostIPs as a status lists them, shared by its pods. */
  hostIPLists: Map<NodeState, { ip: string }[]>;
  last: RunningParts | undefined;
}

/**
 * The last RunningParts made for each containers list, kept from run to run: a Deployment
 * admitted before keeps its template (containers included) from run to run, and its pods,
 * moved to other nodes by an edit elsewhere, run with the same parts again.
 */
const partsByContainers = new WeakMap<object, RunningParts>();

function sameParts(
  parts: RunningParts | undefined,
  pod: Pod,
  at: string | undefined,
  generation: number,
): boolean {
  const spec = pod.spec;
  const containers = spec?.containers;
  const readinessGates = spec?.readinessGates;
  const initContainers = spec?.initContainers;
  const resources = (spec as { resources?: unknown } | undefined)?.resources;
  return (
    parts !== undefined &&
    parts.at === at &&
    parts.generation === generation &&
    parts.containers === containers &&
    parts.readinessGates === readinessGates &&
    parts.initContainers === initContainers &&
    parts.resources === resources &&
    // Objects only: a primitive spec field (bad input) is read afresh every time.
    typeof containers === 'object' &&
    (readinessGates === undefined || typeof readinessGates === 'object') &&
    (initContainers === undefined || typeof initContainers === 'object') &&
    (resources === undefined || typeof resources === 'object')
  );
}

function runningParts(
  run: KubeletRun,
  pod: Pod,
  at: string | undefined,
  generation: number,
): RunningParts {
  if (sameParts(run.last, pod, at, generation)) return run.last as RunningParts;
  const containers = pod.spec?.containers;
  const known = containers ? partsByContainers.get(containers) : undefined;
  if (sameParts(known, pod, at, generation)) return (run.last = known as RunningParts);
  const parts: RunningParts = {
    containers,
    initContainers: pod.spec?.initContainers,
    resources: (pod.spec as { resources?: unknown } | undefined)?.resources,
    readinessGates: pod.spec?.readinessGates,
    at,
    generation,
    conditions: frozen(runningConditions(pod, at, generation)),
    initContainerStatuses: frozen(initContainerStatuses(pod, true, at)),
    containerStatuses: frozen(containerStatuses(pod, true, at)),
    qosClass: computePodQOS(pod.spec),
  };
  if (typeof containers === 'object' && containers !== null)
    partsByContainers.set(containers, parts);
  run.last = parts;
  return parts;
}

function hostIPList(run: KubeletRun, state: NodeState): { ip: string }[] {
  let list = run.hostIPLists.get(state);
  if (!list) {
    list = frozen(state.hostIPs.map((ip) => ({ ip })));
    run.hostIPLists.set(state, list);
  }
  return list;
}

/**
 * The pod with `status` set: in place for a pod this run built, on a copy for any other; a
 * previous run's pod whose status comes out the same is kept as it is.
 */
function withStatus(pod: Pod, origin: number, status: PodStatus): Pod {
  if (origin === Origin.created) {
    pod.status = status;
    return pod;
  }
  if (origin === Origin.reused && equalJSON(pod.status, status)) return pod;
  return { ...pod, status };
}

/**
 * Whether a previous run's pod, running with these addresses, gets the status it has: the rest
 * of a running pod's status is made of the pod itself (its containers and creation time).
 */
function runsAsBefore(status: PodStatus | undefined, podIPs: string[], hostIPs: string[]): boolean {
  if (status?.phase !== 'Running' || podIPs.length === 0) return false;
  const ips = status.podIPs ?? [];
  const hosts = status.hostIPs ?? [];
  return (
    status.podIP === podIPs[0] &&
    ips.length === podIPs.length &&
    ips.every((entry, i) => entry.ip === podIPs[i]) &&
    status.hostIP === hostIPs[0] &&
    hosts.length === hostIPs.length &&
    hosts.every((entry, i) => entry.ip === hostIPs[i])
  );
}

/** One pod through its node's kubelet. */
function runKubelet(run: KubeletRun, pod: Pod, origin: number): Pod {
  // A previous run's pod is run as new: its status is the one this run gives it.
  const given = origin === Origin.reused ? undefined : pod.status;
  if (given && typeof given === 'object' && Object.keys(given).length > 0) {
    return { ...pod, status: normalizeGiven(pod, given) };
  }
  const at = pod.metadata?.creationTimestamp;
  const generation = observedGenerationOf(pod);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) {
    const message = run.unschedulable.get(pod);
    const conditions = message
      ? [condition('PodScheduled', false, at, { reason: 'Unschedulable', message }, generation)]
      : isSchedulingGated(pod)
        ? [condition('PodScheduled', false, at, schedulingGated)]
        : [];
    return withStatus(pod, origin, {
      phase: 'Pending',
      ...(conditions.length ? { conditions } : {}),
      qosClass: computePodQOS(pod.spec),
    });
  }
  const state = run.states.get(nodeName);
  if (!state) {
    run.problems.push({
      pod,
      path: 'spec.nodeName',
      message: `pod is bound to node "${nodeName}", which does not exist: no kubelet runs it`,
    });
    // The status the API server gave it on creation: nothing (no scheduler binding, no kubelet)
    // writes a condition for it.
    return withStatus(pod, origin, { phase: 'Pending', qosClass: computePodQOS(pod.spec) });
  }
  let podIPs: string[];
  if (pod.spec?.hostNetwork === true) podIPs = state.hostIPs;
  else {
    podIPs = [];
    for (const range of state.ranges) {
      const ip = allocate(range, run.reserved);
      if (ip === undefined) {
        const first = formatIP(addressAt(range.cidr, 1n));
        const last = formatIP(addressAt(range.cidr, range.last));
        run.problems.push({
          pod,
          path: 'spec',
          message: `Failed to create pod sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${first}-${last}`,
        });
        podIPs = [];
        break;
      }
      podIPs.push(ip);
    }
    if (state.ranges.length === 0) {
      run.problems.push({
        pod,
        path: 'spec.nodeName',
        message: `node "${nodeName}" has no podCIDR: the CNI plugin has no range to give the pod an IP from`,
      });
    }
  }
  const hostIPs = state.hostIPs;
  if (origin === Origin.reused && runsAsBefore(pod.status, podIPs, hostIPs)) return pod;
  if (podIPs.length === 0) {
    const hostFields =
      hostIPs.length > 0 ? { hostIP: hostIPs[0] as string, hostIPs: hostIPList(run, state) } : {};
    const notReady = { reason: 'ContainersNotReady', message: unreadyMessage(pod) };
    return withStatus(pod, origin, {
      observedGeneration: generation,
      phase: 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', false, at, undefined, generation),
        initializedBeforeSandbox(pod, at, generation),
        condition('Ready', false, at, notReady, generation),
        condition('ContainersReady', false, at, notReady, generation),
        condition('PodScheduled', true, at, undefined, generation),
      ],
      ...hostFields,
      // The status manager stamps a start time on the first status it writes for the pod.
      ...(at ? { startTime: at } : {}),
      ...waitingStatuses(pod),
      qosClass: computePodQOS(pod.spec),
    });
  }
  const parts = runningParts(run, pod, at, generation);
  if (hostIPs.length > 0 && at && !parts.initContainerStatuses) {
    // The usual status, as one literal in the API's key order (one allocation, no growth).
    return withStatus(pod, origin, {
      observedGeneration: generation,
      phase: 'Running',
      conditions: parts.conditions,
      hostIP: hostIPs[0] as string,
      hostIPs: hostIPList(run, state),
      podIP: podIPs[0] as string,
      podIPs: ipEntries(podIPs),
      startTime: at,
      containerStatuses: parts.containerStatuses,
      qosClass: parts.qosClass,
    });
  }
  // Built key by key, in the API's order (a literal with a spread is slow to make per pod).
  const status: PodStatus = {
    observedGeneration: generation,
    phase: 'Running',
    conditions: parts.conditions,
  };
  if (hostIPs.length > 0) {
    status.hostIP = hostIPs[0] as string;
    status.hostIPs = hostIPList(run, state);
  }
  status.podIP = podIPs[0] as string;
  status.podIPs = ipEntries(podIPs);
  if (at) status.startTime = at;
  if (parts.initContainerStatuses) status.initContainerStatuses = parts.initContainerStatuses;
  status.containerStatuses = parts.containerStatuses;
  status.qosClass = parts.qosClass;
  return withStatus(pod, origin, status);
}

const ipEntry = (ip: string) => ({ ip });

/** A status's list of IPs; one IP (nearly every pod) as a literal, kept at its size. */
function ipEntries(ips: readonly string[]): { ip: string }[] {
  return ips.length === 1 ? [{ ip: ips[0] as string }] : ips.map(ipEntry);
}

/**
 * Runs every node's kubelet over the pods bound to it; `unschedulable` carries the scheduler's
 * message for the pods it could not place (their PodScheduled condition). `origins` says where
 * each pod comes from (all given when absent): a created pod (built by this run's controllers)
 * gets its status in place, a given one on a copy; a reused pod (a previous run's, as that run
 * left it) is run as a new pod, and kept when its status comes out the same.
 */
export function runKubelets(
  pods: readonly Pod[],
  nodes: readonly Node[],
  unschedulable: ReadonlyMap<Pod, string>,
  origins: Origins = new Uint8Array(pods.length),
): { pods: Pod[]; problems: KubeletProblem[] } {
  const states = new Map<string, NodeState>();
  for (const node of nodes) {
    const ranges = podCIDRsOf(node)
      .map(rangeOf)
      .filter((r): r is Range => r !== undefined);
    states.set(node.metadata?.name ?? '', { node, ranges, hostIPs: nodeInternalIPs(node) });
  }
  const reserved = new Set<string>();
  for (let i = 0; i < pods.length; i++) {
    if (origins[i] === Origin.reused) continue;
    for (const text of podIPsOf(pods[i] as Pod)) {
      const ip = parseIP(text);
      if (ip) reserved.add(formatIP(ip));
    }
  }
  const run: KubeletRun = {
    states,
    reserved,
    unschedulable,
    problems: [],
    hostIPLists: new Map(),
    last: undefined,
  };
  const out: Pod[] = new Array<Pod>(pods.length);
  for (let i = 0; i < pods.length; i++)
    out[i] = runKubelet(run, pods[i] as Pod, origins[i] as number);
  return { pods: out, problems: run.problems };
}
