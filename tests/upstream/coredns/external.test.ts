/**
 * The `k8s_external` plugin: coredns/coredns plugin/k8s_external/external_test.go (TestExternal,
 * its `tests` table) and apex_test.go (TestApex, `testsApex`) at commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147, against its fake (fixtures/external.yaml), with the
 * kubernetes plugin's `namespaces testns`; plugin/kubernetes/external_test.go (TestExternal)
 * through them, and ns_test.go (TestNsAddrsExternal*). The test's external address is
 * 127.0.0.1, the address CoreDNS is taken to listen on when no CoreDNS endpoint is among the
 * EndpointSlices.
 */
import { describe, expect, it } from 'vitest';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

const externalCases: Case[] = [
  {
    qname: '4.3.2.1.in-addr.arpa.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    answer: ['4.3.2.1.in-addr.arpa. 5 IN PTR svc1.testns.example.com.'],
  },
  {
    qname: 'svc1.testns.example.com.',
    qtype: 'PTR',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'not-existing.testns.example.com.',
    qtype: 'PTR',
    rcode: 'NXDOMAIN',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'svc1.testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['svc1.testns.example.com. 5 IN A 1.2.3.4'],
  },
  {
    qname: 'svc1.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc1.testns.example.com. 5 IN SRV 0 100 80 svc1.testns.example.com.'],
    extra: ['svc1.testns.example.com.  5       IN      A       1.2.3.4'],
  },
  {
    qname: '*._not-udp-or-tcp.svc1.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NXDOMAIN',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: '_http._tcp.svc1.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['_http._tcp.svc1.testns.example.com. 5 IN SRV 0 100 80 svc1.testns.example.com.'],
    extra: ['svc1.testns.example.com. 5 IN A 1.2.3.4'],
  },
  {
    qname: 'svc1.testns.example.com.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'svc0.testns.example.com.',
    qtype: 'AAAA',
    rcode: 'NXDOMAIN',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'svc0.testns.example.com.',
    qtype: 'A',
    rcode: 'NXDOMAIN',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'svc0.svc-nons.example.com.',
    qtype: 'A',
    rcode: 'NXDOMAIN',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'svc6.testns.example.com.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    answer: ['svc6.testns.example.com. 5 IN AAAA 1:2::5'],
  },
  {
    qname: '_http._tcp.svc6.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['_http._tcp.svc6.testns.example.com. 5 IN SRV 0 100 80 svc6.testns.example.com.'],
    extra: ['svc6.testns.example.com. 5 IN AAAA 1:2::5'],
  },
  {
    qname: 'svc6.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc6.testns.example.com. 5 IN SRV 0 100 80 svc6.testns.example.com.'],
    extra: ['svc6.testns.example.com. 5 IN AAAA 1:2::5'],
  },
  {
    qname: 'testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'testns.example.com.',
    qtype: 'SOA',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'svc11.testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['svc11.testns.example.com. 5 IN A 2.3.4.5'],
  },
  {
    qname: '_http._tcp.svc11.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['_http._tcp.svc11.testns.example.com. 5 IN SRV 0 100 80 svc11.testns.example.com.'],
    extra: ['svc11.testns.example.com. 5 IN A 2.3.4.5'],
  },
  {
    qname: 'svc11.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc11.testns.example.com. 5 IN SRV 0 100 80 svc11.testns.example.com.'],
    extra: ['svc11.testns.example.com. 5 IN A 2.3.4.5'],
  },
  {
    qname: 'svc12.testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['svc12.testns.example.com. 5 IN CNAME dummy.hostname.'],
  },
  {
    qname: '_http._tcp.svc12.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['_http._tcp.svc12.testns.example.com. 5 IN SRV 0 100 80 dummy.hostname.'],
  },
  {
    qname: 'svc12.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc12.testns.example.com. 5 IN SRV 0 100 80 dummy.hostname.'],
  },
  {
    qname: 'svc-headless.testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [
      'svc-headless.testns.example.com. 5 IN A 1.2.3.4',
      'svc-headless.testns.example.com. 5 IN A 1.2.3.5',
    ],
  },
  {
    qname: 'svc-headless.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      'svc-headless.testns.example.com. 5 IN SRV 0 50 80 endpoint-svc-0.svc-headless.testns.example.com.',
      'svc-headless.testns.example.com. 5 IN SRV 0 50 80 endpoint-svc-1.svc-headless.testns.example.com.',
    ],
    extra: [
      'endpoint-svc-0.svc-headless.testns.example.com. 5 IN A 1.2.3.4',
      'endpoint-svc-1.svc-headless.testns.example.com. 5 IN A 1.2.3.5',
    ],
  },
  {
    qname: '_http._tcp.svc-headless.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      '_http._tcp.svc-headless.testns.example.com. 5 IN SRV 0 50 80 endpoint-svc-0.svc-headless.testns.example.com.',
      '_http._tcp.svc-headless.testns.example.com. 5 IN SRV 0 50 80 endpoint-svc-1.svc-headless.testns.example.com.',
    ],
    extra: [
      'endpoint-svc-0.svc-headless.testns.example.com. 5 IN A 1.2.3.4',
      'endpoint-svc-1.svc-headless.testns.example.com. 5 IN A 1.2.3.5',
    ],
  },
  {
    qname: 'endpoint-svc-0.svc-headless.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      'endpoint-svc-0.svc-headless.testns.example.com.  5 IN SRV 0 100 80 endpoint-svc-0.svc-headless.testns.example.com.',
    ],
    extra: ['endpoint-svc-0.svc-headless.testns.example.com. 5 IN A 1.2.3.4'],
  },
  {
    qname: 'endpoint-svc-1.svc-headless.testns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: [
      'endpoint-svc-1.svc-headless.testns.example.com.  5 IN SRV 0 100 80 endpoint-svc-1.svc-headless.testns.example.com.',
    ],
    extra: ['endpoint-svc-1.svc-headless.testns.example.com. 5 IN A 1.2.3.5'],
  },
  {
    qname: 'endpoint-svc-0.svc-headless.testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['endpoint-svc-0.svc-headless.testns.example.com. 5 IN A 1.2.3.4'],
  },
  {
    qname: 'endpoint-svc-1.svc-headless.testns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['endpoint-svc-1.svc-headless.testns.example.com. 5 IN A 1.2.3.5'],
  },
];

const apexCases: Case[] = [
  {
    qname: 'example.com.',
    qtype: 'SOA',
    rcode: 'NOERROR',
    answer: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'example.com.',
    qtype: 'NS',
    rcode: 'NOERROR',
    answer: ['example.com. 5 IN NS ns1.dns.example.com.'],
    extra: ['ns1.dns.example.com. 5 IN A 127.0.0.1'],
  },
  {
    qname: 'example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'dns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'dns.example.com.',
    qtype: 'NS',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'ns1.dns.example.com.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'ns1.dns.example.com.',
    qtype: 'NS',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'ns1.dns.example.com.',
    qtype: 'AAAA',
    rcode: 'NOERROR',
    ns: [
      'example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 1499347823 7200 1800 86400 5',
    ],
  },
  {
    qname: 'ns1.dns.example.com.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['ns1.dns.example.com. 5 IN A 127.0.0.1'],
  },
];

const serverWith = (zones: string) =>
  dnsServer([
    fixture('external.yaml'),
    corefileConfigMap(
      `k8s_external ${zones} {\n    headless\n}\nkubernetes cluster.local {\n    namespaces testns\n}`,
    ),
  ]);

describe('k8s_external external_test.go TestExternal', () => {
  const server = serverWith('example.com in-addr.arpa');
  it.each(externalCases)('answers $qname $qtype with $rcode', (tc) => {
    const response = ask(server, tc);
    expect(response.authoritative).toBe(true);
    check(response, tc);
  });
});

describe('k8s_external apex_test.go TestApex', () => {
  const server = serverWith('example.com');
  it.each(apexCases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));
});

describe('k8s_external setup_test.go TestSetup', () => {
  it.each([
    ['k8s_external', '.', 'dns', false, undefined],
    ['k8s_external example.org', 'example.org.', 'dns', false, undefined],
    [
      'k8s_external example.org {\n\t\t\tapex testdns\n}',
      'example.org.',
      'testdns',
      false,
      undefined,
    ],
    ['k8s_external example.org {\n\theadless\n}', 'example.org.', 'dns', true, undefined],
    ['k8s_external example.org {\n\tfallthrough\n}', 'example.org.', 'dns', false, ['.']],
    [
      'k8s_external example.org {\n\tfallthrough ip6.arpa inaddr.arpa foo.com\n}',
      'example.org.',
      'dns',
      false,
      ['ip6.arpa.', 'inaddr.arpa.', 'foo.com.'],
    ],
  ])('reads %j', (stanza, zone, apex, headless, fallthrough) => {
    const server = dnsServer([corefileConfigMap(`${stanza}\nkubernetes cluster.local`)]);
    expect(server.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(server.config.servers[0]?.external).toEqual({
      zones: [zone],
      apex,
      ttl: 5,
      headless,
      fallthrough,
    });
  });
});

describe('ns_test.go TestNsAddrsExternal*: the external zone name servers', () => {
  // CoreDNS listens on 10.244.0.20, an endpoint of the three Services of fixtures/ns.yaml.
  const nsQuery = (headless: boolean, externalIP?: string) => {
    let services = fixture('ns.yaml');
    if (externalIP) {
      services = services.replace(
        'spec: { type: ClusterIP, clusterIPs: [10.0.0.111] }',
        `spec: { type: ClusterIP, clusterIPs: [10.0.0.111], externalIPs: [${externalIP}] }`,
      );
    }
    const stanza = `k8s_external example.com${headless ? ' {\n    headless\n}' : ''}\nkubernetes cluster.local`;
    const server = dnsServer([services, corefileConfigMap(stanza)], ['10.244.0.20']);
    return ask(server, { qname: 'example.com.', qtype: 'NS', rcode: 'NOERROR' });
  };
  const ns = 'example.com. 5 IN NS ns1.dns.example.com.';

  it('TestNsAddrsExternalHeadless: a headless Service gives its endpoints', () => {
    check(nsQuery(true), {
      qname: 'example.com.',
      qtype: 'NS',
      rcode: 'NOERROR',
      answer: [ns],
      extra: ['ns1.dns.example.com. 5 IN A 10.244.0.20'],
    });
  });

  it('TestNsAddrsExternal: no Service with an external IP gives no address', () => {
    check(nsQuery(false), { qname: 'example.com.', qtype: 'NS', rcode: 'NOERROR', answer: [ns] });
  });

  it('TestNsAddrsExternalWithPreexistingExternalIP: the external IP of the Service', () => {
    check(nsQuery(false, '1.2.3.4'), {
      qname: 'example.com.',
      qtype: 'NS',
      rcode: 'NOERROR',
      answer: [ns],
      extra: ['ns1.dns.example.com. 5 IN A 1.2.3.4'],
    });
  });
});

describe('k8s_external setup.go: the kubernetes plugin of its block', () => {
  it('does not start without one', () => {
    const server = dnsServer([corefileConfigMap('k8s_external example.org')]);
    expect(server.findings.map((f) => f.message)).toEqual([
      'plugin/k8s_external: kubernetes plugin not loaded',
    ]);
  });
});
