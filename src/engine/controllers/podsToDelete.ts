/**
 * Which of a ReplicaSet's surplus pods it deletes: getPodsToDelete
 * (pkg/controller/replicaset/replica_set.go) and ActivePodsWithRanks
 * (pkg/controller/controller_utils.go).
 */
import type { Pod, ReplicaSet } from '../model';
import { namespaceOf, type PodIndex } from './labels';
import { controllerOf } from './owners';
import { isPodReady, isPodTerminal, isTerminating } from './podUtil';

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** A pod a ReplicaSet owns, with its position among the given pods and, to delete, its rank. */
export interface Candidate {
  pod: Pod;
  order: number;
  /** Active related pods on its node (getPodsRankedByRelatedPodsOnSameNode). */
  rank?: number;
}

/** GetDeletionCostFromPodAnnotations: controller.kubernetes.io/pod-deletion-cost, an int32, else 0. */
function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (typeof text !== 'string' || !/^[+-]?\d+$/.test(text)) return 0;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** The highest restartCount of the pod's containers (compareMaxContainerRestarts). */
function restarts(pod: Pod): number {
  const statuses = pod.status?.containerStatuses;
  let max = 0;
  if (Array.isArray(statuses))
    for (const s of statuses)
      if (typeof s?.restartCount === 'number') max = Math.max(max, s.restartCount);
  return max;
}

/**
 * The order getPodsToDelete deletes in (pkg/controller/controller_utils.go ActivePodsWithRanks),
 * reduced to what the input can say: unscheduled before scheduled, Pending before Unknown
 * before Running, not ready before ready, lower pod-deletion-cost first, more related pods on
 * its node first, more restarts first, then the one created last.
 */
function deletionOrder(a: Candidate, b: Candidate): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  const phase = (p: Pod) => phaseRank[p.status?.phase ?? 'Pending'] ?? 0;
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  return (
    assigned(a.pod) - assigned(b.pod) ||
    phase(a.pod) - phase(b.pod) ||
    ready(a.pod) - ready(b.pod) ||
    deletionCost(a.pod) - deletionCost(b.pod) ||
    (b.rank ?? 0) - (a.rank ?? 0) ||
    restarts(b.pod) - restarts(a.pod) ||
    b.order - a.order
  );
}

/**
 * getPodsRankedByRelatedPodsOnSameNode (pkg/controller/replicaset/replica_set.go): each
 * candidate's rank is the number of active pods on its node that the ReplicaSets of the same
 * controller select (getIndirectlyRelatedPods); a ReplicaSet without a controller has none.
 */
function rankByRelatedPods(
  candidates: readonly Candidate[],
  rs: ReplicaSet,
  replicaSets: readonly ReplicaSet[],
  index: PodIndex,
): void {
  const controller = controllerOf(rs.metadata);
  if (!controller) return;
  const namespace = namespaceOf(rs);
  const related = new Set<Pod>();
  for (const other of replicaSets) {
    const ref = controllerOf(other.metadata);
    if (namespaceOf(other) !== namespace || !ref || ref.kind !== controller.kind) continue;
    if (ref.name !== controller.name || (ref.uid ?? '') !== (controller.uid ?? '')) continue;
    for (const pod of index.select(namespace, other.spec?.selector)) related.add(pod);
  }
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (isPodTerminal(pod) || isTerminating(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  for (const c of candidates) c.rank = onNode.get(c.pod.spec?.nodeName ?? '') ?? 0;
}

/** The `diff` pods of `active` the ReplicaSet deletes, in the order it deletes them. */
export function podsToDelete(
  active: readonly Candidate[],
  diff: number,
  rs: ReplicaSet,
  replicaSets: readonly ReplicaSet[],
  index: PodIndex,
): Candidate[] {
  if (diff >= active.length) return [...active];
  const ranked = active.map((c) => ({ ...c }));
  rankByRelatedPods(ranked, rs, replicaSets, index);
  return ranked.sort(deletionOrder).slice(0, diff);
}
