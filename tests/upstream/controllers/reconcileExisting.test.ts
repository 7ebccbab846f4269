/**
 * The EndpointSlice reconciler with slices already stored, from kubernetes/kubernetes
 * staging/src/k8s.io/endpointslice/reconciler_test.go (reference-index file 15565491229, at
 * 023307e2fce5a78d1ee6383f39dacea96557ed3f): TestReconcileEndpointSlicesSomePreexisting,
 * TestReconcileEndpointSlicesSomePreexistingWorseAllocation,
 * TestReconcileEndpointSlicesUpdatePacking, TestReconcileEndpointSlicesRecycling,
 * TestReconcileEndpointSlicesRecreation, TestReconcile1EndpointSlice and the
 * "no nodes are present" case of TestReconcilerPodMissingNode. Their helpers rebuilt:
 * newServiceAndEndpointMeta (Service foo, UID test-foo, one port named foo to 80),
 * newEmptyEndpointSlice (slice foo-N owned by it, no labels) and newPod (1.2.3.<4+n> on node-1).
 */
import { describe, expect, it } from 'vitest';
import {
  computeEndpointSlices,
  podToEndpoint,
  type SliceNaming,
} from '../../../src/engine/controllers/endpointSlice';
import { seededRandom } from '../../../src/engine/controllers/random';
import type { EndpointSlice, Node, Pod, Service } from '../../../src/engine/model';
import { testNode, testPod, testService } from './fixtures';

const svc = (spec: Service['spec'] = {}): Service =>
  testService(
    {
      ports: [{ name: 'foo', port: 80, targetPort: 80, protocol: 'TCP' }],
      ipFamilies: ['IPv4'],
      ...spec,
    },
    { uid: 'test-foo' },
  );
const owner = (uid = 'test-foo') => ({
  apiVersion: 'v1',
  kind: 'Service',
  name: 'foo',
  uid,
  controller: true,
  blockOwnerDeletion: true,
});
const newPod = (n: number, ready = true): Pod =>
  testPod(n, { nodeName: 'node-1', ready, ips: [`1.2.3.${4 + n}`] });
const stored = (n: number, pods: Pod[], service: Service, port = 80): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `foo-${n}`, namespace: 'test', ownerReferences: [owner()] },
  addressType: 'IPv4',
  ports: [{ name: 'foo', port, protocol: 'TCP' }],
  endpoints: pods.map((p) => podToEndpoint(p, undefined, service, 'IPv4')),
});
const nodes = new Map<string, Node>([['node-1', testNode('node-1')]]);
const reconcile = (service: Service, pods: Pod[], existing: EndpointSlice[], n = nodes) =>
  computeEndpointSlices(service, pods, n, {
    random: seededRandom(1, 'test'),
    taken: new Set(existing.map((s) => s.metadata.name ?? '')),
    existing,
  } satisfies SliceNaming).slices;
const lengths = (slices: EndpointSlice[]) =>
  slices.map((s) => [
    /^foo-\d+$/.test(s.metadata.name ?? '') ? s.metadata.name : 'new',
    s.endpoints?.length ?? 0,
  ]);

describe('reconcile with stored slices (reconciler_test.go)', () => {
  const manyPods = (count: number) =>
    Array.from({ length: count }, (_, i) => newPod(i, i % 3 !== 0));
  const quarters = (pods: Pod[], from: number) =>
    pods.filter((_, i) => i >= from && i < pods.length - 4 && (i - from) % 4 === 0);

  it('tops up the slice the rest fits in best and creates one for a hundred (TestReconcileEndpointSlicesSomePreexisting)', () => {
    const service = svc();
    const pods = manyPods(250);
    const existing = [stored(1, quarters(pods, 1), service), stored(2, quarters(pods, 3), service)];
    const out = reconcile(service, pods, existing);
    expect(lengths(out)).toEqual([
      ['foo-1', 89],
      ['foo-2', 61],
      ['new', 100],
    ]);
    expect(out[1]).toEqual(existing[1]);
    // The fake client's update reactor bumps the generation; a created slice starts at 1.
    expect(out.map((x) => x.metadata.generation)).toEqual([1, undefined, 1]);
  });

  it('creates two slices rather than update both (TestReconcileEndpointSlicesSomePreexistingWorseAllocation)', () => {
    const service = svc();
    const pods = manyPods(300);
    const existing = [stored(1, quarters(pods, 1), service), stored(2, quarters(pods, 3), service)];
    expect(lengths(reconcile(service, pods, existing)).map((x) => x[1])).toEqual([74, 74, 100, 52]);
  });

  it('fills the fuller of two updated slices (TestReconcileEndpointSlicesUpdatePacking)', () => {
    const service = svc();
    const first = Array.from({ length: 80 }, (_, i) => newPod(i));
    const second = Array.from({ length: 20 }, (_, i) => newPod(100 + i));
    const existing = [stored(1, first, service), stored(2, second, service)];
    const pods = [...first, ...second].map((p, i) =>
      i % 10 === 0 ? newPod(Number(p.metadata.name?.slice(3)), false) : p,
    );
    pods.push(...Array.from({ length: 15 }, (_, i) => newPod(200 + i)));
    expect(lengths(reconcile(service, pods, existing))).toEqual([
      ['foo-1', 95],
      ['foo-2', 20],
    ]);
  });

  it('repacks into the stored slices when every one changes, deleting the rest (TestReconcileEndpointSlicesRecycling)', () => {
    const service = svc();
    const pods = manyPods(300);
    const existing = Array.from({ length: 10 }, (_, n) =>
      stored(n, pods.slice(n * 30, n * 30 + 30), service),
    );
    expect(reconcile(service, pods, existing)).toEqual(existing);
    const moved = reconcile(
      svc({ ports: [{ name: 'foo', port: 80, targetPort: 81, protocol: 'TCP' }] }),
      pods,
      existing,
    );
    expect(moved.map((s) => s.endpoints?.length)).toEqual([100, 100, 100]);
    expect(moved.every((s) => /^foo-\d+$/.test(s.metadata.name ?? ''))).toBe(true);
  });

  it("replaces a slice another Service's UID owns (TestReconcileEndpointSlicesRecreation)", () => {
    const service = svc();
    const slice = stored(1, [newPod(1)], service);
    expect(reconcile(service, [newPod(1)], [slice])).toEqual([slice]);
    const foreign = {
      ...slice,
      metadata: { ...slice.metadata, ownerReferences: [owner('different')] },
    };
    const out = reconcile(service, [newPod(1)], [foreign]);
    expect(out).toHaveLength(1);
    expect(out[0]?.metadata.name).not.toBe('foo-1');
  });
});

describe('the placeholder (TestReconcile1EndpointSlice)', () => {
  const service = svc();
  const labels = {
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    'kubernetes.io/service-name': 'foo',
    'service.kubernetes.io/headless': '',
  };
  const placeholder: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'foo-abcde', namespace: 'test', labels, ownerReferences: [owner()] },
    addressType: 'IPv4',
    endpoints: null,
    ports: null,
  };
  it("keeps an existing placeholder that's the same", () => {
    expect(reconcile(service, [], [placeholder])).toEqual([placeholder]);
  });
  it("updates an existing placeholder that's different, under its name", () => {
    const different = {
      ...placeholder,
      metadata: { ...placeholder.metadata, labels: { bar: 'baz' } },
    };
    const [out] = reconcile(service, [], [different]);
    expect(out?.metadata.name).toBe('foo-abcde');
    expect(out?.metadata.labels).toEqual(labels);
  });
  it('turns a slice whose pods all lost their node into the placeholder (TestReconcilerPodMissingNode)', () => {
    const pods = [newPod(0), newPod(1)];
    const slice = stored(1, pods, service);
    const out = reconcile(service, pods, [slice], new Map());
    expect(out.map((s) => [s.metadata.name, s.endpoints, s.ports])).toEqual([
      ['foo-1', null, null],
    ]);
  });
});

describe('hints and the trigger time on stored slices', () => {
  it('updates an unchanged slice whose PreferClose hints are missing, and only what it writes gets the trigger time', () => {
    const zoned = new Map<string, Node>([
      ['node-1', testNode('node-1', { 'topology.kubernetes.io/zone': 'a' })],
    ]);
    const plain = svc();
    const zonedEndpoints = (pods: Pod[]) =>
      pods.map((p) => podToEndpoint(p, zoned.get('node-1'), plain, 'IPv4'));
    const slice = { ...stored(1, [], plain), endpoints: zonedEndpoints([newPod(1)]) };
    const created = { creationTimestamp: '2024-01-01T00:00:00Z' };
    const same = reconcile(
      testService({ ...plain.spec }, { uid: 'test-foo', ...created }),
      [newPod(1)],
      [slice],
      zoned,
    );
    expect(same).toEqual([slice]);
    const close = testService(
      { ...plain.spec, trafficDistribution: 'PreferClose' },
      { uid: 'test-foo', ...created },
    );
    const [out] = reconcile(close, [newPod(1)], [slice], zoned);
    expect(out?.endpoints?.[0]?.hints).toEqual({ forZones: [{ name: 'a' }] });
    expect(out?.metadata.annotations).toEqual({
      'endpoints.kubernetes.io/last-change-trigger-time': '2024-01-01T00:00:00Z',
    });
    expect(slice.endpoints[0]?.hints).toBeUndefined();
  });
});

describe('stored slices under finalize and trafficDistribution (reconciler.go finalize, trafficdist.go)', () => {
  const deepFreeze = <T>(value: T): T => {
    if (value && typeof value === 'object') {
      for (const v of Object.values(value)) deepFreeze(v);
      Object.freeze(value);
    }
    return value;
  };

  it('keeps and updates the stored slices of a Service being deleted, and creates none', () => {
    const deleting = svc();
    deleting.metadata.deletionTimestamp = '2025-01-05T00:00:00Z';
    const pods = [newPod(1), newPod(2)];
    expect(lengths(reconcile(deleting, pods, [stored(1, [pods[0] as Pod], deleting)]))).toEqual([
      ['foo-1', 2],
    ]);
    expect(reconcile(deleting, pods, [])).toEqual([]);
  });

  it('leaves a stored slice whose hints need no update as it is, without writing to it', () => {
    const close = svc({ trafficDistribution: 'PreferClose' });
    const pods = [newPod(1)];
    const given = stored(1, pods, close);
    for (const e of given.endpoints ?? []) e.hints = {};
    deepFreeze(given);
    // A ready endpoint with no zone wants no zone hint: `{}` is not stale, the slice unchanged.
    const [written] = reconcile(close, pods, [given]);
    expect(written?.endpoints?.[0]?.hints).toEqual({});
    expect(given.endpoints?.[0]?.hints).toEqual({});
  });
});
