/**
 * PTR answers: coredns/coredns plugin/kubernetes/reverse_test.go TestReverse at commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147, with its APIConnReverseTest fixture
 * (fixtures/reverse.yaml) and its zones as the `kubernetes` stanza's arguments.
 */
import { describe, it } from 'vitest';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

const zones = [
  'cluster.local',
  '0.10.in-addr.arpa',
  '168.192.in-addr.arpa',
  '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa',
  '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa',
];
const soa =
  'cluster.local.       5     IN      SOA     ns.dns.cluster.local. hostmaster.cluster.local. 1502989566 7200 1800 86400 5';
const reverseSoa =
  '0.10.in-addr.arpa.	5	IN	SOA	ns.dns.0.10.in-addr.arpa. hostmaster.0.10.in-addr.arpa. 1502782828 7200 1800 86400 5';

const cases: Case[] = [
  {
    qname: '100.0.0.10.in-addr.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: [
      '100.0.0.10.in-addr.arpa.      5    IN      PTR       ep1a.svc1.testns.svc.cluster.local.',
    ],
  },
  {
    qname: '100.1.168.192.in-addr.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: [
      '100.1.168.192.in-addr.arpa.     5     IN      PTR       svc1.testns.svc.cluster.local.',
    ],
  },
  {
    qname: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: [
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa. 5 IN PTR ep1b.svc1.testns.svc.cluster.local.',
    ],
  },
  {
    qname: 'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: [
      'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa. 5 IN PTR ip6svc1ex.svc1.testns.svc.cluster.local.',
    ],
  },
  {
    qname: '6.a.b.9.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: [
      '6.a.b.9.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa. 5 IN PTR ip6svc1in.svc1.testns.svc.cluster.local.',
    ],
  },
  { qname: '101.0.0.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NXDOMAIN', ns: [reverseSoa] },
  { qname: 'example.org.cluster.local.', qtype: 'PTR', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: 'svc1.testns.svc.cluster.local.', qtype: 'PTR', rcode: 'NOERROR', ns: [soa] },
  { qname: 'svc1.testns.svc.0.10.in-addr.arpa.', qtype: 'A', rcode: 'NXDOMAIN', ns: [reverseSoa] },
  { qname: '100.0.0.10.cluster.local.', qtype: 'PTR', rcode: 'NXDOMAIN', ns: [soa] },
  {
    qname: '99.0.0.10.in-addr.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: [
      '99.0.0.10.in-addr.arpa.      5    IN      PTR       double-ep.svc1.testns.svc.cluster.local.',
      '99.0.0.10.in-addr.arpa.      5    IN      PTR       double-ep.svc2.testns.svc.cluster.local.',
    ],
  },
];

describe('reverse_test.go TestReverse', () => {
  const server = dnsServer([
    fixture('reverse.yaml'),
    corefileConfigMap(`kubernetes ${zones.join(' ')}`),
  ]);
  it.each(cases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));
});
