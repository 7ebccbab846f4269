/**
 * The `kubernetes` stanza as CoreDNS reads it: coredns/coredns plugin/kubernetes/setup_test.go
 * (TestKubernetesParse, TestKubernetesParseEndpointPodNames, TestKubernetesParseNoEndpoints,
 * TestKubernetesParseIgnoreEmptyService, TestKubernetesParseZonal), setup_ttl_test.go (TestKubernetesParseTTL) and the
 * classless reverse zones of plugin/pkg/cidr/cidr_test.go (TestSplit, TestReverse), and the
 * plugin chain of plugin.cfg (the order core/dnsserver runs plugins in), at commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147. Each stanza is the `kubernetes` block of a coredns
 * ConfigMap; a stanza CoreDNS rejects leaves a finding holding its error text.
 */
import { describe, expect, it } from 'vitest';
import { parseCIDR } from '../../../src/engine/net/ip';
import { normalizeHost, reverseZones } from '../../../src/engine/coredns/stanza';
import { type KubernetesPluginConfig, computeDnsAnswer } from '../../../src/engine/coredns';
import { type Case, ask, check, corefileConfigMap, dnsServer, fixture } from './helpers';

function parse(stanza: string): {
  config?: KubernetesPluginConfig | undefined;
  error?: string | undefined;
} {
  const server = dnsServer([corefileConfigMap(stanza)]);
  const error = server.findings.find((f) => f.severity === 'error')?.message;
  if (error !== undefined) return { error };
  return { config: server.config.servers[0]?.kubernetes };
}

interface ParseCase {
  input: string;
  error?: string;
  zones?: number;
  namespaces?: number;
  podMode?: string;
  fallthrough?: string[];
}

const parseCases: ParseCase[] = [
  { input: 'kubernetes coredns.local', zones: 1, namespaces: 0, podMode: 'disabled' },
  { input: 'kubernetes coredns.local test.local', zones: 2, namespaces: 0 },
  { input: 'kubernetes coredns.local {\n}', zones: 1, namespaces: 0 },
  {
    input: 'kubernetes coredns.local {\n\tendpoint http://localhost:9090 http://localhost:9091\n}',
    zones: 1,
  },
  { input: 'kubernetes coredns.local {\n\tnamespaces demo\n}', zones: 1, namespaces: 1 },
  { input: 'kubernetes coredns.local {\n\tnamespaces demo test\n}', zones: 1, namespaces: 2 },
  { input: 'kubernetes coredns.local {\n    labels environment=prod\n}', zones: 1 },
  {
    input: 'kubernetes coredns.local {\n    namespace_labels istio-injection=enabled\n}',
    zones: 1,
    namespaces: 0,
  },
  {
    input:
      'kubernetes coredns.local {\n    namespaces foo bar\n    namespace_labels istio-injection=enabled\n}',
    error: 'Error during parsing: namespaces and namespace_labels cannot both be set',
  },
  {
    input:
      'kubernetes coredns.local test.local {\n\tendpoint http://localhost:8080\n\tnamespaces demo test\n    labels environment in (production, staging, qa),application=nginx\n    fallthrough\n}',
    zones: 2,
    namespaces: 2,
    fallthrough: ['.'],
  },
  {
    input: 'kubernetes coredns.local {\n    endpoint\n}',
    error: 'rong argument count or unexpected line ending',
  },
  {
    input: 'kubernetes coredns.local {\n\tnamespaces\n}',
    error: 'rong argument count or unexpected line ending',
  },
  {
    input: 'kubernetes coredns.local {\n    labels\n}',
    error: 'rong argument count or unexpected line ending',
  },
  {
    input: 'kubernetes coredns.local {\n    labels environment in (production, qa\n}',
    error: 'unable to parse label selector',
  },
  { input: 'kubernetes coredns.local {\n\tpods disabled\n}', zones: 1, podMode: 'disabled' },
  { input: 'kubernetes coredns.local {\n\tpods insecure\n}', zones: 1, podMode: 'insecure' },
  { input: 'kubernetes coredns.local {\n\tpods verified\n}', zones: 1, podMode: 'verified' },
  { input: 'kubernetes coredns.local {\n\tpods giant_seed\n}', error: 'rong value for pods' },
  {
    input: 'kubernetes coredns.local {\n\tfallthrough ip6.arpa inaddr.arpa foo.com\n}',
    zones: 1,
    fallthrough: ['ip6.arpa.', 'inaddr.arpa.', 'foo.com.'],
  },
  { input: 'kubernetes coredns.local\nkubernetes cluster.local', error: 'this plugin' },
  {
    input: 'kubernetes coredns.local {\n\tkubeconfig\n}',
    error: 'Wrong argument count or unexpected line ending after',
  },
  {
    input: 'kubernetes coredns.local {\n\tkubeconfig file context extraarg\n}',
    error: 'Wrong argument count or unexpected line ending after',
  },
  { input: 'kubernetes coredns.local {\n\tkubeconfig file\n}', zones: 1 },
  { input: 'kubernetes coredns.local {\n\tkubeconfig file context\n}', zones: 1 },
  {
    input:
      'kubernetes coredns.local {\n        kubeconfig file context\n        startup_timeout 1s\n}',
    zones: 1,
  },
];

describe('setup_test.go TestKubernetesParse', () => {
  it.each(parseCases)('reads $input', (tc) => {
    const { config, error } = parse(tc.input);
    if (tc.error !== undefined) {
      expect(error).toContain(tc.error);
      return;
    }
    expect(error).toBeUndefined();
    if (!config) throw new Error('no kubernetes plugin');
    if (tc.zones !== undefined) expect(config.zones).toHaveLength(tc.zones);
    if (tc.namespaces !== undefined) expect(config.namespaces).toHaveLength(tc.namespaces);
    expect(config.podMode).toBe(tc.podMode ?? 'disabled');
    expect(config.fallthrough).toEqual(tc.fallthrough);
  });
});

describe('setup_test.go options without values', () => {
  it.each([
    ['endpoint_pod_names', { endpointPodNames: true }],
    ['noendpoints', { noEndpoints: true }],
    ['ignore empty_service', { ignoreEmptyService: true }],
    ['ignore empty_service ixnay on the endpointsay', { ignoreEmptyService: true }],
    ['zonal', { zonal: true }],
    ['', { endpointPodNames: false, noEndpoints: false, ignoreEmptyService: false, zonal: false }],
  ])('reads `%s`', (option, expected) => {
    const { config, error } = parse(`kubernetes coredns.local {\n\t${option}\n}`);
    expect(error).toBeUndefined();
    expect(config).toMatchObject(expected);
  });

  it.each([
    ['endpoint_pod_names giant_seed', 'rong argument count or unexpected'],
    ['noendpoints ixnay on the endpointsay', 'rong argument count or unexpected'],
    ['ignore ixnay on the endpointsay', 'unable to parse ignore value'],
    ['zonal us-west-2a', 'rong argument count or unexpected'],
    ['zonal\n\tnoendpoints', 'zonal requires the endpoint cache; remove noendpoints'],
  ])('rejects `%s`', (option, message) => {
    expect(parse(`kubernetes coredns.local {\n\t${option}\n}`).error).toContain(message);
  });
});

describe('setup_ttl_test.go TestKubernetesParseTTL', () => {
  it.each([
    ['kubernetes cluster.local {\n\t\t\tttl 56\n\t\t}', 56],
    ['kubernetes cluster.local', 5],
    ['kubernetes cluster.local {\n\t\t\tttl -1\n\t\t}', undefined],
    ['kubernetes cluster.local {\n\t\t\tttl 3601\n\t\t}', undefined],
  ])('reads %j', (input, ttl) => {
    const { config, error } = parse(input);
    if (ttl === undefined) expect(error).toBeDefined();
    else expect(config?.ttl).toBe(ttl);
  });
});

describe('plugin/pkg/cidr TestSplit and TestReverse: the zones of a classless CIDR', () => {
  it.each([
    ['10.0.0.0/15', ['0.10.in-addr.arpa.', '1.10.in-addr.arpa.']],
    ['10.0.0.0/16', ['0.10.in-addr.arpa.']],
    ['192.168.1.1/23', ['0.168.192.in-addr.arpa.', '1.168.192.in-addr.arpa.']],
    [
      '10.129.60.0/22',
      [
        '60.129.10.in-addr.arpa.',
        '61.129.10.in-addr.arpa.',
        '62.129.10.in-addr.arpa.',
        '63.129.10.in-addr.arpa.',
      ],
    ],
    ['2001:db8::/31', ['8.b.d.0.1.0.0.2.ip6.arpa.', '9.b.d.0.1.0.0.2.ip6.arpa.']],
  ])('splits %s', (text, zones) => {
    const cidr = parseCIDR(text);
    if (!cidr) throw new Error(`bad CIDR ${text}`);
    expect(reverseZones(cidr)).toEqual(zones);
    expect(normalizeHost(`${text}:53`)).toEqual({ zones, port: 53 });
  });

  it('answers for each split zone, and passes addresses outside them on', () => {
    const server = dnsServer([
      fixture('reverse.yaml'),
      corefileConfigMap('kubernetes cluster.local 10.0.0.0/15'),
    ]);
    check(ask(server, { qname: '1.0.1.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NXDOMAIN' }), {
      qname: '1.0.1.10.in-addr.arpa.',
      qtype: 'PTR',
      rcode: 'NXDOMAIN',
      ns: [
        '1.10.in-addr.arpa. 5 IN SOA ns.dns.1.10.in-addr.arpa. hostmaster.1.10.in-addr.arpa. 1502782828 7200 1800 86400 5',
      ],
    });
    check(ask(server, { qname: '100.0.0.10.in-addr.arpa.', qtype: 'PTR', rcode: 'NOERROR' }), {
      qname: '100.0.0.10.in-addr.arpa.',
      qtype: 'PTR',
      rcode: 'NOERROR',
      answer: ['100.0.0.10.in-addr.arpa. 5 IN PTR ep1a.svc1.testns.svc.cluster.local.'],
    });
    // 10.2.0.0/16 is no zone of the plugin: the query goes on to `forward`.
    expect(computeDnsAnswer(server, '1.0.2.10.in-addr.arpa.', 'PTR').responder).toBe('forward');
  });
});

describe('plugin.cfg: the chain follows the compiled order, not the Corefile order', () => {
  const withoutForward = corefileConfigMap('kubernetes cluster.local').replace(
    /\n\s*forward[^\n]*/,
    '',
  );

  it('hands names outside the zone to forward even when forward is written first', () => {
    const corefile = withoutForward.replace(
      '    errors\n',
      '    errors\n        forward . 8.8.8.8\n',
    );
    const server = dnsServer([fixture('handler-serve.yaml'), corefile]);
    expect(server.config.servers[0]?.plugins).toEqual(['errors', 'forward', 'kubernetes']);
    expect(computeDnsAnswer(server, 'example.com.', 'A').responder).toBe('forward');
    const tc: Case = {
      qname: 'svc1.testns.svc.cluster.local.',
      qtype: 'A',
      rcode: 'NOERROR',
      answer: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'],
    };
    check(ask(server, tc), tc);
  });

  it('fails a name no plugin of the block answers', () => {
    const server = dnsServer([fixture('handler-serve.yaml'), withoutForward]);
    expect(server.config.servers[0]?.plugins).toEqual(['errors', 'kubernetes']);
    expect(computeDnsAnswer(server, 'example.com.', 'A').rcode).toBe('SERVFAIL');
  });
});
