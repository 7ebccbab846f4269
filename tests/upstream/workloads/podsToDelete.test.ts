/**
 * Which surplus pods a ReplicaSet deletes: getPodsToDelete and
 * getPodsRankedByRelatedPodsOnSameNode (pkg/controller/replicaset/replica_set.go at
 * 3e4a7900d75552087b6d82edb80ac44be8f71d67) sorted by ActivePodsWithRanks
 * (pkg/controller/controller_utils.go; controller_utils_test.go
 * TestSortingActivePodsWithRanks's rules: lower controller.kubernetes.io/pod-deletion-cost
 * first, then pods doubled up on a node with related pods, then more restarts, then newer).
 */
import { describe, expect, it } from 'vitest';
import { pods } from './harness';

const pod = (name: string, meta: string[] = [], spec: string[] = []) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  labels: {app: web}',
    ...meta.map((l) => `  ${l}`),
    'spec:',
    ...spec.map((l) => `  ${l}`),
    '  containers: [{name: c, image: nginx}]',
  ].join('\n');

const replicaSet = (replicas: number, owner: string[] = []) =>
  [
    'apiVersion: apps/v1',
    'kind: ReplicaSet',
    'metadata:',
    '  name: web',
    ...owner.map((l) => `  ${l}`),
    'spec:',
    `  replicas: ${replicas}`,
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: c, image: nginx}]}',
  ].join('\n');

const kept = (yaml: string) => pods(yaml).map((p) => p.metadata.name);

describe('TestSortingActivePodsWithRanks', () => {
  it('deletes the pod of lower pod-deletion-cost first, whatever their order', () => {
    const costly = ['annotations: {controller.kubernetes.io/pod-deletion-cost: "100"}'];
    const cheap = ['annotations: {controller.kubernetes.io/pod-deletion-cost: "-5"}'];
    const yaml = [replicaSet(2), pod('a', costly), pod('b', cheap), pod('c')].join('\n---\n');
    expect(kept(yaml)).toEqual(['a', 'c']);
  });

  it('deletes the newest of equal pods (the one created last)', () => {
    const yaml = [replicaSet(2), pod('a'), pod('b'), pod('c')].join('\n---\n');
    expect(kept(yaml)).toEqual(['a', 'b']);
  });

  it("deletes a pod doubled up on a node with its controller's pods before a pod alone on its node", () => {
    const deployment = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  replicas: 3',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec: {containers: [{name: c, image: nginx}]}',
    ].join('\n');
    const owned = [
      'ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]',
    ];
    const yaml = [
      deployment,
      replicaSet(4, owned),
      pod('first-on-1', [], ['nodeName: node-1']),
      pod('second-on-1', [], ['nodeName: node-1']),
      pod('on-2', [], ['nodeName: node-2']),
      pod('alone-on-3', [], ['nodeName: node-3']),
    ].join('\n---\n');
    // One of four pods goes: the newer of the two on node-1, not the newest of all (kubectl
    // lists them by name).
    expect(kept(yaml)).toEqual(['alone-on-3', 'first-on-1', 'on-2']);
  });
});
