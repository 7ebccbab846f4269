/**
 * TestUpdateEndpointsMap as kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go (read at
 * aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba, see ../iptables/source.ts) and
 * pkg/proxy/nftables/proxier_test.go at commit 81810de635aa13aa0a32992f6def3aa9d6025ebc carry it
 * (the same 15 cases in both files; pkg/proxy's own copy, with other addresses and more cases, is
 * ./endpointsChangeTracker.test.ts). Each state is a snapshot of the slices it holds, read through
 * the endpoints map kube-proxy's common layer builds for the test node: checkEndpointExpectations
 * compares each endpoint's `ip:port` and locality in order, and LocalReadyEndpoints counts, by
 * Service, the IPs with a local ready endpoint. Upstream's expectedConntrackCleanupRequired is
 * conntrack bookkeeping and is left out.
 */
import { describe, expect, it } from 'vitest';
import { clusterOf, endpointSlice, endpointsMapOf, localReadyEndpoints } from './trackers';

const testNodeName = 'test-node';

interface Body {
  endpoints: { addresses: string[]; nodeName?: string }[];
  ports: { name: string; port: number; protocol: string }[];
}

const addr = (ip: string, isLocal = false) => ({
  addresses: [ip],
  ...(isLocal ? { nodeName: testNodeName } : {}),
});
const udp = (name: string, port: number) => ({ name, port, protocol: 'UDP' });

/** makeTestEndpointSlice: slice `<name>-<n>` of Service `namespace/name`. */
function slice(namespace: string, name: string, n: number, body: Body): object {
  return endpointSlice(namespace, name, `${name}-${n}`, body.endpoints, body.ports);
}

const empty: Body = { endpoints: [], ports: [] };
const subset1: Body = { endpoints: [addr('10.1.1.1')], ports: [udp('p11', 11)] };
const subset2: Body = { endpoints: [addr('10.1.1.2')], ports: [udp('p12', 12)] };
const namedPortLocal: Body = { endpoints: [addr('10.1.1.1', true)], ports: [udp('p11', 11)] };
const namedPortRenamed: Body = { endpoints: [addr('10.1.1.1')], ports: [udp('p11-2', 11)] };
const namedPortRenumbered: Body = { endpoints: [addr('10.1.1.1')], ports: [udp('p11', 22)] };
const namedPortsLocalNoLocal: Body = {
  endpoints: [addr('10.1.1.1'), addr('10.1.1.2', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const subsetLocal: Body = { endpoints: [addr('10.1.1.2', true)], ports: [udp('p12', 12)] };
const subsetMultiplePortsLocal: Body = {
  endpoints: [addr('10.1.1.1', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const subset3: Body = { endpoints: [addr('10.1.1.3')], ports: [udp('p13', 13)] };
const subsetMultipleIPsPorts1: Body = {
  endpoints: [addr('10.1.1.1'), addr('10.1.1.2', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const subsetMultipleIPsPorts2: Body = {
  endpoints: [addr('10.1.1.3'), addr('10.1.1.4', true)],
  ports: [udp('p13', 13), udp('p14', 14)],
};
const subsetMultipleIPsPorts3: Body = {
  endpoints: [addr('10.2.2.1'), addr('10.2.2.2', true)],
  ports: [udp('p21', 21), udp('p22', 22)],
};
const complexSubset1: Body = {
  endpoints: [addr('10.2.2.2', true), addr('10.2.2.22', true)],
  ports: [udp('p22', 22)],
};
const complexSubset2: Body = { endpoints: [addr('10.2.2.3', true)], ports: [udp('p23', 23)] };
const complexSubset3: Body = {
  endpoints: [addr('10.4.4.4', true), addr('10.4.4.5', true)],
  ports: [udp('p44', 44)],
};
const complexSubset4: Body = { endpoints: [addr('10.4.4.6', true)], ports: [udp('p45', 45)] };
const complexSubset5: Body = {
  endpoints: [addr('10.1.1.1'), addr('10.1.1.11')],
  ports: [udp('p11', 11)],
};
const complexSubset6: Body = {
  endpoints: [addr('10.1.1.2')],
  ports: [udp('p12', 12), udp('p122', 122)],
};
const complexSubset7: Body = { endpoints: [addr('10.3.3.3')], ports: [udp('p33', 33)] };
const complexSubset8: Body = { endpoints: [addr('10.4.4.4', true)], ports: [udp('p44', 44)] };

const namedPort = [slice('ns1', 'ep1', 1, subset1)];
const multipleSubsets = [slice('ns1', 'ep1', 1, subset1), slice('ns1', 'ep1', 2, subset2)];

/** A ServicePortName key of a UDP port. */
const port = (namespace: string, name: string, portName: string) =>
  `${namespace}/${name}:${portName}/UDP`;

/** An endpointExpectation: the endpoint's `ip:port` and whether it is local. */
type Expectation = [endpoint: string, isLocal: boolean];
type ExpectedMap = Record<string, Expectation[]>;

interface Case {
  name: string;
  previous: object[];
  current: object[];
  oldEndpoints: ExpectedMap;
  expectedResult: ExpectedMap;
  expectedLocalEndpoints: Record<string, number>;
}

const multipleSubsetsIPsPortsMap: ExpectedMap = {
  [port('ns1', 'ep1', 'p11')]: [
    ['10.1.1.1:11', false],
    ['10.1.1.2:11', true],
  ],
  [port('ns1', 'ep1', 'p12')]: [
    ['10.1.1.1:12', false],
    ['10.1.1.2:12', true],
  ],
  [port('ns1', 'ep1', 'p13')]: [
    ['10.1.1.3:13', false],
    ['10.1.1.4:13', true],
  ],
  [port('ns1', 'ep1', 'p14')]: [
    ['10.1.1.3:14', false],
    ['10.1.1.4:14', true],
  ],
  [port('ns2', 'ep2', 'p21')]: [
    ['10.2.2.1:21', false],
    ['10.2.2.2:21', true],
  ],
  [port('ns2', 'ep2', 'p22')]: [
    ['10.2.2.1:22', false],
    ['10.2.2.2:22', true],
  ],
};

const cases: Case[] = [
  {
    name: 'nothing',
    previous: [],
    current: [],
    oldEndpoints: {},
    expectedResult: {},
    expectedLocalEndpoints: {},
  },
  {
    name: 'no change, named port, local',
    previous: [slice('ns1', 'ep1', 1, namedPortLocal)],
    current: [slice('ns1', 'ep1', 1, namedPortLocal)],
    oldEndpoints: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', true]] },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', true]] },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'no change, multiple subsets',
    previous: multipleSubsets,
    current: multipleSubsets,
    oldEndpoints: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.2:12', false]],
    },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.2:12', false]],
    },
    expectedLocalEndpoints: {},
  },
  {
    name: 'no change, multiple subsets, multiple ports, local',
    previous: [slice('ns1', 'ep1', 1, subsetMultiplePortsLocal), slice('ns1', 'ep1', 2, subset3)],
    current: [slice('ns1', 'ep1', 1, subsetMultiplePortsLocal), slice('ns1', 'ep1', 2, subset3)],
    oldEndpoints: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', true]],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.1:12', true]],
      [port('ns1', 'ep1', 'p13')]: [['10.1.1.3:13', false]],
    },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', true]],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.1:12', true]],
      [port('ns1', 'ep1', 'p13')]: [['10.1.1.3:13', false]],
    },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'no change, multiple endpoints, subsets, IPs, and ports',
    previous: [
      slice('ns1', 'ep1', 1, subsetMultipleIPsPorts1),
      slice('ns1', 'ep1', 2, subsetMultipleIPsPorts2),
      slice('ns2', 'ep2', 1, subsetMultipleIPsPorts3),
    ],
    current: [
      slice('ns1', 'ep1', 1, subsetMultipleIPsPorts1),
      slice('ns1', 'ep1', 2, subsetMultipleIPsPorts2),
      slice('ns2', 'ep2', 1, subsetMultipleIPsPorts3),
    ],
    oldEndpoints: multipleSubsetsIPsPortsMap,
    expectedResult: multipleSubsetsIPsPortsMap,
    expectedLocalEndpoints: { 'ns1/ep1': 2, 'ns2/ep2': 1 },
  },
  {
    name: 'add an Endpoints',
    previous: [],
    current: [slice('ns1', 'ep1', 1, namedPortLocal)],
    oldEndpoints: {},
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', true]] },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove an Endpoints',
    previous: [slice('ns1', 'ep1', 1, namedPortLocal)],
    current: [],
    oldEndpoints: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', true]] },
    expectedResult: {},
    expectedLocalEndpoints: {},
  },
  {
    name: 'add an IP and port',
    previous: namedPort,
    current: [slice('ns1', 'ep1', 1, namedPortsLocalNoLocal)],
    oldEndpoints: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [
        ['10.1.1.1:11', false],
        ['10.1.1.2:11', true],
      ],
      [port('ns1', 'ep1', 'p12')]: [
        ['10.1.1.1:12', false],
        ['10.1.1.2:12', true],
      ],
    },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove an IP and port',
    previous: [slice('ns1', 'ep1', 1, namedPortsLocalNoLocal)],
    current: namedPort,
    oldEndpoints: {
      [port('ns1', 'ep1', 'p11')]: [
        ['10.1.1.1:11', false],
        ['10.1.1.2:11', true],
      ],
      [port('ns1', 'ep1', 'p12')]: [
        ['10.1.1.1:12', false],
        ['10.1.1.2:12', true],
      ],
    },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'add a subset',
    previous: namedPort,
    current: [slice('ns1', 'ep1', 1, subset1), slice('ns1', 'ep1', 2, subsetLocal)],
    oldEndpoints: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.2:12', true]],
    },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove a subset',
    previous: multipleSubsets,
    current: namedPort,
    oldEndpoints: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.2:12', false]],
    },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'rename a port',
    previous: namedPort,
    current: [slice('ns1', 'ep1', 1, namedPortRenamed)],
    oldEndpoints: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedResult: { [port('ns1', 'ep1', 'p11-2')]: [['10.1.1.1:11', false]] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'renumber a port',
    previous: namedPort,
    current: [slice('ns1', 'ep1', 1, namedPortRenumbered)],
    oldEndpoints: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:22', false]] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'complex add and remove',
    previous: [
      slice('ns1', 'ep1', 1, subset1),
      slice('ns2', 'ep2', 1, complexSubset1),
      slice('ns2', 'ep2', 2, complexSubset2),
      slice('ns4', 'ep4', 1, complexSubset3),
      slice('ns4', 'ep4', 2, complexSubset4),
    ],
    current: [
      slice('ns1', 'ep1', 1, complexSubset5),
      slice('ns1', 'ep1', 2, complexSubset6),
      slice('ns3', 'ep3', 1, complexSubset7),
      slice('ns4', 'ep4', 1, complexSubset8),
    ],
    oldEndpoints: {
      [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]],
      [port('ns2', 'ep2', 'p22')]: [
        ['10.2.2.22:22', true],
        ['10.2.2.2:22', true],
      ],
      [port('ns2', 'ep2', 'p23')]: [['10.2.2.3:23', true]],
      [port('ns4', 'ep4', 'p44')]: [
        ['10.4.4.4:44', true],
        ['10.4.4.5:44', true],
      ],
      [port('ns4', 'ep4', 'p45')]: [['10.4.4.6:45', true]],
    },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [
        ['10.1.1.11:11', false],
        ['10.1.1.1:11', false],
      ],
      [port('ns1', 'ep1', 'p12')]: [['10.1.1.2:12', false]],
      [port('ns1', 'ep1', 'p122')]: [['10.1.1.2:122', false]],
      [port('ns3', 'ep3', 'p33')]: [['10.3.3.3:33', false]],
      [port('ns4', 'ep4', 'p44')]: [['10.4.4.4:44', true]],
    },
    expectedLocalEndpoints: { 'ns4/ep4': 1 },
  },
  {
    name: 'change from 0 endpoint address to 1 unnamed port',
    previous: [slice('ns1', 'ep1', 1, empty)],
    current: namedPort,
    oldEndpoints: {},
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [['10.1.1.1:11', false]] },
    expectedLocalEndpoints: {},
  },
];

/** The map as checkEndpointExpectations reads it: each endpoint's `ip:port` and locality, in order. */
function expectationsOf(objects: object[]): ExpectedMap {
  const map = endpointsMapOf(clusterOf(objects), testNodeName);
  return Object.fromEntries(
    Object.entries(map).map(([key, eps]) => [
      key,
      eps.map((e): Expectation => [e.endpoint, e.isLocal]),
    ]),
  );
}

describe('TestUpdateEndpointsMap (iptables and nftables proxier_test.go)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      expect(expectationsOf(tc.previous)).toEqual(tc.oldEndpoints);
      expect(expectationsOf(tc.current)).toEqual(tc.expectedResult);
      const current = endpointsMapOf(clusterOf(tc.current), testNodeName);
      expect(localReadyEndpoints(current)).toEqual(tc.expectedLocalEndpoints);
    });
  }
});
