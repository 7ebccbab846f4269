/**
 * A zero CIDR in loadBalancerSourceRanges allows any source, the same as no ranges
 * (kubernetes/kubernetes pkg/proxy/serviceport.go newBaseServiceInfo, since PR #132722; read as
 * reference-index file id 58622076922): the load-balancer IP gets no firewall chain, and a source
 * outside the other ranges is let through. The fixture and flows are TestLoadBalancer's
 * (pkg/proxy/nftables/proxier_test.go at 81810de635aa) with a zero CIDR added to its ranges.
 */
import { describe, expect, it } from 'vitest';
import { tableFor, traceFlow } from './helpers';

const service = (ranges: string) => `apiVersion: v1
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

describe('nftables: a zero CIDR in loadBalancerSourceRanges', () => {
  for (const ranges of ['["0.0.0.0/0"]', '["203.0.113.0/25", "0.0.0.0/0"]']) {
    it(`${ranges}: no firewall chain, and every source reaches the load balancer`, () => {
      const table = tableFor(service(ranges));
      expect(table.maps.get('firewall-ips')?.elements ?? []).toEqual([]);
      expect(
        [...table.chains.keys()].filter((c) => c.startsWith('firewall-') && c.includes('/')),
      ).toEqual([]);
      const flow = {
        name: 'blocked external to LB1',
        sourceIP: '203.0.113.130',
        destIP: '1.2.3.4',
        destPort: 80,
        output: '',
      };
      expect(traceFlow(table, flow)).toEqual({ output: '10.180.0.1:80', masq: true });
    });
  }
  it('["::/0", "203.0.113.0/25"]: the IPv6 zero CIDR leaves the IPv4 ranges in force', () => {
    const table = tableFor(service('["::/0", "203.0.113.0/25"]'));
    const flow = {
      name: 'blocked external to LB1',
      sourceIP: '203.0.113.130',
      destIP: '1.2.3.4',
      destPort: 80,
      output: '',
    };
    expect(traceFlow(table, flow)).toEqual({ output: 'DROP', masq: false });
  });
});
