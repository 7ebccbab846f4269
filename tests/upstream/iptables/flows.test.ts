/**
 * Packet-flow tables of kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go (the nfacct-era
 * version; runPacketFlowTests), run through the engine's tracer over the engine's own rules:
 * TestNoEndpointsReject, TestClusterIPGeneral, TestLoadBalancer, TestNodePorts,
 * TestHealthCheckNodePort, TestExternalTrafficPolicyLocal; and the single-chain checks of
 * TestDropInvalidRule and TestMasqueradeRule (assertIPTablesChainEqual).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeIptablesRules } from '../../../src/engine/kubeproxy/iptables';
import {
  fixtureHeader,
  ruleSetOf,
  testExternalClient,
  testExternalClientBlocked,
  testNodeIP,
  testNodeIPAlt,
  testNodeIPv6,
  testNodeIPv6Alt,
  testNodeName,
  traceFlow,
  type FixtureOptions,
  type PacketFlow,
} from './harness';

function runFlows(yaml: string, flows: PacketFlow[], family: 4 | 6 = 4) {
  const ruleSet = ruleSetOf(yaml, family);
  for (const flow of flows) {
    it(flow.name, () => {
      expect(traceFlow(ruleSet, flow)).toEqual({ output: flow.output, masq: flow.masq ?? false });
    });
  }
}

const slice = (
  ns: string,
  name: string,
  endpoints: string,
  ports: string,
  addressType = 'IPv4',
) => `
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ${ns}, name: ${name}-1, labels: {kubernetes.io/service-name: ${name}}}
addressType: ${addressType}
endpoints: ${endpoints}
ports: ${ports}`;

describe('TestNoEndpointsReject', () => {
  const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, protocol: TCP, port: 80, nodePort: 3001}]
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
`;
  runFlows(yaml, [
    {
      name: 'pod to cluster IP with no endpoints',
      sourceIP: '10.0.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      output: 'REJECT',
    },
    {
      name: 'external to external IP with no endpoints',
      sourceIP: testExternalClient,
      destIP: '192.168.99.11',
      destPort: 80,
      output: 'REJECT',
    },
    {
      name: 'pod to NodePort with no endpoints',
      sourceIP: '10.0.0.2',
      destIP: testNodeIP,
      destPort: 3001,
      output: 'REJECT',
    },
    {
      name: 'external to NodePort with no endpoints',
      sourceIP: testExternalClient,
      destIP: testNodeIP,
      destPort: 3001,
      output: 'REJECT',
    },
    {
      name: 'pod to LoadBalancer IP with no endpoints',
      sourceIP: '10.0.0.2',
      destIP: '1.2.3.4',
      destPort: 80,
      output: 'REJECT',
    },
    {
      name: 'external to LoadBalancer IP with no endpoints',
      sourceIP: testExternalClient,
      destIP: '1.2.3.4',
      destPort: 80,
      output: 'REJECT',
    },
  ]);
});

describe('TestClusterIPGeneral', () => {
  const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  clusterIP: 172.30.0.41
  ports: [{name: http, port: 80, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {namespace: ns2, name: svc2}
spec:
  clusterIP: 172.30.0.42
  ports:
  - {name: http, port: 80, protocol: TCP}
  - {name: https, port: 443, protocol: TCP, targetPort: 8443}
  - {name: dns-udp, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 5353}
  - {name: dns-sctp, port: 53, protocol: SCTP}
${slice('ns1', 'svc1', `[{addresses: [10.180.0.1], nodeName: ${testNodeName}}]`, '[{name: http, port: 80, protocol: TCP}]')}
${slice(
  'ns2',
  'svc2',
  `[{addresses: [10.180.0.1], nodeName: ${testNodeName}}, {addresses: [10.180.2.1], nodeName: node2}]`,
  `[{name: http, port: 80, protocol: TCP}, {name: https, port: 8443, protocol: TCP}, {name: dns-udp, port: 53, protocol: UDP}, {name: dns-tcp, port: 5353, protocol: TCP}, {name: dns-sctp, port: 53, protocol: SCTP}]`,
)}
`;
  runFlows(yaml, [
    {
      name: 'simple clusterIP',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      output: '10.180.0.1:80',
    },
    {
      name: 'hairpin to cluster IP',
      sourceIP: '10.180.0.1',
      destIP: '172.30.0.41',
      destPort: 80,
      output: '10.180.0.1:80',
      masq: true,
    },
    {
      name: 'clusterIP with multiple endpoints',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.42',
      destPort: 80,
      output: '10.180.0.1:80, 10.180.2.1:80',
    },
    {
      name: 'clusterIP with TargetPort',
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.42',
      destPort: 443,
      output: '10.180.0.1:8443, 10.180.2.1:8443',
    },
    {
      name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)',
      sourceIP: '10.180.0.2',
      protocol: 'TCP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:5353, 10.180.2.1:5353',
    },
    {
      name: 'clusterIP with TCP, UDP, and SCTP on same port (UDP)',
      sourceIP: '10.180.0.2',
      protocol: 'UDP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:53, 10.180.2.1:53',
    },
    {
      name: 'clusterIP with TCP, UDP, and SCTP on same port (SCTP)',
      sourceIP: '10.180.0.2',
      protocol: 'SCTP',
      destIP: '172.30.0.42',
      destPort: 53,
      output: '10.180.0.1:53, 10.180.2.1:53',
    },
    {
      name: 'TCP-only port does not match UDP traffic',
      sourceIP: '10.180.0.2',
      protocol: 'UDP',
      destIP: '172.30.0.42',
      destPort: 80,
      output: '',
    },
    {
      name: "svc1 does not accept svc2's ports",
      sourceIP: '10.180.0.2',
      destIP: '172.30.0.41',
      destPort: 443,
      output: '',
    },
  ]);
});

describe('TestLoadBalancer', () => {
  const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  loadBalancerSourceRanges: [192.168.0.0/24, " 203.0.113.0/25"]
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}, {ip: 5.6.7.8}]}}
${slice('ns1', 'svc1', '[{addresses: [10.180.0.1]}]', '[{name: p80, port: 80, protocol: TCP}]')}
`;
  const ep = '10.180.0.1:80';
  runFlows(yaml, [
    {
      name: 'pod to cluster IP',
      sourceIP: '10.0.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      output: ep,
    },
    {
      name: 'external to nodePort',
      sourceIP: testExternalClient,
      destIP: testNodeIP,
      destPort: 3001,
      output: ep,
      masq: true,
    },
    {
      name: 'nodePort bypasses LoadBalancerSourceRanges',
      sourceIP: testExternalClientBlocked,
      destIP: testNodeIP,
      destPort: 3001,
      output: ep,
      masq: true,
    },
    {
      name: 'accepted external to LB1',
      sourceIP: testExternalClient,
      destIP: '1.2.3.4',
      destPort: 80,
      output: ep,
      masq: true,
    },
    {
      name: 'accepted external to LB2',
      sourceIP: testExternalClient,
      destIP: '5.6.7.8',
      destPort: 80,
      output: ep,
      masq: true,
    },
    {
      name: 'blocked external to LB1',
      sourceIP: testExternalClientBlocked,
      destIP: '1.2.3.4',
      destPort: 80,
      output: 'DROP',
    },
    {
      name: 'blocked external to LB2',
      sourceIP: testExternalClientBlocked,
      destIP: '5.6.7.8',
      destPort: 80,
      output: 'DROP',
    },
    {
      name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)',
      sourceIP: '10.0.0.2',
      destIP: '1.2.3.4',
      destPort: 80,
      output: 'DROP',
    },
    {
      name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)',
      sourceIP: '10.0.0.2',
      destIP: '5.6.7.8',
      destPort: 80,
      output: 'DROP',
    },
    {
      name: 'node to LB1 (allowed by LoadBalancerSourceRanges)',
      sourceIP: testNodeIP,
      destIP: '1.2.3.4',
      destPort: 80,
      output: ep,
      masq: true,
    },
    {
      name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
      sourceIP: testNodeIP,
      destIP: '5.6.7.8',
      destPort: 80,
      output: ep,
      masq: true,
    },
    {
      name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
      sourceIP: '1.2.3.4',
      destIP: '1.2.3.4',
      destPort: 80,
      output: ep,
      masq: true,
    },
    {
      name: 'same node to LB2, SNATted to LB2 (implicitly allowed)',
      sourceIP: '5.6.7.8',
      destIP: '5.6.7.8',
      destPort: 80,
      output: ep,
      masq: true,
    },
  ]);
});

describe('TestNodePorts', () => {
  const cases: {
    name: string;
    family: 4 | 6;
    localhostNodePorts: boolean;
    nodePortAddresses?: string[];
    allowAltNodeIP: boolean;
    expectFirewall: boolean;
  }[] = [
    {
      name: 'ipv4, localhost-nodeports enabled',
      family: 4,
      localhostNodePorts: true,
      allowAltNodeIP: true,
      expectFirewall: true,
    },
    {
      name: 'ipv4, localhost-nodeports disabled',
      family: 4,
      localhostNodePorts: false,
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv4, localhost-nodeports disabled, localhost in nodeport-addresses',
      family: 4,
      localhostNodePorts: false,
      nodePortAddresses: ['192.168.0.0/24', '127.0.0.1/32'],
      allowAltNodeIP: false,
      expectFirewall: false,
    },
    {
      name: 'ipv4, localhost-nodeports enabled, multiple nodeport-addresses',
      family: 4,
      localhostNodePorts: false,
      nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv6, localhost-nodeports enabled',
      family: 6,
      localhostNodePorts: true,
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv6, localhost-nodeports disabled',
      family: 6,
      localhostNodePorts: false,
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv6, localhost-nodeports disabled, multiple nodeport-addresses',
      family: 6,
      localhostNodePorts: false,
      nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      allowAltNodeIP: false,
      expectFirewall: false,
    },
  ];
  for (const tc of cases) {
    describe(tc.name, () => {
      const v4 = tc.family === 4;
      const svcIP = v4 ? '172.30.0.41' : 'fd00:172:30::41';
      const ep1 = v4 ? '10.180.0.1' : 'fd00:10:180::1';
      const ep2 = v4 ? '10.180.2.1' : 'fd00:10:180::2:1';
      const options: FixtureOptions = {
        proxyConfig: `iptables: {localhostNodePorts: ${tc.localhostNodePorts}}\n${
          tc.nodePortAddresses
            ? `nodePortAddresses: [${tc.nodePortAddresses.map((a) => `"${a}"`).join(', ')}]`
            : ''
        }`,
      };
      const yaml = `${fixtureHeader(options)}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: NodePort
  clusterIP: "${svcIP}"
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
${slice('ns1', 'svc1', `[{addresses: ["${ep1}"]}, {addresses: ["${ep2}"], nodeName: ${testNodeName}}]`, '[{name: p80, port: 80, protocol: TCP}]', v4 ? 'IPv4' : 'IPv6')}
`;
      const podIP = v4 ? '10.0.0.2' : 'fd00:10::2';
      const external = v4 ? testExternalClient : '2600:5200::1';
      const nodeIP = v4 ? testNodeIP : testNodeIPv6;
      const altNodeIP = v4 ? testNodeIPAlt : testNodeIPv6Alt;
      const localhost = v4 ? '127.0.0.1' : '::1';
      const join = (ip: string) => (ip.includes(':') ? `[${ip}]:80` : `${ip}:80`);
      const output = `${join(ep1)}, ${join(ep2)}`;
      const flows: PacketFlow[] = [
        { name: 'pod to cluster IP', sourceIP: podIP, destIP: svcIP, destPort: 80, output },
        {
          name: 'external to nodePort',
          sourceIP: external,
          destIP: nodeIP,
          destPort: 3001,
          output,
          masq: true,
        },
        {
          name: 'node to nodePort',
          sourceIP: nodeIP,
          destIP: nodeIP,
          destPort: 3001,
          output,
          masq: true,
        },
        v4 && tc.localhostNodePorts
          ? {
              name: 'localhost to nodePort gets masqueraded',
              sourceIP: localhost,
              destIP: localhost,
              destPort: 3001,
              output,
              masq: true,
            }
          : {
              name: 'localhost to nodePort is ignored',
              sourceIP: localhost,
              destIP: localhost,
              destPort: 3001,
              output: '',
            },
        tc.allowAltNodeIP
          ? {
              name: 'external to nodePort on secondary IP',
              sourceIP: external,
              destIP: altNodeIP,
              destPort: 3001,
              output,
              masq: true,
            }
          : {
              name: 'secondary nodeIP ignores NodePorts',
              sourceIP: external,
              destIP: altNodeIP,
              destPort: 3001,
              output: '',
            },
      ];
      runFlows(yaml, flows, tc.family);
      it('fills KUBE-FIREWALL only where expected', () => {
        const rules = ruleSetOf(yaml, tc.family).filter.rules.get('KUBE-FIREWALL') ?? [];
        expect(rules.join('\n')).toBe(
          tc.expectFirewall
            ? '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP'
            : '',
        );
      });
    });
  }
});

describe('TestHealthCheckNodePort', () => {
  const yaml = `${fixtureHeader({ proxyConfig: 'nodePortAddresses: ["127.0.0.0/8"]' })}
---
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
  runFlows(yaml, [
    {
      name: 'firewall accepts HealthCheckNodePort',
      sourceIP: '1.2.3.4',
      destIP: testNodeIP,
      destPort: 30000,
      output: 'ACCEPT',
    },
  ]);
  runFlows(fixtureHeader(), [
    {
      name: 'HealthCheckNodePort no longer has any rule',
      sourceIP: '1.2.3.4',
      destIP: testNodeIP,
      destPort: 30000,
      output: '',
    },
  ]);
});

describe('TestExternalTrafficPolicyLocal', () => {
  const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001, targetPort: 80}]
  healthCheckNodePort: 30000
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
${slice('ns1', 'svc1', `[{addresses: [10.180.0.1]}, {addresses: [10.180.2.1], nodeName: ${testNodeName}}]`, '[{name: p80, port: 80, protocol: TCP}]')}
`;
  const both = '10.180.0.1:80, 10.180.2.1:80';
  runFlows(yaml, [
    {
      name: 'pod to cluster IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      output: both,
    },
    {
      name: 'pod to external IP hits both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: '192.168.99.11',
      destPort: 80,
      output: both,
    },
    {
      name: 'external to external IP hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: '192.168.99.11',
      destPort: 80,
      output: '10.180.2.1:80',
    },
    {
      name: 'pod to LB IP hits only both endpoints, unmasqueraded',
      sourceIP: '10.0.0.2',
      destIP: '1.2.3.4',
      destPort: 80,
      output: both,
    },
    {
      name: 'external to LB IP hits only local endpoint, unmasqueraded',
      sourceIP: testExternalClient,
      destIP: '1.2.3.4',
      destPort: 80,
      output: '10.180.2.1:80',
    },
  ]);
});

describe('TestDropInvalidRule and TestMasqueradeRule (single chains)', () => {
  const chain = (
    yaml: string,
    table: 'filter' | 'nat',
    name: string,
    opts: { nfacct?: boolean; randomFully?: boolean } = {},
  ) => {
    const sim = simulate(yaml, {
      admitted: true,
      randomFully: opts.randomFully ?? false,
      nfacct: opts.nfacct ?? true,
    });
    return [
      ...(computeIptablesRules(sim.cluster, testNodeName, 4)[table].rules.get(name) ?? []),
    ].join('\n');
  };
  const forward = [
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  ];
  it('tcpLiberal is false and nfacctEnsured is false', () => {
    expect(chain(fixtureHeader(), 'filter', 'KUBE-FORWARD', { nfacct: false })).toBe(
      ['-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP', ...forward].join('\n'),
    );
  });
  it('tcpLiberal is false and nfacctEnsured is true', () => {
    expect(chain(fixtureHeader(), 'filter', 'KUBE-FORWARD')).toBe(
      [
        '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP',
        ...forward,
      ].join('\n'),
    );
  });
  it('tcpLiberal is true and nfacctEnsured is false', () => {
    expect(
      chain(
        fixtureHeader({ proxyConfig: 'conntrack: {tcpBeLiberal: true}' }),
        'filter',
        'KUBE-FORWARD',
        { nfacct: false },
      ),
    ).toBe(forward.join('\n'));
  });
  for (const randomFully of [false, true]) {
    it(`randomFully ${randomFully}`, () => {
      expect(chain(fixtureHeader(), 'nat', 'KUBE-POSTROUTING', { randomFully })).toBe(
        [
          '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
          '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
          `-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${randomFully ? ' --random-fully' : ''}`,
        ].join('\n'),
      );
    });
  }
});
