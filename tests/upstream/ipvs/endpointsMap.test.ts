/**
 * The IPVS proxier's endpoints map, from kubernetes/kubernetes pkg/proxy/ipvs/proxier_test.go
 * (reference index file id 11084498, upstream master of 2025): Test_updateEndpointsMap and
 * Test_HealthCheckNodePortWhenTerminating, on the fake proxier's node test-node. The engine
 * computes from whole states rather than changes, so each case is read as the states it names,
 * one snapshot each (`--admitted`): the slices before (upstream's oldEndpoints) and the slices
 * left after the adds, updates and deletes (its expectedResult). The map is the one kube-proxy's
 * common layer builds from a cluster's EndpointSlices (endpointsMapOf), compared endpoint by
 * endpoint as checkEndpointExpectations compares them (address and isLocal); LocalReadyEndpoints
 * counts, by Service, the distinct IPs with a local ready endpoint.
 */
import { describe, expect, it } from 'vitest';
import { clusterOf, endpointSlice, endpointsMapOf, type EndpointView } from '../kubeproxy/trackers';

const testNodeName = 'test-node';

interface Body {
  endpoints: {
    addresses: string[];
    nodeName?: string;
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  }[];
  ports: { name: string; port: number; protocol: string }[];
}

const addr = (ip: string, isLocal = false) => ({
  addresses: [ip],
  ...(isLocal ? { nodeName: testNodeName } : {}),
});
const udp = (name: string, port: number) => ({ name, port, protocol: 'UDP' });

/** makeTestEndpointSlice: slice `<name>-<n>` of Service `namespace/name`. */
function slice(namespace: string, name: string, n: number, body?: Body): object {
  if (!body) {
    // An empty slice: no address type, endpoints or ports.
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${name}-${n}`,
        namespace,
        labels: { 'kubernetes.io/service-name': name },
      },
    };
  }
  return endpointSlice(namespace, name, `${name}-${n}`, body.endpoints, body.ports);
}

const subset1: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 11)] };
const subset2: Body = { endpoints: [addr('1.1.1.2')], ports: [udp('p12', 12)] };
const namedPortLocal = [slice('ns1', 'ep1', 1, { ...subset1, endpoints: [addr('1.1.1.1', true)] })];
const namedPort = [slice('ns1', 'ep1', 1, subset1)];
const namedPortRenamed = [
  slice('ns1', 'ep1', 1, { endpoints: [addr('1.1.1.1')], ports: [udp('p11-2', 11)] }),
];
const namedPortRenumbered = [
  slice('ns1', 'ep1', 1, { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 22)] }),
];
const namedPortsLocalNoLocal = [
  slice('ns1', 'ep1', 1, {
    endpoints: [addr('1.1.1.1'), addr('1.1.1.2', true)],
    ports: [udp('p11', 11), udp('p12', 12)],
  }),
];
const multipleSubsets = [slice('ns1', 'ep1', 1, subset1), slice('ns1', 'ep1', 2, subset2)];
const subsetLocal: Body = { endpoints: [addr('1.1.1.2', true)], ports: [udp('p12', 12)] };
const multipleSubsetsWithLocal = [
  slice('ns1', 'ep1', 1, subset1),
  slice('ns1', 'ep1', 2, subsetLocal),
];
const subsetMultiplePortsLocal: Body = {
  endpoints: [addr('1.1.1.1', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const subset3: Body = { endpoints: [addr('1.1.1.3')], ports: [udp('p13', 13)] };
const multipleSubsetsMultiplePortsLocal = [
  slice('ns1', 'ep1', 1, subsetMultiplePortsLocal),
  slice('ns1', 'ep1', 2, subset3),
];
const multipleSubsetsIPsPorts = [
  slice('ns1', 'ep1', 1, {
    endpoints: [addr('1.1.1.1'), addr('1.1.1.2', true)],
    ports: [udp('p11', 11), udp('p12', 12)],
  }),
  slice('ns1', 'ep1', 2, {
    endpoints: [addr('1.1.1.3'), addr('1.1.1.4', true)],
    ports: [udp('p13', 13), udp('p14', 14)],
  }),
  slice('ns2', 'ep2', 1, {
    endpoints: [addr('2.2.2.1'), addr('2.2.2.2', true)],
    ports: [udp('p21', 21), udp('p22', 22)],
  }),
];
const complexBefore = [
  slice('ns1', 'ep1', 1, subset1),
  slice('ns2', 'ep2', 1, {
    endpoints: [addr('2.2.2.2', true), addr('2.2.2.22', true)],
    ports: [udp('p22', 22)],
  }),
  slice('ns2', 'ep2', 2, { endpoints: [addr('2.2.2.3', true)], ports: [udp('p23', 23)] }),
  slice('ns4', 'ep4', 1, {
    endpoints: [addr('4.4.4.4', true), addr('4.4.4.5', true)],
    ports: [udp('p44', 44)],
  }),
  slice('ns4', 'ep4', 2, { endpoints: [addr('4.4.4.6', true)], ports: [udp('p45', 45)] }),
];
const complexAfter = [
  slice('ns1', 'ep1', 1, {
    endpoints: [addr('1.1.1.1'), addr('1.1.1.11')],
    ports: [udp('p11', 11)],
  }),
  slice('ns1', 'ep1', 2, {
    endpoints: [addr('1.1.1.2')],
    ports: [udp('p12', 12), udp('p122', 122)],
  }),
  slice('ns3', 'ep3', 1, { endpoints: [addr('3.3.3.3')], ports: [udp('p33', 33)] }),
  slice('ns4', 'ep4', 1, { endpoints: [addr('4.4.4.4', true)], ports: [udp('p44', 44)] }),
];

/** makeServicePortName: the map's key for a UDP port. */
const key = (ns: string, name: string, port: string) => `${ns}/${name}:${port}/UDP`;

type Expected = Record<string, [string, boolean][]>;

interface Case {
  name: string;
  previous: object[];
  current: object[];
  oldEndpoints: Expected;
  expectedResult: Expected;
  expectedReadyEndpoints: Record<string, number>;
}

const r = true;
const cases: Case[] = [
  {
    name: 'nothing',
    previous: [],
    current: [],
    oldEndpoints: {},
    expectedResult: {},
    expectedReadyEndpoints: {},
  },
  {
    name: 'no change, named port, local',
    previous: namedPortLocal,
    current: namedPortLocal,
    oldEndpoints: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', r]] },
    expectedResult: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', r]] },
    expectedReadyEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'no change, multiple subsets',
    previous: multipleSubsets,
    current: multipleSubsets,
    oldEndpoints: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.2:12', false]],
    },
    expectedResult: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.2:12', false]],
    },
    expectedReadyEndpoints: {},
  },
  {
    name: 'no change, multiple subsets, multiple ports, local',
    previous: multipleSubsetsMultiplePortsLocal,
    current: multipleSubsetsMultiplePortsLocal,
    oldEndpoints: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', r]],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.1:12', r]],
      [key('ns1', 'ep1', 'p13')]: [['1.1.1.3:13', false]],
    },
    expectedResult: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', r]],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.1:12', r]],
      [key('ns1', 'ep1', 'p13')]: [['1.1.1.3:13', false]],
    },
    expectedReadyEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'no change, multiple endpoints, subsets, IPs, and ports',
    previous: multipleSubsetsIPsPorts,
    current: multipleSubsetsIPsPorts,
    oldEndpoints: multipleIPsPortsMap(),
    expectedResult: multipleIPsPortsMap(),
    expectedReadyEndpoints: { 'ns1/ep1': 2, 'ns2/ep2': 1 },
  },
  {
    name: 'add an Endpoints',
    previous: [],
    current: namedPortLocal,
    oldEndpoints: {},
    expectedResult: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', r]] },
    expectedReadyEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove an Endpoints',
    previous: namedPortLocal,
    current: [],
    oldEndpoints: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', r]] },
    expectedResult: {},
    expectedReadyEndpoints: {},
  },
  {
    name: 'add an IP and port',
    previous: namedPort,
    current: namedPortsLocalNoLocal,
    oldEndpoints: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedResult: {
      [key('ns1', 'ep1', 'p11')]: [
        ['1.1.1.1:11', false],
        ['1.1.1.2:11', r],
      ],
      [key('ns1', 'ep1', 'p12')]: [
        ['1.1.1.1:12', false],
        ['1.1.1.2:12', r],
      ],
    },
    expectedReadyEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove an IP and port',
    previous: namedPortsLocalNoLocal,
    current: namedPort,
    oldEndpoints: {
      [key('ns1', 'ep1', 'p11')]: [
        ['1.1.1.1:11', false],
        ['1.1.1.2:11', r],
      ],
      [key('ns1', 'ep1', 'p12')]: [
        ['1.1.1.1:12', false],
        ['1.1.1.2:12', r],
      ],
    },
    expectedResult: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedReadyEndpoints: {},
  },
  {
    name: 'add a subset',
    previous: namedPort,
    current: multipleSubsetsWithLocal,
    oldEndpoints: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedResult: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.2:12', r]],
    },
    expectedReadyEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove a subset',
    previous: multipleSubsets,
    current: namedPort,
    oldEndpoints: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.2:12', false]],
    },
    expectedResult: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedReadyEndpoints: {},
  },
  {
    name: 'rename a port',
    previous: namedPort,
    current: namedPortRenamed,
    oldEndpoints: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedResult: { [key('ns1', 'ep1', 'p11-2')]: [['1.1.1.1:11', false]] },
    expectedReadyEndpoints: {},
  },
  {
    name: 'renumber a port',
    previous: namedPort,
    current: namedPortRenumbered,
    oldEndpoints: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedResult: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:22', false]] },
    expectedReadyEndpoints: {},
  },
  {
    name: 'complex add and remove',
    previous: complexBefore,
    current: complexAfter,
    oldEndpoints: {
      [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]],
      [key('ns2', 'ep2', 'p22')]: [
        ['2.2.2.22:22', r],
        ['2.2.2.2:22', r],
      ],
      [key('ns2', 'ep2', 'p23')]: [['2.2.2.3:23', r]],
      [key('ns4', 'ep4', 'p44')]: [
        ['4.4.4.4:44', r],
        ['4.4.4.5:44', r],
      ],
      [key('ns4', 'ep4', 'p45')]: [['4.4.4.6:45', r]],
    },
    expectedResult: {
      [key('ns1', 'ep1', 'p11')]: [
        ['1.1.1.11:11', false],
        ['1.1.1.1:11', false],
      ],
      [key('ns1', 'ep1', 'p12')]: [['1.1.1.2:12', false]],
      [key('ns1', 'ep1', 'p122')]: [['1.1.1.2:122', false]],
      [key('ns3', 'ep3', 'p33')]: [['3.3.3.3:33', false]],
      [key('ns4', 'ep4', 'p44')]: [['4.4.4.4:44', r]],
    },
    expectedReadyEndpoints: { 'ns4/ep4': 1 },
  },
  {
    name: 'change from 0 endpoint address to 1 named port',
    previous: [slice('ns1', 'ep1', 1)],
    current: namedPort,
    oldEndpoints: {},
    expectedResult: { [key('ns1', 'ep1', 'p11')]: [['1.1.1.1:11', false]] },
    expectedReadyEndpoints: {},
  },
];

/** Case 4's map: every port of both slices of ns1/ep1 and the slice of ns2/ep2. */
function multipleIPsPortsMap(): Expected {
  const pair = (a: string, b: string, port: number): [string, boolean][] => [
    [`${a}:${port}`, false],
    [`${b}:${port}`, r],
  ];
  return {
    [key('ns1', 'ep1', 'p11')]: pair('1.1.1.1', '1.1.1.2', 11),
    [key('ns1', 'ep1', 'p12')]: pair('1.1.1.1', '1.1.1.2', 12),
    [key('ns1', 'ep1', 'p13')]: pair('1.1.1.3', '1.1.1.4', 13),
    [key('ns1', 'ep1', 'p14')]: pair('1.1.1.3', '1.1.1.4', 14),
    [key('ns2', 'ep2', 'p21')]: pair('2.2.2.1', '2.2.2.2', 21),
    [key('ns2', 'ep2', 'p22')]: pair('2.2.2.1', '2.2.2.2', 22),
  };
}

/** What checkEndpointExpectations compares: each endpoint's address and whether it is local. */
function expectationsOf(map: Record<string, EndpointView[]>): Expected {
  return Object.fromEntries(
    Object.entries(map).map(([k, eps]) => [
      k,
      eps.map((e): [string, boolean] => [e.endpoint, e.isLocal]),
    ]),
  );
}

/** LocalReadyEndpoints: by Service, how many distinct IPs have a local ready endpoint. */
function localReadyEndpoints(map: Record<string, EndpointView[]>): Record<string, number> {
  const ips = new Map<string, Set<string>>();
  for (const [k, endpoints] of Object.entries(map)) {
    const [service = ''] = k.slice(0, k.lastIndexOf('/')).split(':');
    for (const e of endpoints) {
      if (!e.isLocal || !e.ready) continue;
      const set = ips.get(service) ?? new Set<string>();
      ips.set(service, set.add(e.endpoint.slice(0, e.endpoint.lastIndexOf(':'))));
    }
  }
  return Object.fromEntries([...ips].map(([service, set]) => [service, set.size]));
}

describe('IPVS Test_updateEndpointsMap', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const old = endpointsMapOf(clusterOf(tc.previous), testNodeName);
      expect(expectationsOf(old)).toEqual(tc.oldEndpoints);
      const result = endpointsMapOf(clusterOf(tc.current), testNodeName);
      expect(expectationsOf(result)).toEqual(tc.expectedResult);
      expect(localReadyEndpoints(result)).toEqual(tc.expectedReadyEndpoints);
    });
  }
});

describe('IPVS Test_HealthCheckNodePortWhenTerminating', () => {
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc1', namespace: 'ns1' },
    spec: {
      clusterIP: '172.20.1.1',
      selector: { foo: 'bar' },
      ports: [{ name: '', targetPort: 80, protocol: 'TCP' }],
    },
  };
  const withEndpoints = (endpoints: Body['endpoints']) =>
    localReadyEndpoints(
      endpointsMapOf(
        clusterOf([
          service,
          endpointSlice('ns1', 'svc1', 'svc1-1', endpoints, [
            { name: '', port: 80, protocol: 'TCP' },
          ]),
        ]),
        testNodeName,
      ),
    );
  const state = (ready: boolean, serving: boolean, terminating: boolean) => ({
    ready,
    serving,
    terminating,
  });

  it('counts the Service while it has a local ready endpoint', () => {
    const counts = withEndpoints([
      { addresses: ['10.0.1.1'], conditions: { ready: true }, nodeName: testNodeName },
      { addresses: ['10.0.1.2'], conditions: { ready: true }, nodeName: testNodeName },
      { addresses: ['10.0.1.3'], conditions: { ready: true } },
      { addresses: ['10.0.1.4'], conditions: { ready: false }, nodeName: testNodeName },
    ]);
    expect(Object.keys(counts)).toHaveLength(1);
  });

  it('counts no Service once every local endpoint is terminating', () => {
    const counts = withEndpoints([
      { addresses: ['10.0.1.1'], conditions: state(false, true, false), nodeName: testNodeName },
      { addresses: ['10.0.1.2'], conditions: state(false, true, true), nodeName: testNodeName },
      { addresses: ['10.0.1.3'], conditions: state(false, true, true), nodeName: testNodeName },
      { addresses: ['10.0.1.4'], conditions: state(false, false, true), nodeName: testNodeName },
    ]);
    expect(Object.keys(counts)).toHaveLength(0);
  });
});
