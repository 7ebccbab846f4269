/**
 * The helpers of kubernetes/kubernetes pkg/proxy/util that kube-proxy's service map is built
 * with, read through that map (computeProxyState on an `--admitted` snapshot):
 * - TestShouldSkipService, utils_test.go at commit 01aa0f3f6052c9866dcb69054d8924fa8c96e3cb: a
 *   skipped Service has no port in the map. Upstream's Services have no ports; each gets one
 *   (p, TCP 80), without which no Service shows in the map.
 * - TestGetClusterIPByFamily, TestMapIPsByIPFamily and TestMapCIDRsByIPFamily, utils_test.go
 *   read as reference-index file id 1227034946: the cluster IP of each family is the map's, none
 *   meaning the Service is not in that family's map; the IPs and CIDRs of each family are a
 *   dual-stack Service's externalIPs and loadBalancerSourceRanges in that family's map.
 *   Upstream's Services of the cluster-IP test set clusterIPs only; ours set clusterIP to
 *   clusterIPs[0] too, as a stored Service always has it (ShouldSkipService reads clusterIP).
 *   Upstream's CIDR map held strings then; it holds *net.IPNet now (serviceport.go), which
 *   prints the masked network, so the expected CIDRs are written as networks.
 */
import { describe, expect, it } from 'vitest';
import { clusterOf, serviceMapOf } from './trackers';

function service(spec: Record<string, unknown>): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'foo', name: 'bar' },
    spec: { ...spec, ports: [{ name: 'p', port: 80, protocol: 'TCP' }] },
  };
}

describe('TestShouldSkipService (pkg/proxy/util/utils_test.go)', () => {
  const cases: { name: string; spec: Record<string, unknown>; shouldSkip: boolean }[] = [
    { name: 'Cluster IP is None', spec: { clusterIP: 'None' }, shouldSkip: true },
    { name: 'Cluster IP is empty', spec: { clusterIP: '' }, shouldSkip: true },
    {
      name: 'ExternalName type service',
      spec: { clusterIP: '1.2.3.4', type: 'ExternalName' },
      shouldSkip: true,
    },
    {
      name: 'ClusterIP type service with ClusterIP set',
      spec: { clusterIP: '1.2.3.4', type: 'ClusterIP' },
      shouldSkip: false,
    },
    {
      name: 'NodePort type service with ClusterIP set',
      spec: { clusterIP: '1.2.3.4', type: 'NodePort' },
      shouldSkip: false,
    },
    {
      name: 'LoadBalancer type service with ClusterIP set',
      spec: { clusterIP: '1.2.3.4', type: 'LoadBalancer' },
      shouldSkip: false,
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const map = serviceMapOf(clusterOf([service(tc.spec)]));
      expect(Object.keys(map)).toEqual(tc.shouldSkip ? [] : ['foo/bar:p/TCP']);
    });
  }
});

describe('TestGetClusterIPByFamily (pkg/proxy/util/utils_test.go)', () => {
  const oldStyle = (clusterIP: string) => ({ clusterIP });
  const stack = (clusterIPs: string[], ipFamilies: string[]) => ({
    clusterIP: clusterIPs[0],
    clusterIPs,
    ipFamilies,
  });
  const cases: { name: string; family: 4 | 6; spec: Record<string, unknown>; expected: string }[] =
    [
      {
        name: 'old style service ipv4. want ipv4',
        family: 4,
        spec: oldStyle('10.0.0.10'),
        expected: '10.0.0.10',
      },
      {
        name: 'old style service ipv4. want ipv6',
        family: 6,
        spec: oldStyle('10.0.0.10'),
        expected: '',
      },
      {
        name: 'old style service ipv6. want ipv6',
        family: 6,
        spec: oldStyle('2000::1'),
        expected: '2000::1',
      },
      {
        name: 'old style service ipv6. want ipv4',
        family: 4,
        spec: oldStyle('2000::1'),
        expected: '',
      },
      {
        name: 'service single stack ipv4. want ipv4',
        family: 4,
        spec: stack(['10.0.0.10'], ['IPv4']),
        expected: '10.0.0.10',
      },
      {
        name: 'service single stack ipv4. want ipv6',
        family: 6,
        spec: stack(['10.0.0.10'], ['IPv4']),
        expected: '',
      },
      {
        name: 'service single stack ipv6. want ipv6',
        family: 6,
        spec: stack(['2000::1'], ['IPv6']),
        expected: '2000::1',
      },
      {
        name: 'service single stack ipv6. want ipv4',
        family: 4,
        spec: stack(['2000::1'], ['IPv6']),
        expected: '',
      },
      {
        name: 'service dual stack ipv4,6. want ipv4',
        family: 4,
        spec: stack(['10.0.0.10', '2000::1'], ['IPv4', 'IPv6']),
        expected: '10.0.0.10',
      },
      {
        name: 'service dual stack ipv4,6. want ipv6',
        family: 6,
        spec: stack(['10.0.0.10', '2000::1'], ['IPv4', 'IPv6']),
        expected: '2000::1',
      },
      {
        name: 'service dual stack ipv6,4. want ipv6',
        family: 6,
        spec: stack(['2000::1', '10.0.0.10'], ['IPv6', 'IPv4']),
        expected: '2000::1',
      },
      {
        name: 'service dual stack ipv6,4. want ipv4',
        family: 4,
        spec: stack(['2000::1', '10.0.0.10'], ['IPv6', 'IPv4']),
        expected: '10.0.0.10',
      },
    ];
  for (const tc of cases) {
    it(tc.name, () => {
      const map = serviceMapOf(clusterOf([service(tc.spec)]), tc.family);
      const clusterIPs = Object.values(map).map((p) => p.clusterIP);
      expect(clusterIPs).toEqual(tc.expected === '' ? [] : [tc.expected]);
    });
  }
});

/** A dual-stack Service, so that both families' maps hold its port. */
function dualStack(spec: Record<string, unknown>): object {
  return service({
    type: 'LoadBalancer',
    clusterIP: '10.0.0.10',
    clusterIPs: ['10.0.0.10', '2000::1'],
    ipFamilies: ['IPv4', 'IPv6'],
    ...spec,
  });
}

interface FamilyCase {
  desc: string;
  input: string[];
  wantIPv6: boolean;
  expectCorrect: string[];
  expectIncorrect: string[];
}

/** Upstream's table for one kind of value: the values kept by the wanted family and by the other. */
function familyCases(v4: [string, string], v6: [string, string]): FamilyCase[] {
  const mixed = [...v4, ...v6];
  return [
    {
      desc: 'empty input IPv4',
      input: [],
      wantIPv6: false,
      expectCorrect: [],
      expectIncorrect: [],
    },
    { desc: 'empty input IPv6', input: [], wantIPv6: true, expectCorrect: [], expectIncorrect: [] },
    {
      desc: 'want IPv4 and receive IPv6',
      input: [v6[0]],
      wantIPv6: false,
      expectCorrect: [],
      expectIncorrect: [v6[0]],
    },
    {
      desc: 'want IPv6 and receive IPv4',
      input: [v4[0]],
      wantIPv6: true,
      expectCorrect: [],
      expectIncorrect: [v4[0]],
    },
    {
      desc: 'want IPv6 and receive IPv4 and IPv6',
      input: mixed,
      wantIPv6: true,
      expectCorrect: v6,
      expectIncorrect: v4,
    },
    {
      desc: 'want IPv4 and receive IPv4 and IPv6',
      input: mixed,
      wantIPv6: false,
      expectCorrect: v4,
      expectIncorrect: v6,
    },
    {
      desc: 'want IPv4 and receive IPv4 only',
      input: v4,
      wantIPv6: false,
      expectCorrect: v4,
      expectIncorrect: [],
    },
    {
      desc: 'want IPv6 and receive IPv4 only',
      input: v4,
      wantIPv6: true,
      expectCorrect: [],
      expectIncorrect: v4,
    },
    {
      desc: 'want IPv4 and receive IPv6 only',
      input: v6,
      wantIPv6: false,
      expectCorrect: [],
      expectIncorrect: v6,
    },
    {
      desc: 'want IPv6 and receive IPv6 only',
      input: v6,
      wantIPv6: true,
      expectCorrect: v6,
      expectIncorrect: [],
    },
  ];
}

/** The value of one field of the Service's port in each family's map. */
function byFamily(
  spec: Record<string, unknown>,
  field: 'externalIPs' | 'loadBalancerSourceRanges',
): Record<4 | 6, string[]> {
  const cluster = clusterOf([dualStack(spec)]);
  const of = (family: 4 | 6) => serviceMapOf(cluster, family)['foo/bar:p/TCP']?.[field];
  return { 4: of(4) ?? ['(no port)'], 6: of(6) ?? ['(no port)'] };
}

describe('TestMapIPsByIPFamily (pkg/proxy/util/utils_test.go), as externalIPs', () => {
  const cases = familyCases(['192.168.200.2', '192.1.34.23'], ['fd00:20::1', '2001:db9::3']);
  for (const tc of cases) {
    it(tc.desc, () => {
      const got = byFamily({ externalIPs: tc.input }, 'externalIPs');
      expect(got[tc.wantIPv6 ? 6 : 4]).toEqual(tc.expectCorrect);
      expect(got[tc.wantIPv6 ? 4 : 6]).toEqual(tc.expectIncorrect);
    });
  }
});

describe('TestMapCIDRsByIPFamily (pkg/proxy/util/utils_test.go), as loadBalancerSourceRanges', () => {
  const cases = familyCases(
    ['192.168.200.2/24', '192.1.34.23/24'],
    ['fd00:20::1/64', '2001:db9::3/64'],
  );
  /** How *net.IPNet prints each CIDR: its masked network. */
  const network: Record<string, string> = {
    '192.168.200.2/24': '192.168.200.0/24',
    '192.1.34.23/24': '192.1.34.0/24',
    'fd00:20::1/64': 'fd00:20::/64',
    '2001:db9::3/64': '2001:db9::/64',
  };
  const networks = (list: string[]) => list.map((cidr) => network[cidr]);
  for (const tc of cases) {
    it(tc.desc, () => {
      const got = byFamily({ loadBalancerSourceRanges: tc.input }, 'loadBalancerSourceRanges');
      expect(got[tc.wantIPv6 ? 6 : 4]).toEqual(networks(tc.expectCorrect));
      expect(got[tc.wantIPv6 ? 4 : 6]).toEqual(networks(tc.expectIncorrect));
    });
  }
});
