/**
 * The Deployment controller's status: what `kubectl get deployments` prints as READY,
 * UP-TO-DATE and AVAILABLE, and the Available and Progressing conditions.
 */
import { simulatedNow } from '../kubectl/duration';
import type { Deployment, DeploymentCondition, ReplicaSet } from '../model';
import { withStatus } from './copy';
import { maxUnavailable, replicasOf, type DeploymentSync } from './deployment';

/** progressDeadlineSeconds that means "no deadline" (math.MaxInt32): HasProgressDeadline. */
const noDeadline = 2147483647;

/**
 * NewDeploymentCondition (pkg/controller/deployment/util/deployment_util.go): both times are
 * when the controller set it. Keys in the API's order.
 */
function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  at: string | undefined,
): DeploymentCondition {
  return at
    ? { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message }
    : { type, status, reason, message };
}

/** The time `seconds` after `timestamp` (RFC 3339, seconds), or undefined past the playground's now. */
function after(timestamp: string, seconds: number): string | undefined {
  const at = Date.parse(timestamp) + seconds * 1000;
  if (!(at < simulatedNow)) return undefined;
  return `${new Date(at).toISOString().slice(0, 19)}Z`;
}

/**
 * The Progressing condition syncRolloutStatus (pkg/controller/deployment/progress.go) leaves once
 * the rollout settled: NewReplicaSetAvailable when complete; else ReplicaSetUpdated, which turns
 * into ProgressDeadlineExceeded when the deadline passed with no progress since the pods were
 * made (the controller checks again one second after it, requeueStuckDeployment). A paused
 * Deployment keeps DeploymentPaused (checkPausedConditions); with no deadline, none.
 */
function progressing(
  deployment: Deployment,
  rsName: string | undefined,
  complete: boolean,
  at: string | undefined,
): DeploymentCondition | undefined {
  const deadline = deployment.spec?.progressDeadlineSeconds;
  if (typeof deadline !== 'number' || deadline === noDeadline) return undefined;
  if (deployment.spec?.paused)
    return condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', at);
  const subject =
    rsName === undefined
      ? ['Deployment "', deployment.metadata?.name ?? '', '"'].join('')
      : ['ReplicaSet "', rsName, '"'].join('');
  if (complete)
    return condition(
      'Progressing',
      'True',
      'NewReplicaSetAvailable',
      subject + ' has successfully progressed.',
      at,
    );
  const timedOut = at === undefined ? undefined : after(at, deadline + 1);
  if (timedOut !== undefined)
    return condition(
      'Progressing',
      'False',
      'ProgressDeadlineExceeded',
      subject + ' has timed out progressing.',
      timedOut,
    );
  return condition('Progressing', 'True', 'ReplicaSetUpdated', subject + ' is progressing.', at);
}

/**
 * syncDeploymentStatus / calculateStatus (pkg/controller/deployment/sync.go) with the
 * conditions of a settled rollout: counts summed over the owned ReplicaSets (unavailable: their
 * spec.replicas less the available ones), terminatingReplicas when every counted ReplicaSet
 * reports it (GetTerminatingReplicaCountForReplicaSets); zero counts are left out, as the API's
 * omitempty leaves them out. The conditions in the order SetDeploymentCondition leaves them: the
 * one that changed last is last. A status the input gave is kept.
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
  let total = 0;
  let terminating: number | undefined = 0;
  for (let i = 0; i < sync.owned.length; i++) {
    const rs = replicaSets.get(sync.owned[i] as string);
    const status = rs?.status;
    replicas += status?.replicas ?? 0;
    ready += status?.readyReplicas ?? 0;
    available += status?.availableReplicas ?? 0;
    total += replicasOf(rs?.spec);
    if (terminating === undefined || (!status?.observedGeneration && !status?.terminatingReplicas))
      continue;
    const count = status.terminatingReplicas;
    terminating = typeof count === 'number' ? terminating + count : undefined;
  }
  const newRS = sync.newReplicaSet ? replicaSets.get(sync.newReplicaSet) : undefined;
  const updated = newRS?.status?.replicas ?? 0;
  const desired = replicasOf(deployment.spec);
  const unavailable = Math.max(0, total - available);
  const isAvailable = available >= desired - maxUnavailable(deployment);
  const complete = updated === desired && replicas === desired && available === desired;
  const at = deployment.metadata?.creationTimestamp || undefined;
  const availability = isAvailable
    ? condition(
        'Available',
        'True',
        'MinimumReplicasAvailable',
        'Deployment has minimum availability.',
        at,
      )
    : condition(
        'Available',
        'False',
        'MinimumReplicasUnavailable',
        'Deployment does not have minimum availability.',
        at,
      );
  const progress = progressing(deployment, newRS?.metadata?.name, complete, at);
  const conditions: DeploymentCondition[] =
    progress === undefined
      ? [availability]
      : deployment.spec?.paused
        ? [progress, availability]
        : [availability, progress];
  const observedGeneration = deployment.metadata?.generation ?? 1;
  // The usual status as one literal; else key by key, zero counts left out (omitempty). The
  // keys in the order the API prints them.
  if (
    replicas > 0 &&
    updated > 0 &&
    ready > 0 &&
    available > 0 &&
    unavailable === 0 &&
    terminating !== undefined &&
    !sync.collisionCount
  )
    return withStatus(deployment, {
      observedGeneration,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      terminatingReplicas: terminating,
      conditions,
    });
  const status: NonNullable<Deployment['status']> = { observedGeneration };
  if (replicas > 0) status.replicas = replicas;
  if (updated > 0) status.updatedReplicas = updated;
  if (ready > 0) status.readyReplicas = ready;
  if (available > 0) status.availableReplicas = available;
  if (unavailable > 0) status.unavailableReplicas = unavailable;
  if (terminating !== undefined) status.terminatingReplicas = terminating;
  status.conditions = conditions;
  if (sync.collisionCount) status.collisionCount = sync.collisionCount;
  return withStatus(deployment, status);
}
