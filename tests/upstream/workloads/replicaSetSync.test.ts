/**
 * The ReplicaSets a Deployment finds, against kubernetes/kubernetes pkg/controller/deployment:
 * getNewReplicaSet, scale and cleanupDeployment in sync.go (at 737067c1d67d6118c3c3abf58b4f00e67a2409df; scale sizes
 * the one active or the latest ReplicaSet, FindActiveOrLatest), scaleReplicaSet (the desired-replicas and
 * max-replicas annotations, SetReplicasAnnotations), SetNewReplicaSetAnnotations and
 * copyDeploymentAnnotationsToReplicaSet in util/deployment_util.go (at
 * 277391ee713412cf75e4b46ad5d6e5ae9844abf1; deployment_util_test.go TestAnnotationUtils:
 * "SetNewReplicaSetAnnotations", "SetReplicasAnnotations", reference-index file id 695379464);
 * the API server counts each spec change in metadata.generation.
 */
import { describe, expect, it } from 'vitest';
import { deployments, replicaSets } from './harness';

const deployment = (image: string, extra: string[] = []) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  annotations: {team: blue, kubectl.kubernetes.io/last-applied-configuration: "{}"}',
    'spec:',
    '  replicas: 2',
    ...extra.map((l) => `  ${l}`),
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    `    spec: {containers: [{name: c, image: "${image}"}]}`,
  ].join('\n');

/** A ReplicaSet the Deployment made before, for `image`, at `revision`, with `replicas`. */
const earlier = (name: string, image: string, revision: string, replicas: number) =>
  [
    'apiVersion: apps/v1',
    'kind: ReplicaSet',
    'metadata:',
    `  name: ${name}`,
    `  labels: {app: web, pod-template-hash: ${name.slice(4)}}`,
    '  annotations:',
    `    deployment.kubernetes.io/revision: "${revision}"`,
    `    deployment.kubernetes.io/desired-replicas: "${replicas}"`,
    `    deployment.kubernetes.io/max-replicas: "${replicas + 1}"`,
    '  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]',
    'spec:',
    `  replicas: ${replicas}`,
    `  selector: {matchLabels: {app: web, pod-template-hash: ${name.slice(4)}}}`,
    '  template:',
    `    metadata: {labels: {app: web, pod-template-hash: ${name.slice(4)}}}`,
    `    spec: {containers: [{name: c, image: "${image}"}]}`,
  ].join('\n');

const yamlOf = (...docs: string[]) => docs.join('\n---\n');
const byName = (yaml: string) => new Map(replicaSets(yaml).map((rs) => [rs.metadata.name, rs]));

describe('a new pod template', () => {
  const yaml = yamlOf(deployment('nginx:2'), earlier('web-aaaa', 'nginx:1', '4', 1));

  it('scales the old ReplicaSet to zero, setting its replica annotations (scaleReplicaSet)', () => {
    const old = byName(yaml).get('web-aaaa');
    expect(old?.spec?.replicas).toBe(0);
    expect(old?.metadata.generation).toBe(2);
    expect(old?.status?.observedGeneration).toBe(2);
    expect(old?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '4',
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
  });

  it('makes the new one at the next revision, with the annotations it copies', () => {
    const made = [...byName(yaml).values()].find((rs) => rs.metadata.name !== 'web-aaaa');
    expect(made?.metadata.annotations).toEqual({
      team: 'blue',
      'deployment.kubernetes.io/revision': '5',
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
    expect(deployments(yaml)[0]?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe(
      '5',
    );
  });
});

describe('the template of an earlier ReplicaSet (a rollback)', () => {
  const yaml = yamlOf(
    deployment('nginx:1'),
    earlier('web-aaaa', 'nginx:1', '1', 0),
    earlier('web-bbbb', 'nginx:2', '2', 2),
  );

  it('takes that ReplicaSet as the new one: revision raised past the others, the old one kept in revision-history', () => {
    const rs = byName(yaml).get('web-aaaa');
    expect(rs?.spec?.replicas).toBe(2);
    expect(rs?.metadata.annotations).toEqual({
      team: 'blue',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
    expect(byName(yaml).size).toBe(2);
    expect(deployments(yaml)[0]?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe(
      '3',
    );
  });

  it('scales the other to zero', () => {
    expect(byName(yaml).get('web-bbbb')?.spec?.replicas).toBe(0);
  });
});

describe('a paused Deployment with a new template', () => {
  it('makes no ReplicaSet and sizes the only active old one to the Deployment (FindActiveOrLatest)', () => {
    const yaml = yamlOf(
      deployment('nginx:2', ['paused: true']),
      earlier('web-aaaa', 'nginx:1', '4', 1),
    );
    const all = byName(yaml);
    expect([...all.keys()]).toEqual(['web-aaaa']);
    expect(all.get('web-aaaa')?.spec?.replicas).toBe(2);
    const [d] = deployments(yaml);
    expect(d?.status).toMatchObject({ replicas: 2, availableReplicas: 2 });
    expect(d?.status).not.toHaveProperty('updatedReplicas');
  });
});

describe('cleanupDeployment (sync.go): old ReplicaSets beyond revisionHistoryLimit', () => {
  const withLimit = (limit: number) =>
    yamlOf(
      deployment('nginx:3', [`revisionHistoryLimit: ${limit}`]),
      earlier('web-aaaa', 'nginx:1', '1', 0),
      earlier('web-bbbb', 'nginx:2', '2', 2),
    );

  it('deletes the lowest revisions once the rollout completed, keeping the limit', () => {
    const names = [...byName(withLimit(1)).keys()];
    expect(names).not.toContain('web-aaaa');
    expect(names).toContain('web-bbbb');
    expect(names).toHaveLength(2);
  });

  it('keeps none with a limit of 0, and all within the default of 10', () => {
    expect([...byName(withLimit(0)).keys()]).toHaveLength(1);
    expect([...byName(withLimit(10)).keys()]).toHaveLength(3);
  });

  it('keeps them while the rollout has not completed', () => {
    const unschedulable = deployment('nginx:3', ['revisionHistoryLimit: 0']).replace(
      '    spec: {containers',
      '    spec: {nodeSelector: {disk: none}, containers',
    );
    const stuck = yamlOf(unschedulable, earlier('web-aaaa', 'nginx:1', '1', 0));
    expect([...byName(stuck).keys()]).toContain('web-aaaa');
  });
});

describe('ClaimReplicaSets (controller_ref_manager.go ClaimObject)', () => {
  it('adopts an orphan ReplicaSet its selector matches, not one being deleted', () => {
    const orphan = (name: string, deleting: boolean) =>
      [
        'apiVersion: apps/v1',
        'kind: ReplicaSet',
        'metadata:',
        `  name: ${name}`,
        '  labels: {app: web}',
        ...(deleting
          ? ['  deletionTimestamp: "2025-01-01T00:01:00Z"', '  finalizers: [example.com/hold]']
          : []),
        'spec:',
        '  replicas: 0',
        `  selector: {matchLabels: {app: web, pod-template-hash: ${name.slice(4)}}}`,
        '  template:',
        `    metadata: {labels: {app: web, pod-template-hash: ${name.slice(4)}}}`,
        '    spec: {containers: [{name: c, image: "nginx:1"}]}',
      ].join('\n');
    const yaml = yamlOf(deployment('nginx:2'), orphan('web-live', false), orphan('web-gone', true));
    const all = byName(yaml);
    expect(all.get('web-live')?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
    });
    expect(all.get('web-gone')?.metadata.ownerReferences).toBeUndefined();
  });
});
