/**
 * Packet-flow tables of the current upstream test file: TestInternalTrafficPolicy,
 * TestTerminatingEndpointsTrafficPolicyLocal, TestTerminatingEndpointsTrafficPolicyCluster,
 * TestExternalTrafficPolicyCluster and TestInternalExternalMasquerade.
 *
 * Source: kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go, read at
 * aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba (see ./source.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  terminatingClusterCases,
  terminatingLocalCases,
  type TerminatingCase,
} from '../kubeproxy/terminatingEndpoints.cases';
import {
  fixtureHeader,
  ruleSetOf,
  testExternalClient,
  testNodeIP,
  traceFlow,
  type FixtureOptions,
  type PacketFlow,
} from './harness';

interface Endpoint {
  ip: string;
  node?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

function slice(namespace: string, service: string, port: string, endpoints: Endpoint[]): string {
  const list = endpoints.map((e) => {
    const conditions =
      e.ready === undefined
        ? ''
        : `, conditions: {ready: ${e.ready}, serving: ${e.serving ?? e.ready}, terminating: ${e.terminating ?? false}}`;
    return `- {addresses: [${e.ip}]${e.node ? `, nodeName: ${e.node}` : ''}${conditions}}`;
  });
  return `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ${namespace}, name: ${service}-1, labels: {kubernetes.io/service-name: ${service}}}
addressType: IPv4
endpoints:
${list.join('\n')}
ports: [{name: "${port}", port: 80, protocol: TCP}]
`;
}

function check(yaml: string, flows: PacketFlow[]): void {
  const ruleSet = ruleSetOf(yaml);
  for (const flow of flows) {
    expect(traceFlow(ruleSet, flow), flow.name).toEqual({
      output: flow.output,
      masq: flow.masq ?? false,
    });
  }
}

describe('TestInternalTrafficPolicy', () => {
  const service = (policy: string) => `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  clusterIP: 172.30.1.1
  selector: {foo: bar}
  internalTrafficPolicy: ${policy}
  ports: [{name: "", port: 80, protocol: TCP}]
`;
  const flow = (name: string, output: string): PacketFlow => ({
    name,
    sourceIP: '10.0.0.2',
    destIP: '172.30.1.1',
    destPort: 80,
    output,
  });
  const cases: { name: string; policy: string; nodes: string[]; flow: PacketFlow }[] = [
    {
      name: 'internalTrafficPolicy is cluster',
      policy: 'Cluster',
      nodes: ['test-node', 'node1', 'node2'],
      flow: flow('pod to ClusterIP hits all endpoints', '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80'),
    },
    {
      name: 'internalTrafficPolicy is local and there is one local endpoint',
      policy: 'Local',
      nodes: ['test-node', 'node1', 'node2'],
      flow: flow('pod to ClusterIP hits only local endpoint', '10.0.1.1:80'),
    },
    {
      name: 'internalTrafficPolicy is local and there are multiple local endpoints',
      policy: 'Local',
      nodes: ['test-node', 'test-node', 'node2'],
      flow: flow('pod to ClusterIP hits all local endpoints', '10.0.1.1:80, 10.0.1.2:80'),
    },
    {
      name: 'internalTrafficPolicy is local and there are no local endpoints',
      policy: 'Local',
      nodes: ['node0', 'node1', 'node2'],
      flow: flow('no endpoints', 'DROP'),
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const endpoints = tc.nodes.map((node, i) => ({ ip: `10.0.1.${i + 1}`, node, ready: true }));
      check(fixtureHeader() + service(tc.policy) + slice('ns1', 'svc1', '', endpoints), [tc.flow]);
      check(fixtureHeader() + service(tc.policy), [flow('endpoints deleted', 'REJECT')]);
    });
  }
});

const terminatingService = (policy: string) => `---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  clusterIP: 172.30.1.1
  type: LoadBalancer
  externalTrafficPolicy: ${policy}
  ports: [{name: "", targetPort: 80, port: 80, protocol: TCP}]
  healthCheckNodePort: 30000
status:
  loadBalancer:
    ingress: [{ip: 1.2.3.4}]
`;

const toClusterIP = (output: string, name = 'pod to clusterIP'): PacketFlow => ({
  name,
  sourceIP: '10.0.0.2',
  destIP: '172.30.1.1',
  destPort: 80,
  output,
});
const toLB = (output: string, masq: boolean, name = 'external to LB'): PacketFlow => ({
  name,
  sourceIP: testExternalClient,
  destIP: '1.2.3.4',
  destPort: 80,
  output,
  masq,
});

function terminatingSuite(policy: 'Local' | 'Cluster', cases: TerminatingCase[]): void {
  for (const tc of cases) {
    it(tc.name, () => {
      const yaml = fixtureHeader() + terminatingService(policy);
      check(yaml + slice('ns1', 'svc1', '', tc.endpoints), [
        toClusterIP(tc.pod),
        toLB(tc.external, tc.externalMasq),
      ]);
      check(yaml, [
        toClusterIP('REJECT', 'pod to clusterIP after endpoints deleted'),
        toLB('REJECT', false, 'external to LB after endpoints deleted'),
      ]);
    });
  }
}

describe('TestTerminatingEndpointsTrafficPolicyLocal', () => {
  terminatingSuite('Local', terminatingLocalCases);
});

describe('TestTerminatingEndpointsTrafficPolicyCluster', () => {
  terminatingSuite('Cluster', terminatingClusterCases);
});

describe('TestExternalTrafficPolicyCluster', () => {
  const yaml = `${fixtureHeader()}---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  externalTrafficPolicy: Cluster
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001, targetPort: 80}]
status:
  loadBalancer:
    ingress: [{ip: 1.2.3.4}]
${slice('ns1', 'svc1', 'p80', [{ ip: '10.180.0.1' }, { ip: '10.180.2.1', node: 'test-node' }])}`;
  const both = '10.180.0.1:80, 10.180.2.1:80';
  const flows: PacketFlow[] = [
    ['pod to cluster IP hits both endpoints, unmasqueraded', '10.0.0.2', '172.30.0.41', 80, false],
    ['pod to external IP hits both endpoints, masqueraded', '10.0.0.2', '192.168.99.11', 80, true],
    [
      'external to external IP hits both endpoints, masqueraded',
      testExternalClient,
      '192.168.99.11',
      80,
      true,
    ],
    ['pod to LB IP hits both endpoints, masqueraded', '10.0.0.2', '1.2.3.4', 80, true],
    ['external to LB IP hits both endpoints, masqueraded', testExternalClient, '1.2.3.4', 80, true],
    ['pod to NodePort hits both endpoints, masqueraded', '10.0.0.2', testNodeIP, 3001, true],
    [
      'external to NodePort hits both endpoints, masqueraded',
      testExternalClient,
      testNodeIP,
      3001,
      true,
    ],
  ].map(([name, sourceIP, destIP, destPort, masq]) => ({
    name: name as string,
    sourceIP: sourceIP as string,
    destIP: destIP as string,
    destPort: destPort as number,
    output: both,
    masq: masq as boolean,
  }));
  for (const flow of flows) {
    it(flow.name, () => check(yaml, [flow]));
  }
});

describe('TestInternalExternalMasquerade', () => {
  const lb = (n: number, ip: string, extra: string) => `---
apiVersion: v1
kind: Service
metadata: {namespace: ns${n}, name: svc${n}}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.4${n}
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 300${n}}]
  healthCheckNodePort: 3000${n}
${extra}status:
  loadBalancer:
    ingress: [{ip: ${ip}}]
`;
  const services =
    lb(1, '1.2.3.4', '') +
    lb(2, '5.6.7.8', '  externalTrafficPolicy: Local\n') +
    lb(3, '9.10.11.12', '  internalTrafficPolicy: Local\n') +
    [1, 2, 3]
      .map((n) =>
        slice(`ns${n}`, `svc${n}`, 'p80', [
          { ip: `10.180.0.${n}`, node: 'test-node' },
          { ip: `10.180.1.${n}`, node: 'remote' },
        ]),
      )
      .join('');
  const all = (n: number) => `10.180.0.${n}:80, 10.180.1.${n}:80`;
  const pod = '10.0.0.2';
  const lo = '127.0.0.1';
  const ext = testExternalClient;
  const node = testNodeIP;
  // name, source, destination, port, output, masq (the normal case)
  const base: [string, string, string, number, string, boolean][] = [
    ['pod to ClusterIP', pod, '172.30.0.41', 80, all(1), false],
    ['pod to NodePort', pod, node, 3001, all(1), true],
    ['pod to LB', pod, '1.2.3.4', 80, all(1), true],
    ['node to ClusterIP', node, '172.30.0.41', 80, all(1), true],
    ['node to NodePort', node, node, 3001, all(1), true],
    ['localhost to NodePort', lo, lo, 3001, all(1), true],
    ['node to LB', node, '1.2.3.4', 80, all(1), true],
    ['external to ClusterIP', ext, '172.30.0.41', 80, all(1), true],
    ['external to NodePort', ext, node, 3001, all(1), true],
    ['external to LB', ext, '1.2.3.4', 80, all(1), true],
    ['pod to ClusterIP with eTP:Local', pod, '172.30.0.42', 80, all(2), false],
    ['pod to NodePort with eTP:Local', pod, node, 3002, all(2), false],
    ['pod to LB with eTP:Local', pod, '5.6.7.8', 80, all(2), false],
    ['node to ClusterIP with eTP:Local', node, '172.30.0.42', 80, all(2), true],
    ['node to NodePort with eTP:Local', node, node, 3001, all(1), true],
    ['localhost to NodePort with eTP:Local', lo, lo, 3002, all(2), true],
    ['node to LB with eTP:Local', node, '5.6.7.8', 80, all(2), true],
    ['external to ClusterIP with eTP:Local', ext, '172.30.0.42', 80, all(2), true],
    ['external to NodePort with eTP:Local', ext, node, 3002, '10.180.0.2:80', false],
    ['external to LB with eTP:Local', ext, '5.6.7.8', 80, '10.180.0.2:80', false],
    ['pod to ClusterIP with iTP:Local', pod, '172.30.0.43', 80, '10.180.0.3:80', false],
    ['pod to NodePort with iTP:Local', pod, node, 3003, all(3), true],
    ['pod to LB with iTP:Local', pod, '9.10.11.12', 80, all(3), true],
    ['node to ClusterIP with iTP:Local', node, '172.30.0.43', 80, '10.180.0.3:80', true],
    ['node to NodePort with iTP:Local', node, node, 3003, all(3), true],
    ['localhost to NodePort with iTP:Local', lo, lo, 3003, all(3), true],
    ['node to LB with iTP:Local', node, '9.10.11.12', 80, all(3), true],
    ['external to ClusterIP with iTP:Local', ext, '172.30.0.43', 80, '10.180.0.3:80', true],
    ['external to NodePort with iTP:Local', ext, node, 3003, all(3), true],
    ['external to LB with iTP:Local', ext, '9.10.11.12', 80, all(3), true],
  ];
  type Override = { output?: string; masq?: boolean };
  const noDetector: Record<string, Override> = {
    'node to ClusterIP': { masq: false },
    'node to ClusterIP with eTP:Local': { masq: false },
    'node to ClusterIP with iTP:Local': { masq: false },
    'external to ClusterIP': { masq: false },
    'external to ClusterIP with eTP:Local': { masq: false },
    'external to ClusterIP with iTP:Local': { masq: false },
    'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
    'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
  };
  const masqueradeAll: Record<string, Override> = {
    'pod to ClusterIP': { masq: true },
    'pod to ClusterIP with eTP:Local': { masq: true },
    'pod to ClusterIP with iTP:Local': { masq: true },
  };
  const cases: { name: string; options: FixtureOptions; overrides: Record<string, Override> }[] = [
    { name: 'base', options: {}, overrides: {} },
    { name: 'no LocalTrafficDetector', options: { clusterCIDR: '' }, overrides: noDetector },
    {
      name: 'masqueradeAll',
      options: { proxyConfig: 'iptables: {masqueradeAll: true}' },
      overrides: masqueradeAll,
    },
    {
      name: 'masqueradeAll, no LocalTrafficDetector',
      options: { clusterCIDR: '', proxyConfig: 'iptables: {masqueradeAll: true}' },
      overrides: {
        ...masqueradeAll,
        'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
        'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
      },
    },
  ];
  for (const tc of cases) {
    describe(tc.name, () => {
      const ruleSet = ruleSetOf(fixtureHeader(tc.options) + services);
      for (const [name, sourceIP, destIP, destPort, output, masq] of base) {
        const override = tc.overrides[name] ?? {};
        const flow: PacketFlow = {
          name,
          sourceIP,
          destIP,
          destPort,
          output: override.output ?? output,
          masq: override.masq ?? masq,
        };
        it(name, () => {
          expect(traceFlow(ruleSet, flow)).toEqual({ output: flow.output, masq: flow.masq });
        });
      }
    });
  }
});
