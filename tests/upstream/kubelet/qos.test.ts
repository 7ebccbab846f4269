/**
 * status.qosClass of a created pod, from kubernetes/kubernetes pkg/apis/core/v1/helper/qos/
 * qos_test.go TestComputePodQOS at 00c269c7d269989d555b69c295ba88e73e8acf94 (the function is
 * pkg/apis/core/helper/qos/qos.go ComputePodQOS at 0fafce482ed284416d4996d718aa1a743d362b6b).
 * Each case's containers (and pod-level resources) are applied as a Pod and read back from the
 * simulated cluster, as `kubectl get pod -o yaml` shows it.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { quantityNanos } from '../../../src/engine/controllers/qos';

type List = Record<string, string>;

/** getResourceList: the cpu and memory given, none when empty. */
const resources = (cpu: string, memory: string): List => ({
  ...(cpu ? { cpu } : {}),
  ...(memory ? { memory } : {}),
});

const container = (name: string, requests: List, limits: List) => ({
  name,
  image: 'nginx',
  resources: {
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  },
});

interface Case {
  name: string;
  containers: object[];
  initContainers?: object[];
  podResources?: { requests: List; limits: List };
  expected: string;
}

function qosOf(c: Case): string | undefined {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: c.name },
    spec: {
      ...(c.podResources ? { resources: c.podResources } : {}),
      ...(c.initContainers ? { initContainers: c.initContainers } : {}),
      containers: c.containers,
    },
  };
  const sim = simulate(JSON.stringify(pod));
  return sim.cluster.pods.find((p) => p.metadata.name === c.name)?.status?.qosClass;
}

const cases: Case[] = [
  {
    name: 'guaranteed',
    containers: [container('guaranteed', resources('100m', '100Mi'), resources('100m', '100Mi'))],
    expected: 'Guaranteed',
  },
  {
    name: 'guaranteed-guaranteed',
    containers: [
      container('guaranteed', resources('100m', '100Mi'), resources('100m', '100Mi')),
      container('guaranteed2', resources('100m', '100Mi'), resources('100m', '100Mi')),
    ],
    expected: 'Guaranteed',
  },
  {
    name: 'best-effort-best-effort',
    containers: [
      container('best-effort', resources('', ''), resources('', '')),
      container('best-effort2', resources('', ''), resources('', '')),
    ],
    expected: 'BestEffort',
  },
  {
    name: 'best-effort',
    containers: [container('best-effort', resources('', ''), resources('', ''))],
    expected: 'BestEffort',
  },
  {
    name: 'best-effort-burstable',
    containers: [
      container('best-effort', resources('', ''), resources('', '')),
      container('burstable', resources('1', ''), resources('2', '')),
    ],
    expected: 'Burstable',
  },
  {
    name: 'best-effort-guaranteed',
    containers: [
      container('best-effort', resources('', ''), resources('', '')),
      container('guaranteed', resources('10m', '100Mi'), resources('10m', '100Mi')),
    ],
    expected: 'Burstable',
  },
  {
    name: 'burstable-cpu-guaranteed-memory',
    containers: [container('burstable', resources('', '100Mi'), resources('', '100Mi'))],
    expected: 'Burstable',
  },
  {
    name: 'burstable-no-limits',
    containers: [container('burstable', resources('100m', '100Mi'), resources('', ''))],
    expected: 'Burstable',
  },
  {
    name: 'burstable-guaranteed',
    containers: [
      container('burstable', resources('1', '100Mi'), resources('2', '100Mi')),
      container('guaranteed', resources('100m', '100Mi'), resources('100m', '100Mi')),
    ],
    expected: 'Burstable',
  },
  {
    name: 'burstable-unbounded-but-requests-match-limits',
    containers: [
      container('burstable', resources('100m', '100Mi'), resources('200m', '200Mi')),
      container('burstable-unbounded', resources('100m', '100Mi'), resources('', '')),
    ],
    expected: 'Burstable',
  },
  {
    name: 'burstable-1',
    containers: [container('burstable', resources('10m', '100Mi'), resources('100m', '200Mi'))],
    expected: 'Burstable',
  },
  {
    name: 'burstable-2',
    containers: [container('burstable', resources('0', '0'), resources('100m', '200Mi'))],
    expected: 'Burstable',
  },
  {
    name: 'best-effort-hugepages',
    containers: [
      container(
        'best-effort',
        { ...resources('0', '0'), 'hugepages-2Mi': '1Gi' },
        { ...resources('0', '0'), 'hugepages-2Mi': '1Gi' },
      ),
    ],
    expected: 'BestEffort',
  },
  {
    name: 'init-container',
    containers: [container('best-effort', resources('', ''), resources('', ''))],
    initContainers: [container('burstable', resources('10m', '100Mi'), resources('100m', '200Mi'))],
    expected: 'Burstable',
  },
  {
    name: 'guaranteed-with-pod-level-resources',
    containers: [container('best-effort', resources('', ''), resources('', ''))],
    podResources: { requests: resources('10m', '100Mi'), limits: resources('10m', '100Mi') },
    expected: 'Guaranteed',
  },
  {
    name: 'guaranteed-with-pod-and-container-level-resources',
    containers: [container('burstable', resources('3m', '10Mi'), resources('5m', '20Mi'))],
    podResources: { requests: resources('10m', '100Mi'), limits: resources('10m', '100Mi') },
    expected: 'Guaranteed',
  },
  {
    name: 'burstable-with-pod-level-resources',
    containers: [container('best-effort', resources('', ''), resources('', ''))],
    podResources: { requests: resources('10m', '10Mi'), limits: resources('20m', '50Mi') },
    expected: 'Burstable',
  },
  {
    name: 'burstable-with-pod-and-container-level-resources',
    containers: [container('burstable', resources('5m', '10Mi'), resources('5m', '10Mi'))],
    podResources: { requests: resources('10m', '10Mi'), limits: resources('20m', '50Mi') },
    expected: 'Burstable',
  },
  {
    name: 'burstable-with-pod-and-container-level-requests',
    containers: [container('burstable', resources('5m', '10Mi'), resources('', ''))],
    podResources: { requests: resources('10m', '10Mi'), limits: resources('', '') },
    expected: 'Burstable',
  },
  {
    name: 'burstable-with-pod-and-container-level-resources-2',
    containers: [
      container('burstable', resources('5m', '10Mi'), resources('', '')),
      container('guaranteed', resources('5m', '10Mi'), resources('5m', '10Mi')),
    ],
    podResources: { requests: resources('10m', '10Mi'), limits: resources('5m', '') },
    expected: 'Burstable',
  },
];

describe('ComputePodQOS (qos_test.go TestComputePodQOS)', () => {
  for (const c of cases)
    it(`gives ${c.name} the class ${c.expected}`, () => {
      expect(qosOf(c)).toBe(c.expected);
    });

  it('counts limits without requests as requests, as SetDefaults_Pod fills them in (Guaranteed)', () => {
    const c: Case = {
      name: 'limits-only',
      containers: [container('c', resources('', ''), resources('500m', '128Mi'))],
      expected: 'Guaranteed',
    };
    expect(qosOf(c)).toBe('Guaranteed');
  });

  it('compares quantities by value, not by spelling (1 = 1000m, 1Gi = 1073741824)', () => {
    const c: Case = {
      name: 'spelled-apart',
      containers: [container('c', resources('1', '1Gi'), resources('1000m', '1073741824'))],
      expected: 'Guaranteed',
    };
    expect(qosOf(c)).toBe('Guaranteed');
    expect(quantityNanos('1.5Gi')).toBe(1610612736n * 10n ** 9n);
    expect(quantityNanos('2e3')).toBe(2000n * 10n ** 9n);
    expect(quantityNanos('1E')).toBe(10n ** 27n);
    expect(quantityNanos('1n')).toBe(1n);
    expect(quantityNanos('abc')).toBeUndefined();
  });
});
