/**
 * Zone-scoped names of headless Services (the `zonal` option): coredns/coredns
 * plugin/kubernetes/zonal_test.go TestServeDNSZonal (`zonalTestCases`,
 * `zonalDisabledTestCases`) at commit 4b26cced32717eac6dd725e308d7415c8b9db147, against its
 * APIConnZonalTest fixture (fixtures/zonal.yaml), with `namespaces testns`.
 */
import { describe, it } from 'vitest';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

const soa =
  'cluster.local.	5	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5';
const name = (zone: string, directive: string, service = 'hdls') =>
  `${zone}.${directive}._zone.${service}.testns.svc.cluster.local.`;
const a = (qname: string, ip: string) => `${qname}	5	IN	A	${ip}`;
const srv = (qname: string, weight: number, ip: string) =>
  `${qname}	5	IN	SRV	0 ${weight} 80 ${ip.replaceAll('.', '-')}.hdls.testns.svc.cluster.local.`;
const glue = (ip: string) => `${ip.replaceAll('.', '-')}.hdls.testns.svc.cluster.local.	5	IN	A	${ip}`;

const zonalCases: Case[] = [
  {
    qname: name('us-west-2a', 'pin'),
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [a(name('us-west-2a', 'pin'), '172.0.0.1')],
  },
  {
    qname: name('us-west-2b', 'pin'),
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [a(name('us-west-2b', 'pin'), '172.0.0.2'), a(name('us-west-2b', 'pin'), '172.0.0.3')],
  },
  { qname: name('us-west-2c', 'pin'), qtype: 'A', rcode: 'NOERROR', ns: [soa] },
  {
    qname: name('us-west-2a', 'prefer'),
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [a(name('us-west-2a', 'prefer'), '172.0.0.1')],
  },
  {
    qname: name('us-west-2c', 'prefer'),
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['172.0.0.1', '172.0.0.2', '172.0.0.3'].map((ip) =>
      a(name('us-west-2c', 'prefer'), ip),
    ),
  },
  { qname: name('us-west-2a', 'pin', 'ghost'), qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: name('us-west-2a', 'florp'), qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: name('us-west-2a', 'pin', 'clstr'), qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: name('us-west-2c', 'pin'), qtype: 'TXT', rcode: 'NOERROR', ns: [soa] },
  {
    qname: name('us-west-2c', 'prefer'),
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['172.0.0.1', '172.0.0.2', '172.0.0.3'].map((ip) =>
      srv(name('us-west-2c', 'prefer'), 33, ip),
    ),
    extra: ['172.0.0.1', '172.0.0.2', '172.0.0.3'].map(glue),
  },
  { qname: name('us-west-2c', 'prefer'), qtype: 'TXT', rcode: 'NOERROR', ns: [soa] },
  {
    qname: name('us-west-2b', 'pin'),
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['172.0.0.2', '172.0.0.3'].map((ip) => srv(name('us-west-2b', 'pin'), 50, ip)),
    extra: ['172.0.0.2', '172.0.0.3'].map(glue),
  },
];

describe('zonal_test.go TestServeDNSZonal', () => {
  const server = dnsServer([
    fixture('zonal.yaml'),
    corefileConfigMap('kubernetes cluster.local {\n    namespaces testns\n    zonal\n}'),
  ]);
  it.each(zonalCases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));

  it('answers a zone-scoped name with NXDOMAIN without the option (too long)', () => {
    const plain = dnsServer([
      fixture('zonal.yaml'),
      corefileConfigMap('kubernetes cluster.local {\n    namespaces testns\n}'),
    ]);
    const tc: Case = { qname: name('us-west-2a', 'pin'), qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] };
    check(ask(plain, tc), tc);
  });
});
