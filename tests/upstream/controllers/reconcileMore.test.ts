/**
 * The rest of the EndpointSlice reconciler cases of kubernetes/kubernetes
 * staging/src/k8s.io/endpointslice/reconciler_test.go (reference-index file 15565491229, at
 * 023307e2fce5a78d1ee6383f39dacea96557ed3f) that the engine can play:
 * TestReconcileEndpointSlicesUpdating, TestReconcileEndpointSlicesServicesLabelsUpdating,
 * TestReconcileEndpointSlicesServicesReservedLabels, TestReconcileEndpointSlicesReplaceDeprecated,
 * the cases of TestReconcilerPodMissingNode that reconcileExisting.test.ts leaves, the
 * ipv4-bad-labels case of TestReconcile1Pod, and the rows of TestPlaceHolderSliceCompare with two
 * slices. A second reconcile is played with the slices
 * of the first one as the stored ones. Helpers as in reconcileExisting.test.ts:
 * newServiceAndEndpointMeta (Service foo, UID test-foo, one port named foo to 80),
 * newEmptyEndpointSlice (slice foo-N owned by it) and newPod (1.2.3.<4+n> on node-1).
 */
import { describe, expect, it } from 'vitest';
import {
  computeEndpointSlices,
  podToEndpoint,
  type SliceNaming,
} from '../../../src/engine/controllers/endpointSlice';
import { isPlaceholder } from '../../../src/engine/controllers/endpointSliceReconcile';
import { seededRandom } from '../../../src/engine/controllers/random';
import type { EndpointSlice, Node, Pod, Service } from '../../../src/engine/model';
import { testNode, testPod, testService } from './fixtures';

const svc = (spec: Service['spec'] = {}, meta: Partial<Service['metadata']> = {}): Service =>
  testService(
    {
      ports: [{ name: 'foo', port: 80, targetPort: 80, protocol: 'TCP' }],
      ipFamilies: ['IPv4'],
      ...spec,
    },
    { uid: 'test-foo', ...meta },
  );
const owner = {
  apiVersion: 'v1',
  kind: 'Service',
  name: 'foo',
  uid: 'test-foo',
  controller: true,
  blockOwnerDeletion: true,
};
const newPod = (n: number, ready = true, nodeName = 'node-1'): Pod =>
  testPod(n, { nodeName, ready, ips: [`1.2.3.${4 + n}`] });
const nodes = new Map<string, Node>([['node-1', testNode('node-1')]]);
function reconcile(service: Service, pods: Pod[], existing: EndpointSlice[], n = nodes) {
  return computeEndpointSlices(service, pods, n, {
    random: seededRandom(1, 'test'),
    taken: new Set(existing.map((s) => s.metadata.name ?? '')),
    existing,
  } satisfies SliceNaming);
}
const manyPods = (count: number) => Array.from({ length: count }, (_, i) => newPod(i, i % 3 !== 0));
const names = (slices: EndpointSlice[]) => slices.map((s) => s.metadata.name).sort();
const lengths = (slices: EndpointSlice[]) =>
  slices.map((s) => s.endpoints?.length ?? 0).sort((a, b) => b - a);

describe('every slice of a Service changes (reconciler_test.go)', () => {
  const pods = manyPods(250);
  const first = reconcile(svc(), pods, []).slices;

  it('starts from three slices of 100, 100 and 50', () => {
    expect(lengths(first)).toEqual([100, 100, 50]);
  });

  it('updates the three slices when the target port changes (TestReconcileEndpointSlicesUpdating)', () => {
    const moved = svc({ ports: [{ name: 'foo', port: 80, targetPort: 81, protocol: 'TCP' }] });
    const out = reconcile(moved, pods, first).slices;
    expect(names(out)).toEqual(names(first));
    expect(lengths(out)).toEqual([100, 100, 50]);
    for (const slice of out) {
      expect(slice.ports).toEqual([{ name: 'foo', port: 81, protocol: 'TCP' }]);
      expect(slice.metadata.generation).toBe(2);
    }
  });

  it("updates the three slices with the Service's new labels (TestReconcileEndpointSlicesServicesLabelsUpdating)", () => {
    const out = reconcile(svc({}, { labels: { foo: 'bar' } }), pods, first).slices;
    expect(names(out)).toEqual(names(first));
    expect(lengths(out)).toEqual([100, 100, 50]);
    for (const slice of out) {
      expect(slice.metadata.labels?.foo).toBe('bar');
      expect(slice.metadata.generation).toBe(2);
    }
  });

  it('changes nothing for reserved labels on the Service (TestReconcileEndpointSlicesServicesReservedLabels)', () => {
    const reserved = {
      'kubernetes.io/service-name': 'bad',
      'endpointslice.kubernetes.io/managed-by': 'actor',
      'service.kubernetes.io/headless': 'invalid',
    };
    const out = reconcile(svc({}, { labels: reserved }), pods, first).slices;
    expect(out).toEqual(first);
  });
});

describe('a Service carrying the reserved labels (TestReconcile1Pod ipv4-bad-labels)', () => {
  it('gets the labels of the slice, not its own', () => {
    const bad = svc(
      {},
      {
        labels: {
          'kubernetes.io/service-name': 'bad',
          'endpointslice.kubernetes.io/managed-by': 'actor',
          'service.kubernetes.io/headless': 'invalid',
        },
      },
    );
    const { slices } = reconcile(bad, [newPod(1)], []);
    expect(slices.map((s) => s.metadata.labels)).toEqual([
      {
        'service.kubernetes.io/headless': '',
        'kubernetes.io/service-name': 'foo',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    ]);
    expect(slices[0]?.endpoints?.map((e) => e.addresses)).toEqual([['1.2.3.5']]);
  });
});

describe('slices of the deprecated IP address type (TestReconcileEndpointSlicesReplaceDeprecated)', () => {
  it('are deleted and replaced by perfectly packed IPv4 slices', () => {
    const service = svc();
    const plain = testService({});
    const deprecated = (n: number, pods: Pod[]): EndpointSlice => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `foo-${n}`, namespace: 'test', ownerReferences: [owner] },
      addressType: 'IP' as NonNullable<EndpointSlice['addressType']>,
      ports: [{ name: 'foo', port: 80, protocol: 'TCP' }],
      endpoints: pods.map((p) => podToEndpoint(p, undefined, plain, 'IPv4')),
    });
    const firstPods = Array.from({ length: 80 }, (_, i) => newPod(i));
    const secondPods = Array.from({ length: 50 }, (_, i) => newPod(100 + i));
    const out = reconcile(
      service,
      [...firstPods, ...secondPods],
      [deprecated(1, firstPods), deprecated(2, secondPods)],
    ).slices;
    expect(lengths(out)).toEqual([100, 30]);
    expect(out.map((s) => s.addressType)).toEqual(['IPv4', 'IPv4']);
    expect(out.map((s) => s.metadata.name).filter((n) => /^foo-\d$/.test(n ?? ''))).toEqual([]);
  });
});

describe('pods on a Node that is missing (TestReconcilerPodMissingNode)', () => {
  const node0 = testNode('node-0');
  const node1 = testNode('node-1');
  const pods = [newPod(0, true, 'node-0'), newPod(1, true, 'node-1')];
  const service = svc();
  const existing = (): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'foo-1', namespace: 'test', ownerReferences: [owner] },
    addressType: 'IPv4',
    ports: [{ name: 'foo', port: 80, protocol: 'TCP' }],
    endpoints: [
      podToEndpoint(pods[0] as Pod, node0, service, 'IPv4'),
      podToEndpoint(pods[1] as Pod, node1, service, 'IPv4'),
    ],
  });
  const only0 = new Map<string, Node>([['node-0', node0]]);
  const missing = 'skipping Pod pod1 for Service test/foo: Node node-1 Not Found';
  const cases: [string, boolean, Map<string, Node>, boolean, number, boolean][] = [
    ['Create and publishNotReady false', false, only0, false, 1, true],
    ['Create and publishNotReady true', true, only0, false, 2, false],
    ['Update and publishNotReady false', false, only0, true, 1, true],
    ['Update and publishNotReady true and all nodes missing', true, new Map(), true, 2, false],
    ['Update and publishNotReady true', true, only0, true, 2, false],
  ];
  for (const [name, publishNotReady, known, update, count, failed] of cases) {
    it(`${name}: ${count} endpoint(s)${failed ? ', and an error' : ''}`, () => {
      const stored = update ? [existing()] : [];
      const result = reconcile(
        svc({ publishNotReadyAddresses: publishNotReady }),
        pods,
        stored,
        known,
      );
      expect(result.slices).toHaveLength(1);
      expect(result.slices[0]?.endpoints).toHaveLength(count);
      if (update) expect(result.slices[0]?.metadata.name).toBe('foo-1');
      // Nothing to write: the stored slice is kept as it is.
      if (update && count === 2) expect(result.slices[0]).toEqual(stored[0]);
      expect(result.error).toBe(failed ? missing : undefined);
    });
  }
});

describe('placeholderSliceCompare (TestPlaceHolderSliceCompare)', () => {
  const slice = (
    more: Partial<EndpointSlice> = {},
    meta: Partial<EndpointSlice['metadata']> = {},
  ) => ({ ...more, metadata: { ...meta } }) as EndpointSlice;
  const cases: [string, EndpointSlice, EndpointSlice, boolean][] = [
    ['Both are empty and non-nil', slice(), slice(), true],
    ['Only ObjectMeta.Name has diff', slice({}, { name: 'foo' }), slice({}, { name: 'bar' }), true],
    [
      'Only ObjectMeta.Labels has diff',
      slice({}, { labels: { foo: 'true' } }),
      slice({}, { labels: { bar: 'true' } }),
      false,
    ],
    [
      'Creation time is different',
      slice({}, { creationTimestamp: '1970-01-01T00:00:01Z' }),
      slice({}, { creationTimestamp: '1970-01-01T00:00:02Z' }),
      true,
    ],
    [
      'Different except for ObjectMeta',
      slice({ addressType: 'IPv4' }),
      slice({ addressType: 'IPv6' }),
      false,
    ],
  ];
  for (const [name, x, y, equal] of cases) {
    it(`${name}: ${equal}`, () => {
      expect(isPlaceholder(x, y)).toBe(equal);
    });
  }
});
