/**
 * pkg/controller/deployment/sync_test.go (kubernetes/kubernetes, reference-index file id
 * 4461826708): TestDeploymentController_cleanupDeployment,
 * TestDeploymentController_cleanupDeploymentOrder, TestGenerateReplicaSetName and
 * TestDeploymentController_generateReplicaSetName, with the DeploymentReplicaSetTerminatingReplicas
 * gate on (its default since 1.35): the old ReplicaSets a Deployment deletes, and the name of
 * the one it makes.
 */
import { describe, expect, it } from 'vitest';
import { replicaSetName } from '../../../src/engine/controllers/deployment';
import { cleanupDeployments } from '../../../src/engine/controllers/deploymentCleanup';
import type { Deployment, ReplicaSet } from '../../../src/engine/model';
import { deploymentYAML, replicaSets } from './harness';

interface Old {
  name: string;
  spec: number;
  status?: NonNullable<ReplicaSet['status']>;
  revision?: string;
  minute?: number;
  deleting?: boolean;
}

/** newRSWithStatus / newRSWithFullStatus: an old ReplicaSet of the Deployment `foo`. */
function old(o: Old): ReplicaSet {
  const at = `2016-05-20T00:${String(10 + (o.minute ?? 0)).padStart(2, '0')}:00Z`;
  return {
    kind: 'ReplicaSet',
    metadata: {
      name: o.name,
      namespace: 'default',
      creationTimestamp: at,
      ...(o.revision ? { annotations: { 'deployment.kubernetes.io/revision': o.revision } } : {}),
      ...(o.deleting ? { deletionTimestamp: at } : {}),
    },
    spec: { replicas: o.spec },
    status: o.status ?? { replicas: 0, terminatingReplicas: 0 },
  };
}

/** The names `foo` (revisionHistoryLimit `limit`, paused: cleanupDeployment runs) deletes. */
function deleted(limit: number, rss: ReplicaSet[]): string[] {
  const keys = rss.map((rs) => `default/${rs.metadata.name ?? ''}`);
  const foo: Deployment = {
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default' },
    spec: { replicas: 1, revisionHistoryLimit: limit, paused: true },
  };
  const sync = { deployment: foo, owned: keys };
  return [...cleanupDeployments([sync], [foo], rss, keys)].map((k) => k.slice('default/'.length));
}

const counts = (name: string, spec: number, replicas: number) =>
  old({ name, spec, status: { replicas, terminatingReplicas: 0 } });

describe('TestDeploymentController_cleanupDeployment', () => {
  it('deletes down to the limit', () => {
    const rss = [counts('foo-1', 0, 0), counts('foo-2', 0, 0), counts('foo-3', 0, 0)];
    expect(deleted(1, rss)).toHaveLength(2);
  });

  it('deletes only a ReplicaSet with spec.replicas = status.replicas = 0', () => {
    const rss = [
      counts('foo-1', 0, 0),
      counts('foo-2', 0, 1),
      counts('foo-3', 1, 0),
      counts('foo-4', 1, 1),
    ];
    expect(deleted(0, rss)).toEqual(['foo-1']);
  });

  it('deletes only a ReplicaSet whose terminatingReplicas is 0 (not 1, not unknown)', () => {
    const rss = [
      old({ name: 'foo-1', spec: 0, status: { observedGeneration: 1, terminatingReplicas: 0 } }),
      old({ name: 'foo-2', spec: 0, status: { observedGeneration: 1, terminatingReplicas: 1 } }),
      old({ name: 'foo-3', spec: 0, status: { observedGeneration: 1 } }),
      old({
        name: 'foo-4',
        spec: 0,
        status: { observedGeneration: 1, replicas: 1, terminatingReplicas: 0 },
      }),
      old({ name: 'foo-5', spec: 1, status: { observedGeneration: 1, terminatingReplicas: 0 } }),
      old({
        name: 'foo-6',
        spec: 1,
        status: { observedGeneration: 1, replicas: 1, terminatingReplicas: 0 },
      }),
    ];
    expect(deleted(0, rss)).toEqual(['foo-1']);
  });

  it('deletes all with a limit of 0, none that still have replicas, none already deleted, none without limit', () => {
    expect(deleted(0, [counts('foo-1', 0, 0), counts('foo-2', 0, 0)])).toHaveLength(2);
    expect(deleted(0, [counts('foo-1', 1, 1), counts('foo-2', 1, 1)])).toHaveLength(0);
    expect(deleted(0, [old({ name: 'foo-1', spec: 0, deleting: true })])).toHaveLength(0);
    const three = [counts('foo-1', 0, 0), counts('foo-2', 0, 0), counts('foo-3', 0, 0)];
    expect(deleted(2147483647, three)).toHaveLength(0);
  });
});

describe('TestDeploymentController_cleanupDeploymentOrder', () => {
  const rs = (name: string, spec: number, minute: number, revision: string) =>
    old({ name, spec, minute, revision, status: { replicas: spec, terminatingReplicas: 0 } });

  it.each([
    [
      'revision order rs1 < rs2: rs1',
      [rs('foo-1', 0, -1, '1'), rs('foo-2', 0, 0, '2')],
      1,
      ['foo-1'],
    ],
    [
      'revision order rs2 < rs1: rs2',
      [rs('foo-1', 0, -1, '2'), rs('foo-2', 0, 0, '1')],
      1,
      ['foo-2'],
    ],
    ['rs2 without revision: rs2', [rs('foo-1', 0, -1, '1'), rs('foo-2', 0, 0, '')], 1, ['foo-2']],
    ['rs1 without revision: rs1', [rs('foo-1', 0, -1, ''), rs('foo-2', 0, 0, '2')], 1, ['foo-1']],
    [
      'rs1 has replicas: rs2',
      [rs('foo-1', 1, -1, '1'), rs('foo-2', 0, 0, '2'), rs('foo-3', 0, 1, '3')],
      1,
      ['foo-2'],
    ],
    [
      'rs1 and rs2 have replicas: none',
      [rs('foo-1', 1, -1, '1'), rs('foo-2', 1, 0, '2'), rs('foo-3', 0, 1, '3')],
      1,
      [],
    ],
    [
      'revision order rs2 < rs4 < rs1 < rs3: rs2 and rs4',
      [
        rs('foo-1', 0, -1, '3'),
        rs('foo-2', 0, 0, '1'),
        rs('foo-3', 0, 1, '4'),
        rs('foo-4', 0, 2, '2'),
      ],
      2,
      ['foo-2', 'foo-4'],
    ],
  ] as const)('%s', (_, rss, limit, expected) => {
    expect(deleted(limit, [...rss]).sort()).toEqual(expected);
  });
});

describe('TestGenerateReplicaSetName', () => {
  it.each([
    ['short name', 'my-deployment', 'abcde12345', 'my-deployment-abcde12345'],
    [
      'maximum length without truncating',
      'a'.repeat(242),
      'abcde12345',
      `${'a'.repeat(242)}-abcde12345`,
    ],
    [
      'very long deployment name is truncated',
      'b'.repeat(250),
      'abcde12345',
      `${'b'.repeat(242)}-abcde12345`,
    ],
    [
      'very long hash is not truncated',
      'd'.repeat(252),
      'h'.repeat(252),
      `${'d'.repeat(252)}-${'h'.repeat(252)}`,
    ],
  ])('%s', (_, deploymentName, hash, want) => {
    expect(replicaSetName(deploymentName, hash)).toBe(want);
  });
});

describe('TestDeploymentController_generateReplicaSetName', () => {
  it('cuts a 250-character Deployment name so that its ReplicaSet name fits 253', () => {
    // Its label is not its name: a label value has at most 63 characters.
    const yaml = deploymentYAML({ name: 'x', replicas: 1 }).replace(
      'name: x\n',
      `name: ${'a'.repeat(250)}\n`,
    );
    const [rs] = replicaSets(yaml);
    const rsName = rs?.metadata.name ?? '';
    expect(rsName.length).toBeLessThanOrEqual(253);
    const hash = rsName.slice(rsName.lastIndexOf('-') + 1);
    expect(rsName).toBe(`${'a'.repeat(253 - hash.length - 1)}-${hash}`);
  });
});
