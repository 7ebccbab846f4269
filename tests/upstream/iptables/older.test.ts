/**
 * Whole dumps from an older upstream test file (v1.26 era), whose per-Service rules current
 * kube-proxy still writes byte for byte. Two things of that era differ from now and are
 * accounted for, not hidden: the test proxier had no nfacct counters (so the fixtures run with
 * `nfacct: false`, as `--no-nfacct`), and the `KUBE-FIREWALL` chain blocking localnet
 * connections was kubelet's, not kube-proxy's; current kube-proxy writes it whenever
 * localhost NodePorts are on (proxier.go, since v1.28), so `withKubeProxyFirewall` adds that
 * chain and its one rule to the expectation.
 *
 * Source: kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go, read at
 * danwinship/kubernetes@01b3ac121f21c50fc71fdbba82ec51200ca17bea (see ./source.ts). The old
 * test node is named `test-hostname`; here it is the harness's `test-node`.
 */
import { describe, expect, it } from 'vitest';
import {
  dedent,
  fixtureHeader,
  iptablesSaveOf,
  ruleSetOf,
  sortIPTablesRules,
  testExternalClient,
  testExternalClientBlocked,
  testNodeIP,
  traceFlow,
  type FixtureOptions,
  type NodeFeatures,
  type PacketFlow,
} from './harness';

const kubeFirewallRule =
  '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP';

/** The old expectation with the KUBE-FIREWALL chain current kube-proxy adds (see above). */
function withKubeProxyFirewall(expected: string): string {
  return expected
    .replace(':KUBE-FORWARD - [0:0]\n', ':KUBE-FIREWALL - [0:0]\n:KUBE-FORWARD - [0:0]\n')
    .replace('-A KUBE-FORWARD ', `${kubeFirewallRule}\n-A KUBE-FORWARD `);
}

const old: NodeFeatures = { nfacct: false };

function expectDump(
  yaml: string,
  expected: string,
  features: NodeFeatures = old,
  options: FixtureOptions = {},
) {
  const want = withKubeProxyFirewall(`${dedent(expected).replace(/\n+$/, '')}\n`);
  expect(sortIPTablesRules(iptablesSaveOf(fixtureHeader(options) + yaml, 4, features))).toBe(want);
}

function expectFlows(yaml: string, flows: PacketFlow[], options: FixtureOptions = {}) {
  const ruleSet = ruleSetOf(fixtureHeader(options) + yaml, 4, old);
  for (const flow of flows) {
    expect(traceFlow(ruleSet, flow), flow.name).toEqual({
      output: flow.output,
      masq: flow.masq ?? false,
    });
  }
}

const slice1 = (endpoints: string) => `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: svc1-1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: ${endpoints}
ports: [{name: p80, port: 80, protocol: TCP}]
`;

const forwardRules = `
  -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
  -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
  -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`;
const filterChains = `
  *filter
  :KUBE-NODEPORTS - [0:0]
  :KUBE-SERVICES - [0:0]
  :KUBE-EXTERNAL-SERVICES - [0:0]
  :KUBE-FORWARD - [0:0]
  :KUBE-PROXY-FIREWALL - [0:0]`;
const natTail = (nodePorts = '-m addrtype --dst-type LOCAL') => `
  -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" ${nodePorts} -j KUBE-NODEPORTS
  -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
  -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
  -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
  -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE`;
const sep1 = `
  -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
  -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80`;
const sep2 = `
  -A KUBE-SEP-ZX7GRIZKSNUQ3LAJ -m comment --comment ns1/svc1:p80 -s 10.180.2.1 -j KUBE-MARK-MASQ
  -A KUBE-SEP-ZX7GRIZKSNUQ3LAJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.2.1:80`;
const svcMasq = `
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ`;
const svcOne = `${svcMasq}
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ`;
const svcTwo = `${svcMasq}
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.2.1:80" -j KUBE-SEP-ZX7GRIZKSNUQ3LAJ`;
const clusterIPJump = `
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O`;
const extCluster = `
  -A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade traffic for ns1/svc1:p80 external destinations" -j KUBE-MARK-MASQ
  -A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVC-XPGD46QRK7WJZT7O`;
const natChains = (chains: string[]) =>
  `
  *nat
  :KUBE-NODEPORTS - [0:0]
  :KUBE-SERVICES - [0:0]` + chains.map((c) => `\n  :${c} - [0:0]`).join('');
const std = ['KUBE-MARK-MASQ', 'KUBE-POSTROUTING'];

/**
 * Not in the older dump: current kube-proxy ends a KUBE-FW- chain with a comment-only rule
 * (as the current TestOverallIPTablesRules shows for ns5/svc5); added to this expectation.
 */
const otherTraffic = `
  -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "other traffic to ns1/svc1:p80 will be dropped by KUBE-PROXY-FIREWALL"`;

describe('TestLoadBalancer (older dump)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  loadBalancerSourceRanges: [192.168.0.0/24, " 203.0.113.0/25"]
status:
  loadBalancer:
    ingress: [{ip: 1.2.3.4}, {ip: 5.6.7.8}]
${slice1('[{addresses: [10.180.0.1]}]')}`;
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}${forwardRules}
  -A KUBE-PROXY-FIREWALL -m comment --comment "ns1/svc1:p80 traffic not accepted by KUBE-FW-XPGD46QRK7WJZT7O" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
  -A KUBE-PROXY-FIREWALL -m comment --comment "ns1/svc1:p80 traffic not accepted by KUBE-FW-XPGD46QRK7WJZT7O" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
  COMMIT${natChains(['KUBE-EXT-XPGD46QRK7WJZT7O', 'KUBE-FW-XPGD46QRK7WJZT7O', ...std, 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SVC-XPGD46QRK7WJZT7O'])}
  -A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-XPGD46QRK7WJZT7O${clusterIPJump}
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-FW-XPGD46QRK7WJZT7O
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-XPGD46QRK7WJZT7O${clusterIPTail()}${extCluster}
  -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 192.168.0.0/24 -j KUBE-EXT-XPGD46QRK7WJZT7O
  -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-XPGD46QRK7WJZT7O
  -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 1.2.3.4 -j KUBE-EXT-XPGD46QRK7WJZT7O
  -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 5.6.7.8 -j KUBE-EXT-XPGD46QRK7WJZT7O${otherTraffic}${markRules()}${sep1}${svcOne}
  COMMIT`,
    );
  });
  it('routes the flows of the older file (same-node LB traffic SNATted to the LB IP is allowed)', () => {
    const ep = '10.180.0.1:80';
    expectFlows(yaml, [
      {
        name: 'same node to LB1',
        sourceIP: '1.2.3.4',
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB2',
        sourceIP: '5.6.7.8',
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'blocked external to LB2',
        sourceIP: testExternalClientBlocked,
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
    ]);
  });
});

/** KUBE-MARK-MASQ and KUBE-POSTROUTING, which sort after KUBE-EXT- and KUBE-FW- chains. */
function markRules(): string {
  return natTail().replace(clusterIPTail(), '');
}

/** KUBE-SERVICES' tail rule alone (the load-balancer dump lists KUBE-MARK-MASQ and KUBE-POSTROUTING after KUBE-FW). */
function clusterIPTail(): string {
  return `
  -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`;
}

describe('TestNodePort (older dump)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: NodePort
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
${slice1('[{addresses: [10.180.0.1]}]')}`;
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}${forwardRules}
  COMMIT${natChains(['KUBE-EXT-XPGD46QRK7WJZT7O', ...std, 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SVC-XPGD46QRK7WJZT7O'])}
  -A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-XPGD46QRK7WJZT7O${clusterIPJump}${clusterIPTail()}${extCluster}${markRules()}${sep1}${svcOne}
  COMMIT`,
    );
  });
  it('masquerades localhost to the NodePort', () => {
    expectFlows(yaml, [
      {
        name: 'localhost to nodePort gets masqueraded',
        sourceIP: '127.0.0.1',
        destIP: '127.0.0.1',
        destPort: 3001,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'node to nodePort',
        sourceIP: testNodeIP,
        destIP: testNodeIP,
        destPort: 3001,
        output: '10.180.0.1:80',
        masq: true,
      },
    ]);
  });
});

describe('TestHealthCheckNodePort (older dump: nodePortAddresses 127.0.0.0/8, no endpoints)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.42
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  healthCheckNodePort: 30000
  externalTrafficPolicy: Local
`;
  const options = { proxyConfig: 'nodePortAddresses: [127.0.0.0/8]' };
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}
  -A KUBE-NODEPORTS -m comment --comment "ns1/svc1:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j REJECT
  -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j REJECT${forwardRules}
  COMMIT${natChains(std)}${natTail('-d 127.0.0.1')}
  COMMIT`,
      old,
      options,
    );
  });
  it('accepts the health check node port', () => {
    expectFlows(
      yaml,
      [
        {
          name: 'firewall accepts HealthCheckNodePort',
          sourceIP: '1.2.3.4',
          destIP: testNodeIP,
          destPort: 30000,
          output: 'ACCEPT',
        },
      ],
      options,
    );
  });
});

describe('TestMasqueradeRule (older dump, with and without --random-fully)', () => {
  for (const randomFully of [false, true]) {
    it(`random-fully ${randomFully}`, () => {
      expectDump(
        '',
        `${filterChains}${forwardRules}
  COMMIT${natChains(std)}${natTail()}${randomFully ? ' --random-fully' : ''}
  COMMIT`,
        { nfacct: false, randomFully },
      );
    });
  }
});

describe('TestExternalIPsReject (older dump)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: ClusterIP
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, port: 80, protocol: TCP, targetPort: 80}]
`;
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REJECT
  -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 192.168.99.11 --dport 80 -j REJECT${forwardRules}
  COMMIT${natChains(std)}${natTail()}
  COMMIT`,
    );
  });
});

const twoEndpoints = slice1(
  '[{addresses: [10.180.0.1]}, {addresses: [10.180.2.1], nodeName: test-node}]',
);

describe('TestOnlyLocalExternalIPs (older dump)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, port: 80, protocol: TCP, targetPort: 80}]
${twoEndpoints}`;
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}${forwardRules}
  COMMIT${natChains(['KUBE-EXT-XPGD46QRK7WJZT7O', ...std, 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SEP-ZX7GRIZKSNUQ3LAJ', 'KUBE-SVC-XPGD46QRK7WJZT7O', 'KUBE-SVL-XPGD46QRK7WJZT7O'])}${clusterIPJump}
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 external IP" -m tcp -p tcp -d 192.168.99.11 --dport 80 -j KUBE-EXT-XPGD46QRK7WJZT7O${clusterIPTail()}
  -A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "pod traffic for ns1/svc1:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-XPGD46QRK7WJZT7O
  -A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade LOCAL traffic for ns1/svc1:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
  -A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "route LOCAL traffic for ns1/svc1:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-XPGD46QRK7WJZT7O
  -A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVL-XPGD46QRK7WJZT7O${markRules()}${sep1}${sep2}${svcTwo}
  -A KUBE-SVL-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.2.1:80" -j KUBE-SEP-ZX7GRIZKSNUQ3LAJ
  COMMIT`,
    );
  });
  it('sends external traffic only to the local endpoint, unmasqueraded', () => {
    expectFlows(yaml, [
      {
        name: 'cluster IP hits both endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80, 10.180.2.1:80',
      },
      {
        name: 'external IP hits only local endpoint, unmasqueraded',
        sourceIP: testExternalClient,
        destIP: '192.168.99.11',
        destPort: 80,
        output: '10.180.2.1:80',
      },
    ]);
  });
});

describe('TestNonLocalExternalIPs (older dump)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, port: 80, protocol: TCP, targetPort: 80}]
${twoEndpoints}`;
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}${forwardRules}
  COMMIT${natChains(['KUBE-EXT-XPGD46QRK7WJZT7O', ...std, 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-SEP-ZX7GRIZKSNUQ3LAJ', 'KUBE-SVC-XPGD46QRK7WJZT7O'])}${clusterIPJump}
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 external IP" -m tcp -p tcp -d 192.168.99.11 --dport 80 -j KUBE-EXT-XPGD46QRK7WJZT7O${clusterIPTail()}${extCluster}${markRules()}${sep1}${sep2}${svcTwo}
  COMMIT`,
    );
  });
  it('masquerades external traffic to the external IP', () => {
    expectFlows(yaml, [
      {
        name: 'external to external IP',
        sourceIP: testExternalClient,
        destIP: '192.168.99.11',
        destPort: 80,
        output: '10.180.0.1:80, 10.180.2.1:80',
        masq: true,
      },
    ]);
  });
});

describe('TestNodePortReject (older dump)', () => {
  const yaml = `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: NodePort
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
`;
  it('generates the dump', () => {
    expectDump(
      yaml,
      `${filterChains}
  -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REJECT
  -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j REJECT${forwardRules}
  COMMIT${natChains(std)}${natTail()}
  COMMIT`,
    );
  });
});
