/**
 * How kube-proxy merges a Service's EndpointSlices into its endpoints map: kubernetes/kubernetes
 * pkg/proxy/endpointslicecache_test.go at commit 05e14799db8e4835d686d5b604ea4c9f5708120d
 * (TestEndpointsMapFromESC, TestEndpointInfoByServicePort). The slices are a snapshot read as
 * `--admitted` reads it, on node `hostname`; the map is the engine's for IPv4, compared as
 * upstream's compareEndpointsMapsStr compares (endpoint strings in order, local, ready, serving,
 * terminating). Two slices of one name stand for upstream's second updatePending of that name:
 * the later one is what kube-proxy keeps.
 *
 * The same slices then go to the node's iptables rules, with a ClusterIP Service whose ports
 * carry the slices' port names: each port's KUBE-SVC chain balances over the endpoints the map
 * marks ready (there are no serving-terminating-only ports here), and a port with none gets the
 * "has no endpoints" REJECT instead.
 */
import { describe, expect, it } from 'vitest';
import {
  clusterOf,
  endpointsMapOf,
  ep,
  generated,
  generatedSlice,
  iptablesSaveOf,
  type EndpointView,
} from './trackers';

interface Case {
  name: string;
  hostname: string;
  slices: object[];
  expected: Record<string, EndpointView[]>;
}

const unready = { ready: false, serving: false };
const terminating = { ready: false, serving: true, terminating: true };
const local = { isLocal: true };

const cases: Case[] = [
  {
    name: '1 slice, 2 hosts, ports 80,443',
    hostname: 'host1',
    slices: [generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], [80, 443])],
    expected: {
      'ns1/svc1:port-0/TCP': [ep('10.0.1.1:80'), ep('10.0.1.2:80', local), ep('10.0.1.3:80')],
      'ns1/svc1:port-1/TCP': [ep('10.0.1.1:443'), ep('10.0.1.2:443', local), ep('10.0.1.3:443')],
    },
  },
  {
    name: '2 slices, same port',
    hostname: '',
    slices: [
      generated('svc1', 'ns1', 1, 3, 999, 999, [], [80]),
      generated('svc1', 'ns1', 2, 3, 999, 999, [], [80]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.1:80'),
        ep('10.0.1.2:80'),
        ep('10.0.1.3:80'),
        ep('10.0.2.1:80'),
        ep('10.0.2.2:80'),
        ep('10.0.2.3:80'),
      ],
    },
  },
  {
    name: '2 overlapping slices, same port',
    hostname: '',
    slices: [
      generated('svc1', 'ns1', 1, 3, 999, 999, [], [80]),
      generated('svc1', 'ns1', 1, 4, 999, 999, [], [80]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.1:80'),
        ep('10.0.1.2:80'),
        ep('10.0.1.3:80'),
        ep('10.0.1.4:80'),
      ],
    },
  },
  {
    name: '2 slices, overlapping endpoints, some endpoints unready in 1 or both',
    hostname: '',
    slices: [
      generated('svc1', 'ns1', 1, 10, 3, 999, [], [80]),
      generated('svc1', 'ns1', 1, 10, 6, 999, [], [80]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.10:80'),
        ep('10.0.1.1:80'),
        ep('10.0.1.2:80'),
        ep('10.0.1.3:80'),
        ep('10.0.1.4:80'),
        ep('10.0.1.5:80'),
        ep('10.0.1.6:80', unready),
        ep('10.0.1.7:80'),
        ep('10.0.1.8:80'),
        ep('10.0.1.9:80'),
      ],
    },
  },
  {
    name: '2 slices, overlapping endpoints, some endpoints unready and some endpoints terminating',
    hostname: '',
    slices: [
      generated('svc1', 'ns1', 1, 10, 3, 5, [], [80]),
      generated('svc1', 'ns1', 1, 10, 6, 5, [], [80]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.10:80', terminating),
        ep('10.0.1.1:80'),
        ep('10.0.1.2:80'),
        ep('10.0.1.3:80'),
        ep('10.0.1.4:80'),
        ep('10.0.1.5:80', terminating),
        ep('10.0.1.6:80', unready),
        ep('10.0.1.7:80'),
        ep('10.0.1.8:80'),
        ep('10.0.1.9:80'),
      ],
    },
  },
  {
    name: '2 slices, overlapping endpoints, all unready',
    hostname: '',
    slices: [
      generated('svc1', 'ns1', 1, 10, 1, 999, [], [80]),
      generated('svc1', 'ns1', 1, 10, 1, 999, [], [80]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.10:80', unready),
        ep('10.0.1.1:80', unready),
        ep('10.0.1.2:80', unready),
        ep('10.0.1.3:80', unready),
        ep('10.0.1.4:80', unready),
        ep('10.0.1.5:80', unready),
        ep('10.0.1.6:80', unready),
        ep('10.0.1.7:80', unready),
        ep('10.0.1.8:80', unready),
        ep('10.0.1.9:80', unready),
      ],
    },
  },
  {
    name: '3 slices with different services and namespaces',
    hostname: '',
    slices: [
      generated('svc1', 'ns1', 1, 3, 999, 999, [], [80]),
      generated('svc2', 'ns1', 2, 3, 999, 999, [], [80]),
      generated('svc1', 'ns2', 3, 3, 999, 999, [], [80]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [ep('10.0.1.1:80'), ep('10.0.1.2:80'), ep('10.0.1.3:80')],
    },
  },
  {
    name: 'Nil port should not break anything',
    hostname: 'host1',
    slices: [generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], [undefined])],
    expected: {},
  },
  {
    name: 'Different endpoints with duplicate IPs should not be filtered',
    hostname: 'host1',
    slices: [
      generatedSlice('svc1', 'ns1', 1, 1, 2, 999, 999, ['host1', 'host2'], [80]),
      generatedSlice('svc1', 'ns1', 2, 1, 2, 999, 999, ['host1', 'host2'], [8080]),
    ],
    expected: {
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.1:80'),
        ep('10.0.1.1:8080'),
        ep('10.0.1.2:80', local),
        ep('10.0.1.2:8080', local),
      ],
    },
  },
];

/** Upstream looks at ns1/svc1 only; the other Services' ports are left out. */
function ofSvc1(map: Record<string, EndpointView[]>): Record<string, EndpointView[]> {
  return Object.fromEntries(Object.entries(map).filter(([key]) => key.startsWith('ns1/svc1:')));
}

/** A ClusterIP Service ns1/svc1 with the named ports the slices use. */
function svc1(portNames: string[]): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc1', namespace: 'ns1' },
    spec: {
      type: 'ClusterIP',
      clusterIP: '172.30.0.41',
      ports: portNames.map((name, i) => ({ name, port: 80 + i, protocol: 'TCP' })),
    },
  };
}

/** The endpoints the KUBE-SEP chains of each of ns1/svc1's ports stand for, sorted. */
function endpointChains(dump: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of dump.split('\n')) {
    const m = /^-A KUBE-SEP-\S+ -m comment --comment (\S+) .* --to-destination (\S+)$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    (out[m[1]] ??= []).push(m[2]);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

describe('TestEndpointsMapFromESC (pkg/proxy/endpointslicecache_test.go)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const cluster = clusterOf(tc.slices);
      expect(ofSvc1(endpointsMapOf(cluster, tc.hostname))).toEqual(tc.expected);
    });
  }
});

describe('TestEndpointsMapFromESC, as the rules of a Service with those ports', () => {
  const portNames = ['port-0', 'port-1'];
  for (const tc of cases) {
    it(tc.name, () => {
      const cluster = clusterOf([svc1(portNames), ...tc.slices]);
      const dump = iptablesSaveOf(cluster, tc.hostname || 'node-1');
      const expected: Record<string, string[]> = {};
      for (const [key, endpoints] of Object.entries(tc.expected)) {
        const ready = endpoints.filter((e) => e.ready).map((e) => e.endpoint);
        if (ready.length > 0) expected[key.slice(0, key.lastIndexOf('/'))] = ready.sort();
      }
      expect(endpointChains(dump)).toEqual(expected);
      for (const name of portNames) {
        const served = `ns1/svc1:${name}` in expected;
        expect(dump.includes(`"ns1/svc1:${name} has no endpoints"`)).toBe(!served);
      }
    });
  }
});

describe('TestEndpointInfoByServicePort (pkg/proxy/endpointslicecache_test.go)', () => {
  it('simple use case with 3 endpoints', () => {
    const cluster = clusterOf([generated('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], [80])]);
    expect(endpointsMapOf(cluster, 'host1')).toEqual({
      'ns1/svc1:port-0/TCP': [ep('10.0.1.1:80'), ep('10.0.1.2:80', local), ep('10.0.1.3:80')],
    });
  });

  it('4 different slices with duplicate IPs', () => {
    const cluster = clusterOf([
      generatedSlice('svc1', 'ns1', 1, 1, 2, 999, 999, ['host1', 'host2'], [80]),
      generatedSlice('svc1', 'ns1', 2, 1, 2, 999, 999, ['host1', 'host2'], [8080]),
    ]);
    // Upstream's map is by endpoint string; ours lists them sorted by it.
    expect(endpointsMapOf(cluster, 'host1')).toEqual({
      'ns1/svc1:port-0/TCP': [
        ep('10.0.1.1:80'),
        ep('10.0.1.1:8080'),
        ep('10.0.1.2:80', local),
        ep('10.0.1.2:8080', local),
      ],
    });
  });
});
