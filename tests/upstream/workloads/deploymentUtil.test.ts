/**
 * Cases of pkg/controller/deployment/util/deployment_util_test.go (kubernetes/kubernetes,
 * reference-index file id 695379464; deployment_util.go at
 * 277391ee713412cf75e4b46ad5d6e5ae9844abf1): TestResolveFenceposts, TestMaxUnavailable and
 * TestMinAvailable on the functions, then what they decide as a cluster shows it: the
 * max-replicas annotation (SetNewReplicaSetAnnotations: replicas + MaxSurge) and the Available
 * condition (calculateStatus: available >= replicas - MaxUnavailable).
 */
import { describe, expect, it } from 'vitest';
import { fenceposts, maxSurge, maxUnavailable } from '../../../src/engine/controllers/deployment';
import type { Deployment } from '../../../src/engine/model';
import { deploymentYAML, deployments, replicaSets } from './harness';

function rolling(
  replicas: number,
  surge: number | string | undefined,
  unavailable: number | string | undefined,
): Deployment {
  const rollingUpdate: Record<string, number | string> = {};
  if (surge !== undefined) rollingUpdate.maxSurge = surge;
  if (unavailable !== undefined) rollingUpdate.maxUnavailable = unavailable;
  return {
    kind: 'Deployment',
    metadata: { name: 'nginx' },
    spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate } },
  };
}

const recreate = (replicas: number): Deployment => ({
  kind: 'Deployment',
  metadata: { name: 'nginx' },
  spec: { replicas, strategy: { type: 'Recreate' } },
});

describe('TestResolveFenceposts', () => {
  it.each([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ] as const)('maxSurge %s, maxUnavailable %s of %i: %i and %i', (s, u, desired, surge, unav) => {
    expect(fenceposts(rolling(desired, s, u))).toEqual({ surge, unavailable: unav });
  });
});

describe('TestMaxUnavailable', () => {
  it.each([
    ['less than replicas', rolling(10, 1, 5), 5],
    ['equal replicas', rolling(10, 1, 10), 10],
    ['greater than replicas', rolling(5, 1, 10), 5],
    ['with replicas is 0', rolling(0, 1, 10), 0],
    ['with Recreate deployment strategy', recreate(10), 0],
    ['less than replicas with percents', rolling(10, 1, '50%'), 5],
    ['equal replicas with percents', rolling(10, 1, '100%'), 10],
    ['greater than replicas with percents', rolling(5, 1, '100%'), 5],
  ] as const)('maxUnavailable %s', (_, deployment, expected) => {
    expect(maxUnavailable(deployment)).toBe(expected);
  });
});

describe('TestMinAvailable (replicas - MaxUnavailable)', () => {
  it.each([
    ['replicas greater than maxUnavailable', rolling(10, 1, 5), 5],
    ['replicas equal maxUnavailable', rolling(10, 1, 10), 0],
    ['replicas less than maxUnavailable', rolling(5, 1, 10), 0],
    ['replicas greater than maxUnavailable with percents', rolling(10, 1, '60%'), 4],
    ['replicas equal maxUnavailable with percents', rolling(10, 1, '100%'), 0],
    ['replicas less than maxUnavailable with percents', rolling(5, 1, '100%'), 0],
  ] as const)('%s', (_, deployment, expected) => {
    expect((deployment.spec?.replicas ?? 0) - maxUnavailable(deployment)).toBe(expected);
  });
});

describe('MaxSurge in the max-replicas annotation of the new ReplicaSet', () => {
  it('adds the surge of a rolling update, rounded up (39% of 10 is 4)', () => {
    const yaml = deploymentYAML({
      replicas: 10,
      strategy: '{type: RollingUpdate, rollingUpdate: {maxSurge: 39%, maxUnavailable: 39%}}',
    });
    const [rs] = replicaSets(yaml);
    expect(rs?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '14',
    });
  });

  it('adds nothing for Recreate (MaxSurge is 0 unless the strategy is RollingUpdate)', () => {
    expect(maxSurge(recreate(3))).toBe(0);
    const [rs] = replicaSets(deploymentYAML({ replicas: 3, strategy: '{type: Recreate}' }));
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('3');
  });
});

describe('MaxUnavailable in the Available condition', () => {
  const available = (yaml: string) =>
    deployments(yaml)[0]?.status?.conditions?.find((c) => c.type === 'Available');

  it('needs every replica for Recreate: none of its pods can run, so it is not available', () => {
    const yaml = deploymentYAML({ replicas: 2, strategy: '{type: Recreate}', unschedulable: true });
    expect(available(yaml)).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    });
  });

  it('caps maxUnavailable at the replicas: 2 replicas with maxUnavailable 10 are available with none', () => {
    const yaml = deploymentYAML({
      replicas: 2,
      strategy: '{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 10}}',
      unschedulable: true,
    });
    expect(available(yaml)).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    });
  });

  it('with the default 25%: not available at 0 of 3 (maxUnavailable 0), available with 0 replicas', () => {
    expect(available(deploymentYAML({ replicas: 3, unschedulable: true }))?.status).toBe('False');
    expect(available(deploymentYAML({ replicas: 0 }))?.status).toBe('True');
  });
});
