/**
 * What the ReplicaSet controller writes, against kubernetes/kubernetes pkg/controller:
 * calculateStatus in replicaset/replica_set_utils.go (reference-index file id 432911017;
 * replica_set_utils_test.go TestCalculateStatus: "1 fully labelled pod", "1 not fully labelled
 * pod and 1 fully labelled pod", with terminatingReplicas as the DeploymentReplicaSetTerminatingReplicas
 * gate, beta and on since 1.35, writes it), claimPods (replica_set.go at
 * 3e4a7900d75552087b6d82edb80ac44be8f71d67: only active pods are claimed;
 * ClaimObject ignores an orphan being deleted), and GetPodFromTemplate in controller_utils.go
 * (controller_utils_test.go TestCreatePods: labels, annotations and finalizers of the template,
 * generateName `<replicaset>-`, the controller reference), created as the API server creates
 * every pod: generation 1 (podStrategy.PrepareForCreate in pkg/registry/core/pod/strategy.go,
 * reference-index file id 94068187).
 */
import { describe, expect, it } from 'vitest';
import { pods, replicaSets } from './harness';

const frontend = (templateLabels: string, extra = '') =>
  [
    'apiVersion: apps/v1',
    'kind: ReplicaSet',
    'metadata: {name: frontend}',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {tier: frontend}}',
    '  template:',
    '    metadata:',
    `      labels: ${templateLabels}`,
    extra,
    '    spec: {containers: [{name: c, image: nginx}]}',
  ]
    .filter((l) => l !== '')
    .join('\n');

const pod = (name: string, labels: string, meta: string[] = []) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  labels: ${labels}`,
    ...meta.map((l) => `  ${l}`),
    'spec: {containers: [{name: c, image: nginx}]}',
  ].join('\n');

const yamlOf = (...docs: string[]) => docs.join('\n---\n');

describe('TestCalculateStatus', () => {
  it('counts fully labelled pods: 1 not fully labelled pod (adopted) and 1 fully labelled pod', () => {
    const yaml = yamlOf(
      frontend('{tier: frontend, track: stable}'),
      pod('bare', '{tier: frontend}'),
    );
    const [rs] = replicaSets(yaml);
    expect(rs?.status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 1,
      readyReplicas: 2,
      availableReplicas: 2,
      terminatingReplicas: 0,
      observedGeneration: 1,
    });
  });

  it('counts its own pods being deleted as terminatingReplicas, not replicas, and replaces them', () => {
    const owned = [
      'ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: frontend, controller: true}]',
      'deletionTimestamp: "2025-01-01T00:01:00Z"',
      'finalizers: [example.com/hold]',
    ];
    const yaml = yamlOf(frontend('{tier: frontend}'), pod('leaving', '{tier: frontend}', owned));
    const [rs] = replicaSets(yaml);
    expect(rs?.status).toMatchObject({ replicas: 2, terminatingReplicas: 1 });
    expect(pods(yaml)).toHaveLength(3);
  });

  it('neither adopts nor counts an orphan being deleted', () => {
    const deleting = [
      'deletionTimestamp: "2025-01-01T00:01:00Z"',
      'finalizers: [example.com/hold]',
    ];
    const yaml = yamlOf(frontend('{tier: frontend}'), pod('orphan', '{tier: frontend}', deleting));
    const [rs] = replicaSets(yaml);
    expect(rs?.status).toMatchObject({ replicas: 2, terminatingReplicas: 0 });
    const orphan = pods(yaml).find((p) => p.metadata.name === 'orphan');
    expect(orphan?.metadata.ownerReferences).toBeUndefined();
  });
});

describe('TestCreatePods (GetPodFromTemplate)', () => {
  it('gives each pod the template labels, annotations and finalizers, generateName <rs>- and generation 1', () => {
    const yaml = frontend(
      '{tier: frontend}',
      '      annotations: {note: kept}\n      finalizers: [example.com/keep]',
    );
    const [rs] = replicaSets(yaml);
    const made = pods(yaml);
    expect(made).toHaveLength(2);
    for (const p of made) {
      expect(p.metadata).toMatchObject({
        generateName: 'frontend-',
        generation: 1,
        labels: { tier: 'frontend' },
        annotations: { note: 'kept' },
        finalizers: ['example.com/keep'],
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'frontend',
            uid: rs?.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      });
      expect(p.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
  });
});
