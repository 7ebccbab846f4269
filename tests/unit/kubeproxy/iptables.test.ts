import { describe, expect, it } from 'vitest';
import { hash16 } from '../../../src/engine/kubeproxy/common/hash';
import { computeProbability, servicePortChains } from '../../../src/engine/kubeproxy/iptables';
import { fixtureHeader, iptablesSaveOf, ruleSetOf } from '../../upstream/iptables/harness';

describe('chain names', () => {
  it('hashes the port name and protocol as kube-proxy does', () => {
    expect(servicePortChains('default/kubernetes:https', 'tcp').clusterPolicyChain).toBe(
      'KUBE-SVC-NPX46M4PTMTKRN6Y',
    );
    expect(hash16('ns1/svc1:p80tcp10.180.0.1:80')).toBe('SXIVWICOYRO3J4NJ');
  });
});

describe('statistic probabilities', () => {
  it('prints 1/n with ten decimals, an exact half rounded to even as Go does', () => {
    expect(computeProbability(2)).toBe('0.5000000000');
    expect(computeProbability(3)).toBe('0.3333333333');
    expect(computeProbability(6)).toBe('0.1666666667');
    expect(computeProbability(2048)).toBe('0.0004882812');
  });
});

function manyEndpoints(count: number): string {
  const endpoints = Array.from(
    { length: count },
    (_, i) => `{addresses: [10.1.${i >> 8}.${i & 255}]}`,
  );
  return `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: big}
spec: {clusterIP: 172.30.0.9, ports: [{name: p, port: 80, protocol: TCP}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: big-1, labels: {kubernetes.io/service-name: big}}
addressType: IPv4
endpoints: [${endpoints.join(', ')}]
ports: [{name: p, port: 80, protocol: TCP}]
`;
}

describe('large-cluster mode', () => {
  it('keeps per-endpoint comments up to 1,000 endpoints', () => {
    expect(iptablesSaveOf(manyEndpoints(1000))).toContain(
      '-m comment --comment "ns1/big:p -> 10.1.0.0:80"',
    );
  });
  it('drops them above 1,000 endpoints, as kube-proxy does', () => {
    const text = iptablesSaveOf(manyEndpoints(1001));
    expect(text).not.toContain('-> 10.1.0.0:80');
    expect(text).toMatch(/-A KUBE-SEP-\w+ -s 10\.1\.0\.0 -j KUBE-MARK-MASQ/);
    expect(text).toContain('-m comment --comment "ns1/big:p cluster IP"');
  });
});

describe('dual stack', () => {
  const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: ds}
spec:
  ipFamilies: [IPv4, IPv6]
  clusterIP: 172.30.0.50
  clusterIPs: [172.30.0.50, "fd00:172:30::50"]
  ports: [{name: p, port: 80, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: ds-v6, labels: {kubernetes.io/service-name: ds}}
addressType: IPv6
endpoints: [{addresses: ["fd00:10::5"]}]
ports: [{name: p, port: 80, protocol: TCP}]
`;
  it('writes each family its own cluster IP; IPv6 endpoints in brackets; no KUBE-FIREWALL in IPv6', () => {
    const v6 = iptablesSaveOf(yaml, 6);
    expect(v6).toContain('-d fd00:172:30::50 --dport 80 ! -s fd00:10::/64 -j KUBE-MARK-MASQ');
    expect(v6).toContain('-j DNAT --to-destination [fd00:10::5]:80');
    expect(v6).toContain('-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS');
    expect(v6).not.toContain('KUBE-FIREWALL');
    const v4 = iptablesSaveOf(yaml, 4);
    expect(v4).toContain(
      '"ns1/ds:p has no endpoints" -m tcp -p tcp -d 172.30.0.50 --dport 80 -j REJECT',
    );
  });
});

describe('robustness', () => {
  it('never throws on malformed services and slices', () => {
    const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: x, name: bad}
spec: {clusterIP: not-an-ip, ports: [{}]}
---
apiVersion: v1
kind: Service
metadata: {namespace: x, name: worse}
spec: {clusterIP: 10.0.0.1, ports: "nope", externalIPs: [1, null]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: x, name: worse-1, labels: {kubernetes.io/service-name: worse}}
addressType: IPv4
endpoints: [null, {addresses: []}, {}]
ports: [null, {port: 0}]
`;
    expect(() => ruleSetOf(yaml)).not.toThrow();
  });
});
