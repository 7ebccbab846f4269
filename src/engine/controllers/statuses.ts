/**
 * The ReplicaSet and Deployment statuses, counted over the final pods and ReplicaSets. A status
 * counted from the very same objects as in the previous run, for an equal object, is that
 * run's (see ./reuse.ts); so is an equal status counted from other objects. A status only
 * replaces the object's own (what compute returns is the object with its status set).
 */
import { equalJSON, sameItems } from '../admission/json';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../model';
import { rsKey, type DeploymentSync } from './deployment';
import { deploymentStatus } from './deploymentStatus';
import { namespaceOf } from './labels';
import { replicaSetStatus } from './replicaSet';

/** A status computed from a controller's object and the objects it counted. */
export interface Computed {
  from: KubeObject;
  counted: readonly KubeObject[];
  result: ReplicaSet | Deployment;
}

export interface StatusInput {
  replicaSets: readonly ReplicaSet[];
  /** The final pods a ReplicaSet owns. */
  owned(rs: ReplicaSet): Pod[];
  syncs: readonly DeploymentSync[];
  /** The previous run's statuses, by key. */
  previous: ReadonlyMap<string, Computed> | undefined;
}

export function settleStatuses({ replicaSets, owned, syncs, previous }: StatusInput): {
  replicaSets: ReplicaSet[];
  deployments: Deployment[];
  statuses: Map<string, Computed>;
} {
  const statuses = new Map<string, Computed>();
  const status = <T extends ReplicaSet | Deployment>(
    key: string,
    from: T,
    counted: readonly KubeObject[],
    compute: () => T,
  ): T => {
    const before = previous?.get(key);
    if (
      before !== undefined &&
      sameItems(before.counted, counted) &&
      equalJSON(before.from, from)
    ) {
      statuses.set(key, before);
      return before.result as T;
    }
    let result = compute();
    // Counted from other objects to the same status (the pods moved to other nodes): the
    // previous result, equal to this one, is kept, so that what counts it is reused in turn.
    if (
      before !== undefined &&
      equalJSON(before.result.status, result.status) &&
      equalJSON(before.from, from)
    )
      result = before.result as T;
    statuses.set(key, { from, counted, result });
    return result;
  };
  const finalRS = replicaSets.map((rs) => {
    const pods = owned(rs);
    return status(`ReplicaSet/${rsKey(rs)}`, rs, pods, () => replicaSetStatus(rs, pods));
  });
  const byKey = new Map(finalRS.map((rs) => [rsKey(rs), rs]));
  const deployments = syncs.map((s) => {
    const counted = [...s.owned, s.newReplicaSet ?? ''].map((k) => byKey.get(k) as ReplicaSet);
    const key = `Deployment/${namespaceOf(s.deployment)}/${s.deployment.metadata?.name ?? ''}`;
    return status(key, s.deployment, counted, () => deploymentStatus(s, byKey));
  });
  return { replicaSets: finalRS, deployments, statuses };
}
