/**
 * More EndpointSlice controller cases from kubernetes/kubernetes:
 * - staging/src/k8s.io/endpointslice/reconciler_test.go (reference-index file 15565491229, at
 *   023307e2fce5a78d1ee6383f39dacea96557ed3f): TestReconcile1Pod's trigger-time annotation,
 *   TestReconcile1EndpointSlicePublishNotReadyAddresses, TestReconcileEndpointSlicesNamedPorts,
 *   TestReconcile_TrafficDistribution (the cases without the topology annotation);
 * - staging/src/k8s.io/endpointslice/utils_test.go (reference-index file 3052721559, at
 *   168c15a3b35450e758894a9153649e49e7515ee4): TestNewEndpointSlice ("Service with
 *   annotations"), TestSupportedServiceAddressType.
 */
import { describe, expect, it } from 'vitest';
import {
  addressTypesForService,
  computeEndpointSlices,
  type SliceNaming,
} from '../../../src/engine/controllers/endpointSlice';
import { seededRandom } from '../../../src/engine/controllers/random';
import type { Node, Service } from '../../../src/engine/model';
import { testNode, testPod, testService } from './fixtures';

const naming = (): SliceNaming => ({
  random: seededRandom(1, 'test'),
  taken: new Set(),
});
const trigger = 'endpoints.kubernetes.io/last-change-trigger-time';
/** newServiceAndEndpointMeta: one port named after the Service, targetPort 80, IPv4. */
const newService = (spec: Service['spec'] = {}, meta: Partial<Service['metadata']> = {}) =>
  testService(
    {
      ports: [{ name: 'foo', port: 80, targetPort: 80, protocol: 'TCP' }],
      ipFamilies: ['IPv4'],
      ...spec,
    },
    meta,
  );
const node1 = new Map<string, Node>([['node-1', testNode('node-1')]]);

describe('the trigger-time annotation (TestReconcile1Pod)', () => {
  it('carries the trigger time on every slice it creates, one per family', () => {
    const svc = newService(
      {
        ipFamilies: ['IPv4', 'IPv6'],
        clusterIP: '10.0.0.10',
        clusterIPs: ['10.0.0.10', '2000::1'],
      },
      { creationTimestamp: '2024-05-06T07:08:09Z' },
    );
    const pod = testPod(1, {
      nodeName: 'node-1',
      ips: ['1.2.3.4', '1234::5678:0000:0000:9abc:def0'],
    });
    const { slices } = computeEndpointSlices(svc, [pod], node1, naming());
    expect(slices.map((s) => [s.addressType, s.metadata.annotations])).toEqual([
      ['IPv4', { [trigger]: '2024-05-06T07:08:09Z' }],
      ['IPv6', { [trigger]: '2024-05-06T07:08:09Z' }],
    ]);
  });

  it('does the same for a placeholder slice, and copies no Service annotation (TestNewEndpointSlice)', () => {
    const svc = newService(
      {},
      { creationTimestamp: '2024-05-06T07:08:09Z', annotations: { foo: 'bar' } },
    );
    const [slice] = computeEndpointSlices(svc, [], node1, naming()).slices;
    expect(slice?.metadata.annotations).toEqual({ [trigger]: '2024-05-06T07:08:09Z' });
  });

  it('creates each slice at generation 1 (expectTrackedGeneration in TestReconcile1Pod, TestReconcileEmpty)', () => {
    const pod = testPod(1, { nodeName: 'node-1' });
    for (const pods of [[pod], []])
      expect(
        computeEndpointSlices(newService(), pods, node1, naming()).slices.map(
          (x) => x.metadata.generation,
        ),
      ).toEqual([1]);
  });

  it('has no annotation when neither the Service nor a pod has a time', () => {
    const [slice] = computeEndpointSlices(
      newService(),
      [testPod(1, { nodeName: 'node-1' })],
      node1,
      naming(),
    ).slices;
    expect(slice?.metadata.annotations).toBeUndefined();
  });
});

describe('reconcile (reconciler_test.go)', () => {
  it('marks every endpoint ready with publishNotReadyAddresses (TestReconcile1EndpointSlicePublishNotReadyAddresses)', () => {
    const pods = Array.from({ length: 50 }, (_, i) =>
      testPod(i, { nodeName: 'node-1', ready: i % 3 !== 0, ips: [`10.0.0.${i}`] }),
    );
    const { slices } = computeEndpointSlices(
      newService({ publishNotReadyAddresses: true }),
      pods,
      node1,
      naming(),
    );
    expect(slices.map((s) => s.endpoints?.length)).toEqual([50]);
    expect(slices[0]?.endpoints?.every((e) => e.conditions?.ready === true)).toBe(true);
  });

  it('groups pods by the number their named port resolves to (TestReconcileEndpointSlicesNamedPorts)', () => {
    const svc = testService(
      { ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }], ipFamilies: ['IPv4'] },
      { name: 'named-port-example' },
    );
    const pods = Array.from({ length: 300 }, (_, i) => {
      const pod = testPod(i, {
        nodeName: 'node-1',
        ready: i % 3 !== 0,
        ips: [`10.0.${i >> 8}.${i & 255}`],
      });
      pod.spec = {
        nodeName: 'node-1',
        containers: [{ ports: [{ name: 'http', containerPort: 8080 + (i % 5), protocol: 'TCP' }] }],
      };
      return pod;
    });
    const { slices } = computeEndpointSlices(svc, pods, node1, naming());
    expect(slices.map((s) => s.endpoints?.length)).toEqual([60, 60, 60, 60, 60]);
    expect(slices.map((s) => [s.addressType, s.ports])).toEqual(
      [0, 1, 2, 3, 4].map((i) => ['IPv4', [{ name: '', port: 8080 + i, protocol: 'TCP' }]]),
    );
  });
});

describe('trafficDistribution hints (TestReconcile_TrafficDistribution)', () => {
  // node-0 in zone-a holds pod0, node-1 in zone-b pods 1-3, node-2 in zone-c pods 4 and 5.
  const nodes = new Map<string, Node>(
    [0, 1, 2].map((i) => [
      `node-${i}`,
      testNode(`node-${i}`, { 'topology.kubernetes.io/zone': `zone-${'abc'[i]}` }),
    ]),
  );
  const nodeOf = [0, 1, 1, 1, 2, 2];
  const pods = nodeOf.map((n, i) => testPod(i, { nodeName: `node-${n}` }));
  const hintsByZone = (svc: Service) => {
    const counts: Record<string, number> = {};
    for (const slice of computeEndpointSlices(svc, pods, nodes, naming()).slices)
      for (const e of slice.endpoints ?? []) {
        const zone = e.hints?.forZones?.[0]?.name ?? '';
        counts[zone] = (counts[zone] ?? 0) + 1;
      }
    return counts;
  };
  const disabled = { 'service.kubernetes.io/topology-aware-hints': 'Disabled' };

  it('hints each endpoint for its own zone with PreferClose', () => {
    expect(
      hintsByZone(newService({ trafficDistribution: 'PreferClose' }, { annotations: disabled })),
    ).toEqual({
      'zone-a': 1,
      'zone-b': 3,
      'zone-c': 2,
    });
  });

  it('adds no hint without trafficDistribution', () => {
    expect(
      hintsByZone(
        newService({}, { annotations: { 'service.kubernetes.io/topology-aware-hints': '' } }),
      ),
    ).toEqual({ '': 6 });
  });

  it('leaves hints to the topology annotation when it is Auto', () => {
    const svc = newService(
      { trafficDistribution: 'PreferClose' },
      { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } },
    );
    expect(Object.keys(hintsByZone(svc))).not.toContain('zone-b');
  });

  it('hints ready endpoints only (preferCloseHeuristic.update)', () => {
    const notReady = nodeOf.map((n, i) => testPod(i, { nodeName: `node-${n}`, ready: i !== 1 }));
    const [slice] = computeEndpointSlices(
      newService({ trafficDistribution: 'PreferClose' }),
      notReady,
      nodes,
      naming(),
    ).slices;
    const pod1 = slice?.endpoints?.find((e) => e.targetRef?.name === 'pod1');
    expect(pod1?.zone).toBe('zone-b');
    expect(pod1?.hints).toBeUndefined();
  });
});

describe('getAddressTypesForService (TestSupportedServiceAddressType)', () => {
  const cases: [string, Service['spec'], string[]][] = [
    ['v4 service with no ip families (cluster upgrade)', { clusterIP: '10.0.0.10' }, ['IPv4']],
    ['v6 service with no ip families (cluster upgrade)', { clusterIP: '2000::1' }, ['IPv6']],
    ['v4 service', { ipFamilies: ['IPv4'] }, ['IPv4']],
    ['v6 services', { ipFamilies: ['IPv6'] }, ['IPv6']],
    ['v4,v6 service', { ipFamilies: ['IPv4', 'IPv6'] }, ['IPv4', 'IPv6']],
    ['v6,v4 service', { ipFamilies: ['IPv6', 'IPv4'] }, ['IPv6', 'IPv4']],
    [
      'headless with no selector and no families (old api-server)',
      { clusterIP: 'None' },
      ['IPv4', 'IPv6'],
    ],
    [
      'headless with selector with families',
      { clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] },
      ['IPv4', 'IPv6'],
    ],
  ];
  for (const [name, spec, types] of cases) {
    it(name, () => {
      expect(new Set(addressTypesForService(testService(spec)))).toEqual(new Set(types));
    });
  }
});
