/**
 * kube-scheduler, reduced to what decides where a Service's pods land: the filter plugins
 * NodeUnschedulable, TaintToleration and NodeAffinity (nodeSelector and required node
 * affinity), in the default profile's order, and the FitError message the scheduler records
 * when no node passes. Scoring is replaced by a deterministic spread: among the nodes that
 * pass, the one with the fewest pods, ties broken by node name.
 */
import type { Node, Pod, Taint, Toleration } from '../model';
import { define } from './copy';
import { Origin, type Origins } from './origins';
import { hostPortsOf, nodePortsReason, UsedPorts } from './nodePorts';
import { matchesNodeAffinity, preFilterExcludedReason, preFilterNodeNames } from './nodeAffinity';

export const defaultSchedulerName = 'default-scheduler';

/**
 * Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go): an empty effect
 * matches every effect, an empty key with Exists matches every key, Equal compares values.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

function tolerationsOf(pod: Pod): Toleration[] {
  const list = pod.spec?.tolerations;
  return Array.isArray(list) ? list.filter((t) => typeof t === 'object' && t !== null) : [];
}

function tolerates(pod: Pod, taint: Taint): boolean {
  return tolerationsOf(pod).some((t) => toleratesTaint(t, taint));
}

/**
 * The first filter a node fails, with the reason text the plugin returns, or undefined:
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go at
 * 09b2e8f638daafd00efb22368ead44419ec72ad6), TaintToleration (plugins/tainttoleration/
 * taint_toleration.go: since kubernetes/kubernetes#134740, in 1.35 and 1.34.2, the message no
 * longer names the taint's key and value), NodeAffinity.
 */
export function filterReason(pod: Pod, node: Node): string | undefined {
  if (node.spec?.unschedulable === true) {
    const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
    if (!tolerates(pod, unschedulableTaint)) return 'node(s) were unschedulable';
  }
  const taints = Array.isArray(node.spec?.taints) ? node.spec.taints : [];
  for (const taint of taints) {
    if (typeof taint !== 'object' || taint === null) continue;
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerates(pod, taint)) return 'node(s) had untolerated taint(s)';
  }
  if (!matchesNodeAffinity(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

/**
 * FitError.Error() (pkg/scheduler/framework/types.go at f899a310e19fe200bd65d3b94205abcc7dd967b1)
 * followed by the PostFilter plugins' messages joined with ", " (RunPostFilterPlugins): first
 * DynamicResources, which has no claim to deallocate for a pod without ResourceClaims
 * (plugins/dynamicresources/dynamicresources.go, the plugin on by default since DRA went GA in
 * 1.34), then DefaultPreemption (pkg/scheduler/framework/preemption/preemption.go at
 * 98be7dfc5da8533f62c063206c5751e884d6294d): every filter here is UnschedulableAndUnresolvable,
 * so preemption reports that it cannot help on any node.
 */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FitError's sortReasonsHistogram: each reason with its count, sorted as strings. */
function sortedHistogram(reasons: readonly string[]): string[] {
  const histogram = new Map<string, number>();
  for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  return [...histogram].map(([reason, n]) => `${n} ${reason}`).sort(byString);
}

export function fitErrorMessage(reasons: readonly string[]): string {
  const total = reasons.length;
  if (total === 0) return 'no nodes available to schedule pods';
  // Preemption dry-runs the nodes whose filter failure is Unschedulable (here NodePorts): with
  // no pod of lower priority to evict there, it finds no victims; on the others
  // (UnschedulableAndUnresolvable) it cannot help.
  const victimless = reasons.filter((r) => r === nodePortsReason).length;
  const preemption = [
    ...(victimless > 0 ? [`${victimless} No preemption victims found for incoming pod`] : []),
    ...(victimless < total
      ? [`${total - victimless} Preemption is not helpful for scheduling`]
      : []),
  ];
  return (
    `0/${total} nodes are available: ${sortedHistogram(reasons).join(', ')}. ` +
    `no new claims to deallocate, preemption: 0/${total} nodes are available: ${preemption.sort(byString).join(', ')}.`
  );
}

/**
 * The SchedulingGates PreEnqueue plugin: a pod with scheduling gates waits outside the queue
 * until they are all removed (pkg/scheduler/framework/plugins/schedulinggates).
 */
export function isSchedulingGated(pod: Pod): boolean {
  const gates: unknown = pod.spec?.schedulingGates;
  return Array.isArray(gates) && gates.length > 0;
}

function schedulingSignature(pod: Pod): string {
  const spec = pod.spec;
  if (!spec || (!spec.nodeSelector && !spec.affinity && !spec.tolerations)) return '';
  return JSON.stringify([
    spec.nodeSelector ?? null,
    spec.affinity ?? null,
    spec.tolerations ?? null,
  ]);
}

export interface Unschedulable {
  pod: Pod;
  message: string;
  /** The reasons per node, to tell which pod field is to blame. */
  reasons: string[];
}

/** A binary min-heap of numbers (the scheduler's candidates, encoded as count * nodes + index). */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as number) <= value) break;
      a[i] = a[parent] as number;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const child = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
      if ((a[child] as number) >= last) break;
      a[i] = a[child] as number;
      i = child;
    }
    a[i] = last;
    return top;
  }
}

/** A previous run's pod as its ReplicaSet created it: no node, no status (keys in their order). */
function asNew(pod: Pod): Pod {
  const spec = { ...pod.spec };
  delete spec.nodeName;
  return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec } as Pod;
}

/**
 * A previous run's pod bound to another node: made anew as its ReplicaSet creates it and the
 * scheduler binds it (its spec's keys in order, `nodeName` last), in one copy.
 */
function boundAnew(pod: Pod, nodeName: string): Pod {
  const spec: Record<string, unknown> = {};
  const given = (pod.spec ?? {}) as Record<string, unknown>;
  for (const k in given) if (k !== 'nodeName' && Object.hasOwn(given, k)) define(spec, k, given[k]);
  spec.nodeName = nodeName;
  return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec } as Pod;
}

/** The host ports the pods already bound (not previous runs' pods) take on each node. */
function usedPortsByNode(
  pods: readonly Pod[],
  origins: Origins,
  indexOf: ReadonlyMap<string, number>,
  total: number,
): UsedPorts[] {
  const used = Array.from({ length: total }, () => new UsedPorts());
  pods.forEach((pod, p) => {
    if (origins[p] === Origin.reused || !pod.spec?.nodeName) return;
    const i = indexOf.get(pod.spec.nodeName);
    const ports = i === undefined ? [] : hostPortsOf(pod);
    if (ports.length > 0) (used[i as number] as UsedPorts).add(ports);
  });
  return used;
}

/**
 * Binds every pod without `spec.nodeName` whose schedulerName is the default one, in creation
 * order. Pods that fit nowhere stay Pending and are returned with the scheduler's message.
 * Pods asking the same of nodes share one filter pass and one heap of candidate nodes keyed by
 * (pods on the node, name order); entries made stale by other pods are refreshed when popped.
 * `origins` says where each pod comes from (all given when absent). A created pod (built by this
 * run's controllers, spec included) is bound in place; a given one on a copy. A reused pod (a
 * previous run's, as that run left it) is scheduled as a new pod: kept as it is when it lands
 * where it was, else made anew, bound to its new node without the status of its old one (then
 * created), or unbound when it fits nowhere (then given: a copy the kubelet does not change).
 */
export function schedulePods(
  pods: readonly Pod[],
  nodes: readonly Node[],
  origins: Origins = new Uint8Array(pods.length),
): {
  pods: Pod[];
  unschedulable: Unschedulable[];
  /** The origin of each pod returned. */
  origins: Origins;
} {
  const outOrigins = origins.slice();
  const ordered = [...nodes].sort((a, b) => {
    const x = a.metadata?.name ?? '';
    const y = b.metadata?.name ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const total = ordered.length;
  const indexOf = new Map(ordered.map((n, i) => [n.metadata?.name ?? '', i]));
  const counts = new Array<number>(total).fill(0);
  pods.forEach((pod, p) => {
    if (origins[p] === Origin.reused) return;
    const i = indexOf.get(pod.spec?.nodeName ?? '');
    if (pod.spec?.nodeName && i !== undefined) counts[i] = (counts[i] ?? 0) + 1;
  });
  const unschedulable: Unschedulable[] = [];
  const filtered = new Map<
    string,
    { heap: MinHeap; reasons: string[]; perNode: (string | undefined)[] }
  >();
  let used: UsedPorts[] | undefined;
  const out = pods.map((pod, p) => {
    const origin = origins[p];
    if (pod.spec?.nodeName && origin !== Origin.reused) return pod;
    const schedulerName = pod.spec?.schedulerName;
    if (schedulerName && schedulerName !== defaultSchedulerName) return pod;
    if (isSchedulingGated(pod)) return pod;
    const signature = schedulingSignature(pod);
    let result = filtered.get(signature);
    if (!result) {
      result = { heap: new MinHeap(), reasons: [], perNode: new Array<string | undefined>(total) };
      const names = preFilterNodeNames(pod);
      for (let i = 0; i < total; i++) {
        const node = ordered[i] as Node;
        const reason =
          names && !names.has(node.metadata?.name ?? '')
            ? preFilterExcludedReason
            : filterReason(pod, node);
        result.perNode[i] = reason;
        if (reason === undefined) result.heap.push((counts[i] ?? 0) * total + i);
        else result.reasons.push(reason);
      }
      filtered.set(signature, result);
    }
    let { reasons } = result;
    const { heap, perNode } = result;
    let chosen: number | undefined;
    const wanted = hostPortsOf(pod);
    if (wanted.length > 0) {
      // NodePorts: which nodes fit depends on the pods placed so far, so every node is weighed
      // afresh (fewest pods, then name), and the chosen one takes the ports.
      used ??= usedPortsByNode(pods, origins, indexOf, total);
      reasons = [];
      for (let i = 0; i < total; i++) {
        const reason =
          perNode[i] ?? ((used[i] as UsedPorts).conflicts(wanted) ? nodePortsReason : undefined);
        if (reason !== undefined) reasons.push(reason);
        else if (chosen === undefined || (counts[i] ?? 0) < (counts[chosen] ?? 0)) chosen = i;
      }
      if (chosen !== undefined) {
        counts[chosen] = (counts[chosen] ?? 0) + 1;
        (used[chosen] as UsedPorts).add(wanted);
      }
    }
    while (wanted.length === 0 && heap.size > 0) {
      const entry = heap.pop() as number;
      const i = entry % total;
      const count = counts[i] ?? 0;
      if (Math.floor(entry / total) !== count) {
        heap.push(count * total + i);
        continue;
      }
      chosen = i;
      counts[i] = count + 1;
      heap.push((count + 1) * total + i);
      break;
    }
    const nodeName = chosen === undefined ? undefined : ordered[chosen]?.metadata?.name;
    if (origin === Origin.reused && pod.spec?.nodeName !== nodeName) {
      if (nodeName) {
        outOrigins[p] = Origin.created;
        return boundAnew(pod, nodeName);
      }
      outOrigins[p] = Origin.given;
      pod = asNew(pod);
    }
    if (!nodeName) {
      unschedulable.push({ pod, message: fitErrorMessage(reasons), reasons });
      return pod;
    }
    if (pod.spec?.nodeName === nodeName) return pod;
    if (origin === Origin.created && pod.spec) {
      pod.spec.nodeName = nodeName;
      return pod;
    }
    return { ...pod, spec: { ...pod.spec, nodeName } };
  });
  return { pods: out, unschedulable, origins: outOrigins };
}
