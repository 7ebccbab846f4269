/**
 * Whole-table expectations of kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at commit
 * 81810de635aa13aa0a32992f6def3aa9d6025ebc, compared as assertNFTablesTransactionEqual compares:
 * TestSyncProxyRulesRepeated (every state it reaches that holds no stale chain, i.e. what one
 * sync of the same objects writes), TestSyncProxyRulesStartup (its final table) and TestBadIPs.
 */
import { describe, expect, it } from 'vitest';
import { renderNftTransaction } from '../../../src/engine/kubeproxy/nftables';
import { baseRules, dedent, sortTransaction, tableFor, upstreamCommit } from './helpers';

const at = `kubernetes@${upstreamCommit.slice(0, 12)}`;

/** A ClusterIP Service `nsN/svcN` with one port, and its EndpointSlice when it has endpoints. */
function clusterIPService(n: number, port: number, endpoints: string[] | undefined): string {
  const portName = `p${port}`;
  const service = `---
apiVersion: v1
kind: Service
metadata: {name: svc${n}, namespace: ns${n}}
spec: {type: ClusterIP, clusterIP: 172.30.0.4${n}, ports: [{name: ${portName}, port: ${port}, protocol: TCP}]}
`;
  if (!endpoints) return service;
  return `${service}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc${n}-1, namespace: ns${n}, labels: {kubernetes.io/service-name: svc${n}}}
addressType: IPv4
endpoints: [${endpoints.map((ip) => `{addresses: [${ip}]}`).join(', ')}]
ports: [{name: ${portName}, port: ${port}, protocol: TCP}]
`;
}

function expectTable(objects: string, expected: string): void {
  const table = tableFor(objects);
  expect(sortTransaction(renderNftTransaction(table))).toBe(sortTransaction(baseRules + expected));
}

// Upstream's expected lines, per Service state.
const svc1 = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.41 }
	add element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }
	add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80
	add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 }
	add chain ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80
	add rule ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 ip saddr 10.0.1.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 meta l4proto tcp dnat to 10.0.1.1:80
`);
const svc2 = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.42 }
	add element ip kube-proxy service-ips { 172.30.0.42 . tcp . 8080 : goto service-MHHHYRWA-ns2/svc2/tcp/p8080 }
	add chain ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080
	add rule ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080 ip daddr 172.30.0.42 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080 numgen random mod 1 vmap { 0 : goto endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 }
	add chain ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080
	add rule ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 ip saddr 10.0.2.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 meta l4proto tcp dnat to 10.0.2.1:8080
`);
const svc3 = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.43 }
	add element ip kube-proxy service-ips { 172.30.0.43 . tcp . 80 : goto service-4AT6LBPK-ns3/svc3/tcp/p80 }
	add chain ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80
	add rule ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80 ip daddr 172.30.0.43 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-2OCDJSZQ-ns3/svc3/tcp/p80__10.0.3.1/80 }
	add chain ip kube-proxy endpoint-2OCDJSZQ-ns3/svc3/tcp/p80__10.0.3.1/80
	add rule ip kube-proxy endpoint-2OCDJSZQ-ns3/svc3/tcp/p80__10.0.3.1/80 ip saddr 10.0.3.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-2OCDJSZQ-ns3/svc3/tcp/p80__10.0.3.1/80 meta l4proto tcp dnat to 10.0.3.1:80
`);
const svc3TwoEndpoints = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.43 }
	add element ip kube-proxy service-ips { 172.30.0.43 . tcp . 80 : goto service-4AT6LBPK-ns3/svc3/tcp/p80 }
	add chain ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80
	add rule ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80 ip daddr 172.30.0.43 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80 numgen random mod 2 vmap { 0 : goto endpoint-SWWHDC7X-ns3/svc3/tcp/p80__10.0.3.2/80 , 1 : goto endpoint-TQ2QKHCZ-ns3/svc3/tcp/p80__10.0.3.3/80 }
	add chain ip kube-proxy endpoint-SWWHDC7X-ns3/svc3/tcp/p80__10.0.3.2/80
	add rule ip kube-proxy endpoint-SWWHDC7X-ns3/svc3/tcp/p80__10.0.3.2/80 ip saddr 10.0.3.2 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-SWWHDC7X-ns3/svc3/tcp/p80__10.0.3.2/80 meta l4proto tcp dnat to 10.0.3.2:80
	add chain ip kube-proxy endpoint-TQ2QKHCZ-ns3/svc3/tcp/p80__10.0.3.3/80
	add rule ip kube-proxy endpoint-TQ2QKHCZ-ns3/svc3/tcp/p80__10.0.3.3/80 ip saddr 10.0.3.3 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-TQ2QKHCZ-ns3/svc3/tcp/p80__10.0.3.3/80 meta l4proto tcp dnat to 10.0.3.3:80
`);
const svc4NoEndpoints = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.44 }
	add element ip kube-proxy no-endpoint-services { 172.30.0.44 . tcp . 80 comment "ns4/svc4:p80" : goto reject-chain }
`);
const svc4 = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.44 }
	add element ip kube-proxy service-ips { 172.30.0.44 . tcp . 80 : goto service-LAUZTJTB-ns4/svc4/tcp/p80 }
	add chain ip kube-proxy service-LAUZTJTB-ns4/svc4/tcp/p80
	add rule ip kube-proxy service-LAUZTJTB-ns4/svc4/tcp/p80 ip daddr 172.30.0.44 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-LAUZTJTB-ns4/svc4/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-WAHRBT2B-ns4/svc4/tcp/p80__10.0.4.1/80 }
	add chain ip kube-proxy endpoint-WAHRBT2B-ns4/svc4/tcp/p80__10.0.4.1/80
	add rule ip kube-proxy endpoint-WAHRBT2B-ns4/svc4/tcp/p80__10.0.4.1/80 ip saddr 10.0.4.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-WAHRBT2B-ns4/svc4/tcp/p80__10.0.4.1/80 meta l4proto tcp dnat to 10.0.4.1:80
`);

describe(`nftables TestSyncProxyRulesRepeated, each state without stale chains (${at})`, () => {
  const ns1 = clusterIPService(1, 80, ['10.0.1.1']);
  const ns2 = clusterIPService(2, 8080, ['10.0.2.1']);
  const ns3 = clusterIPService(3, 80, ['10.0.3.1']);
  it('the initial two Services', () => expectTable(ns1 + ns2, svc1 + svc2));
  it('a third Service and its endpoints added', () =>
    expectTable(ns1 + ns2 + ns3, svc1 + svc2 + svc3));
  it('svc2 deleted (once its chains are gone)', () => expectTable(ns1 + ns3, svc1 + svc3));
  it('svc4 added without endpoints', () =>
    expectTable(ns1 + ns3 + clusterIPService(4, 80, undefined), svc1 + svc3 + svc4NoEndpoints));
  it('svc4 given its endpoint', () =>
    expectTable(ns1 + ns3 + clusterIPService(4, 80, ['10.0.4.1']), svc1 + svc3 + svc4));
  it('svc3 with its endpoint changed and one added (the final state)', () =>
    expectTable(
      ns1 +
        clusterIPService(3, 80, ['10.0.3.2', '10.0.3.3']) +
        clusterIPService(4, 80, ['10.0.4.1']),
      svc1 + svc3TwoEndpoints + svc4,
    ));
});

describe(`nftables TestSyncProxyRulesStartup, the table after the first sync (${at})`, () => {
  it('writes every Service, whatever the table held before', () => {
    const objects =
      clusterIPService(1, 80, ['10.0.1.1', '10.0.1.2']) +
      clusterIPService(2, 8080, ['10.0.2.1']) +
      clusterIPService(3, 80, undefined);
    const expected = dedent(`
	add element ip kube-proxy cluster-ips { 172.30.0.41 }
	add element ip kube-proxy cluster-ips { 172.30.0.42 }
	add element ip kube-proxy cluster-ips { 172.30.0.43 }
	add element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }
	add element ip kube-proxy service-ips { 172.30.0.42 . tcp . 8080 : goto service-MHHHYRWA-ns2/svc2/tcp/p8080 }
	add element ip kube-proxy no-endpoint-services { 172.30.0.43 . tcp . 80 comment "ns3/svc3:p80" : goto reject-chain }
	add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80
	add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 2 vmap { 0 : goto endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 , 1 : goto endpoint-ZCZBVNAZ-ns1/svc1/tcp/p80__10.0.1.2/80 }
	add chain ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80
	add rule ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 ip saddr 10.0.1.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 meta l4proto tcp dnat to 10.0.1.1:80
	add chain ip kube-proxy endpoint-ZCZBVNAZ-ns1/svc1/tcp/p80__10.0.1.2/80
	add rule ip kube-proxy endpoint-ZCZBVNAZ-ns1/svc1/tcp/p80__10.0.1.2/80 ip saddr 10.0.1.2 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-ZCZBVNAZ-ns1/svc1/tcp/p80__10.0.1.2/80 meta l4proto tcp dnat to 10.0.1.2:80
	add chain ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080
	add rule ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080 ip daddr 172.30.0.42 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080 numgen random mod 1 vmap { 0 : goto endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 }
	add chain ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080
	add rule ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 ip saddr 10.0.2.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 meta l4proto tcp dnat to 10.0.2.1:8080
`);
    expectTable(objects, expected);
  });
});

describe(`nftables TestBadIPs (${at})`, () => {
  it('rewrites sloppy IPs and CIDRs as Go prints them', () => {
    const objects = `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.041
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  externalIPs: [192.168.099.022]
  loadBalancerSourceRanges: [203.0.113.000/025]
status: {loadBalancer: {ingress: [{ip: 1.2.3.004}]}}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [10.180.00.001]}]
ports: [{name: p80, port: 80, protocol: TCP}]
`;
    const expected = dedent(`
	add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80
	add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
	add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 }
	add chain ip kube-proxy external-ULMVA6XW-ns1/svc1/tcp/p80
	add rule ip kube-proxy external-ULMVA6XW-ns1/svc1/tcp/p80 jump mark-for-masquerade
	add rule ip kube-proxy external-ULMVA6XW-ns1/svc1/tcp/p80 goto service-ULMVA6XW-ns1/svc1/tcp/p80
	add chain ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80
	add rule ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 ip saddr 10.180.0.1 jump mark-for-masquerade
	add rule ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 meta l4proto tcp dnat to 10.180.0.1:80
	add chain ip kube-proxy firewall-ULMVA6XW-ns1/svc1/tcp/p80
	add rule ip kube-proxy firewall-ULMVA6XW-ns1/svc1/tcp/p80 ip saddr != { 203.0.113.0/25 } drop
	add element ip kube-proxy cluster-ips { 172.30.0.41 }
	add element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }
	add element ip kube-proxy service-ips { 192.168.99.22 . tcp . 80 : goto external-ULMVA6XW-ns1/svc1/tcp/p80 }
	add element ip kube-proxy service-ips { 1.2.3.4 . tcp . 80 : goto external-ULMVA6XW-ns1/svc1/tcp/p80 }
	add element ip kube-proxy service-nodeports { tcp . 3001 : goto external-ULMVA6XW-ns1/svc1/tcp/p80 }
	add element ip kube-proxy firewall-ips { 1.2.3.4 . tcp . 80 : goto firewall-ULMVA6XW-ns1/svc1/tcp/p80 }
`);
    expectTable(objects, expected);
  });
});
