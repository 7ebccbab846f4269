/**
 * EndpointSlice controller cases transcribed from kubernetes/kubernetes:
 * - pkg/controller/endpointslice/utils_test.go at 025f2834a128798cef30018a5e6a6ae82b5ad885
 *   (TestPodToEndpoint, TestGetEndpointPorts, TestSetEndpointSliceLabels);
 * - staging/src/k8s.io/endpointslice/reconciler_test.go at
 *   c60ae89c6698664a79713343eb8bc78c87cc82ae (TestReconcileEmpty, TestReconcile1Pod,
 *   TestReconcileManyPods). That version expects IPv6 addresses as the pod wrote them; the
 *   reconciler's utils.go at 115584ee0d12b1698f52c5d7cfae1dd84716b6b5 re-prints them
 *   canonically, which is what the expectations below follow.
 */
import { describe, expect, it } from 'vitest';
import {
  computeEndpointSlices,
  endpointSliceLabels,
  podToEndpoint,
  type SliceNaming,
} from '../../../src/engine/controllers/endpointSlice';
import { seededRandom } from '../../../src/engine/controllers/random';
import type { Node, Pod, Service } from '../../../src/engine/model';
import { testNode, testPod, testService } from './fixtures';

const naming = (): SliceNaming => ({
  random: seededRandom(1, 'test'),
  taken: new Set(),
});
const v4 = (spec: Service['spec'] = {}) =>
  testService({
    ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
    ipFamilies: ['IPv4'],
    ...spec,
  });
const zoned = testNode('node-1', {
  'topology.kubernetes.io/zone': 'us-central1-a',
  'topology.kubernetes.io/region': 'us-central1',
});
const nodes = new Map<string, Node>([['node-1', zoned]]);
const ref = (name = 'pod1') => ({ kind: 'Pod', namespace: 'test', name });

describe('podToEndpoint (utils_test.go TestPodToEndpoint)', () => {
  const pod = (options: Parameters<typeof testPod>[1] = {}) =>
    testPod(1, { nodeName: 'node-1', ...options });
  const publish = testService({ publishNotReadyAddresses: true }, { name: 'publishnotready' });
  const cases: [string, Pod, Node | undefined, Service, object][] = [
    ['ready pod', pod(), undefined, v4(), { ready: true, serving: true, terminating: false }],
    [
      'ready pod + publishNotReadyAddresses',
      pod(),
      undefined,
      publish,
      { ready: true, serving: true, terminating: false },
    ],
    [
      'unready pod',
      pod({ ready: false }),
      undefined,
      v4(),
      { ready: false, serving: false, terminating: false },
    ],
    [
      'unready pod + publishNotReadyAddresses',
      pod({ ready: false }),
      undefined,
      publish,
      { ready: true, serving: false, terminating: false },
    ],
    [
      'ready terminating pod',
      pod({ terminating: true }),
      undefined,
      v4(),
      { ready: false, serving: true, terminating: true },
    ],
    [
      'not ready terminating pod',
      pod({ ready: false, terminating: true }),
      undefined,
      v4(),
      { ready: false, serving: false, terminating: true },
    ],
  ];
  for (const [name, p, node, svc, conditions] of cases) {
    it(`sets the conditions of a ${name}`, () => {
      expect(podToEndpoint(p, node, svc, 'IPv4')).toEqual({
        addresses: ['1.2.3.5'],
        conditions,
        targetRef: ref(),
        nodeName: 'node-1',
      });
    });
  }

  it('takes the zone from the node label', () => {
    expect(podToEndpoint(pod(), zoned, v4(), 'IPv4').zone).toBe('us-central1-a');
  });

  it('keeps only the addresses of the slice family (multi IP ready pod)', () => {
    const multi = pod({ ips: ['1.2.3.4', '1234::5678:0000:0000:9abc:def0'] });
    expect(podToEndpoint(multi, zoned, v4(), 'IPv4').addresses).toEqual(['1.2.3.4']);
    expect(podToEndpoint(multi, zoned, v4(), 'IPv6').addresses).toEqual([
      '1234::5678:0:0:9abc:def0',
    ]);
  });

  it('publishes the hostname when the subdomain names the Service', () => {
    const p = pod();
    p.spec = { ...p.spec, hostname: 'example-hostname', subdomain: 'foo' };
    expect(podToEndpoint(p, zoned, v4(), 'IPv4').hostname).toBe('example-hostname');
    p.spec = { ...p.spec, subdomain: 'other' };
    expect(podToEndpoint(p, zoned, v4(), 'IPv4').hostname).toBeUndefined();
  });
});

describe('getEndpointPorts (utils_test.go TestGetEndpointPorts)', () => {
  it('copies appProtocol and resolves a named port per pod', () => {
    const svc = testService({
      ports: [
        { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
        { name: 'https', targetPort: 'https', protocol: 'TCP', appProtocol: 'https' },
      ],
    });
    const pod = testPod(1, { nodeName: 'node-1' });
    pod.spec = {
      containers: [{ ports: [{ name: 'https', containerPort: 443, protocol: 'TCP' }] }],
      nodeName: 'node-1',
    };
    const [slice] = computeEndpointSlices(svc, [pod], nodes, naming()).slices;
    // getEndpointPorts returns them in the Service's order; NewPortMapKey then sorts the slice's
    // ports in place by the FNV-128a hash of their dump.
    expect(slice?.ports).toEqual([
      { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
      { name: 'http', port: 80, protocol: 'TCP' },
    ]);
  });

  it('finds a named port on a sidecar (restartable init) container, the regular container first', () => {
    const svc = testService({
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    const pod = testPod(1, { nodeName: 'node-1' });
    pod.spec = {
      nodeName: 'node-1',
      initContainers: [
        {
          restartPolicy: 'Always',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        },
      ],
      containers: [{ ports: [{ name: 'http', containerPort: 8090, protocol: 'TCP' }] }],
    };
    expect(computeEndpointSlices(svc, [pod], nodes, naming()).slices[0]?.ports).toEqual([
      { name: 'http', port: 8090, protocol: 'TCP' },
    ]);
  });
});

describe('setEndpointSliceLabels (utils_test.go TestSetEndpointSliceLabels)', () => {
  const base = { ports: [{ port: 80 }], clusterIP: '1.1.1.1' };
  const managed = {
    'kubernetes.io/service-name': 'foo',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  };
  it('service without labels', () =>
    expect(endpointSliceLabels(testService(base))).toEqual(managed));
  it('headless service with labels', () =>
    expect(
      endpointSliceLabels(testService({ ...base, clusterIP: 'None' }, { labels: { foo: 'bar' } })),
    ).toEqual({
      ...managed,
      'service.kubernetes.io/headless': '',
      foo: 'bar',
    }));
  it('non-headless service carrying the headless label loses it', () =>
    expect(
      endpointSliceLabels(testService(base, { labels: { 'service.kubernetes.io/headless': '' } })),
    ).toEqual(managed));
  it('reserved labels on the Service are not copied', () =>
    expect(
      endpointSliceLabels(
        testService(base, {
          labels: {
            'kubernetes.io/service-name': 'bad',
            'endpointslice.kubernetes.io/managed-by': 'actor',
          },
        }),
      ),
    ).toEqual(managed));
});

describe('Reconcile (reconciler_test.go)', () => {
  it('creates a placeholder slice when no pod matches (TestReconcileEmpty)', () => {
    const { slices } = computeEndpointSlices(v4(), [], nodes, naming());
    expect(slices).toHaveLength(1);
    expect(slices[0]?.metadata.name).toMatch(/^foo-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices[0]?.metadata.labels?.['kubernetes.io/service-name']).toBe('foo');
    // Upstream's fake client keeps the empty lists; the API server stores them as nothing and
    // returns both as null (kubernetes/kubernetes#135968), which is what a cluster prints.
    expect(slices[0]?.endpoints).toBeNull();
    expect(slices[0]?.ports).toBeNull();
  });

  const pod1 = testPod(1, {
    nodeName: 'node-1',
    ips: ['1.2.3.4', '1234::5678:0000:0000:9abc:def0'],
  });
  pod1.spec = { ...pod1.spec, hostname: 'example-hostname' };
  const endpoint = (address: string) => ({
    addresses: [address],
    conditions: { ready: true, serving: true, terminating: false },
    targetRef: ref(),
    nodeName: 'node-1',
    zone: 'us-central1-a',
  });
  const managed = {
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    'kubernetes.io/service-name': 'foo',
  };
  const headless = { ...managed, 'service.kubernetes.io/headless': '' };
  const cases: [string, Service, Record<string, string>, [string, string][]][] = [
    [
      'no-family-service',
      testService({ ports: [{ port: 80, targetPort: 80 }], clusterIP: '10.0.0.10' }),
      managed,
      [['IPv4', '1.2.3.4']],
    ],
    ['ipv4', v4(), headless, [['IPv4', '1.2.3.4']]],
    ['ipv4-clusterip', v4({ clusterIP: '1.1.1.1' }), managed, [['IPv4', '1.2.3.4']]],
    [
      'ipv4-labels',
      testService({ ipFamilies: ['IPv4'], ports: [{ port: 80 }] }, { labels: { foo: 'bar' } }),
      { ...headless, foo: 'bar' },
      [['IPv4', '1.2.3.4']],
    ],
    ['ipv6', v4({ ipFamilies: ['IPv6'] }), headless, [['IPv6', '1234::5678:0:0:9abc:def0']]],
    [
      'ipv6-clusterip',
      v4({ ipFamilies: ['IPv6'], clusterIP: '1234::5678:0000:0000:9abc:def1' }),
      managed,
      [['IPv6', '1234::5678:0:0:9abc:def0']],
    ],
    [
      'dualstack-service',
      v4({
        ipFamilies: ['IPv4', 'IPv6'],
        clusterIP: '10.0.0.10',
        clusterIPs: ['10.0.0.10', '2000::1'],
      }),
      managed,
      [
        ['IPv4', '1.2.3.4'],
        ['IPv6', '1234::5678:0:0:9abc:def0'],
      ],
    ],
  ];
  for (const [name, svc, labels, expected] of cases) {
    it(`creates one slice per family for one pod (TestReconcile1Pod ${name})`, () => {
      const { slices } = computeEndpointSlices(svc, [pod1], nodes, naming());
      expect(slices.map((s) => [s.addressType, s.endpoints?.[0]?.addresses?.[0]])).toEqual(
        expected,
      );
      for (const s of slices) {
        expect(s.metadata.labels).toEqual(labels);
        expect(s.metadata.name?.startsWith('foo-')).toBe(true);
        expect(s.endpoints).toEqual([endpoint(s.endpoints?.[0]?.addresses?.[0] ?? '')]);
      }
    });
  }

  it('fills 100, 100 and 50 endpoints for 250 pods (TestReconcileManyPods)', () => {
    const pods = Array.from({ length: 250 }, (_, i) =>
      testPod(i, { nodeName: 'node-1', ready: i % 3 !== 0, ips: [`10.0.${i >> 8}.${i & 255}`] }),
    );
    const { slices } = computeEndpointSlices(v4(), pods, nodes, naming());
    expect(slices.map((s) => s.endpoints?.length)).toEqual([100, 100, 50]);
    expect(new Set(slices.map((s) => s.metadata.name)).size).toBe(3);
  });

  it('skips a pod whose node does not exist and reports it (reconcileByAddressType)', () => {
    const lost = testPod(2, { nodeName: 'node-9' });
    const result = computeEndpointSlices(
      v4(),
      [testPod(1, { nodeName: 'node-1' }), lost],
      nodes,
      naming(),
    );
    expect(result.slices[0]?.endpoints?.map((e) => e.targetRef?.name)).toEqual(['pod1']);
    expect(result.error).toBe('skipping Pod pod2 for Service test/foo: Node node-9 Not Found');
    const published = computeEndpointSlices(
      v4({ publishNotReadyAddresses: true }),
      [lost],
      nodes,
      naming(),
    );
    expect(published.slices[0]?.endpoints).toHaveLength(1);
  });
});
