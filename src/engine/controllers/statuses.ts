/**
 * The ReplicaSet and Deployment statuses, counted over the final pods and ReplicaSets. A status
 * counted from the very same objects as in the previous run, for an equal object, is that
 * run's (see ./reuse.ts); so is an equal status counted from other objects. A status only
 * replaces the object's own (what compute returns is the object with its status set).
 */
import { equalJSON, sameItems } from '../admission/json';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../model';
import type { DeploymentSync } from './deployment';
import { deploymentStatus } from './deploymentStatus';
import { namespaceOf } from './labels';
import { replicaSetStatus } from './replicaSet';

/** A status computed from a controller's object and the objects it counted. */
export interface Computed {
  from: KubeObject;
  counted: readonly KubeObject[];
  result: ReplicaSet | Deployment;
}

/** The statuses of a run, by the key of their object (`namespace/name`), per kind. */
export interface Statuses {
  replicaSets: Map<string, Computed>;
  deployments: Map<string, Computed>;
}

export interface StatusInput {
  replicaSets: readonly ReplicaSet[];
  /** The rsKey of each of `replicaSets`. */
  keys: readonly string[];
  /** The final pods a ReplicaSet owns. */
  owned(rs: ReplicaSet): Pod[];
  syncs: readonly DeploymentSync[];
  /** The previous run's statuses. */
  previous: Statuses | undefined;
}

/**
 * The status computed from `from` and `counted`: the previous run's for the very same counted
 * objects and an equal object, else computed, and then the previous result again when equal.
 */
function statusOf<T extends ReplicaSet | Deployment>(
  before: Computed | undefined,
  from: T,
  counted: readonly KubeObject[],
  compute: () => T,
): Computed {
  if (before !== undefined && sameItems(before.counted, counted) && equalJSON(before.from, from))
    return before;
  let result = compute();
  // Counted from other objects to the same status (the pods moved to other nodes): the
  // previous result, equal to this one, is kept, so that what counts it is reused in turn.
  if (
    before !== undefined &&
    equalJSON(before.result.status, result.status) &&
    equalJSON(before.from, from)
  )
    result = before.result as T;
  return { from, counted, result };
}

export function settleStatuses({ replicaSets, keys, owned, syncs, previous }: StatusInput): {
  replicaSets: ReplicaSet[];
  deployments: Deployment[];
  statuses: Statuses;
} {
  const statuses: Statuses = { replicaSets: new Map(), deployments: new Map() };
  const byKey = new Map<string, ReplicaSet>();
  const finalRS = replicaSets.map((rs, i) => {
    const key = keys[i] as string;
    const pods = owned(rs);
    const computed = statusOf(previous?.replicaSets.get(key), rs, pods, () =>
      replicaSetStatus(rs, pods),
    );
    statuses.replicaSets.set(key, computed);
    const result = computed.result as ReplicaSet;
    byKey.set(key, result);
    return result;
  });
  const deployments = syncs.map((s) => {
    // The owned ReplicaSets, then the new one (again), as deploymentStatus reads them.
    const counted = new Array<ReplicaSet>(s.owned.length + 1);
    for (let i = 0; i < s.owned.length; i++)
      counted[i] = byKey.get(s.owned[i] as string) as ReplicaSet;
    counted[s.owned.length] = byKey.get(s.newReplicaSet ?? '') as ReplicaSet;
    const key = `${namespaceOf(s.deployment)}/${s.deployment.metadata?.name ?? ''}`;
    const computed = statusOf(previous?.deployments.get(key), s.deployment, counted, () =>
      deploymentStatus(s, byKey),
    );
    statuses.deployments.set(key, computed);
    return computed.result as Deployment;
  });
  return { replicaSets: finalRS, deployments, statuses };
}
