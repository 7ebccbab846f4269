/**
 * The cases of TestNoEndpointsMetric, which kubernetes/kubernetes pkg/proxy/iptables and
 * pkg/proxy/nftables proxier_test.go share (one Service, endpoints on the given nodes, the
 * traffic policies, and the no-local-endpoints counts expected for test-node): the same
 * table and objects feed tests/upstream/iptables/noLocalEndpoints.test.ts and
 * tests/upstream/nftables/noLocalEndpoints.test.ts, which cite their commits.
 */
export interface NoEndpointsCase {
  name: string;
  internalLocal?: boolean;
  externalLocal?: boolean;
  nodes: string[];
  internal: number;
  external: number;
}

export const noEndpointsCases: NoEndpointsCase[] = [
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

/** The Service and its EndpointSlice of a case, as YAML documents (no leading `---`). */
export function noEndpointsObjects(tc: NoEndpointsCase): string {
  const endpoints = tc.nodes.map(
    (node, i) => `- {addresses: [10.0.1.${i + 1}], nodeName: ${node}, conditions: {ready: true}}`,
  );
  return `apiVersion: v1
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
