/**
 * CoreDNS's answers as the tools print them: dig (BIND 9.18 bin/dig, without the lines that
 * change per run: id, query time, date, message size), DESIGN.md's `dig -o json`, and BIND's
 * nslookup (bin/dig/nslookup.c `printmessage`) for a lookup through a pod's search list.
 */
import { columns, recordLine } from './format';
import type { Ask } from './search';
import { runSearch, searchCandidates } from './search';
import type { PodResolvConf } from './resolvConf';
import type { DnsRecord, DnsResponse } from './types';

export interface DigJson {
  rcode: string;
  answer: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
}

/** `dig -o json` (DESIGN.md). */
export function toDigJson(response: DnsResponse): DigJson {
  return {
    rcode: response.rcode,
    answer: response.answer,
    authority: response.authority,
    additional: response.additional,
  };
}

function section(title: string, records: DnsRecord[]): string {
  if (records.length === 0) return '';
  return `;; ${title} SECTION:\n${records.map((r) => `${recordLine(r)}\n`).join('')}\n`;
}

/** dig's text output for a query sent to `server` (port 53, UDP). */
export function renderDig(response: DnsResponse, server: string, args: string[]): string {
  const { question } = response;
  let out = `\n; <<>> DiG <<>> ${args.join(' ')}\n;; global options: +cmd\n`;
  if (response.responder === 'forward') {
    for (const note of response.notes) out += `;; ${note}\n`;
    return `${out}\n`;
  }
  // A zone transfer: dig prints the records (over TCP), or only that the transfer failed.
  if (question.type === 'AXFR' || question.type === 'IXFR') {
    if (response.rcode !== 'NOERROR') return `${out}; Transfer failed.\n`;
    for (const record of response.answer) out += `${recordLine(record)}\n`;
    return `${out};; SERVER: ${server}#53(${server}) (TCP)\n\n`;
  }
  const flags = ['qr', ...(response.authoritative ? ['aa'] : []), 'rd'].join(' ');
  out += ';; Got answer:\n';
  out += `;; ->>HEADER<<- opcode: QUERY, status: ${response.rcode}, id: 0\n`;
  out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${response.answer.length}, AUTHORITY: ${response.authority.length}, ADDITIONAL: ${response.additional.length + 1}\n`;
  out += ';; WARNING: recursion requested but not available\n\n';
  out += ';; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n';
  out += `;; QUESTION SECTION:\n${columns([`;${question.name}`, 'IN', question.type], [32, 40])}\n\n`;
  out += section('ANSWER', response.answer);
  out += section('AUTHORITY', response.authority);
  out += section('ADDITIONAL', response.additional);
  for (const note of response.notes) out += `;; ${note}\n`;
  out += `;; SERVER: ${server}#53(${server}) (UDP)\n\n`;
  return out;
}

const withoutDot = (name: string) =>
  name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name;

function printAnswer(records: DnsRecord[]): string {
  let out = '';
  for (const r of records) {
    if (r.type === 'A' || r.type === 'AAAA')
      out += `Name:\t${withoutDot(r.name)}\nAddress: ${r.data}\n`;
    else if (r.type === 'CNAME') out += `${withoutDot(r.name)}\tcanonical name = ${r.data}\n`;
  }
  return out;
}

/** chase_cnamechain (bin/dig/nslookup.c): follows the answer's CNAMEs from `name`. */
function chaseCnames(answer: DnsRecord[], name: string): string {
  let current = name;
  for (let i = 0; i < answer.length; i++) {
    const cname = answer.find(
      (r) => r.type === 'CNAME' && r.name.toLowerCase() === current.toLowerCase(),
    );
    if (!cname || cname.type !== 'CNAME') break;
    current = cname.data;
  }
  return current;
}

export interface NslookupResult {
  text: string;
  /** nslookup's exit status: 1 when the name was not found. */
  exitCode: number;
}

/**
 * `nslookup NAME` in a pod: an A lookup through the search list (each NXDOMAIN goes on to the
 * next candidate), then AAAA for the name that answered.
 */
export function renderNslookup(
  name: string,
  conf: PodResolvConf,
  ask: Ask | undefined,
): NslookupResult {
  const server = conf.nameservers[0];
  if (server === undefined || ask === undefined) {
    return {
      text: `;; ${name}: the pod's nameserver (${server ?? 'none'}) is not the cluster DNS; its answers are outside the simulation\n`,
      exitCode: 1,
    };
  }
  let text = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  const { steps } = runSearch(searchCandidates(name, conf), ['A'], ask, true);
  const last = steps[steps.length - 1];
  const response = last?.queries[0]?.response;
  if (!last || !response || response.responder === 'forward') {
    text += `;; ${last?.name ?? name} is not a cluster name: CoreDNS forwards it upstream, outside the simulation\n\n`;
    return { text, exitCode: 1 };
  }
  if (response.rcode !== 'NOERROR') {
    return {
      text: `${text}** server can't find ${withoutDot(last.name)}: ${response.rcode}\n\n`,
      exitCode: 1,
    };
  }
  // nslookup asks AAAA, without searching, for the name the A answer's CNAME chain ends at.
  const aaaa = ask(chaseCnames(response.answer, last.name), 'AAAA');
  const answers = [...response.answer, ...(aaaa?.answer ?? [])];
  if (answers.length === 0) {
    return { text: `${text}*** Can't find ${withoutDot(last.name)}: No answer\n\n`, exitCode: 1 };
  }
  text += printAnswer(response.answer);
  text += printAnswer(aaaa?.answer ?? []);
  return { text: `${text}\n`, exitCode: 0 };
}
