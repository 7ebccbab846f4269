/**
 * A name looked up from a pod: the candidate names its resolver tries (glibc resolv/res_query.c
 * `__res_context_search`: the search list under `ndots`), the question each sends to the
 * nameserver of its resolv.conf, and which answer the lookup returns.
 */
import type { Cluster, Pod } from '../model';
import { queryCoreDNS } from './handler';
import {
  type PodResolvConf,
  builtinDnsServerIP,
  computePodResolvConf,
  ndotsOf,
} from './resolvConf';
import type { DnsRecord, DnsResponse } from './types';
import type { DnsServer } from './index';

/** One question the resolver sends; `response` is undefined when no simulated server answers it. */
export interface LookupQuery {
  name: string;
  type: string;
  response: DnsResponse | undefined;
}

export type StepOutcome =
  'answer' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'REFUSED' | 'not simulated';

/** One candidate name of the search: its questions (A and AAAA for an address lookup). */
export interface LookupStep {
  name: string;
  queries: LookupQuery[];
  outcome: StepOutcome;
}

export interface NameLookup {
  /** The name as the application gave it. */
  query: string;
  resolvConf: PodResolvConf;
  /** The nameserver the questions go to (the first of resolv.conf). */
  nameserver: string | undefined;
  /** True when that nameserver is the cluster DNS Service (CoreDNS answers). */
  clusterDNS: boolean;
  steps: LookupStep[];
  /** Index in `steps` of the candidate whose answer the resolver returns. */
  answeredBy: number | undefined;
  /** The addresses the lookup returns (A and AAAA answers of the answering step). */
  addresses: string[];
  outcome: StepOutcome;
}

/**
 * The candidate names in the order glibc tries them: an absolute name (trailing dot) only as
 * is; with at least `ndots` dots, as is first; then each search domain; then as is (unless
 * already tried).
 */
export function searchCandidates(name: string, conf: PodResolvConf): string[] {
  if (name.endsWith('.')) return [name];
  const dots = (name.match(/\./g) ?? []).length;
  const out: string[] = [];
  const asIs = `${name}.`;
  if (dots >= ndotsOf(conf)) out.push(asIs);
  let rootOnList = false;
  for (const domain of conf.searches) {
    if (domain === '.' || domain === '') {
      rootOnList = true;
      continue;
    }
    out.push(`${name}.${domain.replace(/\.$/, '')}.`);
  }
  if (!out.includes(asIs) && !rootOnList) out.push(asIs);
  return out;
}

function outcomeOf(responses: (DnsResponse | undefined)[]): StepOutcome {
  const known = responses.filter(
    (r): r is DnsResponse => r !== undefined && r.responder !== 'forward',
  );
  if (known.length < responses.length) {
    return known.some((r) => r.rcode === 'NOERROR' && r.answer.length > 0)
      ? 'answer'
      : 'not simulated';
  }
  if (known.some((r) => r.rcode === 'NOERROR' && r.answer.length > 0)) return 'answer';
  const first = known[0];
  if (!first) return 'not simulated';
  return first.rcode === 'NOERROR' ? 'NODATA' : first.rcode;
}

export type Ask = (name: string, type: string) => DnsResponse | undefined;

/**
 * Runs the search: NXDOMAIN, NODATA and SERVFAIL go on to the next candidate, an answer ends it
 * (glibc res_search); with `stopOnNoData` (BIND's nslookup) only NXDOMAIN goes on.
 */
export function runSearch(
  candidates: string[],
  types: string[],
  ask: Ask,
  stopOnNoData = false,
): { steps: LookupStep[]; answeredBy: number | undefined } {
  const steps: LookupStep[] = [];
  for (const name of candidates) {
    const queries = types.map((type) => ({ name, type, response: ask(name, type) }));
    const outcome = outcomeOf(queries.map((q) => q.response));
    steps.push({ name, queries, outcome });
    if (outcome === 'answer') return { steps, answeredBy: steps.length - 1 };
    if (outcome === 'NXDOMAIN' || outcome === 'SERVFAIL') continue;
    if (outcome === 'NODATA' && !stopOnNoData) continue;
    break;
  }
  return { steps, answeredBy: undefined };
}

/** The questions' asker for a resolv.conf: CoreDNS when the nameserver is the cluster DNS IP. */
export function askerFor(
  server: DnsServer,
  cluster: Cluster,
  conf: PodResolvConf,
): Ask | undefined {
  const nameserver = conf.nameservers[0];
  const dnsIP = builtinDnsServerIP(cluster.settings);
  if (nameserver === undefined || nameserver !== dnsIP) return undefined;
  return (name, type) => queryCoreDNS(server.config, server.view, name, type);
}

function addressesOf(records: DnsRecord[]): string[] {
  return records.flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.data] : []));
}

/**
 * An address lookup from a pod (getaddrinfo: A and AAAA for each candidate), through the pod's
 * resolv.conf, with the answer to each question.
 */
export function computeNameLookup(
  server: DnsServer,
  cluster: Cluster,
  pod: Pod,
  name: string,
  types: string[] = ['A', 'AAAA'],
): NameLookup {
  const resolvConf = computePodResolvConf(pod, cluster.settings);
  const nameserver = resolvConf.nameservers[0];
  const ask = askerFor(server, cluster, resolvConf);
  const candidates = searchCandidates(name, resolvConf);
  const { steps, answeredBy } = runSearch(candidates, types, ask ?? (() => undefined));
  const answering = answeredBy === undefined ? undefined : steps[answeredBy];
  const addresses = answering
    ? answering.queries.flatMap((q) => addressesOf(q.response?.answer ?? []))
    : [];
  const last = steps[steps.length - 1];
  return {
    query: name,
    resolvConf,
    nameserver,
    clusterDNS: ask !== undefined,
    steps,
    answeredBy,
    addresses,
    outcome: answering ? 'answer' : (last?.outcome ?? 'not simulated'),
  };
}
