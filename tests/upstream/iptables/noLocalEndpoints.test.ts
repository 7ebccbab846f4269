/**
 * TestNoEndpointsMetric without the metric: kube-proxy counts a Service in
 * sync_proxy_rules_no_local_endpoints_total{traffic_policy="internal"} exactly when it writes a
 * "has no local endpoints" DROP for its ClusterIP, and in `external` exactly when it writes one
 * for its NodePort (externalTrafficPolicy Local); a Service with no endpoints at all gets REJECT
 * rules and counts in neither. Each case checks those rules against upstream's expected counts,
 * and that every chain a nat rule jumps to is declared (iptables-restore refuses the input
 * otherwise): with both policies Local the port still has its KUBE-SVC chain, for the
 * short-circuit of pod and node traffic (pkg/proxy/serviceport.go UsesClusterEndpoints).
 *
 * Source: see ./source.ts (currentSource).
 */
import { describe, expect, it } from 'vitest';
import { fixtureHeader, iptablesSaveOf } from './harness';

interface Case {
  name: string;
  internalLocal?: boolean;
  externalLocal?: boolean;
  nodes: string[];
  internal: number;
  external: number;
}

const cases: Case[] = [
  {
    name: 'internalTrafficPolicy is set and there are local endpoints',
    internalLocal: true,
    nodes: ['test-node', 'node1', 'node2'],
    internal: 0,
    external: 0,
  },
  {
    name: 'externalTrafficPolicy is set and there are local endpoints',
    externalLocal: true,
    nodes: ['test-node', 'node1', 'node2'],
    internal: 0,
    external: 0,
  },
  {
    name: 'both policies are set and there are local endpoints',
    internalLocal: true,
    externalLocal: true,
    nodes: ['test-node', 'node1', 'node2'],
    internal: 0,
    external: 0,
  },
  {
    name: 'internalTrafficPolicy is set and there are no local endpoints',
    internalLocal: true,
    nodes: ['node0', 'node1', 'node2'],
    internal: 1,
    external: 0,
  },
  {
    name: 'externalTrafficPolicy is set and there are no local endpoints',
    externalLocal: true,
    nodes: ['node0', 'node1', 'node2'],
    internal: 0,
    external: 1,
  },
  {
    name: 'both policies are set and there are no local endpoints',
    internalLocal: true,
    externalLocal: true,
    nodes: ['node0', 'node1', 'node2'],
    internal: 1,
    external: 1,
  },
  {
    name: 'both policies are set and there are no endpoints at all',
    internalLocal: true,
    externalLocal: true,
    nodes: [],
    internal: 0,
    external: 0,
  },
];

function objects(tc: Case): string {
  const endpoints = tc.nodes.map(
    (node, i) => `- {addresses: [10.0.1.${i + 1}], nodeName: ${node}, conditions: {ready: true}}`,
  );
  return `---
apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  clusterIP: 172.30.1.1
  selector: {foo: bar}
${tc.internalLocal ? '  internalTrafficPolicy: Local\n' : ''}${
    tc.externalLocal ? '  type: NodePort\n  externalTrafficPolicy: Local\n' : ''
  }  ports: [{name: "", port: 80, protocol: TCP, nodePort: 123}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: ${endpoints.length > 0 ? `\n${endpoints.join('\n')}` : '[]'}
ports: [{name: "", port: 80, protocol: TCP}]
`;
}

describe('TestNoEndpointsMetric, as rules', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const dump = iptablesSaveOf(fixtureHeader() + objects(tc));
      const [filterText = '', natText = ''] = dump.split('*nat');
      const filter = filterText.split('\n').filter((l) => l.startsWith('-A '));
      const noLocal = filter.filter(
        (r) => r.includes('"ns1/svc1 has no local endpoints"') && r.endsWith('-j DROP'),
      );
      expect(noLocal.filter((r) => r.startsWith('-A KUBE-SERVICES '))).toHaveLength(tc.internal);
      expect(
        noLocal.filter((r) => r.startsWith('-A KUBE-EXTERNAL-SERVICES ') && r.includes('123')),
      ).toHaveLength(tc.external);
      if (tc.nodes.length === 0) {
        expect(
          filter.filter((r) => r.includes('has no endpoints') && r.endsWith('REJECT')),
        ).toHaveLength(2);
      }
      const nat = natText.split('\n');
      const declared = new Set(
        nat.filter((l) => l.startsWith(':')).map((l) => l.slice(1).split(' ')[0]),
      );
      const targets = nat
        .map((r) => / -j (KUBE-\S+)/.exec(r)?.[1])
        .filter((t): t is string => t !== undefined);
      expect(targets.filter((t) => !declared.has(t))).toEqual([]);
    });
  }
});
