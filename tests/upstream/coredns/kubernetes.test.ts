/**
 * The backend's Services, endpoint names and query parsing, asked through the plugin:
 * coredns/coredns plugin/kubernetes/kubernetes_test.go (TestServices, TestServicesAuthority,
 * TestEndpointHostname) and parse_test.go (TestParseRequest, TestParseInvalidRequest) at commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147. Their expectations are services (host and key);
 * here each is the record the plugin makes of it: an address at the key's name, an SRV whose
 * target is the key, a CNAME to the host.
 */
import { describe, it } from 'vitest';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

const soa =
  'interwebs.test. 5 IN SOA ns.dns.interwebs.test. hostmaster.interwebs.test. 0 7200 1800 86400 5';

describe('kubernetes_test.go TestServices', () => {
  const server = dnsServer([
    fixture('services.yaml'),
    corefileConfigMap('kubernetes interwebs.test'),
  ]);
  const cases: Case[] = [
    {
      qname: 'svc1.testns.svc.interwebs.test.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.interwebs.test. 5 IN A 10.0.0.1'],
    },
    {
      qname: '_http._tcp.svc1.testns.svc.interwebs.test.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_http._tcp.svc1.testns.svc.interwebs.test. 5 IN SRV 0 100 80 svc1.testns.svc.interwebs.test.',
      ],
      extra: ['svc1.testns.svc.interwebs.test. 5 IN A 10.0.0.1'],
    },
    // An endpoint of a Service with a ClusterIP, by its hostname.
    {
      qname: 'ep1a.svc1.testns.svc.interwebs.test.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['ep1a.svc1.testns.svc.interwebs.test. 5 IN A 172.0.0.1'],
    },
    // Two services (one per ClusterIP) under one key: one SRV, weight 50, and both addresses.
    {
      qname: '_http._tcp.svc-dual-stack.testns.svc.interwebs.test.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_http._tcp.svc-dual-stack.testns.svc.interwebs.test. 5 IN SRV 0 50 80 svc-dual-stack.testns.svc.interwebs.test.',
      ],
      extra: [
        'svc-dual-stack.testns.svc.interwebs.test. 5 IN A 10.0.0.2',
        'svc-dual-stack.testns.svc.interwebs.test. 5 IN AAAA 10::2',
      ],
    },
    {
      qname: 'external.testns.svc.interwebs.test.',
      qtype: 'CNAME',
      rcode: 'NOERROR',
      answer: ['external.testns.svc.interwebs.test. 5 IN CNAME coredns.io.'],
    },
    {
      qname: 'hdls1.testns.svc.interwebs.test.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['hdls1.testns.svc.interwebs.test. 5 IN A 172.0.0.2'],
    },
    {
      qname: '_http._tcp.hdls1.testns.svc.interwebs.test.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_http._tcp.hdls1.testns.svc.interwebs.test. 5 IN SRV 0 100 80 172-0-0-2.hdls1.testns.svc.interwebs.test.',
      ],
      extra: ['172-0-0-2.hdls1.testns.svc.interwebs.test. 5 IN A 172.0.0.2'],
    },
  ];
  it.each(cases)('answers $qname $qtype', (tc) => check(ask(server, tc), tc));
});

describe('kubernetes_test.go TestServicesAuthority', () => {
  const serverOn = (localIPs: string[]) =>
    dnsServer([fixture('services.yaml'), corefileConfigMap('kubernetes interwebs.test')], localIPs);
  const cases: [string[], Case][] = [
    [
      ['1.2.3.4'],
      {
        qname: 'ns.dns.interwebs.test.',
        qtype: 'A',
        rcode: 'NOERROR',
        answer: ['ns.dns.interwebs.test. 5 IN A 1.2.3.4'],
      },
    ],
    [['1.2.3.4'], { qname: 'ns.dns.interwebs.test.', qtype: 'AAAA', rcode: 'NOERROR', ns: [soa] }],
    [['1:2::3:4'], { qname: 'ns.dns.interwebs.test.', qtype: 'A', rcode: 'NOERROR', ns: [soa] }],
    [
      ['1:2::3:4'],
      {
        qname: 'ns.dns.interwebs.test.',
        qtype: 'AAAA',
        rcode: 'NOERROR',
        answer: ['ns.dns.interwebs.test. 5 IN AAAA 1:2::3:4'],
      },
    ],
    // The NS services of both addresses: one NS record, both as glue.
    [
      ['1.2.3.4', '1:2::3:4'],
      {
        qname: 'interwebs.test.',
        qtype: 'NS',
        rcode: 'NOERROR',
        answer: ['interwebs.test. 5 IN NS ns.dns.interwebs.test.'],
        extra: [
          'ns.dns.interwebs.test. 5 IN A 1.2.3.4',
          'ns.dns.interwebs.test. 5 IN AAAA 1:2::3:4',
        ],
      },
    ],
  ];
  it.each(cases)('on %j answers $qname $qtype', (localIPs, tc) =>
    check(ask(serverOn(localIPs), tc), tc),
  );
});

const endpointNames = `
apiVersion: v1
kind: Service
metadata: { name: hdls, namespace: testns }
spec: { clusterIPs: [None], ports: [{ name: http, protocol: TCP, port: 80 }] }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: hdls-v4, namespace: testns, labels: { kubernetes.io/service-name: hdls } }
addressType: IPv4
endpoints:
  - { addresses: [10.11.12.13] }
  - { addresses: [10.11.12.14], hostname: epname }
  - { addresses: [10.11.12.15], targetRef: { kind: Pod, namespace: testns, name: hello-abcde } }
  - addresses: [10.11.12.16]
    hostname: epname2
    targetRef: { kind: Pod, namespace: testns, name: hello-fghij }
ports: [{ name: http, protocol: TCP, port: 80 }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: hdls-v6, namespace: testns, labels: { kubernetes.io/service-name: hdls } }
addressType: IPv6
endpoints:
  - { addresses: ['2001:db8:3333:4444:5555:6666:7777:8888'] }
  - { addresses: ['2001:db8:3333:4444:5555:6666::'] }
ports: [{ name: http, protocol: TCP, port: 80 }]
`;

describe('kubernetes_test.go TestEndpointHostname: the names of endpoints in SRV targets', () => {
  const srvCase = (names: string[], addresses: string[]): Case => ({
    qname: '_http._tcp.hdls.testns.svc.cluster.local.',
    qtype: 'SRV',
    rcode: 'NOERROR',
    answer: names.map(
      (n) =>
        `_http._tcp.hdls.testns.svc.cluster.local. 5 IN SRV 0 16 80 ${n}.hdls.testns.svc.cluster.local.`,
    ),
    extra: names.map(
      (n, i) =>
        `${n}.hdls.testns.svc.cluster.local. 5 IN ${addresses[i]?.includes(':') ? 'AAAA' : 'A'} ${addresses[i] ?? ''}`,
    ),
  });
  const addresses = [
    '10.11.12.13',
    '10.11.12.14',
    '10.11.12.15',
    '10.11.12.16',
    '2001:db8:3333:4444:5555:6666:7777:8888',
    '2001:db8:3333:4444:5555:6666::',
  ];
  const v6 = ['2001-db8-3333-4444-5555-6666-7777-8888', '2001-db8-3333-4444-5555-6666--0'];

  it('names an endpoint by its hostname, else by its address', () => {
    const server = dnsServer([endpointNames, corefileConfigMap('kubernetes cluster.local')]);
    const tc = srvCase(['10-11-12-13', 'epname', '10-11-12-15', 'epname2', ...v6], addresses);
    check(ask(server, tc), tc);
  });

  it('with endpoint_pod_names, by its pod name when it has no hostname', () => {
    const server = dnsServer([
      endpointNames,
      corefileConfigMap('kubernetes cluster.local {\n    endpoint_pod_names\n}'),
    ]);
    const tc = srvCase(['10-11-12-13', 'epname', 'hello-abcde', 'epname2', ...v6], addresses);
    check(ask(server, tc), tc);
    const byPod: Case = {
      qname: 'hello-abcde.hdls.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['hello-abcde.hdls.testns.svc.cluster.local. 5 IN A 10.11.12.15'],
    };
    check(ask(server, byPod), byPod);
  });
});

const webs = `
apiVersion: v1
kind: Service
metadata: { name: webs, namespace: mynamespace }
spec: { clusterIPs: [10.0.0.5], ports: [{ name: http, protocol: TCP, port: 80 }] }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: webs-1, namespace: mynamespace, labels: { kubernetes.io/service-name: webs } }
addressType: IPv4
endpoints: [{ addresses: [1.2.3.4] }]
ports: [{ name: http, protocol: TCP, port: 80 }]
`;

describe('parse_test.go TestParseRequest and TestParseInvalidRequest, as answers', () => {
  const server = dnsServer([webs, corefileConfigMap('kubernetes inter.webs.tests')]);
  const zoneSoa =
    'inter.webs.tests. 5 IN SOA ns.dns.inter.webs.tests. hostmaster.inter.webs.tests. 0 7200 1800 86400 5';
  const cases: Case[] = [
    // _port._protocol.service.namespace.svc
    {
      qname: '_http._tcp.webs.mynamespace.svc.inter.webs.tests.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_http._tcp.webs.mynamespace.svc.inter.webs.tests. 5 IN SRV 0 100 80 webs.mynamespace.svc.inter.webs.tests.',
      ],
      extra: ['webs.mynamespace.svc.inter.webs.tests. 5 IN A 10.0.0.5'],
    },
    // endpoint.service.namespace.svc
    {
      qname: '1-2-3-4.webs.mynamespace.svc.inter.webs.tests.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['1-2-3-4.webs.mynamespace.svc.inter.webs.tests. 5 IN A 1.2.3.4'],
    },
    // The bare zone, svc and pod: no request, NODATA.
    { qname: 'inter.webs.tests.', qtype: 'A', rcode: 'NOERROR', ns: [zoneSoa] },
    { qname: 'svc.inter.webs.tests.', qtype: 'A', rcode: 'NOERROR', ns: [zoneSoa] },
    { qname: 'pod.inter.webs.tests.', qtype: 'A', rcode: 'NOERROR', ns: [zoneSoa] },
    // Neither pod nor svc; too long; a zone-scoped name without the zonal option.
    {
      qname: 'webs.mynamespace.pood.inter.webs.tests.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [zoneSoa],
    },
    {
      qname: 'too.long.for.what.I.am.trying.to.pod.inter.webs.tests.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [zoneSoa],
    },
    {
      qname: 'us-west-2a.pin._zone.webs.mynamespace.svc.inter.webs.tests.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [zoneSoa],
    },
  ];
  it.each(cases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));
});
