/**
 * How kube-proxy's endpoints map follows EndpointSlice changes: kubernetes/kubernetes
 * pkg/proxy/endpointschangetracker_test.go at commit f2963eff6352cb5e4fc986d54e642f3fead7ff2b
 * (TestUpdateEndpointsMap, TestEndpointSliceUpdate, TestCheckoutChanges), the same cases as at
 * commit 2c348bf1863f3e1db9e0078151452dbad075cf01, whose trackers also take an event recorder.
 * The engine computes from whole states rather than changes, so each case is read as the states
 * it names, one snapshot each (`--admitted`): the slices before (upstream's previous map) and
 * after (its expected result); a slice updated in place is the later of two copies of its
 * name. Maps are compared as upstream's compareEndpointsMapsStr compares them, and
 * LocalReadyEndpoints is the map's count of distinct local ready IPs by Service, as upstream's is.
 */
import { describe, expect, it } from 'vitest';
import {
  clusterOf,
  endpointSlice,
  endpointsMapOf,
  ep,
  generated,
  generatedSlice,
  localReadyEndpoints,
  type EndpointView,
} from './trackers';

const testHostname = 'test-hostname';

interface Body {
  endpoints: { addresses: string[]; nodeName?: string; conditions?: object }[];
  ports: { name: string; port: number; protocol: string }[];
}

const addr = (ip: string, isLocal = false) => ({
  addresses: [ip],
  ...(isLocal ? { nodeName: testHostname } : {}),
});
const udp = (name: string, port: number) => ({ name, port, protocol: 'UDP' });

/** makeTestEndpointSlice: slice `<name>-<n>` of Service `namespace/name`. */
function slice(namespace: string, name: string, n: number, body: Body): object {
  return endpointSlice(namespace, name, `${name}-${n}`, body.endpoints, body.ports);
}

const emptyEndpoint: Body = { endpoints: [], ports: [] };
const unnamedPort: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('', 11)] };
const unnamedPortReady: Body = {
  endpoints: [
    { addresses: ['1.1.1.1'], conditions: { ready: true, serving: true, terminating: false } },
  ],
  ports: [udp('', 11)],
};
const unnamedPortTerminating: Body = {
  endpoints: [
    { addresses: ['1.1.1.1'], conditions: { ready: false, serving: true, terminating: true } },
  ],
  ports: [udp('', 11)],
};
const unnamedPortLocal: Body = { endpoints: [addr('1.1.1.1', true)], ports: [udp('', 11)] };
const namedPortLocal: Body = { endpoints: [addr('1.1.1.1', true)], ports: [udp('p11', 11)] };
const namedPort: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 11)] };
const namedPortRenamed: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11-2', 11)] };
const namedPortRenumbered: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 22)] };
const namedPortsLocalNoLocal: Body = {
  endpoints: [addr('1.1.1.1'), addr('1.1.1.2', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const multipleSubsetsS1: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 11)] };
const multipleSubsetsS2: Body = { endpoints: [addr('1.1.1.2')], ports: [udp('p12', 12)] };
const multipleSubsetsWithLocalS1: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 11)] };
const multipleSubsetsWithLocalS2: Body = {
  endpoints: [addr('1.1.1.2', true)],
  ports: [udp('p12', 12)],
};
const multipleSubsetsMultiplePortsLocalS1: Body = {
  endpoints: [addr('1.1.1.1', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const multipleSubsetsMultiplePortsLocalS2: Body = {
  endpoints: [addr('1.1.1.3')],
  ports: [udp('p13', 13)],
};
const multipleSubsetsIPsPorts1S1: Body = {
  endpoints: [addr('1.1.1.1'), addr('1.1.1.2', true)],
  ports: [udp('p11', 11), udp('p12', 12)],
};
const multipleSubsetsIPsPorts1S2: Body = {
  endpoints: [addr('1.1.1.3'), addr('1.1.1.4', true)],
  ports: [udp('p13', 13), udp('p14', 14)],
};
const multipleSubsetsIPsPorts2: Body = {
  endpoints: [addr('2.2.2.1'), addr('2.2.2.2', true)],
  ports: [udp('p21', 21), udp('p22', 22)],
};
const complexBefore1: Body = { endpoints: [addr('1.1.1.1')], ports: [udp('p11', 11)] };
const complexBefore2S1: Body = {
  endpoints: [addr('2.2.2.2', true), addr('2.2.2.22', true)],
  ports: [udp('p22', 22)],
};
const complexBefore2S2: Body = { endpoints: [addr('2.2.2.3', true)], ports: [udp('p23', 23)] };
const complexBefore4S1: Body = {
  endpoints: [addr('4.4.4.4', true), addr('4.4.4.5', true)],
  ports: [udp('p44', 44)],
};
const complexBefore4S2: Body = { endpoints: [addr('4.4.4.6', true)], ports: [udp('p45', 45)] };
const complexAfter1S1: Body = {
  endpoints: [addr('1.1.1.1'), addr('1.1.1.11')],
  ports: [udp('p11', 11)],
};
const complexAfter1S2: Body = {
  endpoints: [addr('1.1.1.2')],
  ports: [udp('p12', 12), udp('p122', 122)],
};
const complexAfter3: Body = { endpoints: [addr('3.3.3.3')], ports: [udp('p33', 33)] };
const complexAfter4: Body = { endpoints: [addr('4.4.4.4', true)], ports: [udp('p44', 44)] };

/** A ServicePortName key of a UDP port. */
const port = (namespace: string, name: string, portName: string) =>
  `${namespace}/${name}${portName ? `:${portName}` : ''}/UDP`;

const local = { isLocal: true };

interface UpdateCase {
  name: string;
  previous: object[];
  current: object[];
  previousMap: Record<string, EndpointView[]>;
  expectedResult: Record<string, EndpointView[]>;
  expectedLocalEndpoints: Record<string, number>;
}

const updateCases: UpdateCase[] = [
  {
    name: 'empty',
    previous: [],
    current: [],
    previousMap: {},
    expectedResult: {},
    expectedLocalEndpoints: {},
  },
  {
    name: 'no change, unnamed port',
    previous: [slice('ns1', 'ep1', 1, unnamedPort)],
    current: [slice('ns1', 'ep1', 1, unnamedPort)],
    previousMap: { [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11')] },
    expectedResult: { [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11')] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'no change, named port, local',
    previous: [slice('ns1', 'ep1', 1, namedPortLocal)],
    current: [slice('ns1', 'ep1', 1, namedPortLocal)],
    previousMap: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11', local)] },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11', local)] },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'no change, multiple slices',
    previous: [
      slice('ns1', 'ep1', 1, multipleSubsetsS1),
      slice('ns1', 'ep1', 2, multipleSubsetsS2),
    ],
    current: [slice('ns1', 'ep1', 1, multipleSubsetsS1), slice('ns1', 'ep1', 2, multipleSubsetsS2)],
    previousMap: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.2:12')],
    },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.2:12')],
    },
    expectedLocalEndpoints: {},
  },
  {
    name: 'no change, multiple slices, multiple ports, local',
    previous: [
      slice('ns1', 'ep1', 1, multipleSubsetsMultiplePortsLocalS1),
      slice('ns1', 'ep1', 2, multipleSubsetsMultiplePortsLocalS2),
    ],
    current: [
      slice('ns1', 'ep1', 1, multipleSubsetsMultiplePortsLocalS1),
      slice('ns1', 'ep1', 2, multipleSubsetsMultiplePortsLocalS2),
    ],
    previousMap: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11', local)],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.1:12', local)],
      [port('ns1', 'ep1', 'p13')]: [ep('1.1.1.3:13')],
    },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11', local)],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.1:12', local)],
      [port('ns1', 'ep1', 'p13')]: [ep('1.1.1.3:13')],
    },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'no change, multiple services, slices, IPs, and ports',
    previous: [
      slice('ns1', 'ep1', 1, multipleSubsetsIPsPorts1S1),
      slice('ns1', 'ep1', 2, multipleSubsetsIPsPorts1S2),
      slice('ns2', 'ep2', 1, multipleSubsetsIPsPorts2),
    ],
    current: [
      slice('ns1', 'ep1', 1, multipleSubsetsIPsPorts1S1),
      slice('ns1', 'ep1', 2, multipleSubsetsIPsPorts1S2),
      slice('ns2', 'ep2', 1, multipleSubsetsIPsPorts2),
    ],
    previousMap: multipleServicesMap(),
    expectedResult: multipleServicesMap(),
    expectedLocalEndpoints: { 'ns1/ep1': 2, 'ns2/ep2': 1 },
  },
  {
    name: 'add an EndpointSlice',
    previous: [],
    current: [slice('ns1', 'ep1', 1, unnamedPortLocal)],
    previousMap: {},
    expectedResult: { [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11', local)] },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove an EndpointSlice',
    previous: [slice('ns1', 'ep1', 1, unnamedPortLocal)],
    current: [],
    previousMap: { [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11', local)] },
    expectedResult: {},
    expectedLocalEndpoints: {},
  },
  {
    name: 'add an IP and port',
    previous: [slice('ns1', 'ep1', 1, namedPort)],
    current: [slice('ns1', 'ep1', 1, namedPortsLocalNoLocal)],
    previousMap: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')] },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11'), ep('1.1.1.2:11', local)],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.1:12'), ep('1.1.1.2:12', local)],
    },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove an IP and port',
    previous: [slice('ns1', 'ep1', 1, namedPortsLocalNoLocal)],
    current: [slice('ns1', 'ep1', 1, namedPort)],
    previousMap: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11'), ep('1.1.1.2:11', local)],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.1:12'), ep('1.1.1.2:12', local)],
    },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'add a slice to an endpoint',
    previous: [slice('ns1', 'ep1', 1, namedPort)],
    current: [
      slice('ns1', 'ep1', 1, multipleSubsetsWithLocalS1),
      slice('ns1', 'ep1', 2, multipleSubsetsWithLocalS2),
    ],
    previousMap: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')] },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.2:12', local)],
    },
    expectedLocalEndpoints: { 'ns1/ep1': 1 },
  },
  {
    name: 'remove a slice from an endpoint',
    previous: [
      slice('ns1', 'ep1', 1, multipleSubsetsS1),
      slice('ns1', 'ep1', 2, multipleSubsetsS2),
    ],
    current: [slice('ns1', 'ep1', 1, namedPort)],
    previousMap: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.2:12')],
    },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'rename a port',
    previous: [slice('ns1', 'ep1', 1, namedPort)],
    current: [slice('ns1', 'ep1', 1, namedPortRenamed)],
    previousMap: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')] },
    expectedResult: { [port('ns1', 'ep1', 'p11-2')]: [ep('1.1.1.1:11')] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'renumber a port',
    previous: [slice('ns1', 'ep1', 1, namedPort)],
    current: [slice('ns1', 'ep1', 1, namedPortRenumbered)],
    previousMap: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')] },
    expectedResult: { [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:22')] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'complex add and remove',
    previous: [
      slice('ns1', 'ep1', 1, complexBefore1),
      slice('ns2', 'ep2', 1, complexBefore2S1),
      slice('ns2', 'ep2', 2, complexBefore2S2),
      slice('ns4', 'ep4', 1, complexBefore4S1),
      slice('ns4', 'ep4', 2, complexBefore4S2),
    ],
    current: [
      slice('ns1', 'ep1', 1, complexAfter1S1),
      slice('ns1', 'ep1', 2, complexAfter1S2),
      slice('ns3', 'ep3', 1, complexAfter3),
      slice('ns4', 'ep4', 1, complexAfter4),
    ],
    previousMap: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11')],
      [port('ns2', 'ep2', 'p22')]: [ep('2.2.2.22:22', local), ep('2.2.2.2:22', local)],
      [port('ns2', 'ep2', 'p23')]: [ep('2.2.2.3:23', local)],
      [port('ns4', 'ep4', 'p44')]: [ep('4.4.4.4:44', local), ep('4.4.4.5:44', local)],
      [port('ns4', 'ep4', 'p45')]: [ep('4.4.4.6:45', local)],
    },
    expectedResult: {
      [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.11:11'), ep('1.1.1.1:11')],
      [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.2:12')],
      [port('ns1', 'ep1', 'p122')]: [ep('1.1.1.2:122')],
      [port('ns3', 'ep3', 'p33')]: [ep('3.3.3.3:33')],
      [port('ns4', 'ep4', 'p44')]: [ep('4.4.4.4:44', local)],
    },
    expectedLocalEndpoints: { 'ns4/ep4': 1 },
  },
  {
    name: 'change from 0 endpoint address to 1 unnamed port',
    previous: [slice('ns1', 'ep1', 1, emptyEndpoint)],
    current: [slice('ns1', 'ep1', 1, unnamedPort)],
    previousMap: {},
    expectedResult: { [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11')] },
    expectedLocalEndpoints: {},
  },
  {
    name: 'change from ready to terminating pod',
    previous: [slice('ns1', 'ep1', 1, unnamedPortReady)],
    current: [slice('ns1', 'ep1', 1, unnamedPortTerminating)],
    previousMap: { [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11')] },
    expectedResult: {
      [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11', { ready: false, terminating: true })],
    },
    expectedLocalEndpoints: {},
  },
  {
    name: 'change from terminating to empty pod',
    previous: [slice('ns1', 'ep1', 1, unnamedPortTerminating)],
    current: [slice('ns1', 'ep1', 1, emptyEndpoint)],
    previousMap: {
      [port('ns1', 'ep1', '')]: [ep('1.1.1.1:11', { ready: false, terminating: true })],
    },
    expectedResult: {},
    expectedLocalEndpoints: {},
  },
];

function multipleServicesMap(): Record<string, EndpointView[]> {
  return {
    [port('ns1', 'ep1', 'p11')]: [ep('1.1.1.1:11'), ep('1.1.1.2:11', local)],
    [port('ns1', 'ep1', 'p12')]: [ep('1.1.1.1:12'), ep('1.1.1.2:12', local)],
    [port('ns1', 'ep1', 'p13')]: [ep('1.1.1.3:13'), ep('1.1.1.4:13', local)],
    [port('ns1', 'ep1', 'p14')]: [ep('1.1.1.3:14'), ep('1.1.1.4:14', local)],
    [port('ns2', 'ep2', 'p21')]: [ep('2.2.2.1:21'), ep('2.2.2.2:21', local)],
    [port('ns2', 'ep2', 'p22')]: [ep('2.2.2.1:22'), ep('2.2.2.2:22', local)],
  };
}

describe('TestUpdateEndpointsMap (pkg/proxy/endpointschangetracker_test.go)', () => {
  for (const tc of updateCases) {
    it(tc.name, () => {
      expect(endpointsMapOf(clusterOf(tc.previous), testHostname)).toEqual(tc.previousMap);
      const result = endpointsMapOf(clusterOf(tc.current), testHostname);
      expect(result).toEqual(tc.expectedResult);
      expect(localReadyEndpoints(result)).toEqual(tc.expectedLocalEndpoints);
    });
  }
});

interface SliceUpdateCase {
  name: string;
  starting: object[];
  slice: object;
  remove: boolean;
  /** The map after the update; undefined where upstream expects no change at all. */
  expected?: Record<string, EndpointView[]>;
}

const both = [80, 443];
const tcp = (portName: string) => `ns1/svc1:${portName}/TCP`;
const unready = { ready: false, serving: false };

/** The same endpoints on port-0 (80) and port-1 (443). */
function onBothPorts(list: [string, Partial<EndpointView>?][]): Record<string, EndpointView[]> {
  return {
    [tcp('port-0')]: list.map(([ip, flags]) => ep(`${ip}:80`, flags)),
    [tcp('port-1')]: list.map(([ip, flags]) => ep(`${ip}:443`, flags)),
  };
}

const fqdnSlice = {
  ...(generated('svc1', 'ns1', 2, 5, 999, 999, ['host1'], both) as Record<string, unknown>),
  addressType: 'FQDN',
};

const sliceUpdateCases: SliceUpdateCase[] = [
  {
    name: "add a simple slice that doesn't already exist",
    starting: [],
    slice: generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both),
    remove: false,
    expected: onBothPorts([['10.0.1.1'], ['10.0.1.2', local], ['10.0.1.3']]),
  },
  {
    name: 'add the same slice that already exists',
    starting: [generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both)],
    slice: generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both),
    remove: false,
  },
  {
    name: 'add an FQDN slice (invalid address type)',
    starting: [generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both)],
    slice: fqdnSlice,
    remove: false,
  },
  {
    name: 'add a slice that overlaps with existing state',
    starting: [
      generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both),
      generated('svc1', 'ns1', 2, 2, 999, 999, ['host1', 'host2'], both),
    ],
    slice: generated('svc1', 'ns1', 1, 5, 999, 999, ['host1'], both),
    remove: false,
    expected: onBothPorts([
      ['10.0.1.1', local],
      ['10.0.1.2', local],
      ['10.0.1.3', local],
      ['10.0.1.4', local],
      ['10.0.1.5', local],
      ['10.0.2.1'],
      ['10.0.2.2', local],
    ]),
  },
  {
    name: 'add a slice that overlaps with existing state and partial ports',
    starting: [
      generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both),
      generated('svc1', 'ns1', 2, 2, 999, 999, ['host1', 'host2'], both),
    ],
    slice: generatedSlice('svc1', 'ns1', 3, 1, 5, 999, 999, ['host1'], [80]),
    remove: false,
    expected: {
      [tcp('port-0')]: [
        ep('10.0.1.1:80', local),
        ep('10.0.1.2:80', local),
        ep('10.0.1.3:80', local),
        ep('10.0.1.4:80', local),
        ep('10.0.1.5:80', local),
        ep('10.0.2.1:80'),
        ep('10.0.2.2:80', local),
      ],
      [tcp('port-1')]: [
        ep('10.0.1.1:443'),
        ep('10.0.1.2:443', local),
        ep('10.0.1.3:443'),
        ep('10.0.2.1:443'),
        ep('10.0.2.2:443', local),
      ],
    },
  },
  {
    name: 'remove a slice that overlaps with existing state',
    starting: [
      generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both),
      generated('svc1', 'ns1', 2, 2, 999, 999, ['host1', 'host2'], both),
    ],
    slice: generated('svc1', 'ns1', 1, 5, 999, 999, ['host1'], both),
    remove: true,
    expected: onBothPorts([['10.0.2.1'], ['10.0.2.2', local]]),
  },
  {
    name: "remove a slice that doesn't even exist in current state",
    starting: [
      generated('svc1', 'ns1', 1, 5, 999, 999, ['host1'], both),
      generated('svc1', 'ns1', 2, 2, 999, 999, ['host1'], both),
    ],
    slice: generated('svc1', 'ns1', 3, 5, 999, 999, ['host1'], both),
    remove: true,
  },
  {
    name: 'transition all endpoints to unready state',
    starting: [generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], both)],
    slice: generated('svc1', 'ns1', 1, 3, 1, 999, ['host1'], both),
    remove: false,
    expected: onBothPorts([
      ['10.0.1.1', { isLocal: true, ...unready }],
      ['10.0.1.2', { isLocal: true, ...unready }],
      ['10.0.1.3', { isLocal: true, ...unready }],
    ]),
  },
  {
    name: 'transition all endpoints to ready state',
    starting: [generated('svc1', 'ns1', 1, 2, 1, 999, ['host1', 'host2'], both)],
    slice: generated('svc1', 'ns1', 1, 2, 999, 999, ['host1'], both),
    remove: false,
    expected: onBothPorts([
      ['10.0.1.1', local],
      ['10.0.1.2', local],
    ]),
  },
  {
    name: 'transition some endpoints to ready state',
    starting: [
      generated('svc1', 'ns1', 1, 3, 2, 999, ['host1'], both),
      generated('svc1', 'ns1', 2, 2, 2, 999, ['host1'], both),
    ],
    slice: generated('svc1', 'ns1', 1, 3, 3, 999, ['host1'], both),
    remove: false,
    expected: onBothPorts([
      ['10.0.1.1', local],
      ['10.0.1.2', local],
      ['10.0.1.3', { isLocal: true, ...unready }],
      ['10.0.2.1', local],
      ['10.0.2.2', { isLocal: true, ...unready }],
    ]),
  },
  {
    name: 'transition some endpoints to terminating state',
    starting: [
      generated('svc1', 'ns1', 1, 3, 2, 2, ['host1'], both),
      generated('svc1', 'ns1', 2, 2, 2, 2, ['host1'], both),
    ],
    slice: generated('svc1', 'ns1', 1, 3, 3, 2, ['host1'], both),
    remove: false,
    expected: onBothPorts([
      ['10.0.1.1', local],
      ['10.0.1.2', { isLocal: true, ready: false, terminating: true }],
      ['10.0.1.3', { isLocal: true, ...unready }],
      ['10.0.2.1', local],
      ['10.0.2.2', { isLocal: true, ...unready, terminating: true }],
    ]),
  },
];

function nameOf(object: object): string {
  return (object as { metadata: { name: string } }).metadata.name;
}

/** The slices an update leaves: the starting ones, with the slice added (a later copy of its name) or removed by name. */
function afterUpdate(tc: SliceUpdateCase): object[] {
  if (!tc.remove) return [...tc.starting, tc.slice];
  return tc.starting.filter((s) => nameOf(s) !== nameOf(tc.slice));
}

describe('TestEndpointSliceUpdate (pkg/proxy/endpointschangetracker_test.go)', () => {
  for (const tc of sliceUpdateCases) {
    it(tc.name, () => {
      const before = endpointsMapOf(clusterOf(tc.starting), 'host1');
      const after = endpointsMapOf(clusterOf(afterUpdate(tc)), 'host1');
      if (tc.expected) {
        expect(after).toEqual(tc.expected);
        expect(after).not.toEqual(before);
      } else {
        expect(after).toEqual(before);
      }
    });
  }
});

describe('TestCheckoutChanges (pkg/proxy/endpointschangetracker_test.go)', () => {
  // The tracker's hostname is empty: no endpoint is local, whatever its node.
  it('empty slices', () => {
    expect(endpointsMapOf(clusterOf([]), '')).toEqual({});
  });

  it('adding initial slice', () => {
    const current = endpointsMapOf(
      clusterOf([generated('svc1', 'ns1', 1, 3, 3, 2, ['host1'], [80])]),
      '',
    );
    expect(current).toEqual({
      [tcp('port-0')]: [
        ep('10.0.1.1:80'),
        ep('10.0.1.2:80', { ready: false, terminating: true }),
        ep('10.0.1.3:80', unready),
      ],
    });
  });

  it('removing port in update', () => {
    const applied = generated('svc1', 'ns1', 1, 3, 3, 999, ['host1'], both);
    const pending = generated('svc1', 'ns1', 1, 3, 3, 999, ['host1'], [80]);
    expect(endpointsMapOf(clusterOf([applied]), '')).toEqual(
      onBothPorts([['10.0.1.1'], ['10.0.1.2'], ['10.0.1.3', unready]]),
    );
    expect(endpointsMapOf(clusterOf([applied, pending]), '')).toEqual({
      [tcp('port-0')]: [ep('10.0.1.1:80'), ep('10.0.1.2:80'), ep('10.0.1.3:80', unready)],
    });
  });
});
