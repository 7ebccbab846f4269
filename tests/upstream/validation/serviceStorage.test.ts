/**
 * The Service REST storage's own cases (kubernetes/kubernetes
 * pkg/registry/core/service/storage/storage_test.go at commit
 * b0d609f08083d7a8aa3426540d6d5f9090944906): TestCreateInitIPFields, TestCreateInvalidClusterIPInputs,
 * TestCreateIgnoresIPsForExternalName and TestCreateInitClusterIPsFromClusterIP, played as
 * `kubectl apply` of the Service on a cluster whose service CIDRs a kubeadm ClusterConfiguration sets.
 *
 * Upstream's storage allocates from 10.0.0.0/16 and 2000::/108; our cluster's ranges are
 * 10.96.0.0/12 and fd00:10:96::/112, so its fixtures' 10.0.0.1, 10.0.0.2 and 2000::1 are moved to
 * 10.96.10.1, 10.96.10.2 and fd00:10:96::a1 (any free address of the same family, as upstream's are).
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
    spec.clusterIP = clusterIPs[ips]?.[0];
    spec.clusterIPs = clusterIPs[ips];
  }
  if (policy !== '-') spec.ipFamilyPolicy = policies[policy];
  if (fams !== '-') spec.ipFamilies = families[fams];
  const svc = makeService(spec);
  if (ips === 'HS' && svc.spec) delete svc.spec.selector;
  return svc;
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
