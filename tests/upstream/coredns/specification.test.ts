/**
 * The record formats of the Kubernetes DNS specification, kubernetes/dns docs/specification.md
 * (commit 00f97cb14c316087cd9a01af4954c4ff0b2756ba): its question and answer examples, in a
 * cluster holding the objects they describe, with kubeadm's default Corefile (TTL 30).
 */
import { describe, it } from 'vitest';
import { type Case, ask, check, dnsServer } from './helpers';

const cluster = `
apiVersion: v1
kind: Service
metadata: { name: kubernetes, namespace: default }
spec:
  type: ClusterIP
  clusterIP: 10.3.0.1
  ports: [{ name: https, protocol: TCP, port: 443 }]
---
apiVersion: v1
kind: Service
metadata: { name: headless, namespace: default }
spec:
  type: ClusterIP
  clusterIP: None
  ports: [{ name: https, protocol: TCP, port: 443 }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: headless-abcde
  namespace: default
  labels: { kubernetes.io/service-name: headless }
addressType: IPv4
endpoints:
  - { addresses: [10.3.0.100], hostname: my-pet, conditions: { ready: true } }
  - { addresses: [10.3.0.101], conditions: { ready: true } }
  - { addresses: [10.3.0.102], conditions: { ready: false } }
ports: [{ name: https, protocol: TCP, port: 443 }]
---
apiVersion: v1
kind: Service
metadata: { name: foo, namespace: default }
spec: { type: ExternalName, externalName: www.example.com }
`;

const cases: Case[] = [
  // 2.2: the schema version.
  {
    qname: 'dns-version.cluster.local.',
    qtype: 'TXT',
    rcode: 'NOERROR',
    answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'],
  },
  // 2.3.1: A for a ClusterIP Service.
  {
    qname: 'kubernetes.default.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['kubernetes.default.svc.cluster.local. 30 IN A 10.3.0.1'],
  },
  // 2.3.2: SRV for a named port.
  {
    qname: '_https._tcp.kubernetes.default.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_https._tcp.kubernetes.default.svc.cluster.local. 30 IN SRV 0 100 443 kubernetes.default.svc.cluster.local.',
    ],
    extra: ['kubernetes.default.svc.cluster.local. 30 IN A 10.3.0.1'],
  },
  // 2.3.3: PTR for the ClusterIP.
  {
    qname: '1.0.3.10.in-addr.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: ['1.0.3.10.in-addr.arpa. 30 IN PTR kubernetes.default.svc.cluster.local.'],
  },
  // 2.4.1: one A per ready endpoint of a headless Service, and per hostname.
  {
    qname: 'headless.default.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [
      'headless.default.svc.cluster.local. 30 IN A 10.3.0.100',
      'headless.default.svc.cluster.local. 30 IN A 10.3.0.101',
    ],
  },
  {
    qname: 'my-pet.headless.default.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['my-pet.headless.default.svc.cluster.local. 30 IN A 10.3.0.100'],
  },
  // 2.4.2: SRV per ready endpoint and named port, targets named by hostname.
  {
    qname: '_https._tcp.headless.default.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 50 443 my-pet.headless.default.svc.cluster.local.',
      '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 50 443 10-3-0-101.headless.default.svc.cluster.local.',
    ],
    extra: [
      'my-pet.headless.default.svc.cluster.local. 30 IN A 10.3.0.100',
      '10-3-0-101.headless.default.svc.cluster.local. 30 IN A 10.3.0.101',
    ],
  },
  // 2.4.3: PTR for a ready endpoint.
  {
    qname: '100.0.3.10.in-addr.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: ['100.0.3.10.in-addr.arpa. 30 IN PTR my-pet.headless.default.svc.cluster.local.'],
  },
  // 2.5: CNAME for an ExternalName Service.
  {
    qname: 'foo.default.svc.cluster.local.',
    qtype: 'CNAME',
    rcode: 'NOERROR',
    answer: ['foo.default.svc.cluster.local. 30 IN CNAME www.example.com.'],
  },
  // 2.6: the deprecated pod A record (kubeadm's Corefile has `pods insecure`).
  {
    qname: '1-2-3-4.default.pod.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['1-2-3-4.default.pod.cluster.local. 30 IN A 1.2.3.4'],
  },
];

describe('docs/specification.md record formats', () => {
  const server = dnsServer([cluster]);
  it.each(cases)('answers $qname $qtype', (tc) => check(ask(server, tc), tc));
});
