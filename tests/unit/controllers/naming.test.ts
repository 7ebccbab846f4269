import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeHash, fenceposts } from '../../../src/engine/controllers/deployment';
import {
  canonicalHash,
  canonicalJSON,
  fnv32a,
  safeEncodeString,
} from '../../../src/engine/controllers/random';
import fc from 'fast-check';

const deployment = (name: string, replicas = 3, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
`;
const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
`;

const podNames = (input: string, seed = 1) =>
  simulate(input, { seed })
    .cluster.pods.filter((p) => p.metadata.namespace !== 'kube-system')
    .map((p) => p.metadata.name);

describe('names the Deployment and ReplicaSet controllers give', () => {
  it('names the ReplicaSet <deployment>-<pod-template-hash> and its pods <replicaset>-<5 chars>', () => {
    const sim = simulate(deployment('web'));
    const rs = sim.cluster.replicaSets.find((r) => r.metadata.name?.startsWith('web-'));
    expect(rs?.metadata.name).toMatch(/^web-[4-9bcdf]{6,10}$/);
    const hash = rs?.metadata.labels?.['pod-template-hash'];
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.spec?.selector?.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    const pods = sim.cluster.pods.filter((p) => p.metadata.labels?.app === 'web');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
      expect(pod.metadata.labels?.['pod-template-hash']).toBe(hash);
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'ReplicaSet', name: rs?.metadata.name, controller: true }),
      ]);
    }
  });

  it('encodes the hash with SafeEncodeString: decimal digits map to 4-9 and b, c, d, f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(computeHash({ metadata: { labels: { app: 'a' } } })).toMatch(/^[4-9bcdf]+$/);
  });

  it('keeps pod names while other objects are edited', () => {
    const before = podNames(deployment('web') + '---\n' + service('web'));
    const after = podNames(
      deployment('web') +
        '---\n' +
        service('web') +
        '---\n' +
        deployment('api', 2) +
        '---\n' +
        service('api'),
    );
    expect(after.filter((n) => n?.startsWith('web-'))).toEqual(before);
  });

  it('renames the ReplicaSet when the pod template changes, and not when only replicas change', () => {
    const rsName = (input: string) =>
      simulate(input).cluster.replicaSets.find((r) => r.metadata.name?.startsWith('web-'))?.metadata
        .name;
    expect(rsName(deployment('web', 3))).toBe(rsName(deployment('web', 5)));
    expect(rsName(deployment('web', 3))).not.toBe(rsName(deployment('web', 3, 'nginx:1.28')));
  });

  it('draws other suffixes for another seed, the same for the same seed', () => {
    const input = deployment('web');
    expect(podNames(input, 7)).toEqual(podNames(input, 7));
    expect(podNames(input, 7)).not.toEqual(podNames(input, 8));
  });

  it('names EndpointSlices <service>-<5 chars>, stable across edits elsewhere', () => {
    const slice = (input: string) =>
      simulate(input).cluster.endpointSlices.find(
        (s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web',
      )?.metadata.name;
    const name = slice(deployment('web') + '---\n' + service('web'));
    expect(name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice(service('other') + '---\n' + deployment('web') + '---\n' + service('web'))).toBe(
      name,
    );
  });
});

describe('Deployment and ReplicaSet status', () => {
  it('reports READY, UP-TO-DATE and AVAILABLE as kubectl reads them', () => {
    const sim = simulate(deployment('web', 3));
    const d = sim.cluster.deployments.find((x) => x.metadata.name === 'web');
    expect(d?.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const rs = sim.cluster.replicaSets.find((r) => r.metadata.name?.startsWith('web-'));
    expect(rs?.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(rs?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
  });

  it('creates no pod for zero replicas and leaves zero counts out', () => {
    const sim = simulate(deployment('web', 0));
    expect(sim.cluster.pods.filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(0);
    const d = sim.cluster.deployments.find((x) => x.metadata.name === 'web');
    expect(d?.status?.replicas).toBeUndefined();
    expect(d?.status?.readyReplicas).toBeUndefined();
  });

  it('keeps a status the input gives', () => {
    const input = deployment('web') + 'status:\n  replicas: 3\n  readyReplicas: 1\n';
    const d = simulate(input).cluster.deployments.find((x) => x.metadata.name === 'web');
    expect(d?.status).toEqual({ replicas: 3, readyReplicas: 1 });
  });

  it('adopts a bare pod its ReplicaSet selects and creates only the rest', () => {
    const rs = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: front
spec:
  replicas: 2
  selector:
    matchLabels:
      tier: front
  template:
    metadata:
      labels:
        tier: front
    spec:
      containers:
      - name: c
        image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: lonely
  labels:
    tier: front
spec:
  containers:
  - name: c
    image: nginx
`;
    const pods = simulate(rs).cluster.pods.filter((p) => p.metadata.labels?.tier === 'front');
    expect(pods).toHaveLength(2);
    const lonely = pods.find((p) => p.metadata.name === 'lonely');
    expect(lonely?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: 'front',
    });
    const made = pods.filter((p) => p !== lonely).map((p) => p.metadata.name);
    expect(made).toEqual([expect.stringMatching(/^front-[bcdfghjklmnpqrstvwxz2456789]{5}$/)]);
  });
});

describe('the pod-template-hash is FNV-1a of the template as canonical JSON', () => {
  // canonicalHash hashes the text canonicalJSON prints, character by character, without
  // building it: every kind of value and key (escapes, non-ASCII, surrogates, unsorted keys,
  // undefined fields) must hash as its text does.
  it('for any JSON-like value', () => {
    const key = fc.oneof(
      fc.constantFrom('name', 'image', 'a"b', 'tab\there', 'é', '\ud83d\ude00', '\ud800', ''),
      fc.string(),
    );
    const value = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.constantFrom('nginx:1.27', 'quote"d', 'back\\slash', 'line\nbreak', '\u0000', '\udc00'),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
      ),
    })).tree;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalHash(v)).toBe(fnv32a(canonicalJSON(v)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a rolling update reads maxSurge and maxUnavailable as a count or a percentage', () => {
  const withRollingUpdate = (maxSurge: unknown, maxUnavailable: unknown) =>
    ({
      spec: { replicas: 10, strategy: { rollingUpdate: { maxSurge, maxUnavailable } } },
    }) as Parameters<typeof fenceposts>[0];

  it('rounds a percentage up for surge and down for unavailable', () => {
    expect(fenceposts(withRollingUpdate('25%', '25%'))).toEqual({ surge: 3, unavailable: 2 });
    expect(fenceposts(withRollingUpdate('100%', '0%'))).toEqual({ surge: 10, unavailable: 0 });
    expect(fenceposts(withRollingUpdate(2, 1))).toEqual({ surge: 2, unavailable: 1 });
  });

  it('takes zero for a text that is not digits and a percent sign', () => {
    for (const text of ['%', '25', '2.5%', '-5%', '25%%', ' 25%', 'a%'])
      expect(fenceposts(withRollingUpdate(text, '10%'))).toEqual({ surge: 0, unavailable: 1 });
  });
});
