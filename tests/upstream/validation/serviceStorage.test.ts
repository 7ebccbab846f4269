/**
 * The Service REST storage's own cases (kubernetes/kubernetes
 * pkg/registry/core/service/storage/storage_test.go at commit
 * b0d609f08083d7a8aa3426540d6d5f9090944906): TestCreateInitIPFields,
 * TestCreateInvalidClusterIPInputs, TestCreateIgnoresIPsForExternalName,
 * TestCreateInitClusterIPsFromClusterIP, TestCreateInitNodePorts,
 * TestCreateSkipsAllocationsForHeadless, TestUpdatePatchAllocatedValues,
 * TestUpdateIPsFromSingleStack, TestUpdateIPsFromDualStack and the TestFeature* tables, played
 * as `kubectl apply` of the Service (an update is a second apply of it) on a cluster whose service
 * CIDRs a kubeadm ClusterConfiguration sets. The Services are our counterpart of
 * pkg/api/service/testing/make.go's MakeService and its tweaks.
 *
 * Upstream's storage allocates from 10.0.0.0/16 and 2000::/108; our cluster's ranges are
 * 10.96.0.0/12 and fd00:10:96::/112, so its fixtures' 10.0.0.x and 2000::x are moved to
 * 10.96.10.x and fd00:10:96::ax (free addresses of the same family, as upstream's are).
 * Upstream's delete phase, its dry-run tests and its tests of internal functions have no
 * counterpart here; where the product shows an allocator's state, a released ClusterIP or
 * NodePort is proved free by another Service taking it.
 */
import { describe, expect, it } from 'vitest';
import type { IPFamily, IPFamilyPolicy, KubeObject, Service } from '../../../src/engine/model';
import { resultOf, run } from './fixtures';

const v4IP = '10.96.10.1';
const v4IP2 = '10.96.10.2';
const v6IP = 'fd00:10:96::a1';

type Cluster = 'v4' | 'v6' | 'v4v6' | 'v6v4';

const subnets: Record<Cluster, string> = {
  v4: '10.96.0.0/12',
  v6: 'fd00:10:96::/112',
  v4v6: '10.96.0.0/12,fd00:10:96::/112',
  v6v4: 'fd00:10:96::/112,10.96.0.0/12',
};

/** The kubeadm ClusterConfiguration that gives the cluster its service CIDRs, primary first. */
function clusterConfig(cluster: Cluster): KubeObject {
  return {
    apiVersion: 'kubeadm.k8s.io/v1beta4',
    kind: 'ClusterConfiguration',
    networking: { serviceSubnet: subnets[cluster] },
  } as KubeObject;
}

/** Our counterpart of svctest.MakeService("foo"): a ClusterIP Service with a selector and one port. */
function makeService(spec: Partial<NonNullable<Service['spec']>> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'foo' },
    spec: {
      type: 'ClusterIP',
      selector: { k: 'v' },
      ports: [{ port: 93, targetPort: 76, protocol: 'TCP' }],
      ...spec,
    },
  };
}

function stored(sim: ReturnType<typeof run>, name = 'foo'): Service | undefined {
  return sim.cluster.services.find((s) => s.metadata.name === name);
}

function familyOf(ip: string): IPFamily | 'unknown' {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return 'IPv4';
  return ip.includes(':') ? 'IPv6' : 'unknown';
}

const families: Record<string, IPFamily[]> = {
  v4: ['IPv4'],
  v6: ['IPv6'],
  v4v6: ['IPv4', 'IPv6'],
  v6v4: ['IPv6', 'IPv4'],
};
const policies: Record<string, IPFamilyPolicy> = {
  S: 'SingleStack',
  P: 'PreferDualStack',
  R: 'RequireDualStack',
};
const clusterIPs: Record<string, string[]> = {
  v4: [v4IP],
  v6: [v6IP],
  v4v6: [v4IP, v6IP],
  v6v4: [v6IP, v4IP],
};

/** The Service a row of TestCreateInitIPFields creates (`-` leaves a field unset). */
function initIPFieldsService(ips: string, policy: string, fams: string): Service {
  const spec: Partial<NonNullable<Service['spec']>> = {};
  if (ips === 'H' || ips === 'HS') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
  } else if (ips !== 'unset') {
    spec.clusterIPs = clusterIPs[ips] ?? [];
    spec.clusterIP = spec.clusterIPs[0] ?? '';
  }
  const policyValue = policies[policy];
  if (policyValue) spec.ipFamilyPolicy = policyValue;
  const familiesValue = families[fams];
  if (familiesValue) spec.ipFamilies = familiesValue;
  // SetSelector(nil) leaves an empty selector.
  if (ips === 'HS') spec.selector = {};
  return makeService(spec);
}

/**
 * TestCreateInitIPFields, one row per cluster, clusterIPs (`unset`, a family list, `H` headless,
 * `HS` headless without a selector) and ipFamilyPolicy (`-` unset, `S`, `P`, `R`); the five
 * results are for ipFamilies unset, v4, v6, v4v6 and v6v4: `E` (the create fails) or the
 * policy and families the created Service has.
 */
const initIPFields = `
v4   unset -  S:v4     S:v4     E        E        E
v4   unset S  S:v4     S:v4     E        E        E
v4   unset P  P:v4     P:v4     E        E        E
v4   unset R  E        E        E        E        E
v4   v4    -  S:v4     S:v4     E        E        E
v4   v4    S  S:v4     S:v4     E        E        E
v4   v4    P  P:v4     P:v4     E        E        E
v4   v4    R  E        E        E        E        E
v4   v4v6  -  E        E        E        E        E
v4   v4v6  S  E        E        E        E        E
v4   v4v6  P  E        E        E        E        E
v4   v4v6  R  E        E        E        E        E
v4   v6v4  -  E        E        E        E        E
v4   v6v4  S  E        E        E        E        E
v4   v6v4  P  E        E        E        E        E
v4   v6v4  R  E        E        E        E        E
v4   H     -  S:v4     S:v4     E        E        E
v4   H     S  S:v4     S:v4     E        E        E
v4   H     P  P:v4     P:v4     E        E        E
v4   H     R  E        E        E        E        E
v4   HS    -  R:v4v6   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v4   HS    S  S:v4     S:v4     S:v6     E        E
v4   HS    P  P:v4v6   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v4   HS    R  R:v4v6   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v6   unset -  S:v6     E        S:v6     E        E
v6   unset S  S:v6     E        S:v6     E        E
v6   unset P  P:v6     E        P:v6     E        E
v6   unset R  E        E        E        E        E
v6   v6    -  S:v6     E        S:v6     E        E
v6   v6    S  S:v6     E        S:v6     E        E
v6   v6    P  P:v6     E        P:v6     E        E
v6   v6    R  E        E        E        E        E
v6   v4v6  -  E        E        E        E        E
v6   v4v6  S  E        E        E        E        E
v6   v4v6  P  E        E        E        E        E
v6   v4v6  R  E        E        E        E        E
v6   v6v4  -  E        E        E        E        E
v6   v6v4  S  E        E        E        E        E
v6   v6v4  P  E        E        E        E        E
v6   v6v4  R  E        E        E        E        E
v6   H     -  S:v6     E        S:v6     E        E
v6   H     S  S:v6     E        S:v6     E        E
v6   H     P  P:v6     E        P:v6     E        E
v6   H     R  E        E        E        E        E
v6   HS    -  R:v6v4   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v6   HS    S  S:v6     S:v4     S:v6     E        E
v6   HS    P  P:v6v4   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v6   HS    R  R:v6v4   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v4v6 unset -  S:v4     S:v4     S:v6     E        E
v4v6 unset S  S:v4     S:v4     S:v6     E        E
v4v6 unset P  P:v4v6   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v4v6 unset R  R:v4v6   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v4v6 v4    -  S:v4     S:v4     E        E        E
v4v6 v4    S  S:v4     S:v4     E        E        E
v4v6 v4    P  P:v4v6   P:v4v6   E        P:v4v6   E
v4v6 v4    R  R:v4v6   R:v4v6   E        R:v4v6   E
v4v6 v6    -  S:v6     E        S:v6     E        E
v4v6 v6    S  S:v6     E        S:v6     E        E
v4v6 v6    P  P:v6v4   E        P:v6v4   E        P:v6v4
v4v6 v6    R  R:v6v4   E        R:v6v4   E        R:v6v4
v4v6 v4v6  -  E        E        E        E        E
v4v6 v4v6  S  E        E        E        E        E
v4v6 v4v6  P  P:v4v6   P:v4v6   E        P:v4v6   E
v4v6 v4v6  R  R:v4v6   R:v4v6   E        R:v4v6   E
v4v6 v6v4  -  E        E        E        E        E
v4v6 v6v4  S  E        E        E        E        E
v4v6 v6v4  P  P:v6v4   E        P:v6v4   E        P:v6v4
v4v6 v6v4  R  R:v6v4   E        R:v6v4   E        R:v6v4
v4v6 H     -  S:v4     S:v4     S:v6     E        E
v4v6 H     S  S:v4     S:v4     S:v6     E        E
v4v6 H     P  P:v4v6   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v4v6 H     R  R:v4v6   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v4v6 HS    -  R:v4v6   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v4v6 HS    S  S:v4     S:v4     S:v6     E        E
v4v6 HS    P  P:v4v6   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v4v6 HS    R  R:v4v6   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v6v4 unset -  S:v6     S:v4     S:v6     E        E
v6v4 unset S  S:v6     S:v4     S:v6     E        E
v6v4 unset P  P:v6v4   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v6v4 unset R  R:v6v4   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v6v4 v4    -  S:v4     S:v4     E        E        E
v6v4 v4    S  S:v4     S:v4     E        E        E
v6v4 v4    P  P:v4v6   P:v4v6   E        P:v4v6   E
v6v4 v4    R  R:v4v6   R:v4v6   E        R:v4v6   E
v6v4 v6    -  S:v6     E        S:v6     E        E
v6v4 v6    S  S:v6     E        S:v6     E        E
v6v4 v6    P  P:v6v4   E        P:v6v4   E        P:v6v4
v6v4 v6    R  R:v6v4   E        R:v6v4   E        R:v6v4
v6v4 v4v6  -  E        E        E        E        E
v6v4 v4v6  S  E        E        E        E        E
v6v4 v4v6  P  P:v4v6   P:v4v6   E        P:v4v6   E
v6v4 v4v6  R  R:v4v6   R:v4v6   E        R:v4v6   E
v6v4 v6v4  -  E        E        E        E        E
v6v4 v6v4  S  E        E        E        E        E
v6v4 v6v4  P  P:v6v4   E        P:v6v4   E        P:v6v4
v6v4 v6v4  R  R:v6v4   E        R:v6v4   E        R:v6v4
v6v4 H     -  S:v6     S:v4     S:v6     E        E
v6v4 H     S  S:v6     S:v4     S:v6     E        E
v6v4 H     P  P:v6v4   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v6v4 H     R  R:v6v4   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v6v4 HS    -  R:v6v4   R:v4v6   R:v6v4   R:v4v6   R:v6v4
v6v4 HS    S  S:v6     S:v4     S:v6     E        E
v6v4 HS    P  P:v6v4   P:v4v6   P:v6v4   P:v4v6   P:v6v4
v6v4 HS    R  R:v6v4   R:v4v6   R:v6v4   R:v4v6   R:v6v4
`;

const familyColumns = ['-', 'v4', 'v6', 'v4v6', 'v6v4'];

interface InitIPFieldsCase {
  name: string;
  cluster: Cluster;
  svc: Service;
  expect: string;
  headless: boolean;
}

function initIPFieldsCases(): InitIPFieldsCase[] {
  const cases: InitIPFieldsCase[] = [];
  for (const line of initIPFields.trim().split('\n')) {
    const [cluster, ips, policy, ...results] = line.trim().split(/\s+/);
    results.forEach((expect, i) => {
      const fams = familyColumns[i] ?? '-';
      cases.push({
        name: `${cluster} ClusterIPs:${ips}_Policy:${policy}_Families:${fams} -> ${expect}`,
        cluster: cluster as Cluster,
        svc: initIPFieldsService(ips ?? '', policy ?? '', fams),
        expect,
        headless: ips === 'H' || ips === 'HS',
      });
    });
  }
  return cases;
}

describe('TestCreateInitIPFields', () => {
  it.each(initIPFieldsCases())('$name', ({ cluster, svc, expect: want, headless }) => {
    const sim = run([clusterConfig(cluster), svc]);
    const result = resultOf(sim, 'foo');
    if (want === 'E') {
      expect(result?.outcome).toBe('rejected');
      return;
    }
    expect(result?.error).toBeUndefined();
    expect(result?.outcome).toBe('created');
    const [policy, fams] = want.split(':');
    const spec = stored(sim)?.spec;
    expect(spec?.ipFamilyPolicy).toBe(policies[policy ?? '']);
    expect(spec?.ipFamilies).toEqual(families[fams ?? '']);
    if (headless) {
      expect(spec?.clusterIP).toBe('None');
      expect(spec?.clusterIPs).toEqual(['None']);
      return;
    }
    // proveClusterIPsAllocated: one ClusterIP per family, of that family, the first also in clusterIP.
    expect(spec?.clusterIP).toBe(spec?.clusterIPs?.[0]);
    expect(spec?.clusterIPs?.map(familyOf)).toEqual(spec?.ipFamilies);
    const requested = svc.spec?.clusterIPs ?? [];
    expect(spec?.clusterIPs?.slice(0, requested.length)).toEqual(requested);
  });
});

describe('TestCreateInvalidClusterIPInputs', () => {
  const cases: { name: string; cluster: Cluster; spec: object; expect: string[] }[] = [
    {
      name: 'bad_ipFamilyPolicy',
      cluster: 'v4',
      spec: { ipFamilyPolicy: 'garbage' },
      expect: ['Unsupported value'],
    },
    {
      name: 'requiredual_ipFamilyPolicy_on_singlestack',
      cluster: 'v4',
      spec: { ipFamilyPolicy: 'RequireDualStack' },
      expect: ['cluster is not configured for dual-stack'],
    },
    {
      name: 'bad_ipFamilies_0_value',
      cluster: 'v4',
      spec: { ipFamilies: ['garbage'] },
      expect: ['Unsupported value'],
    },
    {
      name: 'bad_ipFamilies_1_value',
      cluster: 'v4',
      spec: { ipFamilies: ['IPv4', 'garbage'] },
      expect: ['Unsupported value'],
    },
    {
      name: 'bad_ipFamilies_2_value',
      cluster: 'v4v6',
      spec: { ipFamilies: ['IPv4', 'IPv6', 'garbage'] },
      expect: ['Unsupported value'],
    },
    {
      name: 'wrong_ipFamily',
      cluster: 'v4',
      spec: { ipFamilies: ['IPv6'] },
      expect: ['not configured on this cluster'],
    },
    {
      name: 'too_many_ipFamilies_on_singlestack',
      cluster: 'v4',
      spec: { ipFamilies: ['IPv4', 'IPv6'] },
      expect: ['when multiple IP families are specified'],
    },
    {
      name: 'dup_ipFamily_singlestack',
      cluster: 'v4',
      spec: { ipFamilies: ['IPv4', 'IPv4'] },
      expect: ['Duplicate value'],
    },
    {
      name: 'dup_ipFamily_dualstack',
      cluster: 'v4v6',
      spec: { ipFamilies: ['IPv4', 'IPv6', 'IPv6'] },
      expect: ['Duplicate value'],
    },
    {
      name: 'bad_IP',
      cluster: 'v4',
      spec: { clusterIP: 'garbage', clusterIPs: ['garbage'] },
      expect: ['must be a valid IP'],
    },
    {
      name: 'IP_wrong_family',
      cluster: 'v4',
      spec: { clusterIP: v6IP, clusterIPs: [v6IP] },
      expect: ['not configured on this cluster'],
    },
    {
      name: 'IP_doesnt_match_family',
      cluster: 'v4',
      spec: { ipFamilies: ['IPv4'], clusterIP: v6IP, clusterIPs: [v6IP] },
      expect: ['expected an IPv4 value as indicated'],
    },
    {
      name: 'too_many_IPs_singlestack',
      cluster: 'v4',
      spec: { clusterIP: v4IP, clusterIPs: [v4IP, v4IP2] },
      expect: ['no more than one IP for each IP family'],
    },
    {
      name: 'too_many_IPs_dualstack',
      cluster: 'v4v6',
      spec: { clusterIP: v4IP, clusterIPs: [v4IP, v6IP, v4IP2] },
      expect: ['only hold up to 2 values'],
    },
    {
      name: 'dup_IPs',
      cluster: 'v4',
      spec: { clusterIP: v4IP, clusterIPs: [v4IP, v4IP] },
      expect: ['no more than one IP for each IP family'],
    },
    {
      name: 'empty_IP',
      cluster: 'v4',
      spec: { clusterIP: '', clusterIPs: [''] },
      expect: ['must be empty when', 'must be a valid IP'],
    },
    {
      name: 'None_IP_1',
      cluster: 'v4',
      spec: { clusterIP: v4IP, clusterIPs: [v4IP, 'None'] },
      expect: ['must be a valid IP'],
    },
  ];

  it.each(cases)('$name', ({ cluster, spec, expect: texts }) => {
    const sim = run([clusterConfig(cluster), makeService(spec)]);
    const result = resultOf(sim, 'foo');
    expect(result?.outcome).toBe('rejected');
    for (const text of texts) expect(result?.error).toContain(text);
  });
});

describe('TestCreateIgnoresIPsForExternalName', () => {
  const cases: { cluster: Cluster; policy?: IPFamilyPolicy; fams?: string; error: boolean }[] = [
    { cluster: 'v6', error: false },
    { cluster: 'v6', policy: 'SingleStack', fams: 'v6', error: true },
    { cluster: 'v6', policy: 'PreferDualStack', fams: 'v4v6', error: true },
    { cluster: 'v6', policy: 'RequireDualStack', fams: 'v6v4', error: true },
    { cluster: 'v6v4', error: false },
    { cluster: 'v6v4', policy: 'SingleStack', fams: 'v6', error: true },
    { cluster: 'v6v4', policy: 'PreferDualStack', fams: 'v6v4', error: true },
    { cluster: 'v6v4', policy: 'RequireDualStack', fams: 'v4v6', error: true },
  ];

  it.each(cases)('$cluster Policy:$policy Families:$fams', ({ cluster, policy, fams, error }) => {
    const svc = makeService({
      type: 'ExternalName',
      externalName: 'example.com',
      ...(policy ? { ipFamilyPolicy: policy } : {}),
      ...(fams ? { ipFamilies: families[fams] } : {}),
    });
    const sim = run([clusterConfig(cluster), svc]);
    const result = resultOf(sim, 'foo');
    if (error) {
      expect(result?.outcome).toBe('rejected');
      return;
    }
    expect(result?.outcome).toBe('created');
    const spec = stored(sim)?.spec;
    expect(spec?.ipFamilyPolicy).toBeUndefined();
    expect(spec?.ipFamilies).toBeUndefined();
    expect(spec?.clusterIP ?? '').toBe('');
    expect(spec?.clusterIPs ?? []).toEqual([]);
  });
});

describe('TestCreateInitClusterIPsFromClusterIP', () => {
  const cases: { name: string; cluster: Cluster; clusterIP?: string }[] = [
    { name: 'singlestack:v4_clusterip:unset', cluster: 'v4' },
    { name: 'singlestack:v4_clusterip:set', cluster: 'v4', clusterIP: v4IP },
    { name: 'singlestack:v6_clusterip:unset', cluster: 'v6' },
    { name: 'singlestack:v6_clusterip:set', cluster: 'v6', clusterIP: v6IP },
    { name: 'dualstack:v4v6_clusterip:unset', cluster: 'v4v6' },
    { name: 'dualstack:v4v6_clusterip:set', cluster: 'v4v6', clusterIP: v4IP },
    { name: 'dualstack:v6v4_clusterip:unset', cluster: 'v6v4' },
    { name: 'dualstack:v6v4_clusterip:set', cluster: 'v6v4', clusterIP: v6IP },
  ];

  it.each(cases)('$name', ({ cluster, clusterIP }) => {
    const sim = run([clusterConfig(cluster), makeService(clusterIP ? { clusterIP } : {})]);
    expect(resultOf(sim, 'foo')?.outcome).toBe('created');
    const spec = stored(sim)?.spec;
    expect(spec?.clusterIP ?? '').not.toBe('');
    if (clusterIP) expect(spec?.clusterIP).toBe(clusterIP);
    expect(spec?.clusterIPs?.length ?? 0).toBeGreaterThan(0);
    expect(spec?.clusterIPs?.[0]).toBe(spec?.clusterIP);
  });
});

// --- Create-update cases (upstream's cudTestCase, run by helpTestCreateUpdateDelete): the create is
// one apply, the update a second apply of the same Service; the delete phase is left out. ---

type Spec = NonNullable<Service['spec']>;
type Tweak = (spec: Spec) => void;
type Port = NonNullable<Spec['ports']>[number];

/** Upstream's 10.0.0.x and 2000::x fixtures, moved into this cluster's service CIDRs. */
const ip4 = (n: number) => `10.96.10.${n}`;
const ip6 = (n: number) => `fd00:10:96::a${n}`;

function servicePort(name: string, port: number, targetPort: number, protocol = 'TCP'): Port {
  return { ...(name ? { name } : {}), port, targetPort, protocol } as Port;
}

const setTypeClusterIP: Tweak = (s) => {
  s.type = 'ClusterIP';
  for (const p of s.ports ?? []) delete p.nodePort;
  delete s.externalName;
  delete s.externalTrafficPolicy;
  delete s.allocateLoadBalancerNodePorts;
  s.internalTrafficPolicy = 'Cluster';
};
const setTypeNodePort: Tweak = (s) => {
  s.type = 'NodePort';
  s.externalTrafficPolicy = 'Cluster';
  delete s.externalName;
  delete s.allocateLoadBalancerNodePorts;
  s.internalTrafficPolicy = 'Cluster';
};
const setTypeLoadBalancer: Tweak = (s) => {
  s.type = 'LoadBalancer';
  s.externalTrafficPolicy = 'Cluster';
  s.allocateLoadBalancerNodePorts = true;
  delete s.externalName;
  s.internalTrafficPolicy = 'Cluster';
};
const setTypeExternalName: Tweak = (s) => {
  s.type = 'ExternalName';
  s.externalName = 'example.com';
  delete s.externalTrafficPolicy;
  delete s.clusterIP;
  delete s.clusterIPs;
  delete s.allocateLoadBalancerNodePorts;
  delete s.internalTrafficPolicy;
};
const setPorts =
  (...ports: Port[]): Tweak =>
  (s) => {
    s.ports = ports.map((p) => ({ ...p }));
  };
const setClusterIP =
  (ip: string): Tweak =>
  (s) => {
    s.clusterIP = ip;
  };
const setClusterIPs =
  (...ips: string[]): Tweak =>
  (s) => {
    s.clusterIP = ips[0] ?? '';
    s.clusterIPs = ips;
  };
const setHeadless: Tweak = (s) => {
  setTypeClusterIP(s);
  setClusterIPs('None')(s);
};
const setSelector =
  (selector: Record<string, string> | undefined): Tweak =>
  (s) => {
    if (selector === undefined) delete s.selector;
    else s.selector = { ...selector };
  };
const setIPFamilies =
  (...fams: IPFamily[]): Tweak =>
  (s) => {
    s.ipFamilies = fams;
  };
const setIPFamilyPolicy =
  (policy: IPFamilyPolicy): Tweak =>
  (s) => {
    s.ipFamilyPolicy = policy;
  };
/** SetNodePorts: one value per port, in order; 0 leaves the port's nodePort unset. */
const setNodePorts =
  (...values: number[]): Tweak =>
  (s) => {
    values.forEach((v, i) => {
      const p = s.ports?.[i];
      if (!p) return;
      if (v === 0) delete p.nodePort;
      else p.nodePort = v;
    });
  };
const setUniqueNodePorts: Tweak = (s) => {
  (s.ports ?? []).forEach((p, i) => (p.nodePort = 30000 + i));
};
const setHealthCheckNodePort =
  (port: number): Tweak =>
  (s) => {
    s.healthCheckNodePort = port;
  };
const setExternalTrafficPolicy =
  (policy: string): Tweak =>
  (s) => {
    if (policy === '') delete s.externalTrafficPolicy;
    else s.externalTrafficPolicy = policy as NonNullable<Spec['externalTrafficPolicy']>;
  };
const setInternalTrafficPolicy =
  (policy: 'Cluster' | 'Local'): Tweak =>
  (s) => {
    s.internalTrafficPolicy = policy;
  };
const setAllocateLoadBalancerNodePorts =
  (value: boolean): Tweak =>
  (s) => {
    s.allocateLoadBalancerNodePorts = value;
  };
const setExternalName =
  (name: string): Tweak =>
  (s) => {
    s.externalName = name;
  };

/** Our svctest.MakeService: a ClusterIP Service with selector k=v and port 93 -> 76, then the tweaks. */
function svc(...tweaks: Tweak[]): Service {
  const spec: Spec = { selector: { k: 'v' }, sessionAffinity: 'None' };
  setTypeClusterIP(spec);
  setPorts(servicePort('', 93, 76))(spec);
  for (const tweak of tweaks) tweak(spec);
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'foo' }, spec };
}

/** What upstream's svcTestCase expects of one call (verifyEquiv and verifyExpectations). */
interface Want {
  error?: boolean;
  /** The error kubectl prints, where the storage's own code (alloc.go) words it. */
  message?: string;
  clusterIPs?: boolean;
  headless?: boolean;
  nodePorts?: boolean;
  healthCheckNodePort?: boolean;
  /** expectStackDowngrade: the secondary family is given up. */
  downgrade?: boolean;
  /** proveNumFamilies. */
  families?: number;
  prove?: (after: Spec, before: Spec | undefined) => void;
}

const clusterFamilyCount: Record<Cluster, number> = { v4: 1, v6: 1, v4v6: 2, v6v4: 2 };

/** verifyEquiv and verifyExpectations on what the apply stored. */
function verify(cluster: Cluster, want: Want, input: Spec, got: Spec, before: Spec | undefined) {
  const ips = got.clusterIPs ?? [];
  const fams = got.ipFamilies ?? [];
  if (want.clusterIPs) {
    // proveClusterIPsAllocated
    expect(got.clusterIP).toBe(ips[0]);
    expect(ips.length).toBe(fams.length);
    expect(ips.map(familyOf)).toEqual(fams);
    const policy = got.ipFamilyPolicy;
    if (policy === 'SingleStack') expect(fams.length).toBe(1);
    else if (policy === 'RequireDualStack') expect(fams.length).toBe(2);
    else if (policy === 'PreferDualStack') expect(fams.length).toBe(clusterFamilyCount[cluster]);
    else expect.unreachable(`ipFamilyPolicy ${String(policy)}`);
    if (before) {
      if (before.clusterIP) expect(got.clusterIP).toBe(before.clusterIP);
      const n = Math.min(before.clusterIPs?.length ?? 0, ips.length);
      expect(ips.slice(0, n)).toEqual((before.clusterIPs ?? []).slice(0, n));
      const m = Math.min(before.ipFamilies?.length ?? 0, fams.length);
      expect(fams.slice(0, m)).toEqual((before.ipFamilies ?? []).slice(0, m));
    }
  } else if (want.headless) {
    expect(got.clusterIP).toBe('None');
    expect(ips).toEqual(['None']);
  } else if (got.clusterIP !== 'None') {
    // proveClusterIPsDeallocated
    expect(got.clusterIP ?? '').toBe('');
    expect(ips).toEqual([]);
  }
  if (want.clusterIPs || want.headless) {
    // verifyEquiv: what the request asked for is kept, allocated values fill the rest; a
    // downgrade keeps only the first of what it asked for.
    const kept = (asked: readonly string[], got: readonly string[]) =>
      want.downgrade && asked.length > got.length ? 1 : asked.length;
    const asked = input.clusterIPs ?? [];
    expect(ips.slice(0, kept(asked, ips))).toEqual(asked.slice(0, kept(asked, ips)));
    const askedFams = input.ipFamilies ?? [];
    expect(fams.slice(0, kept(askedFams, fams))).toEqual(askedFams.slice(0, kept(askedFams, fams)));
    if (want.downgrade) expect(ips.length).toBe(1);
    if (input.ipFamilyPolicy) expect(got.ipFamilyPolicy).toBe(input.ipFamilyPolicy);
  }
  if (want.families !== undefined) expect(fams.length).toBe(want.families);
  const ports = got.ports ?? [];
  if (want.nodePorts) {
    for (const p of ports) expect(p.nodePort ?? 0).not.toBe(0);
    (input.ports ?? []).forEach((p, i) => {
      if (p.nodePort) expect(ports[i]?.nodePort).toBe(p.nodePort);
    });
  } else for (const p of ports) expect(p.nodePort ?? 0).toBe(0);
  if (want.healthCheckNodePort) {
    expect(got.healthCheckNodePort ?? 0).not.toBe(0);
    if (input.healthCheckNodePort) expect(got.healthCheckNodePort).toBe(input.healthCheckNodePort);
  } else expect(got.healthCheckNodePort ?? 0).toBe(0);
  want.prove?.(got, before);
}

interface CUDCase {
  name: string;
  create: [Service, Want];
  /** Objects applied between the create and the update (upstream's beforeUpdate). */
  beforeUpdate?: KubeObject[];
  update?: [Service, Want];
}

/** helpTestCreateUpdateDelete without its delete phase. */
function cud(cluster: Cluster, tc: CUDCase) {
  const [create, createWant] = tc.create;
  const first = run([clusterConfig(cluster), create]);
  const created = resultOf(first, 'foo');
  if (createWant.error) {
    expect(created?.outcome).toBe('rejected');
    return;
  }
  expect(created?.error).toBeUndefined();
  const before = stored(first)?.spec ?? {};
  verify(cluster, createWant, create.spec ?? {}, before, undefined);
  if (!tc.update) return;
  const [update, updateWant] = tc.update;
  const sim = run([clusterConfig(cluster), create, ...(tc.beforeUpdate ?? []), update]);
  const updated = resultOf(sim, 'foo');
  if (updateWant.error) {
    expect(updated?.outcome).toBe('rejected');
    if (updateWant.message) expect(updated?.error).toBe(updateWant.message);
    return;
  }
  expect(updated?.error).toBeUndefined();
  expect(['configured', 'unchanged']).toContain(updated?.outcome);
  const after = stored(sim)?.spec ?? {};
  verify(cluster, updateWant, update.spec ?? {}, after, before);
  proveReleased(cluster, [create, ...(tc.beforeUpdate ?? []), update], before, after);
}

function nodePortsOf(spec: Spec): number[] {
  const ports = (spec.ports ?? []).map((p) => p.nodePort ?? 0);
  return [...ports, spec.healthCheckNodePort ?? 0].filter((n) => n !== 0);
}

/**
 * proveClusterIPsDeallocated and proveNodePortsDeallocated, as the product can show them: each
 * ClusterIP and NodePort the update gave up can be asked for by another Service.
 */
function proveReleased(cluster: Cluster, applied: KubeObject[], before: Spec, after: Spec) {
  const ips = (before.clusterIPs ?? []).filter(
    (ip) => ip !== 'None' && !(after.clusterIPs ?? []).includes(ip),
  );
  const ports = nodePortsOf(before).filter((n) => !nodePortsOf(after).includes(n));
  if (ips.length === 0 && ports.length === 0) return;
  const probes = [
    ...ips.map((ip, i) => ({ ...svc(setClusterIPs(ip)), metadata: { name: `ip${i}` } })),
    ...ports.map((n, i) => ({
      ...svc(setTypeNodePort, setNodePorts(n)),
      metadata: { name: `port${i}` },
    })),
  ];
  const sim = run([clusterConfig(cluster), ...applied, ...probes]);
  for (const probe of probes) expect(resultOf(sim, probe.metadata.name)?.error).toBeUndefined();
}

const E: Want = { error: true };
const IPs: Want = { clusterIPs: true };
const IPsNP: Want = { clusterIPs: true, nodePorts: true };
const IPsNPHC: Want = { clusterIPs: true, nodePorts: true, healthCheckNodePort: true };
const headless: Want = { headless: true };
const none: Want = {};

describe('TestCreateInitNodePorts', () => {
  const pq = setPorts(servicePort('p', 80, 80), servicePort('q', 443, 443));
  const dns = setPorts(servicePort('p', 53, 53), servicePort('q', 53, 53, 'UDP'));
  const conflict = setPorts(servicePort('p', 93, 93), servicePort('q', 76, 76, 'UDP'));
  const lb = setTypeLoadBalancer;
  const np = setTypeNodePort;
  const cases: [string, Service, 'E' | boolean][] = [
    // Upstream's "type:ExternalName" rows make ClusterIP Services (MakeService's default).
    ['type:ExternalName', svc(), false],
    ['type:ExternalName_with_NodePorts', svc(setUniqueNodePorts), 'E'],
    ['type:ClusterIP', svc(), false],
    ['type:ClusterIP_with_NodePorts', svc(setUniqueNodePorts), 'E'],
    ['type:NodePort_single_port_unspecified', svc(np), true],
    ['type:NodePort_single_port_specified', svc(np, setUniqueNodePorts), true],
    ['type:NodePort_multiport_unspecified', svc(np, pq), true],
    ['type:NodePort_multiport_specified', svc(np, pq, setUniqueNodePorts), true],
    ['type:NodePort_multiport_same', svc(np, pq, setNodePorts(30080, 30080)), 'E'],
    ['type:NodePort_multiport_multiproto_unspecified', svc(np, dns), true],
    ['type:NodePort_multiport_multiproto_specified', svc(np, dns, setUniqueNodePorts), true],
    ['type:NodePort_multiport_multiproto_same', svc(np, dns, setNodePorts(30053, 30053)), true],
    [
      'type:NodePort_multiport_multiproto_conflict',
      svc(np, conflict, setNodePorts(30093, 30093)),
      'E',
    ],
    [
      'type:LoadBalancer_single_port_unspecified:on_alloc:false',
      svc(lb, setAllocateLoadBalancerNodePorts(false)),
      false,
    ],
    [
      'type:LoadBalancer_single_port_unspecified:on_alloc:true',
      svc(lb, setAllocateLoadBalancerNodePorts(true)),
      true,
    ],
    [
      'type:LoadBalancer_single_port_specified:on_alloc:false',
      svc(lb, setUniqueNodePorts, setAllocateLoadBalancerNodePorts(false)),
      true,
    ],
    [
      'type:LoadBalancer_single_port_specified:on_alloc:true',
      svc(lb, setUniqueNodePorts, setAllocateLoadBalancerNodePorts(true)),
      true,
    ],
    [
      'type:LoadBalancer_multiport_unspecified:on_alloc:false',
      svc(lb, pq, setAllocateLoadBalancerNodePorts(false)),
      false,
    ],
    [
      'type:LoadBalancer_multiport_unspecified:on_alloc:true',
      svc(lb, pq, setAllocateLoadBalancerNodePorts(true)),
      true,
    ],
    [
      'type:LoadBalancer_multiport_specified:on_alloc:false',
      svc(lb, pq, setUniqueNodePorts, setAllocateLoadBalancerNodePorts(false)),
      true,
    ],
    [
      'type:LoadBalancer_multiport_specified:on_alloc:true',
      svc(lb, pq, setUniqueNodePorts, setAllocateLoadBalancerNodePorts(true)),
      true,
    ],
    ['type:LoadBalancer_multiport_same', svc(lb, pq, setNodePorts(30080, 30080)), 'E'],
    ['type:LoadBalancer_multiport_multiproto_unspecified', svc(lb, dns), true],
    ['type:LoadBalancer_multiport_multiproto_specified', svc(lb, dns, setUniqueNodePorts), true],
    ['type:LoadBalancer_multiport_multiproto_same', svc(lb, dns, setNodePorts(30053, 30053)), true],
    [
      'type:LoadBalancer_multiport_multiproto_conflict',
      svc(lb, conflict, setNodePorts(30093, 30093)),
      'E',
    ],
  ];

  it.each(cases)('%s', (_name, service, want) => {
    const sim = run([clusterConfig('v4'), service]);
    const result = resultOf(sim, 'foo');
    if (want === 'E') {
      expect(result?.outcome).toBe('rejected');
      return;
    }
    expect(result?.error).toBeUndefined();
    const ports = stored(sim)?.spec?.ports ?? [];
    const allocated = ports.filter((p) => (p.nodePort ?? 0) !== 0);
    if (!want) {
      expect(allocated).toEqual([]);
      return;
    }
    expect(allocated.length).toBe(service.spec?.ports?.length);
    // The ones asked for are kept; the others are unique, except between protocols of one port.
    const seen = new Map<number, number>();
    ports.forEach((p, i) => {
      const asked = service.spec?.ports?.[i]?.nodePort ?? 0;
      if (asked !== 0) {
        expect(p.nodePort).toBe(asked);
        return;
      }
      const previous = seen.get(p.nodePort ?? 0);
      if (previous !== undefined) expect(previous).toBe(p.port);
      seen.set(p.nodePort ?? 0, p.port ?? 0);
    });
  });
});

describe('TestCreateSkipsAllocationsForHeadless', () => {
  const cases: [string, Cluster, Service, boolean][] = [
    ['singlestack:v4', 'v4', svc(setClusterIP('None')), false],
    ['singlestack:v6', 'v6', svc(setClusterIP('None')), false],
    ['dualstack:v4v6', 'v4v6', svc(setClusterIP('None')), false],
    ['dualstack:v6v4', 'v6v4', svc(setClusterIP('None')), false],
    ['singlestack:v4_type:NodePort', 'v4', svc(setTypeNodePort, setClusterIP('None')), true],
    [
      'singlestack:v6_type:LoadBalancer',
      'v6',
      svc(setTypeLoadBalancer, setClusterIP('None')),
      true,
    ],
  ];

  it.each(cases)('%s', (_name, cluster, service, error) => {
    const sim = run([clusterConfig(cluster), service]);
    const result = resultOf(sim, 'foo');
    if (error) {
      expect(result?.outcome).toBe('rejected');
      return;
    }
    expect(result?.outcome).toBe('created');
    expect(stored(sim)?.spec?.clusterIP).toBe('None');
    expect(stored(sim)?.spec?.clusterIPs).toEqual(['None']);
  });
});

describe('TestUpdatePatchAllocatedValues', () => {
  const proveClusterIP = (i: number, ip: string) => (after: Spec) =>
    expect(after.clusterIPs?.[i]).toBe(ip);
  const proveNodePort = (i: number, port: number) => (after: Spec) => {
    if (port > 0) expect(after.ports?.[i]?.nodePort).toBe(port);
    else expect(after.ports?.[i]?.nodePort).not.toBe(-port);
  };
  const proveHCNP = (port: number) => (after: Spec) => expect(after.healthCheckNodePort).toBe(port);
  const all =
    (...proofs: ((after: Spec) => void)[]) =>
    (after: Spec) => {
      for (const p of proofs) p(after);
    };
  const local = setExternalTrafficPolicy('Local');
  const pq = setPorts(servicePort('p', 867, 867), servicePort('q', 5309, 5309));
  const qp = setPorts(servicePort('q', 5309, 5309), servicePort('p', 867, 867));
  const created = (...tweaks: Tweak[]): [Service, Want] => [
    svc(setTypeLoadBalancer, local, ...tweaks),
    IPsNPHC,
  ];
  const cases: CUDCase[] = [
    {
      name: 'single-ip_single-port',
      create: created(setClusterIPs(ip4(1)), setNodePorts(30093), setHealthCheckNodePort(30118)),
      update: [
        svc(setTypeLoadBalancer, local),
        {
          ...IPsNPHC,
          prove: all(proveClusterIP(0, ip4(1)), proveNodePort(0, 30093), proveHCNP(30118)),
        },
      ],
    },
    {
      name: 'multi-ip_multi-port',
      create: created(
        setIPFamilyPolicy('PreferDualStack'),
        setClusterIPs(ip4(1), ip6(1)),
        pq,
        setNodePorts(30093, 30076),
        setHealthCheckNodePort(30118),
      ),
      update: [
        svc(setTypeLoadBalancer, local, pq),
        {
          ...IPsNPHC,
          prove: all(
            proveClusterIP(0, ip4(1)),
            proveClusterIP(1, ip6(1)),
            proveNodePort(0, 30093),
            proveNodePort(1, 30076),
            proveHCNP(30118),
          ),
        },
      ],
    },
    {
      name: 'multi-ip_partial',
      create: created(
        setIPFamilyPolicy('PreferDualStack'),
        setClusterIPs(ip4(1), ip6(1)),
        pq,
        setNodePorts(30093, 30076),
        setHealthCheckNodePort(30118),
      ),
      update: [svc(setTypeLoadBalancer, local, setClusterIPs(ip4(1))), E],
    },
    {
      name: 'multi-port_partial',
      create: created(pq, setNodePorts(30093, 30076), setHealthCheckNodePort(30118)),
      update: [
        svc(setTypeLoadBalancer, local, pq, setNodePorts(30093, 0)),
        {
          ...IPsNPHC,
          prove: all(proveNodePort(0, 30093), proveNodePort(1, 30076), proveHCNP(30118)),
        },
      ],
    },
    {
      name: 'swap-ports',
      create: created(pq, setNodePorts(30093, 30076), setHealthCheckNodePort(30118)),
      update: [
        svc(setTypeLoadBalancer, local, qp),
        {
          ...IPsNPHC,
          prove: all(proveNodePort(0, 30076), proveNodePort(1, 30093), proveHCNP(30118)),
        },
      ],
    },
    {
      name: 'partial-swap-ports',
      create: created(pq, setNodePorts(30093, 30076), setHealthCheckNodePort(30118)),
      update: [
        svc(setTypeLoadBalancer, local, pq, setNodePorts(30076, 0), setHealthCheckNodePort(30118)),
        {
          ...IPsNPHC,
          prove: all(proveNodePort(0, 30076), proveNodePort(1, -30076), proveHCNP(30118)),
        },
      ],
    },
    {
      name: 'swap-port-with-hcnp',
      create: created(pq, setNodePorts(30093, 30076), setHealthCheckNodePort(30118)),
      // updateNodePorts allocates a NodePort the old ports did not hold: the Service's own
      // healthCheckNodePort is taken.
      update: [
        svc(setTypeLoadBalancer, local, pq, setNodePorts(30076, 30118)),
        {
          error: true,
          message:
            'The Service "foo" is invalid: spec.ports[1].nodePort: Invalid value: 30118: provided port is already allocated',
        },
      ],
    },
    {
      name: 'partial-swap-port-with-hcnp',
      create: created(pq, setNodePorts(30093, 30076), setHealthCheckNodePort(30118)),
      update: [
        svc(setTypeLoadBalancer, local, pq, setNodePorts(30118, 0)),
        {
          error: true,
          message:
            'The Service "foo" is invalid: spec.ports[0].nodePort: Invalid value: 30118: provided port is already allocated',
        },
      ],
    },
    {
      name: 'update-hcnp',
      create: created(pq, setNodePorts(30093, 30076), setHealthCheckNodePort(30118)),
      update: [
        svc(
          setTypeLoadBalancer,
          local,
          pq,
          setNodePorts(30093, 30076),
          setHealthCheckNodePort(30111),
        ),
        E,
      ],
    },
  ];

  it.each(cases)('$name', (tc) => cud('v4v6', tc));
});

describe('allocHealthCheckNodePort: a healthCheckNodePort is one more port from the same allocator', () => {
  // alloc.go (b0d609f08083d7a8aa3426540d6d5f9090944906) allocates the NodePorts first, then the
  // requested healthCheckNodePort, and reports its failure as an internal error.
  it('refuses a healthCheckNodePort the Service asked for as a NodePort', () => {
    const sim = run([
      svc(
        setTypeLoadBalancer,
        setExternalTrafficPolicy('Local'),
        setNodePorts(30200),
        setHealthCheckNodePort(30200),
      ),
    ]);
    expect(resultOf(sim, 'foo')?.error).toBe(
      'Error from server (InternalError): Internal error occurred: failed to allocate requested HealthCheck NodePort 30200: provided port is already allocated',
    );
  });
});

/** A result column of the update matrices: E, or the number of families after (d: downgraded). */
function matrixWant(result: string, isHeadless: boolean): Want {
  if (result === 'E') return E;
  const families = Number(result[0]);
  return {
    ...(isHeadless ? headless : IPs),
    families,
    ...(result.endsWith('d') ? { downgrade: true } : {}),
  };
}

const matrixPolicies: Record<string, IPFamilyPolicy | undefined> = {
  '-': undefined,
  S: 'SingleStack',
  P: 'PreferDualStack',
  R: 'RequireDualStack',
};

/**
 * The policy x families x ips matrices of TestUpdateIPsFromSingleStack and
 * TestUpdateIPsFromDualStack: each row is the update's ipFamilyPolicy (`-` unset, S, P, R) and
 * ipFamilies (`-`, `s` the primary family, `d` both), then the results for clusterIPs unset, the
 * primary one and both. The same rows hold for v4v6 and v6v4 clusters, with the families swapped.
 */
const fromSingleStack = `
-  -  1  1  E
-  s  1  1  E
-  d  E  E  E
S  -  1  1  E
S  s  1  1  E
S  d  E  E  E
P  -  2  2  2
P  s  2  2  2
P  d  2  2  2
R  -  2  2  2
R  s  2  2  2
R  d  2  2  2
`;
const fromDualStack = `
-  -  2  E  2
-  s  E  E  E
-  d  2  E  2
S  -  1  1  1d
S  s  1  1  1d
S  d  1d 1d 1d
P  -  2  E  2
P  s  E  E  E
P  d  2  E  2
R  -  2  E  2
R  s  E  E  E
R  d  2  E  2
`;
/** The headless matrices: the update's policy and families, then the results for families unset, s, d. */
const headlessFromSingleStack = `
-  1  1  E
S  1  1  E
P  2  2  2
R  2  2  2
`;
const headlessFromDualStack = `
-  2  E  2
S  1  1  1d
P  2  E  2
R  2  E  2
`;

function rows(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
}

const primaryOf = (cluster: 'v4v6' | 'v6v4') => (cluster === 'v4v6' ? 'IPv4' : 'IPv6');
const clusterIPsOf = (cluster: 'v4v6' | 'v6v4') =>
  cluster === 'v4v6' ? [ip4(1), ip6(1)] : [ip6(1), ip4(1)];
const familiesOf = (cluster: 'v4v6' | 'v6v4'): IPFamily[] =>
  cluster === 'v4v6' ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4'];

/** The update of a matrix row: selector k2=v2 and the row's policy, families and clusterIPs. */
function matrixUpdate(cluster: 'v4v6' | 'v6v4', policy: string, fams: string, ips: string) {
  const tweaks: Tweak[] = [setSelector({ k2: 'v2' })];
  const p = matrixPolicies[policy];
  if (p) tweaks.push(setIPFamilyPolicy(p));
  if (fams === 's') tweaks.push(setIPFamilies(primaryOf(cluster)));
  if (fams === 'd') tweaks.push(setIPFamilies(...familiesOf(cluster)));
  if (ips === 's') tweaks.push(setClusterIPs(clusterIPsOf(cluster)[0] ?? ''));
  if (ips === 'd') tweaks.push(setClusterIPs(...clusterIPsOf(cluster)));
  return svc(setTypeClusterIP, ...tweaks);
}

const ipColumns = ['-', 's', 'd'];
const names: Record<string, string> = { '-': 'nil', s: 'single', d: 'dual' };
const policyNames: Record<string, string> = {
  '-': 'nil',
  S: 'single',
  P: 'prefer',
  R: 'require',
};

function matrixCases(cluster: 'v4v6' | 'v6v4', create: [Service, Want], table: string) {
  const cases: CUDCase[] = [];
  for (const [policy = '', fams = '', ...results] of rows(table))
    results.forEach((result, i) => {
      const ips = ipColumns[i] ?? '-';
      cases.push({
        name: `policy:${policyNames[policy]}_families:${names[fams]}_ips:${names[ips]}`,
        create,
        update: [matrixUpdate(cluster, policy, fams, ips), matrixWant(result, false)],
      });
    });
  return cases;
}

function headlessCases(create: [Service, Want], table: string) {
  const cases: CUDCase[] = [];
  for (const [policy = '', ...results] of rows(table))
    results.forEach((result, i) => {
      const fams = ipColumns[i] ?? '-';
      const tweaks: Tweak[] = [setSelector({ k2: 'v2' })];
      const p = matrixPolicies[policy];
      if (p) tweaks.push(setIPFamilyPolicy(p));
      if (fams === 's') tweaks.push(setIPFamilies('IPv4'));
      if (fams === 'd') tweaks.push(setIPFamilies('IPv4', 'IPv6'));
      cases.push({
        name: `policy:${policyNames[policy]}_families:${names[fams]}`,
        create,
        update: [svc(setTypeClusterIP, ...tweaks), matrixWant(result, true)],
      });
    });
  return cases;
}

describe('TestUpdateIPsFromSingleStack', () => {
  const single = (cluster: 'v4v6' | 'v6v4'): [Service, Want] => [
    svc(
      setTypeClusterIP,
      setIPFamilyPolicy('SingleStack'),
      setClusterIPs(clusterIPsOf(cluster)[0] ?? ''),
    ),
    { ...IPs, families: 1 },
  ];
  const singleStackV4: CUDCase[] = [
    {
      name: 'single-single',
      create: [svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack')), { ...IPs, families: 1 }],
      update: [
        svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack'), setSelector({ k2: 'v2' })),
        { ...IPs, families: 1 },
      ],
    },
    {
      name: 'single-dual',
      create: [svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack')), { ...IPs, families: 1 }],
      update: [
        svc(setTypeClusterIP, setIPFamilyPolicy('RequireDualStack'), setIPFamilies('IPv4', 'IPv6')),
        E,
      ],
    },
    {
      name: 'single-dual_policy',
      create: [svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack')), { ...IPs, families: 1 }],
      update: [svc(setTypeClusterIP, setIPFamilyPolicy('RequireDualStack')), E],
    },
    {
      name: 'single-dual_families',
      create: [svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack')), { ...IPs, families: 1 }],
      update: [svc(setTypeClusterIP, setIPFamilies('IPv4', 'IPv6')), E],
    },
  ];
  it.each(singleStackV4)('singlestack:v4 $name', (tc) => cud('v4', tc));

  for (const cluster of ['v4v6', 'v6v4'] as const) {
    const [primaryIP = '', secondaryIP = ''] = clusterIPsOf(cluster);
    const [primary = 'IPv4', secondary = 'IPv6'] = familiesOf(cluster);
    const extra: CUDCase[] = [
      {
        name: 'single-dual_wrong_order_families',
        create: single(cluster),
        update: [
          svc(
            setTypeClusterIP,
            setIPFamilyPolicy('RequireDualStack'),
            setIPFamilies(secondary, primary),
          ),
          E,
        ],
      },
      {
        name: 'single-dual_wrong_order_ips',
        create: single(cluster),
        update: [
          svc(
            setTypeClusterIP,
            setIPFamilyPolicy('RequireDualStack'),
            setClusterIPs(secondaryIP, primaryIP),
          ),
          E,
        ],
      },
      {
        // Upstream takes the secondary IP from the allocator; here another Service holds it.
        name: 'single-dual_ip_in_use',
        create: single(cluster),
        beforeUpdate: [
          { ...svc(setClusterIPs(secondaryIP)), metadata: { name: 'holder' } } as Service,
        ],
        update: [
          svc(
            setTypeClusterIP,
            setSelector({ k2: 'v2' }),
            setIPFamilyPolicy('RequireDualStack'),
            setIPFamilies('IPv4', 'IPv6'),
            setClusterIPs(primaryIP, secondaryIP),
          ),
          // On v6v4 the families do not match the addresses: refused before allocation.
          cluster === 'v4v6'
            ? {
                error: true,
                message: `The Service "foo" is invalid: spec.clusterIPs: Invalid value: ["${primaryIP}","${secondaryIP}"]: failed to allocate IP ${secondaryIP}: provided IP is already allocated`,
              }
            : E,
        ],
      },
    ];
    it.each([...matrixCases(cluster, single(cluster), fromSingleStack), ...extra])(
      `dualstack:${cluster} $name`,
      (tc) => cud(cluster, tc),
    );
  }

  it.each(
    headlessCases(
      [
        svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack'), setClusterIPs('None')),
        { ...headless, families: 1 },
      ],
      headlessFromSingleStack,
    ),
  )('headless $name', (tc) => cud('v4v6', tc));
});

describe('TestUpdateIPsFromDualStack', () => {
  const dual = (cluster: 'v4v6' | 'v6v4'): [Service, Want] => [
    svc(
      setTypeClusterIP,
      setIPFamilyPolicy('RequireDualStack'),
      setClusterIPs(...clusterIPsOf(cluster)),
    ),
    { ...IPs, families: 2 },
  ];
  for (const cluster of ['v4v6', 'v6v4'] as const) {
    const [, secondaryIP = ''] = clusterIPsOf(cluster);
    const [, secondary = 'IPv6'] = familiesOf(cluster);
    const extra: CUDCase[] = [
      {
        name: 'dual-single_wrong_order_families',
        create: dual(cluster),
        update: [
          svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack'), setIPFamilies(secondary)),
          E,
        ],
      },
      {
        name: 'dual-single_wrong_order_ips',
        create: dual(cluster),
        update: [
          svc(setTypeClusterIP, setIPFamilyPolicy('SingleStack'), setClusterIPs(secondaryIP)),
          E,
        ],
      },
    ];
    it.each([...matrixCases(cluster, dual(cluster), fromDualStack), ...extra])(
      `dualstack:${cluster} $name`,
      (tc) => cud(cluster, tc),
    );
  }

  it.each(
    headlessCases(
      [
        svc(setTypeClusterIP, setIPFamilyPolicy('RequireDualStack'), setClusterIPs('None')),
        { ...headless, families: 2 },
      ],
      headlessFromDualStack,
    ),
  )('headless $name', (tc) => cud('v4v6', tc));
});

const setSessionAffinity =
  (affinity: 'None' | 'ClientIP'): Tweak =>
  (s) => {
    s.sessionAffinity = affinity;
    if (affinity === 'None') delete s.sessionAffinityConfig;
    else s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10 } };
  };

const p80 = servicePort('p', 80, 80);
const q443 = servicePort('q', 443, 443);

/** The TestFeature* tables, run on the dual-stack (v4, v6) cluster as upstream's are. */
const featureCases: Record<string, CUDCase[]> = {
  TestFeatureExternalName: [
    {
      name: 'valid-valid',
      create: [svc(setTypeExternalName), none],
      update: [svc(setTypeExternalName, setExternalName('updated.example.com')), none],
    },
    {
      name: 'valid-blank',
      create: [svc(setTypeExternalName), none],
      update: [svc(setTypeExternalName, setExternalName('')), E],
    },
  ],
  TestFeatureSelector: [
    {
      name: 'valid-valid',
      create: [svc(setTypeClusterIP), IPs],
      update: [svc(setTypeClusterIP, setSelector({ updated: 'value' })), IPs],
    },
    {
      name: 'valid-nil',
      create: [svc(setTypeClusterIP), IPs],
      update: [svc(setTypeClusterIP, setSelector(undefined)), IPs],
    },
    {
      name: 'valid-empty',
      create: [svc(setTypeClusterIP), IPs],
      update: [svc(setTypeClusterIP, setSelector({})), IPs],
    },
    {
      name: 'nil-valid',
      create: [svc(setTypeClusterIP, setSelector(undefined)), IPs],
      update: [svc(setTypeClusterIP), IPs],
    },
    {
      name: 'empty-valid',
      create: [svc(setTypeClusterIP, setSelector({})), IPs],
      update: [svc(setTypeClusterIP), IPs],
    },
  ],
  TestFeatureClusterIPs: [
    {
      name: 'clusterIP:valid-headless',
      create: [svc(setTypeClusterIP), IPs],
      update: [svc(setTypeClusterIP, setHeadless), E],
    },
    {
      name: 'clusterIP:headless-valid',
      create: [svc(setTypeClusterIP, setHeadless), headless],
      update: [svc(setTypeClusterIP, setClusterIP(ip4(93))), E],
    },
    {
      name: 'clusterIP:valid-valid',
      create: [svc(setTypeClusterIP, setClusterIP(ip4(93))), IPs],
      update: [svc(setTypeClusterIP, setClusterIP(ip4(76))), E],
    },
    {
      name: 'clusterIPs:valid-valid',
      create: [
        svc(
          setTypeClusterIP,
          setIPFamilyPolicy('PreferDualStack'),
          setClusterIPs(ip4(93), ip6(93)),
        ),
        IPs,
      ],
      update: [
        svc(
          setTypeClusterIP,
          setIPFamilyPolicy('PreferDualStack'),
          setClusterIPs(ip4(76), ip6(76)),
        ),
        E,
      ],
    },
  ],
  TestFeaturePorts: [
    {
      name: 'add_port',
      create: [svc(setTypeClusterIP, setPorts(p80)), IPs],
      update: [svc(setTypeClusterIP, setPorts(p80, q443)), IPs],
    },
    {
      name: 'add_port_ClusterIP-NodePort',
      create: [svc(setTypeClusterIP, setPorts(p80)), IPs],
      update: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
    },
    {
      name: 'add_port_NodePort-ClusterIP',
      create: [svc(setTypeNodePort, setPorts(p80)), IPsNP],
      update: [svc(setTypeClusterIP, setPorts(p80, q443)), IPs],
    },
    {
      name: 'remove_port',
      create: [svc(setTypeClusterIP, setPorts(p80, q443)), IPs],
      update: [svc(setTypeClusterIP, setPorts(p80)), IPs],
    },
    {
      name: 'remove_port_ClusterIP-NodePort',
      create: [svc(setTypeClusterIP, setPorts(p80, q443)), IPs],
      update: [svc(setTypeNodePort, setPorts(p80)), IPsNP],
    },
    {
      name: 'remove_port_NodePort-ClusterIP',
      create: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
      update: [svc(setTypeClusterIP, setPorts(p80)), IPs],
    },
    {
      name: 'swap_ports',
      create: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
      update: [svc(setTypeNodePort, setPorts(q443, p80)), IPsNP],
    },
    {
      name: 'modify_ports',
      create: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
      update: [
        svc(setTypeNodePort, setPorts(servicePort('p', 8080, 8080), servicePort('q', 8443, 8443))),
        IPsNP,
      ],
    },
    {
      name: 'modify_protos',
      create: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
      update: [
        svc(
          setTypeNodePort,
          setPorts(servicePort('p', 80, 80, 'UDP'), servicePort('q', 443, 443, 'UDP')),
        ),
        IPsNP,
      ],
    },
    {
      name: 'modify_ports_and_protos',
      create: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
      update: [
        svc(setTypeNodePort, setPorts(servicePort('r', 53, 53), servicePort('s', 53, 53, 'UDP'))),
        IPsNP,
      ],
    },
    {
      name: 'add_alt_proto',
      create: [svc(setTypeNodePort, setPorts(servicePort('p', 53, 53))), IPsNP],
      update: [
        svc(setTypeNodePort, setPorts(servicePort('p', 53, 53), servicePort('q', 53, 53, 'UDP'))),
        IPsNP,
      ],
    },
    {
      name: 'wipe_all',
      create: [svc(setTypeNodePort, setPorts(p80, q443)), IPsNP],
      update: [svc(setTypeNodePort, setPorts()), E],
    },
  ],
  // None-ClientIPNoConfig and ClientIP-NoneWithConfig are left out: the v1 API defaults the
  // affinity's config (a ClientIP one gets its timeout, a None one loses it) before the storage
  // sees it, and upstream's test hands the storage internal objects that skip that defaulting.
  TestFeatureSessionAffinity: [
    {
      name: 'None-ClientIP',
      create: [svc(setTypeClusterIP, setSessionAffinity('None')), IPs],
      update: [svc(setTypeClusterIP, setSessionAffinity('ClientIP')), IPs],
    },
    {
      name: 'ClientIP-None',
      create: [svc(setTypeClusterIP, setSessionAffinity('ClientIP')), IPs],
      update: [svc(setTypeClusterIP, setSessionAffinity('None')), IPs],
    },
  ],
  TestFeatureType: [
    ['ExternalName-ClusterIP', setTypeExternalName, none, setTypeClusterIP, IPs],
    ['ClusterIP-ExternalName', setTypeClusterIP, IPs, setTypeExternalName, none],
    ['ExternalName-NodePort', setTypeExternalName, none, setTypeNodePort, IPsNP],
    ['NodePort-ExternalName', setTypeNodePort, IPsNP, setTypeExternalName, none],
    ['ExternalName-LoadBalancer', setTypeExternalName, none, setTypeLoadBalancer, IPsNP],
    ['LoadBalancer-ExternalName', setTypeLoadBalancer, IPsNP, setTypeExternalName, none],
    ['ClusterIP-NodePort', setTypeClusterIP, IPs, setTypeNodePort, IPsNP],
    ['NodePort-ClusterIP', setTypeNodePort, IPsNP, setTypeClusterIP, IPs],
    ['ClusterIP-LoadBalancer', setTypeClusterIP, IPs, setTypeLoadBalancer, IPsNP],
    ['LoadBalancer-ClusterIP', setTypeLoadBalancer, IPsNP, setTypeClusterIP, IPs],
    ['NodePort-LoadBalancer', setTypeNodePort, IPsNP, setTypeLoadBalancer, IPsNP],
    ['LoadBalancer-NodePort', setTypeLoadBalancer, IPsNP, setTypeNodePort, IPsNP],
    ['Headless-ExternalName', setHeadless, headless, setTypeExternalName, none],
    ['ExternalName-Headless', setTypeExternalName, none, setHeadless, headless],
    ['Headless-NodePort', setHeadless, headless, setTypeNodePort, E],
    ['NodePort-Headless', setTypeNodePort, IPsNP, setHeadless, E],
    ['Headless-LoadBalancer', setHeadless, headless, setTypeLoadBalancer, E],
    ['LoadBalancer-Headless', setTypeLoadBalancer, IPsNP, setHeadless, E],
  ].map(([name, from, before, to, after]) => ({
    name: name as string,
    create: [svc(from as Tweak), before as Want],
    update: [svc(to as Tweak), after as Want],
  })),
};

const etp = setExternalTrafficPolicy;
const hcnp = setHealthCheckNodePort;
const IPsNoNP: Want = IPs;
// NodePort_policy:none_hcnp:none and LoadBalancer_policy:none_hcnp:none are left out: the v1 API
// defaults an externally accessible Service's externalTrafficPolicy to Cluster before the
// storage sees it, where upstream's internal objects keep it empty (Required).
featureCases.TestFeatureExternalTrafficPolicy = [
  {
    name: 'ExternalName_policy:none_hcnp:specified',
    create: [svc(setTypeExternalName, etp(''), hcnp(30000)), E],
  },
  {
    name: 'ExternalName_policy:Cluster_hcnp:none',
    create: [svc(setTypeExternalName, etp('Cluster')), E],
  },
  {
    name: 'ExternalName_policy:Cluster_hcnp:specified',
    create: [svc(setTypeExternalName, etp('Cluster'), hcnp(30000)), E],
  },
  {
    name: 'ExternalName_policy:Local_hcnp:none',
    create: [svc(setTypeExternalName, etp('Local')), E],
  },
  {
    name: 'ExternalName_policy:Local_hcnp:specified',
    create: [svc(setTypeExternalName, etp('Local'), hcnp(30000)), E],
  },
  {
    name: 'ClusterIP_policy:none_hcnp:none_policy:Cluster_hcnp:none',
    create: [svc(setTypeClusterIP, etp('')), IPsNoNP],
    update: [svc(setTypeClusterIP, etp('Cluster')), E],
  },
  {
    name: 'ClusterIP_policy:none_hcnp:specified',
    create: [svc(setTypeClusterIP, etp(''), hcnp(30000)), E],
  },
  {
    name: 'ClusterIP_policy:Cluster_hcnp:none',
    create: [svc(setTypeClusterIP, etp('Cluster')), E],
  },
  {
    name: 'ClusterIP_policy:Cluster_hcnp:specified',
    create: [svc(setTypeClusterIP, etp('Cluster'), hcnp(30000)), E],
  },
  { name: 'ClusterIP_policy:Local_hcnp:none', create: [svc(setTypeClusterIP, etp('Local')), E] },
  {
    name: 'ClusterIP_policy:Local_hcnp:specified',
    create: [svc(setTypeClusterIP, etp('Local'), hcnp(30000)), E],
  },
  {
    name: 'NodePort_policy:none_hcnp:specified',
    create: [svc(setTypeNodePort, etp(''), hcnp(30000)), E],
  },
  {
    name: 'NodePort_policy:Cluster_hcnp:none_policy:Local_hcnp:none',
    create: [svc(setTypeNodePort, etp('Cluster')), IPsNP],
    update: [svc(setTypeNodePort, etp('Local')), IPsNP],
  },
  {
    name: 'NodePort_policy:Cluster_hcnp:specified',
    create: [svc(setTypeNodePort, etp('Cluster'), hcnp(30000)), E],
  },
  {
    name: 'NodePort_policy:Local_hcnp:none_policy:Cluster_hcnp:none',
    create: [svc(setTypeNodePort, etp('Local')), IPsNP],
    update: [svc(setTypeNodePort, etp('Cluster')), IPsNP],
  },
  {
    name: 'NodePort_policy:Local_hcnp:specified',
    create: [svc(setTypeNodePort, etp('Local'), hcnp(30000)), E],
  },
  {
    name: 'LoadBalancer_policy:none_hcnp:specified',
    create: [svc(setTypeLoadBalancer, etp(''), hcnp(30000)), E],
  },
  {
    name: 'LoadBalancer_policy:Cluster_hcnp:none_policy:Local_hcnp:none',
    create: [svc(setTypeLoadBalancer, etp('Cluster')), IPsNP],
    update: [svc(setTypeLoadBalancer, etp('Local')), IPsNPHC],
  },
  {
    name: 'LoadBalancer_policy:Cluster_hcnp:none_policy:Local_hcnp:specified',
    create: [svc(setTypeLoadBalancer, etp('Cluster')), IPsNP],
    update: [svc(setTypeLoadBalancer, etp('Local'), hcnp(30000)), IPsNPHC],
  },
  {
    name: 'LoadBalancer_policy:Cluster_hcnp:specified',
    create: [svc(setTypeLoadBalancer, etp('Cluster'), hcnp(30000)), E],
  },
  {
    name: 'LoadBalancer_policy:Local_hcnp:none_policy:Cluster_hcnp:none',
    create: [svc(setTypeLoadBalancer, etp('Local')), IPsNPHC],
    update: [svc(setTypeLoadBalancer, etp('Cluster')), IPsNP],
  },
  {
    name: 'LoadBalancer_policy:Local_hcnp:specified_policy:Cluster_hcnp:none',
    create: [svc(setTypeLoadBalancer, etp('Local'), hcnp(30000)), IPsNPHC],
    update: [svc(setTypeLoadBalancer, etp('Cluster')), IPsNP],
  },
  {
    name: 'LoadBalancer_policy:Local_hcnp:specified_policy:Cluster_hcnp:different',
    create: [svc(setTypeLoadBalancer, etp('Local'), hcnp(30000)), IPsNPHC],
    update: [svc(setTypeLoadBalancer, etp('Local'), hcnp(30001)), E],
  },
  {
    name: 'LoadBalancer_policy:Local_hcnp:none_policy:Inalid',
    create: [svc(setTypeLoadBalancer, etp('Local')), IPsNPHC],
    update: [svc(setTypeLoadBalancer, etp('Invalid')), E],
  },
  {
    name: 'LoadBalancer_policy:Local_hcnp:negative',
    create: [svc(setTypeLoadBalancer, etp('Local'), hcnp(-1)), E],
  },
];

const proveITP =
  (want: string | undefined) =>
  (after: Spec): void =>
    expect(after.internalTrafficPolicy).toBe(want);
const itp = (type: Tweak, base: Want, local: boolean): [Service, Want] => [
  svc(type, ...(local ? [setInternalTrafficPolicy('Local')] : [])),
  { ...base, prove: proveITP(local ? 'Local' : 'Cluster') },
];
featureCases.TestFeatureInternalTrafficPolicy = [
  {
    name: 'ExternalName_policy:none-ExternalName_policy:none',
    create: [svc(setTypeExternalName), { prove: proveITP(undefined) }],
    update: [svc(setTypeExternalName), { prove: proveITP(undefined) }],
  },
  ...(
    [
      ['ClusterIP', setTypeClusterIP, IPs],
      ['NodePort', setTypeNodePort, IPsNP],
      ['LoadBalancer', setTypeLoadBalancer, IPsNP],
      ['Headless', setHeadless, headless],
    ] as const
  ).flatMap(([type, tweak, want]) =>
    ['none', 'Cluster'].map((from) => ({
      name: `${type}_policy:${from}-${type}_policy:Local`,
      // MakeService sets internalTrafficPolicy Cluster either way.
      create: itp(
        from === 'none' ? tweak : (s: Spec) => (tweak(s), setInternalTrafficPolicy('Cluster')(s)),
        want,
        false,
      ),
      update: itp(tweak, want, true),
    })),
  ),
];

for (const [test, cases] of Object.entries(featureCases))
  describe(test, () => {
    it.each(cases)('$name', (tc) => cud('v4v6', tc));
  });

describe('updateClusterIPs: an update allocates only the secondary ClusterIP a Service gains', () => {
  // alloc.go (b0d609f08083d7a8aa3426540d6d5f9090944906) allocates on update only when the Service
  // leaves ExternalName or upgrades to dual-stack (then only clusterIPs[1]), and never for a stored
  // headless Service; a changed clusterIPs[0] is validation's to refuse, even when another Service
  // holds the new address.
  const holder = { ...svc(setClusterIPs(ip4(5))), metadata: { name: 'holder' } } as Service;

  it('an upgrade that also changes the primary ClusterIP is refused by validation', () => {
    const sim = run([
      clusterConfig('v4v6'),
      holder,
      svc(setIPFamilyPolicy('SingleStack'), setClusterIPs(ip4(1))),
      svc(setIPFamilyPolicy('RequireDualStack'), setClusterIPs(ip4(5), ip6(1))),
    ]);
    expect(resultOf(sim, 'foo')?.error).toBe(
      'The Service "foo" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.10.5","fd00:10:96::a1"]: may not change once set',
    );
  });

  it('a stored headless Service allocates nothing', () => {
    const sim = run([
      clusterConfig('v4v6'),
      holder,
      svc(setHeadless),
      svc(setIPFamilyPolicy('RequireDualStack'), setClusterIPs(ip4(5))),
    ]);
    expect(resultOf(sim, 'foo')?.error).toBe(
      'The Service "foo" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.10.5"]: may not change once set',
    );
  });
});
