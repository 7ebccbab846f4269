/**
 * CoreDNS's cases for the plugin's options, at coredns/coredns commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147: plugin/kubernetes/handler_case_test.go (answers keep
 * the query's case), handler_ignore_emptyservice_test.go, handler_pod_disabled_test.go,
 * handler_pod_insecure_test.go, handler_pod_verified_test.go and kubernetes_apex_test.go, each
 * against the APIConnServeTest fixture with the test's configuration as a Corefile; and the
 * `noendpoints`, `labels` and `namespace_labels` options as plugin/kubernetes/README.md describes
 * them, and the objects the informers list (controller.go: podListFunc's phases, the selectors).
 */
import { describe, expect, it } from 'vitest';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

const soa =
  'cluster.local.	5	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5';

function serverWith(stanza: string) {
  return dnsServer([
    fixture('handler-serve.yaml'),
    fixture('namespaces.yaml'),
    fixture('pod-foo.yaml'),
    corefileConfigMap(stanza),
  ]);
}

describe('handler_case_test.go TestPreserveCase', () => {
  const server = serverWith('kubernetes cluster.local {\n    ignore empty_service\n}');
  const cases: Case[] = [
    {
      qname: 'not-a-service.testns.svc.ClUsTeR.lOcAl.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [
        'ClUsTeR.lOcAl.	5	IN	SOA	ns.dns.ClUsTeR.lOcAl. hostmaster.ClUsTeR.lOcAl. 1499347823 7200 1800 86400 5',
      ],
    },
    {
      qname: 'SvC1.TeStNs.SvC.cLuStEr.LoCaL.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['SvC1.TeStNs.SvC.cLuStEr.LoCaL.	5	IN	A	10.0.0.1'],
    },
    {
      qname: '_HtTp._TcP.sVc1.TeStNs.SvC.cLuStEr.LoCaL.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        '_HtTp._TcP.sVc1.TeStNs.SvC.cLuStEr.LoCaL.	5	IN	SRV	0 100 80 svc1.testns.svc.cLuStEr.LoCaL.',
      ],
      extra: ['svc1.testns.svc.cLuStEr.LoCaL.	5	IN	A	10.0.0.1'],
    },
    {
      qname: 'Cluster.local.',
      qtype: 'SOA',
      rcode: 'NOERROR',
      answer: [
        'Cluster.local.	5	IN	SOA	ns.dns.Cluster.local. hostmaster.Cluster.local. 1499347823 7200 1800 86400 5',
      ],
    },
  ];
  it.each(cases)('answers $qname $qtype in the query case', (tc) => check(ask(server, tc), tc));
});

describe('handler_ignore_emptyservice_test.go TestServeDNSEmptyService', () => {
  const server = serverWith('kubernetes cluster.local {\n    ignore empty_service\n}');
  const cases: Case[] = [
    { qname: 'svcempty.testns.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    {
      qname: 'external.testns.svc.cluster.local.',
      qtype: 'CNAME',
      rcode: 'NOERROR',
      answer: ['external.testns.svc.cluster.local.	5	IN	CNAME	ext.interwebs.test.'],
    },
  ];
  it.each(cases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));
});

describe('handler_pod_disabled_test.go TestServeDNSModeDisabled', () => {
  const server = serverWith('kubernetes cluster.local {\n    pods disabled\n}');
  const cases: Case[] = [
    { qname: '10-240-0-1.podns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    { qname: '172-0-0-2.podns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  ];
  it.each(cases)('answers $qname with $rcode', (tc) => check(ask(server, tc), tc));
});

describe('handler_pod_insecure_test.go TestServeDNSModeInsecure', () => {
  const server = serverWith('kubernetes cluster.local {\n    pods insecure\n}');
  const cases: Case[] = [
    {
      qname: '10-240-0-1.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['10-240-0-1.podns.pod.cluster.local.	5	IN	A	10.240.0.1'],
    },
    {
      qname: '172-0-0-2.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['172-0-0-2.podns.pod.cluster.local.	5	IN	A	172.0.0.2'],
    },
    { qname: 'blah.podns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    { qname: 'blah.podns.pod.cluster.local.', qtype: 'AAAA', rcode: 'NXDOMAIN', ns: [soa] },
    { qname: 'blah.podns.pod.cluster.local.', qtype: 'HINFO', rcode: 'NXDOMAIN', ns: [soa] },
    { qname: 'blah.pod-nons.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    { qname: 'podns.pod.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
  ];
  it.each(cases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));
});

describe('handler_pod_verified_test.go TestServeDNSModeVerified', () => {
  const server = serverWith('kubernetes cluster.local {\n    pods verified\n}');
  const cases: Case[] = [
    {
      qname: '10-240-0-1.podns.pod.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['10-240-0-1.podns.pod.cluster.local.	5	IN	A	10.240.0.1'],
    },
    { qname: 'podns.pod.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    { qname: 'svcns.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    { qname: 'pod-nons.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    { qname: '172-0-0-2.podns.pod.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
  ];
  it.each(cases)('answers $qname with $rcode', (tc) => check(ask(server, tc), tc));
});

describe('kubernetes_apex_test.go TestServeDNSApex', () => {
  // The test's CoreDNS listens on 127.0.0.1 and finds no endpoint of its own.
  const server = serverWith('kubernetes cluster.local');
  const cases: Case[] = [
    {
      qname: 'cluster.local.',
      qtype: 'SOA',
      rcode: 'NOERROR',
      answer: [
        'cluster.local.	5	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5',
      ],
    },
    { qname: 'cluster.local.', qtype: 'HINFO', rcode: 'NOERROR', ns: [soa] },
    {
      qname: 'cluster.local.',
      qtype: 'NS',
      rcode: 'NOERROR',
      answer: ['cluster.local. 5     IN      NS     ns.dns.cluster.local.'],
      extra: ['ns.dns.cluster.local.   5       IN      A       127.0.0.1'],
    },
    { qname: 'cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [soa] },
    { qname: 'cluster.local.', qtype: 'AAAA', rcode: 'NOERROR', ns: [soa] },
    { qname: 'cluster.local.', qtype: 'SRV', rcode: 'NOERROR', ns: [soa] },
  ];
  it.each(cases)('answers the apex $qtype', (tc) => check(ask(server, tc), tc));
});

describe('README noendpoints: no EndpointSlice informer (controller.go initEndpointsCache)', () => {
  // "All endpoint queries and headless service queries will result in an NXDOMAIN."
  const server = serverWith('kubernetes cluster.local {\n    noendpoints\n}');
  const cases: Case[] = [
    {
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.cluster.local.	5	IN	A	10.0.0.1'],
    },
    { qname: 'hdls1.testns.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    {
      qname: '_http._tcp.hdls1.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NXDOMAIN',
      ns: [soa],
    },
    { qname: 'ep1a.svc1.testns.svc.cluster.local.', qtype: 'A', rcode: 'NXDOMAIN', ns: [soa] },
    {
      qname: '172-0-0-2.hdls1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [soa],
    },
  ];
  it.each(cases)('answers $qname $qtype with $rcode', (tc) => check(ask(server, tc), tc));
});

describe('controller.go podListFunc: the pod informer leaves out finished pods', () => {
  // Its field selector is status.phase!=Succeeded,status.phase!=Failed,status.phase!=Unknown.
  const withPhase = (phase: string) =>
    dnsServer([
      fixture('namespaces.yaml'),
      fixture('pod-foo.yaml').replace('status:\n', `status:\n  phase: ${phase}\n`),
      corefileConfigMap('kubernetes cluster.local {\n    pods verified\n}'),
    ]);
  const found: Case = {
    qname: '10-240-0-1.podns.pod.cluster.local.',
    qtype: 'A',
    rcode: 'NOERROR',
    answer: ['10-240-0-1.podns.pod.cluster.local.	5	IN	A	10.240.0.1'],
  };
  const gone: Case = { ...found, rcode: 'NXDOMAIN', answer: [], ns: [soa] };
  it.each([
    ['Running', found],
    ['Pending', found],
    ['Succeeded', gone],
    ['Failed', gone],
    ['Unknown', gone],
  ])('answers for a %s pod under pods verified', (phase, tc) =>
    check(ask(withPhase(phase), tc), tc),
  );
});

describe('README labels and namespace_labels: what the informers list (controller.go)', () => {
  const labelled = `
apiVersion: v1
kind: Namespace
metadata: { name: prod, labels: { dns: enabled } }
---
apiVersion: v1
kind: Namespace
metadata: { name: staging }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: prod, labels: { environment: production } }
spec: { clusterIPs: [10.0.0.21], ports: [{ name: http, protocol: TCP, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: staging, labels: { environment: staging } }
spec: { clusterIPs: [10.0.0.22], ports: [{ name: http, protocol: TCP, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: prod, labels: { environment: production } }
spec: { clusterIPs: [None] }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  namespace: prod
  labels: { kubernetes.io/service-name: db }
addressType: IPv4
endpoints: [{ addresses: [10.1.0.5] }]
`;
  const prodSoa =
    'cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5';
  const web = (ns: string, ip: string): Case => ({
    qname: `web.${ns}.svc.cluster.local.`,
    qtype: 'A',
    rcode: 'NOERROR',
    answer: [`web.${ns}.svc.cluster.local. 5 IN A ${ip}`],
  });
  const missing = (qname: string): Case => ({
    qname,
    qtype: 'A',
    rcode: 'NXDOMAIN',
    ns: [prodSoa],
  });

  it('labels: only the Services and EndpointSlices the selector matches are seen', () => {
    const server = dnsServer([
      labelled,
      corefileConfigMap(
        'kubernetes cluster.local {\n    labels environment in (production, qa)\n}',
      ),
    ]);
    for (const tc of [
      web('prod', '10.0.0.21'),
      missing('web.staging.svc.cluster.local.'),
      // The headless Service is seen, its EndpointSlice (without the label) is not.
      missing('db.prod.svc.cluster.local.'),
    ])
      check(ask(server, tc), tc);
  });

  it('namespace_labels: names in a Namespace the selector does not match do not exist', () => {
    const server = dnsServer([
      labelled,
      corefileConfigMap('kubernetes cluster.local {\n    namespace_labels dns=enabled\n}'),
    ]);
    for (const tc of [
      web('prod', '10.0.0.21'),
      missing('web.staging.svc.cluster.local.'),
      missing('staging.svc.cluster.local.'),
      { qname: 'prod.svc.cluster.local.', qtype: 'A', rcode: 'NOERROR', ns: [prodSoa] } as Case,
    ])
      check(ask(server, tc), tc);
  });

  it('rejects a selector that does not parse', () => {
    const server = dnsServer([
      labelled,
      corefileConfigMap('kubernetes cluster.local {\n    labels environment in (production, qa\n}'),
    ]);
    expect(server.findings[0]?.message).toContain('unable to parse label selector');
  });
});

describe('controller_test.go TestEndpointsDisabled and TestEndpointsEnabled', () => {
  // generateSvcs/generateEndpointSlices for 10.0.0.0/30, "headless": svc1..svc4 with
  // clusterIP None, each with an EndpointSlice of one endpoint (10.0.0.N-1, hostname fooN).
  const cluster = [1, 2, 3, 4]
    .map(
      (n) => `apiVersion: v1
kind: Service
metadata: { name: svc${n}, namespace: testns }
spec: { clusterIP: None }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: svc${n}, namespace: testns, labels: { kubernetes.io/service-name: svc${n} } }
addressType: IPv4
endpoints: [{ addresses: [10.0.0.${n - 1}], hostname: foo${n} }]
ports: [{ name: http, protocol: TCP, port: 80 }]`,
    )
    .join('\n---\n');
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: testns }\n';
  const zones = 'kubernetes cluster.local clusterset.local';
  it('answers a headless Service from its endpoints', () => {
    const tc: Case = {
      qname: 'svc2.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc2.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    };
    check(ask(dnsServer([namespace, cluster, corefileConfigMap(zones)]), tc), tc);
  });
  it('answers NXDOMAIN for it under noendpoints', () => {
    const server = dnsServer([
      namespace,
      cluster,
      corefileConfigMap(`${zones} {\n    noendpoints\n}`),
    ]);
    const tc: Case = {
      qname: 'svc2.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
      ns: [soa],
    };
    check(ask(server, tc), tc);
  });
});

describe('the ttl option (setup.go ttl; plugin/backend_lookup.go SOA)', () => {
  // Records carry the plugin's TTL; the SOA's own TTL is that TTL capped at 300, its minimum
  // field the TTL itself (TestServeNamespaceDNS's "cluster.local. 300 IN SOA ... 30" shape).
  const withTTL = (ttl: number) => serverWith(`kubernetes cluster.local {\n    ttl ${ttl}\n}`);
  it.each([0, 30, 300, 3600])('answers with ttl %i', (ttl) => {
    const server = withTTL(ttl);
    const found: Case = {
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'SRV',
      rcode: 'NOERROR',
      answer: [
        `svc1.testns.svc.cluster.local. ${ttl} IN SRV 0 100 80 svc1.testns.svc.cluster.local.`,
      ],
      extra: [`svc1.testns.svc.cluster.local. ${ttl} IN A 10.0.0.1`],
    };
    check(ask(server, found), found);
    const missing = ask(server, {
      qname: 'svc0.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NXDOMAIN',
    });
    expect(missing.rcode).toBe('NXDOMAIN');
    const soa = missing.authority[0];
    expect(
      soa && { ttl: soa.ttl, data: soa.type === 'SOA' ? soa.data.minimum : undefined },
    ).toEqual({ ttl: Math.min(ttl, 300), data: ttl });
  });
});
