/**
 * Packet flows of kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at commit
 * 81810de635aa13aa0a32992f6def3aa9d6025ebc: TestNodePorts (its four IPv4 / IPv6 and
 * --nodeport-addresses cases), TestExternalTrafficPolicyLocal and
 * TestExternalTrafficPolicyCluster, traced through our table as runPacketFlowTests traces them.
 */
import { describe, expect, it } from 'vitest';
import { tableFor, traceFlow, upstreamCommit, type PacketFlow } from './helpers';

function expectFlows(table: ReturnType<typeof tableFor>, flows: PacketFlow[]): void {
  for (const f of flows) {
    expect(traceFlow(table, f), f.name).toEqual({ output: f.output, masq: f.masq ?? false });
  }
}

describe(`nftables TestNodePorts (kubernetes@${upstreamCommit.slice(0, 12)})`, () => {
  const cases = [
    { name: 'ipv4', family: 4 as const, nodePortAddresses: undefined, allowAltNodeIP: false },
    {
      name: 'ipv4, multiple nodeport-addresses',
      family: 4 as const,
      nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      allowAltNodeIP: true,
    },
    { name: 'ipv6', family: 6 as const, nodePortAddresses: undefined, allowAltNodeIP: false },
    {
      name: 'ipv6, multiple nodeport-addresses',
      family: 6 as const,
      nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64', '2001:db8:1::2/128'],
      allowAltNodeIP: true,
    },
  ];
  for (const tc of cases) {
    const v4 = tc.family === 4;
    const svcIP = v4 ? '172.30.0.41' : 'fd00:172:30::41';
    const epIP1 = v4 ? '10.180.0.1' : 'fd00:10:180::1';
    const epIP2 = v4 ? '10.180.2.1' : 'fd00:10:180::2:1';
    const nodeIP = v4 ? '192.168.0.2' : '2001:db8::1';
    const podIP = v4 ? '10.0.0.2' : 'fd00:10::2';
    const externalClientIP = v4 ? '203.0.113.2' : '2600:5200::1';
    const altNodeIP = v4 ? '192.168.1.2' : '2001:db8:1::2';
    const hostPort = (ip: string) => (v4 ? `${ip}:80` : `[${ip}]:80`);
    const output = `${hostPort(epIP1)}, ${hostPort(epIP2)}`;
    const objects = `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: NodePort
  clusterIP: "${svcIP}"
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv${tc.family}
endpoints:
- {addresses: ["${epIP1}"]}
- {addresses: ["${epIP2}"], nodeName: test-node}
ports: [{name: p80, port: 80, protocol: TCP}]
`;
    it(tc.name, () => {
      const options = tc.nodePortAddresses ? { nodePortAddresses: tc.nodePortAddresses } : {};
      const table = tableFor(objects, tc.family, options);
      expectFlows(table, [
        { name: 'pod to cluster IP', sourceIP: podIP, destIP: svcIP, destPort: 80, output },
        {
          name: 'external to nodePort',
          sourceIP: externalClientIP,
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
        tc.allowAltNodeIP
          ? {
              name: 'external to nodePort on secondary IP',
              sourceIP: externalClientIP,
              destIP: altNodeIP,
              destPort: 3001,
              output,
              masq: true,
            }
          : {
              name: 'secondary nodeIP ignores NodePorts',
              sourceIP: externalClientIP,
              destIP: altNodeIP,
              destPort: 3001,
              output: '',
            },
      ]);
    });
  }
});

const lbService = (policy: 'Local' | 'Cluster') => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: LoadBalancer
  externalTrafficPolicy: ${policy}
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001, targetPort: 80}]
${policy === 'Local' ? '  healthCheckNodePort: 30000\n' : ''}status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints:
- {addresses: [10.180.0.1]}
- {addresses: [10.180.2.1], nodeName: test-node}
ports: [{name: p80, port: 80, protocol: TCP}]
`;

const both = '10.180.0.1:80, 10.180.2.1:80';
const pod = '10.0.0.2';
const external = '203.0.113.2';

/** name, source, destination, port, output, masq */
type Row = [string, string, string, number, string, boolean];

function rows(list: Row[]): PacketFlow[] {
  return list.map(([name, sourceIP, destIP, destPort, output, masq]) => ({
    name,
    sourceIP,
    destIP,
    destPort,
    output,
    masq,
  }));
}

describe(`nftables TestExternalTrafficPolicyLocal (kubernetes@${upstreamCommit.slice(0, 12)})`, () => {
  const flows = rows([
    ['pod to cluster IP hits both endpoints, unmasqueraded', pod, '172.30.0.41', 80, both, false],
    [
      'pod to external IP hits both endpoints, unmasqueraded',
      pod,
      '192.168.99.11',
      80,
      both,
      false,
    ],
    [
      'external to external IP hits only local endpoint, unmasqueraded',
      external,
      '192.168.99.11',
      80,
      '10.180.2.1:80',
      false,
    ],
    ['pod to LB IP hits only both endpoints, unmasqueraded', pod, '1.2.3.4', 80, both, false],
    [
      'external to LB IP hits only local endpoint, unmasqueraded',
      external,
      '1.2.3.4',
      80,
      '10.180.2.1:80',
      false,
    ],
    ['pod to NodePort hits both endpoints, unmasqueraded', pod, '192.168.0.2', 3001, both, false],
    [
      'external to NodePort hits only local endpoint, unmasqueraded',
      external,
      '192.168.0.2',
      3001,
      '10.180.2.1:80',
      false,
    ],
  ]);
  const table = tableFor(lbService('Local'));
  for (const flow of flows) it(flow.name, () => expectFlows(table, [flow]));
});

describe(`nftables TestExternalTrafficPolicyCluster (kubernetes@${upstreamCommit.slice(0, 12)})`, () => {
  const flows = rows([
    ['pod to cluster IP hits both endpoints, unmasqueraded', pod, '172.30.0.41', 80, both, false],
    ['pod to external IP hits both endpoints, masqueraded', pod, '192.168.99.11', 80, both, true],
    [
      'external to external IP hits both endpoints, masqueraded',
      external,
      '192.168.99.11',
      80,
      both,
      true,
    ],
    ['pod to LB IP hits both endpoints, masqueraded', pod, '1.2.3.4', 80, both, true],
    ['external to LB IP hits both endpoints, masqueraded', external, '1.2.3.4', 80, both, true],
    ['pod to NodePort hits both endpoints, masqueraded', pod, '192.168.0.2', 3001, both, true],
    [
      'external to NodePort hits both endpoints, masqueraded',
      external,
      '192.168.0.2',
      3001,
      both,
      true,
    ],
  ]);
  const table = tableFor(lbService('Cluster'));
  for (const flow of flows) it(flow.name, () => expectFlows(table, [flow]));
});
