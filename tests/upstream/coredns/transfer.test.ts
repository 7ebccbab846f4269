/**
 * The zone as CoreDNS transfers it, and its name servers: coredns/coredns
 * plugin/kubernetes/xfr_test.go (TestKubernetesAXFR, TestKubernetesTransferNonAuthZone,
 * TestKubernetesAXFRMultipleNSAddrs, `expectedZone`), asked directly and as AXFR through the transfer plugin
 * (plugin/transfer/transfer.go ServeDNS, setup.go), and ns_test.go (TestNsAddrs) at commit
 * 4b26cced32717eac6dd725e308d7415c8b9db147.
 */
import { describe, expect, it } from 'vitest';
import { computeDnsAnswer, transferZone } from '../../../src/engine/coredns';
import { rdataText } from '../../../src/engine/coredns/format';
import type { DnsRecord } from '../../../src/engine/coredns';
import { ask, check, corefileConfigMap, dnsServer, fixture, parseRR } from './helpers';

const expectedZone = `
cluster.local.	5	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 3 7200 1800 86400 5
cluster.local.	5	IN	NS	ns.dns.cluster.local.
ns.dns.cluster.local.	5	IN	A	10.0.0.10
external.testns.svc.cluster.local.	5	IN	CNAME	ext.interwebs.test.
external-to-service.testns.svc.cluster.local.	5	IN	CNAME	svc1.testns.svc.cluster.local.
hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.2
172-0-0-2.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.2
_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 172-0-0-2.hdls1.testns.svc.cluster.local.
hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.3
172-0-0-3.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.3
_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 172-0-0-3.hdls1.testns.svc.cluster.local.
hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.4
dup-name.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.4
_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 dup-name.hdls1.testns.svc.cluster.local.
hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.5
dup-name.hdls1.testns.svc.cluster.local.	5	IN	A	172.0.0.5
_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 dup-name.hdls1.testns.svc.cluster.local.
hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::1
5678-abcd--1.hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::1
_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 5678-abcd--1.hdls1.testns.svc.cluster.local.
hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::2
5678-abcd--2.hdls1.testns.svc.cluster.local.	5	IN	AAAA	5678:abcd::2
_http._tcp.hdls1.testns.svc.cluster.local.	5	IN	SRV	0 16 80 5678-abcd--2.hdls1.testns.svc.cluster.local.
hdlsprtls.testns.svc.cluster.local.	5	IN	A	172.0.0.20
172-0-0-20.hdlsprtls.testns.svc.cluster.local.	5	IN	A	172.0.0.20
kubedns.kube-system.svc.cluster.local.	5	IN	A	10.0.0.10
kubedns.kube-system.svc.cluster.local.	5	IN	SRV	0 100 53 kubedns.kube-system.svc.cluster.local.
_dns._udp.kubedns.kube-system.svc.cluster.local.	5	IN	SRV	0 100 53 kubedns.kube-system.svc.cluster.local.
svc-dual-stack.testns.svc.cluster.local.	5	IN	A	10.0.0.3
svc-dual-stack.testns.svc.cluster.local.	5	IN	AAAA	10::3
svc-dual-stack.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc-dual-stack.testns.svc.cluster.local.
_http._tcp.svc-dual-stack.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc-dual-stack.testns.svc.cluster.local.
svc1.testns.svc.cluster.local.	5	IN	A	10.0.0.1
svc1.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc1.testns.svc.cluster.local.
_http._tcp.svc1.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc1.testns.svc.cluster.local.
svc6.testns.svc.cluster.local.	5	IN	AAAA	1234:abcd::1
svc6.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc6.testns.svc.cluster.local.
_http._tcp.svc6.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svc6.testns.svc.cluster.local.
svcempty.testns.svc.cluster.local.	5	IN	A	10.0.0.1
svcempty.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svcempty.testns.svc.cluster.local.
_http._tcp.svcempty.testns.svc.cluster.local.	5	IN	SRV	0 100 80 svcempty.testns.svc.cluster.local.
cluster.local.	5	IN	SOA	ns.dns.cluster.local. hostmaster.cluster.local. 3 7200 1800 86400 5
`;

/** dns.IsDuplicate: owner (any case), type, class and data; not the TTL. The SOA serial is ours. */
function same(r: DnsRecord): string {
  const data = r.type === 'SOA' ? { ...r.data, serial: 0 } : r.data;
  return `${r.name.toLowerCase()} ${r.type} ${rdataText({ ...r, data } as DnsRecord)}`;
}

describe('xfr_test.go TestKubernetesAXFR', () => {
  it('transfers the zone record by record in the order CoreDNS sends it', () => {
    const server = dnsServer(
      [
        fixture('handler-serve.yaml'),
        corefileConfigMap('kubernetes cluster.local {\n    namespaces testns kube-system\n}'),
      ],
      ['10.0.0.10'],
    );
    const kubernetes = server.config.servers[0]?.kubernetes;
    expect(kubernetes).toBeDefined();
    if (!kubernetes) return;
    const records = transferZone({ config: kubernetes, view: server.view }, 'cluster.local.');
    const expected = expectedZone.trim().split('\n').map(parseRR);
    expect(records.map(same)).toEqual(expected.map(same));
  });
});

describe('xfr_test.go TestKubernetesAXFRMultipleNSAddrs', () => {
  it('sends one NS record for the name both bound addresses share, and both as glue', () => {
    const server = dnsServer(
      [
        fixture('handler-serve.yaml'),
        corefileConfigMap('kubernetes cluster.local {\n    namespaces testns kube-system\n}'),
      ],
      ['10.0.0.10', 'fd00::10'],
    );
    const kubernetes = server.config.servers[0]?.kubernetes;
    if (!kubernetes) throw new Error('no kubernetes plugin');
    const records = transferZone({ config: kubernetes, view: server.view }, 'cluster.local.');
    expect(records[0]?.type).toBe('SOA');
    expect(records[records.length - 1]?.type).toBe('SOA');
    expect(records.filter((r) => r.type === 'NS').map((r) => r.data)).toEqual([
      'ns.dns.cluster.local.',
    ]);
    const glue = records.filter((r) => r.name === 'ns.dns.cluster.local.');
    expect(glue.map((r) => [r.type, r.data])).toEqual([
      ['A', '10.0.0.10'],
      ['AAAA', 'fd00::10'],
    ]);
  });
});

describe('the zone over AXFR, through the transfer plugin (plugin/transfer/transfer.go)', () => {
  const serverWith = (transfer: string) =>
    dnsServer(
      [
        fixture('handler-serve.yaml'),
        corefileConfigMap(
          `${transfer}\nkubernetes cluster.local {\n    namespaces testns kube-system\n}`,
        ),
      ],
      ['10.0.0.10'],
    );

  it('TestKubernetesAXFR: answers AXFR with the zone, to anyone under `to *`', () => {
    const response = computeDnsAnswer(
      serverWith('transfer {\n    to *\n}'),
      'cluster.local.',
      'AXFR',
    );
    expect(response.rcode).toBe('NOERROR');
    const expected = expectedZone.trim().split('\n').map(parseRR);
    expect(response.answer.map(same)).toEqual(expected.map(same));
  });

  it('TestKubernetesTransferNonAuthZone: passes a zone the plugin is not authoritative for on', () => {
    const response = computeDnsAnswer(
      serverWith('transfer {\n    to *\n}'),
      'example.com.',
      'AXFR',
    );
    expect(response.responder).toBe('forward');
  });

  it('refuses a client its `to` does not name', () => {
    const response = computeDnsAnswer(
      serverWith('transfer {\n    to 10.1.2.3\n}'),
      'cluster.local.',
      'AXFR',
    );
    expect(response.rcode).toBe('REFUSED');
  });

  it("rejects a stanza without 'to' (setup.go)", () => {
    const server = serverWith('transfer');
    expect(server.findings[0]?.message).toContain("'to' is required");
  });
});

describe('ns_test.go TestNsAddrs', () => {
  it('names the Services its own endpoints belong to as the zone name servers', () => {
    const server = dnsServer(
      [fixture('ns.yaml'), corefileConfigMap('kubernetes inter.webs.test')],
      ['10.244.0.20'],
    );
    check(ask(server, { qname: 'inter.webs.test.', qtype: 'NS', rcode: 'NOERROR' }), {
      qname: 'inter.webs.test.',
      qtype: 'NS',
      rcode: 'NOERROR',
      answer: [
        'inter.webs.test. 5 IN NS dns-service.kube-system.svc.inter.webs.test.',
        'inter.webs.test. 5 IN NS 10-244-0-20.hdls-dns-service.kube-system.svc.inter.webs.test.',
        'inter.webs.test. 5 IN NS dns6-service.kube-system.svc.inter.webs.test.',
      ],
      extra: [
        'dns-service.kube-system.svc.inter.webs.test. 5 IN A 10.0.0.111',
        '10-244-0-20.hdls-dns-service.kube-system.svc.inter.webs.test. 5 IN A 10.244.0.20',
        'dns6-service.kube-system.svc.inter.webs.test. 5 IN AAAA 10::111',
      ],
    });
  });
});
