/**
 * cleanupDeployment (pkg/controller/deployment/sync.go): once a rollout completed (or while the
 * Deployment is paused), the old ReplicaSets beyond spec.revisionHistoryLimit are deleted, the
 * lowest revisions first, each only when it has no replicas left, none terminating, and its
 * status is current.
 */
import type { Deployment, ReplicaSet } from '../model';
import { replicasOf, revisionOf, rsKey, type DeploymentSync } from './deployment';

/** ReplicaSetsByRevision: by revision, then as ReplicaSetsByCreationTimestamp (time, then name). */
function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra !== rb && !Number.isNaN(ra) && !Number.isNaN(rb)) return ra - rb;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** DeploymentComplete (deployment_util.go) on the status the controller wrote. */
function isComplete(deployment: Deployment): boolean {
  const desired = replicasOf(deployment.spec);
  const s = deployment.status;
  return (
    (s?.updatedReplicas ?? 0) === desired &&
    (s?.replicas ?? 0) === desired &&
    (s?.availableReplicas ?? 0) === desired &&
    (s?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0)
  );
}

/**
 * The keys of the ReplicaSets the Deployments delete: `syncs` and `deployments` side by side
 * (the Deployments with their final status), `replicaSets` the final ones with their `keys`.
 */
export function cleanupDeployments(
  syncs: readonly DeploymentSync[],
  deployments: readonly Deployment[],
  replicaSets: readonly ReplicaSet[],
  keys: readonly string[],
): Set<string> {
  const deleted = new Set<string>();
  let byKey: Map<string, ReplicaSet> | undefined;
  for (let i = 0; i < syncs.length; i++) {
    const sync = syncs[i] as DeploymentSync;
    // Old ReplicaSets are rare: most Deployments own one, the new one.
    if (sync.owned.length <= (sync.newReplicaSet === undefined ? 0 : 1)) continue;
    const deployment = deployments[i] as Deployment;
    const limit = deployment.spec?.revisionHistoryLimit;
    if (typeof limit !== 'number') continue;
    if (!deployment.spec?.paused && !isComplete(deployment)) continue;
    const old: ReplicaSet[] = [];
    for (const key of sync.owned) {
      const rs = (byKey ??= new Map(keys.map((k, j) => [k, replicaSets[j] as ReplicaSet]))).get(
        key,
      );
      if (key !== sync.newReplicaSet && rs && !rs.metadata?.deletionTimestamp) old.push(rs);
    }
    const diff = old.length - limit;
    if (diff <= 0) continue;
    old.sort(byRevision);
    for (const rs of old.slice(0, diff)) {
      const generation = rs.metadata?.generation ?? 0;
      // terminatingReplicas must say 0 (DeploymentReplicaSetTerminatingReplicas, on since 1.35).
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs.spec) !== 0) continue;
      if (rs.status?.terminatingReplicas !== 0) continue;
      if (generation > (rs.status?.observedGeneration ?? 0)) continue;
      deleted.add(rsKey(rs));
    }
  }
  return deleted;
}
