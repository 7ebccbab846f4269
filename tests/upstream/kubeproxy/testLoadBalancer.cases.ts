/**
 * TestLoadBalancer's objects (kubernetes/kubernetes pkg/proxy/iptables and pkg/proxy/nftables
 * proxier_test.go): Service ns1/svc1 and its EndpointSlice, one endpoint 10.180.0.1 on p80. The
 * tests that use them cite their own sources; the zero-CIDR variants are shared by
 * tests/upstream/iptables/sourceRanges.test.ts and tests/upstream/nftables/sourceRanges.test.ts.
 */

/** The EndpointSlice of ns1/svc1: 10.180.0.1, port p80. */
export const svc1Slice = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [10.180.0.1]}]
ports: [{name: p80, port: 80, protocol: TCP}]
`;

/** TestLoadBalancer's Service and EndpointSlice, with its source ranges and ingress IPs unless given. */
export const testLoadBalancerObjects = (
  ranges = '[192.168.0.0/24, " 203.0.113.0/25"]',
  ingress = '[{ip: 1.2.3.4}, {ip: 5.6.7.8}]',
) => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  loadBalancerSourceRanges: ${ranges}
status: {loadBalancer: {ingress: ${ingress}}}
---
${svc1Slice}`;

/** The Service with the given source ranges (a zero CIDR among them) and one ingress IP, 1.2.3.4. */
export const zeroSourceRangeObjects = (ranges: string) =>
  testLoadBalancerObjects(ranges, '[{ip: 1.2.3.4}]');

/** The flow upstream's ranges block: an external source outside 203.0.113.0/25 to the load balancer. */
export const blockedFlow = {
  name: 'blocked external to LB1',
  sourceIP: '203.0.113.130',
  destIP: '1.2.3.4',
  destPort: 80,
  output: '',
};
