/**
 * Packet flows of kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at commit
 * 81810de635aa13aa0a32992f6def3aa9d6025ebc: TestInternalTrafficPolicy,
 * TestTerminatingEndpointsTrafficPolicyLocal, TestTerminatingEndpointsTrafficPolicyCluster
 * (each also after its EndpointSlice is deleted) and TestInternalExternalMasquerade (its four
 * proxier configurations).
 */
import { describe, expect, it } from 'vitest';
import {
  terminatingClusterCases,
  terminatingLocalCases,
  type TerminatingCase,
} from '../kubeproxy/terminatingEndpoints.cases';
import {
  tableFor,
  traceFlow,
  upstreamCommit,
  type FakeProxierOptions,
  type PacketFlow,
} from './helpers';

const at = `kubernetes@${upstreamCommit.slice(0, 12)}`;

interface Endpoint {
  ip: string;
  node: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

function slice(namespace: string, service: string, port: string, endpoints: Endpoint[]): string {
  const list = endpoints.map((e) => {
    const conditions =
      e.serving === undefined
        ? `{ready: ${e.ready ?? true}}`
        : `{ready: ${e.ready}, serving: ${e.serving}, terminating: ${e.terminating}}`;
    return `- {addresses: [${e.ip}], nodeName: ${e.node}, conditions: ${conditions}}`;
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

function expectFlows(objects: string, flows: PacketFlow[], options: FakeProxierOptions = {}) {
  const table = tableFor(objects, 4, options);
  for (const f of flows) {
    expect(traceFlow(table, f), f.name).toEqual({ output: f.output, masq: f.masq ?? false });
  }
}

const pod = '10.0.0.2';
const external = '203.0.113.2';
const node = '192.168.0.2';

describe(`nftables TestInternalTrafficPolicy (${at})`, () => {
  const service = (policy: string) => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  clusterIP: 172.30.1.1
  selector: {foo: bar}
  internalTrafficPolicy: ${policy}
  ports: [{name: "", port: 80, protocol: TCP}]
`;
  const cases: { name: string; policy: string; nodes: string[]; output: string }[] = [
    {
      name: 'internalTrafficPolicy is cluster',
      policy: 'Cluster',
      nodes: ['test-node', 'node1', 'node2'],
      output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80',
    },
    {
      name: 'internalTrafficPolicy is local and there is one local endpoint',
      policy: 'Local',
      nodes: ['test-node', 'node1', 'node2'],
      output: '10.0.1.1:80',
    },
    {
      name: 'internalTrafficPolicy is local and there are multiple local endpoints',
      policy: 'Local',
      nodes: ['test-node', 'test-node', 'node2'],
      output: '10.0.1.1:80, 10.0.1.2:80',
    },
    {
      name: 'internalTrafficPolicy is local and there are no local endpoints',
      policy: 'Local',
      nodes: ['node0', 'node1', 'node2'],
      output: 'DROP',
    },
  ];
  const toClusterIP = { sourceIP: pod, destIP: '172.30.1.1', destPort: 80 };
  for (const tc of cases) {
    it(tc.name, () => {
      const endpoints = tc.nodes.map((n, i) => ({ ip: `10.0.1.${i + 1}`, node: n }));
      expectFlows(service(tc.policy) + slice('ns1', 'svc1', '', endpoints), [
        { name: 'pod to ClusterIP', ...toClusterIP, output: tc.output },
      ]);
      expectFlows(service(tc.policy), [
        { name: 'endpoints deleted', ...toClusterIP, output: 'REJECT' },
      ]);
    });
  }
});

const terminatingService = (policy: string) => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  clusterIP: 172.30.1.1
  type: LoadBalancer
  externalTrafficPolicy: ${policy}
  ports: [{name: "", targetPort: 80, port: 80, protocol: TCP}]
  healthCheckNodePort: 30000
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
`;

function terminatingCases(cases: TerminatingCase[], policy: 'Local' | 'Cluster') {
  for (const tc of cases) {
    it(tc.name, () => {
      const toClusterIP = { sourceIP: pod, destIP: '172.30.1.1', destPort: 80 };
      const toLB = { sourceIP: external, destIP: '1.2.3.4', destPort: 80 };
      expectFlows(terminatingService(policy) + slice('ns1', 'svc1', '', tc.endpoints), [
        { name: 'pod to clusterIP', ...toClusterIP, output: tc.pod },
        { name: 'external to LB', ...toLB, output: tc.external, masq: tc.externalMasq },
      ]);
      expectFlows(terminatingService(policy), [
        { name: 'pod to clusterIP after endpoints deleted', ...toClusterIP, output: 'REJECT' },
        { name: 'external to LB after endpoints deleted', ...toLB, output: 'REJECT' },
      ]);
    });
  }
}

describe(`nftables TestTerminatingEndpointsTrafficPolicyLocal (${at})`, () => {
  terminatingCases(terminatingLocalCases, 'Local');
});

describe(`nftables TestTerminatingEndpointsTrafficPolicyCluster (${at})`, () => {
  terminatingCases(terminatingClusterCases, 'Cluster');
});

describe(`nftables TestInternalExternalMasquerade (${at})`, () => {
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
  const objects =
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
  // name, source, destination, port, output, masq (the normal case)
  const base: [string, string, string, number, string, boolean][] = [
    ['pod to ClusterIP', pod, '172.30.0.41', 80, all(1), false],
    ['pod to NodePort', pod, node, 3001, all(1), true],
    ['pod to LB', pod, '1.2.3.4', 80, all(1), true],
    ['node to ClusterIP', node, '172.30.0.41', 80, all(1), true],
    ['node to NodePort', node, node, 3001, all(1), true],
    ['node to LB', node, '1.2.3.4', 80, all(1), true],
    ['external to ClusterIP', external, '172.30.0.41', 80, all(1), true],
    ['external to NodePort', external, node, 3001, all(1), true],
    ['external to LB', external, '1.2.3.4', 80, all(1), true],
    ['pod to ClusterIP with eTP:Local', pod, '172.30.0.42', 80, all(2), false],
    ['pod to NodePort with eTP:Local', pod, node, 3002, all(2), false],
    ['pod to LB with eTP:Local', pod, '5.6.7.8', 80, all(2), false],
    ['node to ClusterIP with eTP:Local', node, '172.30.0.42', 80, all(2), true],
    ['node to NodePort with eTP:Local', node, node, 3001, all(1), true],
    ['node to LB with eTP:Local', node, '5.6.7.8', 80, all(2), true],
    ['external to ClusterIP with eTP:Local', external, '172.30.0.42', 80, all(2), true],
    ['external to NodePort with eTP:Local', external, node, 3002, '10.180.0.2:80', false],
    ['external to LB with eTP:Local', external, '5.6.7.8', 80, '10.180.0.2:80', false],
    ['pod to ClusterIP with iTP:Local', pod, '172.30.0.43', 80, '10.180.0.3:80', false],
    ['pod to NodePort with iTP:Local', pod, node, 3003, all(3), true],
    ['pod to LB with iTP:Local', pod, '9.10.11.12', 80, all(3), true],
    ['node to ClusterIP with iTP:Local', node, '172.30.0.43', 80, '10.180.0.3:80', true],
    ['node to NodePort with iTP:Local', node, node, 3003, all(3), true],
    ['node to LB with iTP:Local', node, '9.10.11.12', 80, all(3), true],
    ['external to ClusterIP with iTP:Local', external, '172.30.0.43', 80, '10.180.0.3:80', true],
    ['external to NodePort with iTP:Local', external, node, 3003, all(3), true],
    ['external to LB with iTP:Local', external, '9.10.11.12', 80, all(3), true],
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
  const cases: {
    name: string;
    options: FakeProxierOptions;
    overrides: Record<string, Override>;
  }[] = [
    { name: 'base', options: {}, overrides: {} },
    { name: 'no LocalTrafficDetector', options: { clusterCIDR: '' }, overrides: noDetector },
    { name: 'masqueradeAll', options: { masqueradeAll: true }, overrides: masqueradeAll },
    {
      name: 'masqueradeAll, no LocalTrafficDetector',
      options: { clusterCIDR: '', masqueradeAll: true },
      overrides: {
        ...masqueradeAll,
        'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
        'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
      },
    },
  ];
  for (const tc of cases) {
    describe(tc.name, () => {
      const table = tableFor(objects, 4, tc.options);
      for (const [name, sourceIP, destIP, destPort, output, masq] of base) {
        const override = tc.overrides[name] ?? {};
        const flow = { name, sourceIP, destIP, destPort };
        it(name, () => {
          expect(traceFlow(table, { ...flow, output: '' })).toEqual({
            output: override.output ?? output,
            masq: override.masq ?? masq,
          });
        });
      }
    });
  }
});
