/**
 * CoreDNS's ServeDNS cases: coredns/coredns plugin/kubernetes/handler_test.go
 * (`commonDnsTestCases`, `dnsTestCases`, TestServeDNS, TestServeNamespaceDNS) at commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147, against its APIConnServeTest fixture
 * (fixtures/handler-serve.yaml). The plugin is configured as the tests configure it:
 * zone cluster.local., `namespaces testns`, the default TTL of 5.
 */
import { describe, it } from 'vitest';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

const soa =
  'cluster.local.	5	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5';

const commonCases: Case[] = [
  {
    qname: 'svc1.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['svc1.testns.svc.cluster.local.	5	IN	A	10.0.0.1'],
  },
  {
    qname: 'svcempty.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['svcempty.testns.svc.cluster.local.	5	IN	A	10.0.0.1'],
  },
  {
    qname: 'svc1.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc1.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc1.testns.svc.cluster.local.'],
    extra: ['svc1.testns.svc.cluster.local.  5       IN      A       10.0.0.1'],
  },
  {
    qname: 'svcempty.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svcempty.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svcempty.testns.svc.cluster.local.'],
    extra: ['svcempty.testns.svc.cluster.local.  5       IN      A       10.0.0.1'],
  },
  {
    qname: 'svc6.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc6.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc6.testns.svc.cluster.local.'],
    extra: ['svc6.testns.svc.cluster.local.  5       IN      AAAA       1234:abcd::1'],
  },
  {
    qname: '_http._tcp.svc1.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_http._tcp.svc1.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc1.testns.svc.cluster.local.',
    ],
    extra: ['svc1.testns.svc.cluster.local.	5	IN	A	10.0.0.1'],
  },
  {
    qname: '_http._tcp.svcempty.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_http._tcp.svcempty.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svcempty.testns.svc.cluster.local.',
    ],
    extra: ['svcempty.testns.svc.cluster.local.	5	IN	A	10.0.0.1'],
  },
  {
    qname: 'hdls1.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [
      'hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.2',
      'hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.3',
      'hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.4',
      'hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.5',
    ],
  },
  {
    qname: 'hdlsprtls.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['hdlsprtls.testns.svc.cluster.local.	5	IN	A	172.0.0.20'],
  },
  { qname: 'svc1.testns.svc.cluster.local.', qtype: 'AAAA', rcode: 'NOERROR', ns: [soa] },
  { qname: 'svc0.testns.svc.cluster.local.', qtype: 'AAAA', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: 'svc0.testns.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: 'svc0.svc-nons.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  {
    qname: 'dns-version.cluster.local.',
    qtype: 'TXT',
    rcode: 'NOERROR',
    answer: ['dns-version.cluster.local 28800 IN TXT 1.1.0'],
  },
  { qname: 'svc1.testns.svc.cluster.local.', qtype: 'TXT', rcode: 'NOERROR', ns: [soa] },
  { qname: 'svc0.svc-nons.svc.cluster.local.', qtype: 'TXT', rcode: 'NXDOMAIN', ns: [soa] },
  {
    qname: 'bogusendpoint.hdls1.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NXDOMAIN',
    ns: [soa],
  },
  {
    qname: 'bogusendpoint.svc0.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NXDOMAIN',
    ns: [soa],
  },
  {
    qname: 'svc6.testns.svc.cluster.local.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    answer: ['svc6.testns.svc.cluster.local.	5	IN	AAAA	1234:abcd::1'],
  },
  {
    qname: '_http._tcp.svc6.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_http._tcp.svc6.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc6.testns.svc.cluster.local.',
    ],
    extra: ['svc6.testns.svc.cluster.local.	5	IN	AAAA	1234:abcd::1'],
  },
  {
    qname: 'hdls1.testns.svc.cluster.local.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    answer: [
      'hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::1',
      'hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::2',
    ],
  },
  { qname: 'svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
  { qname: 'pod.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
  { qname: 'testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
  { qname: 'svc.cluster.local.', qtype: 'NS', rcode: 'NOERROR', ns: [soa] },
  { qname: 'testns.svc.cluster.local.', qtype: 'NS', rcode: 'NOERROR', ns: [soa] },
  { qname: 'foo.cluster.local.', qtype: 'NS', rcode: 'NXDOMAIN', ns: [soa] },
  { qname: 'foo.svc.cluster.local.', qtype: 'NS', rcode: 'NXDOMAIN', ns: [soa] },
  {
    qname: 'svc-dual-stack.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['svc-dual-stack.testns.svc.cluster.local.	5	IN	A	10.0.0.3'],
  },
  {
    qname: 'svc-dual-stack.testns.svc.cluster.local.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    answer: ['svc-dual-stack.testns.svc.cluster.local.	5	IN	AAAA	10::3'],
  },
  {
    qname: 'svc-dual-stack.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      'svc-dual-stack.testns.svc.cluster.local.	5	IN	SRV	0 50 80 svc-dual-stack.testns.svc.cluster.local.',
    ],
    extra: [
      'svc-dual-stack.testns.svc.cluster.local.  5       IN      A       10.0.0.3',
      'svc-dual-stack.testns.svc.cluster.local.  5       IN      AAAA       10::3',
    ],
  },
  { qname: 'svc1.testns.svc.cluster.local.', qtype: 'SOA', rcode: 'NOERROR', ns: [soa] },
  {
    qname: 'endpoint.external.testns.svc.cluster.local.',
    qtype: 'CNAME',
    rcode: 'NXDOMAIN',
    ns: [soa],
  },
  {
    qname: 'subdomain.subdomain.external.testns.svc.cluster.local.',
    qtype: 'CNAME',
    rcode: 'NXDOMAIN',
    ns: [soa],
  },
];

const serveCases: Case[] = [
  {
    qname: '_http._tcp.hdls1.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 172-0-0-2.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 172-0-0-3.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 5678-abcd--1.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 5678-abcd--2.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 dup-name.hdls1.testns.svc.cluster.local.',
    ],
    extra: [
      '172-0-0-2.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.2',
      '172-0-0-3.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.3',
      '5678-abcd--1.hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::1',
      '5678-abcd--2.hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::2',
      'dup-name.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.4',
      'dup-name.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.5',
    ],
  },
  {
    qname: '5678-abcd--2.hdls1.testns.svc.cluster.local',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    answer: ['5678-abcd--2.hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::2'],
  },
  {
    qname: '5678-abcd--1.hdls1.testns.svc.cluster.local.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    answer: ['5678-abcd--1.hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::1'],
  },
  {
    qname: '172-0-0-20.hdlsprtls.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['172-0-0-20.hdlsprtls.testns.svc.cluster.local.	5	IN	A	172.0.0.20'],
  },
  {
    qname: '172-0-0-2.hdls1.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['172-0-0-2.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.2'],
  },
  {
    qname: '172-0-0-3.hdls1.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['172-0-0-3.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.3'],
  },
  {
    qname: 'dup-name.hdls1.testns.svc.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [
      'dup-name.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.4',
      'dup-name.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.5',
    ],
  },
  {
    qname: 'external.testns.svc.cluster.local.',
    qtype: 'CNAME',
    rcode: 'NOERROR',
    answer: ['external.testns.svc.cluster.local.	5	IN	CNAME	ext.interwebs.test.'],
  },
  // "CNAME External Truncated Lookup" needs CoreDNS's upstream resolver: outside the simulation.
  {
    qname: 'external-to-service.testns.svc.cluster.local',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [
      'external-to-service.testns.svc.cluster.local.	5	IN	CNAME	svc1.testns.svc.cluster.local.',
      'svc1.testns.svc.cluster.local.	5	IN	A	10.0.0.1',
    ],
  },
];

describe('handler_test.go TestServeDNS', () => {
  const server = dnsServer([
    fixture('handler-serve.yaml'),
    corefileConfigMap('kubernetes cluster.local {\n    namespaces testns\n}'),
  ]);
  it.each([...commonCases, ...serveCases])('answers $qname $qtype with $rcode', (tc) => {
    check(ask(server, tc), tc);
  });
});

describe('handler_test.go TestServeNamespaceDNS', () => {
  // GetNamespaceByName of the test's fake knows every namespace but nsnoexist.
  const server = dnsServer([
    fixture('handler-serve.yaml'),
    fixture('namespaces.yaml'),
    corefileConfigMap('kubernetes cluster.local'),
  ]);
  it('answers a Service in an existing namespace', () => {
    check(ask(server, { qname: 'svc1.testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR' }), {
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.cluster.local.	5	IN	A	10.0.0.1'],
    });
  });
  it('answers NXDOMAIN for a namespace that does not exist', () => {
    const tc: Case = {
      qname: 'svc1.nsnoexist.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [soa],
    };
    check(ask(server, tc), tc);
  });
});

describe('wildcard queries, removed by coredns/coredns abaf938623 (#5019)', () => {
  // The handler_test.go cases that commit dropped: `*` and `any` are now plain labels, which
  // no namespace, Service or port is named, so each name is NXDOMAIN.
  const server = dnsServer([
    fixture('handler-serve.yaml'),
    corefileConfigMap('kubernetes cluster.local {\n    namespaces testns\n}'),
  ]);
  it.each([
    ['svc1.*.svc.cluster.local.', 'A'],
    ['svc1.*.svc.cluster.local.', 'SRV'],
    ['svcempty.*.svc.cluster.local.', 'SRV'],
    ['*.any.svc1.*.svc.cluster.local.', 'SRV'],
    ['*.any.svc1.*.svc.cluster.local.', 'A'],
    ['*._not-udp-or-tcp.svc1.testns.svc.cluster.local.', 'SRV'],
    ['*.*.hdlsprtls.testns.svc.cluster.local.', 'SRV'],
    ['*.testns.svc.cluster.local.', 'A'],
    ['*.hdls1.testns.svc.cluster.local.', 'A'],
  ])('answers %s %s with NXDOMAIN', (qname, qtype) => {
    const tc: Case = { qname, qtype, rcode: 'NXDOMAIN', ns: [soa] };
    check(ask(server, tc), tc);
  });
});

describe('CNAME chains inside the zone (plugin/backend_lookup.go A, AAAA)', () => {
  // ExternalName Services pointing into the zone are followed, each hop adding its CNAME before
  // the target's records; a loop (DuplicateCNAME) or a missing target adds nothing: NODATA.
  const externalName = (name: string, target: string) => `
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: testns }
spec: { type: ExternalName, externalName: ${target} }`;
  const server = dnsServer([
    fixture('handler-serve.yaml'),
    [
      externalName('chain-a', 'chain-b.testns.svc.cluster.local'),
      externalName('chain-b', 'hdls1.testns.svc.cluster.local'),
      externalName('to-v6', 'svc6.testns.svc.cluster.local'),
      externalName('loop-a', 'loop-b.testns.svc.cluster.local'),
      externalName('loop-b', 'loop-a.testns.svc.cluster.local'),
      externalName('self', 'self.testns.svc.cluster.local'),
      externalName('to-missing', 'missing.testns.svc.cluster.local'),
    ].join('\n---'),
    corefileConfigMap('kubernetes cluster.local {\n    namespaces testns\n}'),
  ]);
  const cases: Case[] = [
    {
      qname: 'chain-a.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: [
        'chain-a.testns.svc.cluster.local. 5 IN CNAME chain-b.testns.svc.cluster.local.',
        'chain-b.testns.svc.cluster.local. 5 IN CNAME hdls1.testns.svc.cluster.local.',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4',
        'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5',
      ],
    },
    {
      qname: 'to-v6.testns.svc.cluster.local.',
      qtype: 'AAAA',
      rcode: 'NOERROR',
      answer: [
        'to-v6.testns.svc.cluster.local. 5 IN CNAME svc6.testns.svc.cluster.local.',
        'svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1',
      ],
    },
    // The target has no A record: the CNAME is left out too.
    { qname: 'to-v6.testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    { qname: 'loop-a.testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    { qname: 'self.testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    { qname: 'to-missing.testns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    // CNAME questions answer the first hop only.
    {
      qname: 'chain-a.testns.svc.cluster.local.',
      qtype: 'CNAME',
      rcode: 'NOERROR',
      answer: ['chain-a.testns.svc.cluster.local. 5 IN CNAME chain-b.testns.svc.cluster.local.'],
    },
  ];
  it.each(cases)('answers $qname $qtype', (tc) => check(ask(server, tc), tc));
});
