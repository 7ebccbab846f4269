/**
 * Test support for CoreDNS's own cases: fixtures fed through `simulate(..., { admitted: true })`
 * with a coredns ConfigMap holding the test's plugin configuration, and responses compared as
 * coredns plugin/test/helpers.go `SortAndCheck` compares them (sections sorted, then names,
 * TTLs, types and the type's data; SOA by its name server only).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { simulate } from '../../../src/engine';
import { type DnsServer, computeDnsAnswer, computeDnsServer } from '../../../src/engine/coredns';
import type { DnsRecord, DnsResponse, Rcode } from '../../../src/engine/coredns';
import { rdataText } from '../../../src/engine/coredns/format';

/** The coredns/coredns commit the cases are transcribed from. */
export const coredns = '4b26cced32717eac6dd725e308d7415c8b9db147';

const here = dirname(fileURLToPath(import.meta.url));

export function fixture(name: string): string {
  return readFileSync(join(here, 'fixtures', name), 'utf8');
}

/** A coredns ConfigMap with one `.:53` server block around the given `kubernetes` stanza. */
export function corefileConfigMap(kubernetes: string): string {
  const corefile = `.:53 {\n    errors\n    ${kubernetes.trim().replaceAll('\n', '\n    ')}\n    forward . /etc/resolv.conf\n}\n`;
  const indented = corefile.replaceAll('\n', '\n    ').trimEnd();
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n    ${indented}\n`;
}

export function dnsServer(documents: string[], localIPs?: string[]): DnsServer {
  const simulation = simulate(documents.join('\n---\n'), { admitted: true });
  return computeDnsServer(simulation.cluster, localIPs ? { localIPs } : {});
}

export interface Case {
  qname: string;
  qtype: string;
  rcode: Rcode;
  answer?: string[];
  ns?: string[];
  extra?: string[];
}

/** A record in presentation format, as miekg/dns `NewRR` reads a test's expectation. */
export function parseRR(text: string): DnsRecord {
  const [rawName = '', ttlText = '', cls = '', type = '', ...rest] = text.trim().split(/\s+/);
  const name = rawName.endsWith('.') ? rawName : `${rawName}.`;
  const base = { name, ttl: Number(ttlText), class: 'IN' as const };
  expect(cls).toBe('IN');
  switch (type) {
    case 'SRV':
      return {
        ...base,
        type,
        data: {
          priority: Number(rest[0]),
          weight: Number(rest[1]),
          port: Number(rest[2]),
          target: rest[3] ?? '',
        },
      };
    case 'TXT':
      return { ...base, type, data: [rest.join(' ').replace(/^"|"$/g, '')] };
    case 'SOA':
      return {
        ...base,
        type,
        data: {
          mname: rest[0] ?? '',
          rname: rest[1] ?? '',
          serial: Number(rest[2]),
          refresh: Number(rest[3]),
          retry: Number(rest[4]),
          expire: Number(rest[5]),
          minimum: Number(rest[6]),
        },
      };
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type, data: rest[0] ?? '' };
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

const sortKey = (r: DnsRecord) => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${rdataText(r)}`;
const sorted = (records: DnsRecord[]) =>
  [...records].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));

/** What plugin/test Section compares of one record. */
function compared(r: DnsRecord, ttl: boolean): unknown {
  const head = { name: r.name, ...(ttl ? { ttl: r.ttl } : {}), type: r.type };
  switch (r.type) {
    case 'SOA':
      return { ...head, ns: r.data.mname };
    case 'TXT':
      return { ...head, text: r.data.join('') };
    default:
      return { ...head, data: r.data };
  }
}

function checkSection(actual: DnsRecord[], expected: string[], label: string): void {
  const want = sorted(expected.map(parseRR));
  const got = sorted(actual);
  expect(got.length, `${label} count`).toBe(want.length);
  want.forEach((w, i) => {
    const g = got[i];
    if (!g) return;
    // A TTL of 303 in an expectation means "any TTL".
    expect(compared(g, w.ttl !== 303), label).toEqual(compared(w, w.ttl !== 303));
  });
}

/** SortAndCheck (plugin/test/helpers.go), and CNAMEOrder: no CNAME after its target's records. */
export function check(response: DnsResponse, tc: Case): void {
  expect(response.rcode).toBe(tc.rcode);
  checkSection(response.answer, tc.answer ?? [], 'answer');
  checkSection(response.authority, tc.ns ?? [], 'authority');
  checkSection(response.additional, tc.extra ?? [], 'additional');
  response.answer.forEach((r, i) => {
    if (r.type !== 'CNAME') return;
    expect(response.answer.slice(0, i).some((a) => a.name === r.data)).toBe(false);
  });
}

export function ask(server: DnsServer, tc: Case): DnsResponse {
  return computeDnsAnswer(server, tc.qname, tc.qtype);
}
