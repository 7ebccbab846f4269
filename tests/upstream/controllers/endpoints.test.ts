/**
 * Endpoints controller cases transcribed from kubernetes/kubernetes
 * pkg/controller/endpoint/endpoints_controller_test.go at
 * 003e86297d18a8538c9da3619871393f9703bf70 (inputs and expected objects rebuilt as our own data).
 *
 * Upstream's unit tests feed `selector: {}` straight to the controller, where it selects every
 * pod; through the API server an empty selector is stored as nil (protobuf drops empty maps), so
 * these cases use `foo: bar`, which selects the same pods.
 */
import { describe, expect, it } from 'vitest';
import { computeEndpoints, truncateEndpoints } from '../../../src/engine/controllers/endpoints';
import { runControllers } from '../../../src/engine/controllers';
import { defaultClusterSettings } from '../../../src/engine/settings';
import type { EndpointSubset, Endpoints, KubeObject, Service } from '../../../src/engine/model';
import { testPod, testService } from './fixtures';

const headless = { 'service.kubernetes.io/headless': '' };
const address = (id: number, ns = 'test') => ({
  ip: `1.2.3.${4 + id}`,
  nodeName: '',
  targetRef: { kind: 'Pod', namespace: ns, name: `pod${id}` },
});

describe('Endpoints controller (endpoints_controller_test.go)', () => {
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    it(`writes the pod address with the ${protocol} port (TestSyncEndpointsProtocol${protocol})`, () => {
      const svc = testService({ ports: [{ port: 80, targetPort: 8080, protocol }] });
      const ep = computeEndpoints(svc, [testPod(0)], undefined);
      expect(ep.metadata.labels).toEqual(headless);
      expect(ep.subsets).toEqual([{ addresses: [address(0)], ports: [{ port: 8080, protocol }] }]);
    });
  }

  it('lists a not-ready pod under notReadyAddresses (TestSyncEndpointsItemsEmptySelectorSelectsAllNotReady)', () => {
    const svc = testService({ ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
    const ep = computeEndpoints(svc, [testPod(0, { ready: false })], undefined);
    expect(ep.subsets).toEqual([
      { notReadyAddresses: [address(0)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('splits ready and not-ready pods in one subset (TestSyncEndpointsItemsEmptySelectorSelectsAllMixed)', () => {
    const svc = testService({ ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
    const ep = computeEndpoints(svc, [testPod(0), testPod(1, { ready: false })], undefined);
    expect(ep.subsets).toEqual([
      {
        addresses: [address(0)],
        notReadyAddresses: [address(1)],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('replaces the subsets of a pre-existing Endpoints (TestSyncEndpointsItemsPreexisting)', () => {
    const existing: Endpoints = {
      kind: 'Endpoints',
      metadata: { name: 'foo', namespace: 'bar', resourceVersion: '1' },
      subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }],
    };
    const svc = testService(
      { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
      { namespace: 'bar' },
    );
    const ep = computeEndpoints(svc, [testPod(0, { namespace: 'bar' })], existing);
    expect(ep.metadata).toMatchObject({
      name: 'foo',
      namespace: 'bar',
      resourceVersion: '1',
      labels: headless,
    });
    expect(ep.subsets).toEqual([
      { addresses: [address(0, 'bar')], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('lists every pod for each port, sorted by IP (TestSyncEndpointsItems)', () => {
    const svc = testService(
      {
        ports: [
          { name: 'port0', port: 80, protocol: 'TCP', targetPort: 8080 },
          { name: 'port1', port: 88, protocol: 'TCP', targetPort: 8088 },
        ],
      },
      { namespace: 'other' },
    );
    const pods = [2, 0, 1].map((i) => testPod(i, { namespace: 'other', ports: 2 }));
    const ep = computeEndpoints(svc, pods, undefined);
    expect(ep.subsets).toEqual([
      {
        addresses: [address(0, 'other'), address(1, 'other'), address(2, 'other')],
        // Upstream expects SortSubsets(expected): ports in the order of their dump's hash.
        ports: [
          { name: 'port1', port: 8088, protocol: 'TCP' },
          { name: 'port0', port: 8080, protocol: 'TCP' },
        ],
      },
    ]);
  });

  it('copies the Service labels and adds the headless label (TestSyncEndpointsItemsWithLabels)', () => {
    const svc = testService(
      { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
      { labels: { foo: 'bar' } },
    );
    expect(computeEndpoints(svc, [testPod(0)], undefined).metadata.labels).toEqual({
      foo: 'bar',
      ...headless,
    });
  });

  it('drops the old labels for the Service ones (TestSyncEndpointsItemsPreexistingLabelsChange)', () => {
    const existing: Endpoints = {
      kind: 'Endpoints',
      metadata: { name: 'foo', namespace: 'test', labels: { foo: 'bar' } },
    };
    const svc = testService(
      { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
      { labels: { baz: 'blah' } },
    );
    expect(computeEndpoints(svc, [testPod(0)], existing).metadata.labels).toEqual({
      baz: 'blah',
      ...headless,
    });
  });

  it('keeps a headless Service without ports as addresses without ports (TestSyncEndpointsHeadlessService)', () => {
    const svc = testService({ clusterIP: 'None', ports: [] }, { labels: { a: 'b' } });
    const ep = computeEndpoints(svc, [testPod(0)], undefined);
    expect(ep.metadata.labels).toEqual({ a: 'b', ...headless });
    expect(ep.subsets).toEqual([{ addresses: [address(0)] }]);
  });

  it('does the same when ports is absent (TestSyncEndpointsHeadlessWithoutPort)', () => {
    const svc = testService({ clusterIP: 'None' });
    expect(computeEndpoints(svc, [testPod(0)], undefined).subsets).toEqual([
      { addresses: [address(0)] },
    ]);
  });

  for (const phase of ['Failed', 'Succeeded'] as const) {
    it(`leaves out a not-ready pod in phase ${phase} (TestSyncEndpointsItemsExcludeNotReadyPods...Phase${phase})`, () => {
      const svc = testService({ ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
      const ep = computeEndpoints(svc, [testPod(0, { ready: false, phase })], undefined);
      expect(ep.subsets).toBeUndefined();
    });
  }

  it('gives no Endpoints to an ExternalName Service, selector or not (TestSyncServiceExternalNameType)', () => {
    const objects: KubeObject[] = [
      testService({ type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80 }] }),
      testPod(0, { nodeName: 'node-1' }),
    ];
    const out = runControllers({ settings: defaultClusterSettings, seed: 1, objects });
    expect(out.endpoints).toEqual([]);
  });

  it('keeps the Endpoints of a Service without selector as given (TestSyncEndpointsItemsPreserveNoSelector)', () => {
    const given: Endpoints = {
      kind: 'Endpoints',
      metadata: { name: 'foo', namespace: 'test', uid: 'u' },
      subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }],
    };
    const svc: Service = {
      kind: 'Service',
      metadata: { name: 'foo', namespace: 'test' },
      spec: { ports: [{ port: 80 }] },
    };
    const out = runControllers({
      settings: defaultClusterSettings,
      seed: 1,
      objects: [svc, given],
    });
    expect(out.endpoints).toEqual([given]);
  });
});

describe('podToEndpointAddressForService (TestPodToEndpointAddressForService)', () => {
  const dualPod = testPod(0, { ips: ['1.2.3.4', '2000::4'] });
  const cases: [string, Parameters<typeof testService>[0], string][] = [
    ['v4 service in a dual-stack cluster', { clusterIP: '10.0.0.1' }, '1.2.3.4'],
    ['v4 headless service with ipFamilies', { clusterIP: 'None', ipFamilies: ['IPv4'] }, '1.2.3.4'],
    ['legacy headless service: the pod IP decides', { clusterIP: 'None' }, '1.2.3.4'],
    ['v6 service', { clusterIP: '3000::1' }, '2000::4'],
    ['v6 headless service with ipFamilies', { clusterIP: 'None', ipFamilies: ['IPv6'] }, '2000::4'],
  ];
  for (const [name, spec, ip] of cases) {
    it(`picks ${ip} for a ${name}`, () => {
      const svc = testService({ ...spec, ports: [{ port: 80, targetPort: 8080 }] });
      expect(computeEndpoints(svc, [dualPod], undefined).subsets?.[0]?.addresses?.[0]?.ip).toBe(ip);
    });
  }
  it('skips a pod without an IP of the family (v6 service, v4-only pod)', () => {
    const svc = testService({ clusterIP: '3000::1', ports: [{ port: 80, targetPort: 8080 }] });
    expect(computeEndpoints(svc, [testPod(0)], undefined).subsets).toBeUndefined();
  });
});

describe('over-capacity truncation (TestSyncServiceOverCapacity, TestTruncateEndpoints)', () => {
  const capacity = 1000;
  const cases: [string, number, number, number, number, boolean][] = [
    ['empty', 0, 0, 0, 0, false],
    ['past capacity, fewer ready than the maximum', capacity - 3, 4, capacity - 3, 3, true],
    ['past capacity, the maximum of ready', capacity, 10, capacity, 0, true],
    ['below capacity', capacity - 1, 0, capacity - 1, 0, false],
    ['at capacity', capacity, 0, capacity, 0, false],
    ['over capacity by one', capacity + 1, 0, capacity, 0, true],
  ];
  for (const [name, ready, notReady, wantReady, wantNotReady, annotated] of cases) {
    it(name, () => {
      const pods = Array.from({ length: ready + notReady }, (_, i) =>
        testPod(i, {
          ready: i < ready,
          ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
        }),
      );
      const ep = computeEndpoints(testService({ ports: [{ port: 80 }] }), pods, undefined);
      const count = (f: (s: EndpointSubset) => unknown[] | undefined) =>
        (ep.subsets ?? []).reduce((n, s) => n + (f(s)?.length ?? 0), 0);
      expect(count((s) => s.addresses)).toBe(wantReady);
      expect(count((s) => s.notReadyAddresses)).toBe(wantNotReady);
      expect(ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe(
        annotated ? 'truncated' : undefined,
      );
    });
  }

  const truncation: [string, number[], number[], number[], number[]][] = [
    [
      'total < capacity',
      [50, 100, 100, 100, 100],
      [50, 100, 100, 100, 100],
      [50, 100, 100, 100, 100],
      [50, 100, 100, 100, 100],
    ],
    [
      'total = capacity',
      [100, 100, 100, 100, 100],
      [100, 100, 100, 100, 100],
      [100, 100, 100, 100, 100],
      [100, 100, 100, 100, 100],
    ],
    [
      'ready < capacity < total',
      [90, 110, 50, 10, 20],
      [101, 200, 200, 201, 298],
      [90, 110, 50, 10, 20],
      [73, 144, 144, 145, 214],
    ],
    [
      'ready > capacity',
      [205, 400, 402, 400, 693],
      [100, 200, 200, 200, 300],
      [98, 191, 192, 191, 328],
      [0, 0, 0, 0, 0],
    ],
  ];
  for (const [name, ready, notReady, wantReady, wantNotReady] of truncation) {
    it(`truncates in proportion: ${name}`, () => {
      const subsets: EndpointSubset[] = ready.map((n, i) => ({
        addresses: Array.from({ length: n }, () => ({ ip: '' })),
        notReadyAddresses: Array.from({ length: notReady[i] ?? 0 }, () => ({ ip: '' })),
      }));
      truncateEndpoints(subsets);
      expect(subsets.map((s) => s.addresses?.length ?? 0)).toEqual(wantReady);
      expect(subsets.map((s) => s.notReadyAddresses?.length ?? 0)).toEqual(wantNotReady);
    });
  }
});
