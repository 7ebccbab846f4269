/**
 * TestLoadBalancer's Service (kubernetes/kubernetes pkg/proxy/iptables and pkg/proxy/nftables
 * proxier_test.go) with the given loadBalancerSourceRanges, and its flow from a source outside
 * 203.0.113.0/25: shared by tests/upstream/iptables/sourceRanges.test.ts and
 * tests/upstream/nftables/sourceRanges.test.ts, which cite their sources.
 */
export const zeroSourceRangeObjects = (ranges: string) => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  loadBalancerSourceRanges: ${ranges}
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [10.180.0.1]}]
ports: [{name: p80, port: 80, protocol: TCP}]
`;

/** The flow upstream's ranges block: an external source outside 203.0.113.0/25 to the load balancer. */
export const blockedFlow = {
  name: 'blocked external to LB1',
  sourceIP: '203.0.113.130',
  destIP: '1.2.3.4',
  destPort: 80,
  output: '',
};
