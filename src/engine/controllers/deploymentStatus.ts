/**
 * The Deployment controller's status: what `kubectl get deployments` prints as READY,
 * UP-TO-DATE and AVAILABLE.
 */
import type { Deployment, DeploymentCondition, ReplicaSet } from '../model';
import { withStatus } from './copy';
import { fenceposts, replicasOf, type DeploymentSync } from './deployment';

/** The Available conditions: the same for every Deployment, shared frozen. */
const available_: DeploymentCondition = Object.freeze({
  type: 'Available',
  status: 'True',
  reason: 'MinimumReplicasAvailable',
  message: 'Deployment has minimum availability.',
});
const unavailable_: DeploymentCondition = Object.freeze({
  type: 'Available',
  status: 'False',
  reason: 'MinimumReplicasUnavailable',
  message: 'Deployment does not have minimum availability.',
});

/** The Progressing condition; its message joined into a flat string (not a rope). */
function progressing(complete: boolean, rsName: string): DeploymentCondition {
  return complete
    ? {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: ['ReplicaSet "', rsName, '" has successfully progressed.'].join(''),
      }
    : {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: ['ReplicaSet "', rsName, '" is progressing.'].join(''),
      };
}

/**
 * syncDeploymentStatus / calculateStatus (pkg/controller/deployment/sync.go) with the
 * conditions of a finished rollout (pkg/controller/deployment/progress.go): counts summed over
 * the owned ReplicaSets; zero counts are left out, as the API's omitempty leaves them out.
 * A status the input gave is kept.
 */
export function deploymentStatus(
  sync: DeploymentSync,
  replicaSets: ReadonlyMap<string, ReplicaSet>,
): Deployment {
  const { deployment } = sync;
  if (deployment.status && Object.keys(deployment.status).length > 0) return deployment;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  for (let i = 0; i < sync.owned.length; i++) {
    const status = replicaSets.get(sync.owned[i] as string)?.status;
    replicas += status?.replicas ?? 0;
    ready += status?.readyReplicas ?? 0;
    available += status?.availableReplicas ?? 0;
  }
  const newRS = sync.newReplicaSet ? replicaSets.get(sync.newReplicaSet) : undefined;
  const updated = newRS?.status?.replicas ?? 0;
  const desired = replicasOf(deployment.spec);
  const unavailable = Math.max(0, desired - available);
  const minAvailable = desired - fenceposts(deployment).unavailable;
  const isAvailable = available >= minAvailable;
  const complete = updated === desired && replicas === desired && available === desired;
  const rsName = newRS?.metadata?.name ?? '';
  const availability = isAvailable ? available_ : unavailable_;
  const conditions: DeploymentCondition[] = newRS
    ? [availability, progressing(complete, rsName)]
    : [availability];
  const observedGeneration = deployment.metadata?.generation ?? 1;
  // The usual status as one literal; else key by key, zero counts left out (omitempty). The
  // keys in the order the API prints them.
  if (replicas > 0 && updated > 0 && ready > 0 && available > 0 && unavailable === 0)
    return withStatus(deployment, {
      observedGeneration,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      conditions,
    });
  const status: NonNullable<Deployment['status']> = { observedGeneration };
  if (replicas > 0) status.replicas = replicas;
  if (updated > 0) status.updatedReplicas = updated;
  if (ready > 0) status.readyReplicas = ready;
  if (available > 0) status.availableReplicas = available;
  if (unavailable > 0) status.unavailableReplicas = unavailable;
  status.conditions = conditions;
  return withStatus(deployment, status);
}
