/**
 * Packet flows from kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at commit
 * 81810de635aa13aa0a32992f6def3aa9d6025ebc (TestNoEndpointsReject, TestClusterIPGeneral,
 * TestLoadBalancer): the cases runPacketFlowTests checks, traced through our table by our
 * interpreter. `output` is upstream's: endpoints joined by ", " in rule order, or DROP / REJECT;
 * `masq` is checked for every row, as runPacketFlowTests does.
 */
import { describe, expect, it } from 'vitest';
import { testLoadBalancerObjects } from '../kubeproxy/testLoadBalancer.cases';
import { tableFor, traceFlow, upstreamCommit, type PacketFlow } from './helpers';

function check(objects: string, flows: PacketFlow[]) {
  const table = tableFor(objects);
  for (const f of flows) {
    expect(traceFlow(table, f), f.name).toEqual({ output: f.output, masq: f.masq ?? false });
  }
}

describe(`nftables packet flows (kubernetes@${upstreamCommit.slice(0, 12)})`, () => {
  it('TestNoEndpointsReject: rejects every address of a Service without endpoints', () => {
    check(
      `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.41
  externalIPs: [192.168.99.11]
  ports: [{name: p80, protocol: TCP, port: 80, nodePort: 3001}]
status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
`,
      [
        {
          name: 'pod to cluster IP with no endpoints',
          sourceIP: '10.0.0.2',
          destIP: '172.30.0.41',
          destPort: 80,
          output: 'REJECT',
        },
        {
          name: 'external to external IP with no endpoints',
          sourceIP: '203.0.113.2',
          destIP: '192.168.99.11',
          destPort: 80,
          output: 'REJECT',
        },
        {
          name: 'pod to NodePort with no endpoints',
          sourceIP: '10.0.0.2',
          destIP: '192.168.0.2',
          destPort: 3001,
          output: 'REJECT',
        },
        {
          name: 'external to NodePort with no endpoints',
          sourceIP: '203.0.113.2',
          destIP: '192.168.0.2',
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
          sourceIP: '203.0.113.2',
          destIP: '1.2.3.4',
          destPort: 80,
          output: 'REJECT',
        },
      ],
    );
  });

  it('TestClusterIPGeneral: ports, protocols, hairpin and unallocated cluster IPs', () => {
    check(
      `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec: {clusterIP: 172.30.0.41, ports: [{name: http, port: 80, protocol: TCP}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc2, namespace: ns2}
spec:
  clusterIP: 172.30.0.42
  ports:
  - {name: http, port: 80, protocol: TCP}
  - {name: https, port: 443, protocol: TCP, targetPort: 8443}
  - {name: dns-udp, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 5353}
  - {name: dns-sctp, port: 53, protocol: SCTP}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-1, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [10.180.0.1], nodeName: test-node}]
ports: [{name: http, port: 80, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc2-1, namespace: ns2, labels: {kubernetes.io/service-name: svc2}}
addressType: IPv4
endpoints:
- {addresses: [10.180.0.1], nodeName: test-node}
- {addresses: [10.180.2.1], nodeName: node2}
ports:
- {name: http, port: 80, protocol: TCP}
- {name: https, port: 8443, protocol: TCP}
- {name: dns-udp, port: 53, protocol: UDP}
- {name: dns-tcp, port: 5353, protocol: TCP}
- {name: dns-sctp, port: 53, protocol: SCTP}
`,
      [
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
          output: 'REJECT',
        },
        {
          name: "svc1 does not accept svc2's ports",
          sourceIP: '10.180.0.2',
          destIP: '172.30.0.41',
          destPort: 443,
          output: 'REJECT',
        },
        {
          name: 'packet to unallocated cluster ip',
          sourceIP: '10.180.0.2',
          destIP: '172.30.0.50',
          destPort: 80,
          output: 'DROP',
        },
      ],
    );
  });

  it('TestLoadBalancer: source ranges guard the load balancer IPs but not the NodePort', () => {
    check(testLoadBalancerObjects(), [
      {
        name: 'pod to cluster IP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'external to nodePort',
        sourceIP: '203.0.113.2',
        destIP: '192.168.0.2',
        destPort: 3001,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'nodePort bypasses LoadBalancerSourceRanges',
        sourceIP: '203.0.113.130',
        destIP: '192.168.0.2',
        destPort: 3001,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'accepted external to LB1',
        sourceIP: '203.0.113.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'accepted external to LB2',
        sourceIP: '203.0.113.2',
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'blocked external to LB1',
        sourceIP: '203.0.113.130',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'blocked external to LB2',
        sourceIP: '203.0.113.130',
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
        sourceIP: '192.168.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
        sourceIP: '192.168.0.2',
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
        sourceIP: '1.2.3.4',
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'same node to LB2, SNATted to LB2 (implicitly allowed)',
        sourceIP: '5.6.7.8',
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
    ]);
  });
});
