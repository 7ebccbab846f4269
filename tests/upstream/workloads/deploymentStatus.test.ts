/**
 * The Deployment status a settled cluster shows, against pkg/controller/deployment (kubernetes/
 * kubernetes): calculateStatus in sync.go (sync.go at 737067c1d67d6118c3c3abf58b4f00e67a2409df;
 * TestSyncDeploymentStatus-style final states), syncRolloutStatus and checkPausedConditions in
 * progress.go and sync.go (progress_test.go TestSyncRolloutStatus: "DeploymentComplete: create
 * Progressing condition if it does not exist", "DeploymentTimedOut: update status if rollout
 * exceeds Progress Deadline", "General: remove Progressing condition and do not estimate
 * progress if deployment has no Progress Deadline"; TestRequeueStuckDeployment, at
 * 60604f8818aecbc9c3736fbc32747cc0a535bc80), with the reasons and messages of
 * util/deployment_util.go (277391ee713412cf75e4b46ad5d6e5ae9844abf1) and
 * GetTerminatingReplicaCountForReplicaSets (deployment_util_test.go
 * TestGetReplicaCountForReplicaSets, reference-index file id 695379464).
 */
import { describe, expect, it } from 'vitest';
import { computeHash } from '../../../src/engine/controllers/deployment';
import { deploymentYAML, deployments, replicaSets } from './harness';

/** The playground stamps the n-th applied object at 2025-01-01T00:00:<n>Z (built-ins first). */
const statusOf = (yaml: string) => {
  const [d] = deployments(yaml);
  return { status: d?.status, created: d?.metadata.creationTimestamp ?? '' };
};

describe('a rollout that completed', () => {
  it('counts the new ReplicaSet and sets Available, then Progressing NewReplicaSetAvailable', () => {
    const yaml = deploymentYAML({ replicas: 3 });
    const { status, created } = statusOf(yaml);
    const [rs] = replicaSets(yaml);
    expect(status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      terminatingReplicas: 0,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastUpdateTime: created,
          lastTransitionTime: created,
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: created,
          lastTransitionTime: created,
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rs?.metadata.name ?? ''}" has successfully progressed.`,
        },
      ],
    });
  });

  it('is complete with zero replicas, every count left out but terminatingReplicas', () => {
    const { status } = statusOf(deploymentYAML({ replicas: 0 }));
    expect(status).toMatchObject({ observedGeneration: 1, terminatingReplicas: 0 });
    expect(status).not.toHaveProperty('replicas');
    expect(status).not.toHaveProperty('unavailableReplicas');
    expect(status?.conditions?.map((c) => c.reason)).toEqual([
      'MinimumReplicasAvailable',
      'NewReplicaSetAvailable',
    ]);
  });
});

describe('a rollout whose pods never run', () => {
  it("counts them unavailable (the ReplicaSets' spec.replicas less the available ones)", () => {
    const { status } = statusOf(deploymentYAML({ replicas: 3, unschedulable: true }));
    expect(status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      unavailableReplicas: 3,
      terminatingReplicas: 0,
    });
    expect(status).not.toHaveProperty('readyReplicas');
    expect(status).not.toHaveProperty('availableReplicas');
  });

  it('times out progressing one second after progressDeadlineSeconds (the requeue of a stuck Deployment)', () => {
    const yaml = deploymentYAML({ replicas: 3, unschedulable: true, progressDeadlineSeconds: 60 });
    const { status, created } = statusOf(yaml);
    const [rs] = replicaSets(yaml);
    const timedOut = new Date(Date.parse(created) + 61_000).toISOString().replace('.000Z', 'Z');
    expect(status?.conditions).toEqual([
      {
        type: 'Available',
        status: 'False',
        lastUpdateTime: created,
        lastTransitionTime: created,
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      },
      {
        type: 'Progressing',
        status: 'False',
        lastUpdateTime: timedOut,
        lastTransitionTime: timedOut,
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rs?.metadata.name ?? ''}" has timed out progressing.`,
      },
    ]);
  });

  it("is still progressing while the deadline lies past the playground's now", () => {
    const yaml = deploymentYAML({
      replicas: 1,
      unschedulable: true,
      progressDeadlineSeconds: 100_000_000,
    });
    const [rs] = replicaSets(yaml);
    expect(statusOf(yaml).status?.conditions?.[1]).toMatchObject({
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rs?.metadata.name ?? ''}" is progressing.`,
    });
  });

  it('has no Progressing condition without a deadline (progressDeadlineSeconds MaxInt32)', () => {
    const yaml = deploymentYAML({ unschedulable: true, progressDeadlineSeconds: 2147483647 });
    expect(statusOf(yaml).status?.conditions?.map((c) => c.type)).toEqual(['Available']);
  });
});

describe('a paused Deployment', () => {
  it('makes no ReplicaSet and says DeploymentPaused before Available', () => {
    const yaml = deploymentYAML({ replicas: 2, paused: true });
    expect(replicaSets(yaml)).toEqual([]);
    const { status, created } = statusOf(yaml);
    expect(status).toEqual({
      observedGeneration: 1,
      terminatingReplicas: 0,
      conditions: [
        {
          type: 'Progressing',
          status: 'Unknown',
          lastUpdateTime: created,
          lastTransitionTime: created,
          reason: 'DeploymentPaused',
          message: 'Deployment is paused',
        },
        {
          type: 'Available',
          status: 'False',
          lastUpdateTime: created,
          lastTransitionTime: created,
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
      ],
    });
  });
});

describe('a hash collision (getNewReplicaSet)', () => {
  it('counts it in status.collisionCount and names the ReplicaSet by the next hash', () => {
    const deployment = deploymentYAML({ replicas: 1 });
    const [first] = replicaSets(deployment);
    const taken = first?.metadata.name ?? '';
    // Another ReplicaSet, not the Deployment's, already has the name of its template's hash.
    const other = [
      'apiVersion: apps/v1',
      'kind: ReplicaSet',
      'metadata:',
      `  name: ${taken}`,
      'spec:',
      '  replicas: 0',
      '  selector: {matchLabels: {app: other}}',
      '  template:',
      '    metadata: {labels: {app: other}}',
      '    spec: {containers: [{name: c, image: busybox}]}',
    ].join('\n');
    const yaml = `${other}\n---\n${deployment}`;
    const hash = taken.slice('nginx-'.length);
    const template = deployments(deployment)[0]?.spec?.template;
    expect(computeHash(template)).toBe(hash);
    const names = replicaSets(yaml).map((rs) => rs.metadata.name);
    expect(names).toContain(`nginx-${computeHash(template, 1)}`);
    expect(statusOf(yaml).status?.collisionCount).toBe(1);
  });
});
