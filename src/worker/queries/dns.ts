/**
 * The `dns` query: the records CoreDNS serves for one Service (from the zone as the `kubernetes`
 * plugin transfers it), and a lookup: one question to CoreDNS, or a name resolved from a pod
 * through its resolv.conf search list, with every question and answer on the way.
 */
import {
  computeDnsAnswer,
  computeDnsServer,
  computeDnsTable,
  computeNameLookup,
  recordLine,
  type DnsResponse,
  type DnsServer,
  type DnsTableZone,
  type StepOutcome,
} from '../../engine/coredns';
import type { Cluster, Simulation } from '../../engine/model';

export interface DnsLookupRequest {
  name: string;
  /** A, AAAA, SRV, PTR, TXT, CNAME... */
  type: string;
  /** `namespace/name` of the pod the lookup runs in; absent: the question goes straight to CoreDNS. */
  from?: string;
}

export interface DnsQuery {
  kind: 'dns';
  /** `namespace/name` of the Service whose records to list. */
  service?: string;
  lookup?: DnsLookupRequest;
}

/** One question and CoreDNS's answer, records as dig prints them. */
export interface DnsExchange {
  name: string;
  type: string;
  /** NOERROR, NXDOMAIN...; `not simulated` when no simulated server answers. */
  rcode: string;
  answer: string[];
  notes: string[];
}

export interface DnsLookupStep {
  name: string;
  outcome: StepOutcome;
  exchanges: DnsExchange[];
}

export interface DnsLookupAnswer {
  query: string;
  type: string;
  from?: string;
  /** The pod's search list and nameserver (a lookup from a pod). */
  searches: string[];
  nameserver?: string;
  resolvConf?: string;
  steps: DnsLookupStep[];
  /** Index in `steps` of the candidate whose answer the resolver returns. */
  answeredBy?: number;
  addresses: string[];
  outcome: StepOutcome;
  /** Why the lookup could not run (e.g. no such pod). */
  problem?: string;
}

export interface DnsAnswer {
  service?: string;
  /** The Service's records (name, type, data), as dig prints them. */
  records: string[];
  lookup?: DnsLookupAnswer;
}

/** The DNS server and its table are computed once per simulation. */
const servers = new WeakMap<Cluster, { server: DnsServer; table?: DnsTableZone[] }>();

function serverFor(cluster: Cluster): { server: DnsServer; table?: DnsTableZone[] } {
  let entry = servers.get(cluster);
  if (!entry) servers.set(cluster, (entry = { server: computeDnsServer(cluster) }));
  return entry;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return slash === -1 ? ['default', key] : [key.slice(0, slash), key.slice(slash + 1)];
}

function serviceRecords(cluster: Cluster, key: string): string[] {
  const entry = serverFor(cluster);
  entry.table ??= computeDnsTable(entry.server);
  const [namespace, name] = splitKey(key);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const zone of entry.table) {
    const owner = `${name}.${namespace}.svc.${zone.zone}`.toLowerCase();
    for (const record of zone.records) {
      const target = record.type === 'PTR' ? record.data.toLowerCase() : '';
      const own = record.name.toLowerCase();
      const mine =
        own === owner ||
        own.endsWith(`.${owner}`) ||
        target === owner ||
        target.endsWith(`.${owner}`);
      if (!mine) continue;
      const line = recordLine(record);
      if (seen.has(line)) continue;
      seen.add(line);
      out.push(line);
    }
  }
  return out;
}

function exchange(name: string, type: string, response: DnsResponse | undefined): DnsExchange {
  if (!response) return { name, type, rcode: 'not simulated', answer: [], notes: [] };
  const forwarded = response.responder === 'forward';
  return {
    name,
    type,
    rcode: forwarded ? 'forwarded upstream (not simulated)' : response.rcode,
    answer: response.answer.map(recordLine),
    notes: response.notes,
  };
}

function addressesOf(response: DnsResponse): string[] {
  return response.answer.flatMap((r) => (r.type === 'A' || r.type === 'AAAA' ? [r.data] : []));
}

function lookup(cluster: Cluster, request: DnsLookupRequest): DnsLookupAnswer {
  const { server } = serverFor(cluster);
  const type = request.type.toUpperCase() || 'A';
  const base = { query: request.name, type, searches: [] as string[] };
  if (!request.from) {
    const response = computeDnsAnswer(server, request.name, type);
    const answered = response.rcode === 'NOERROR' && response.answer.length > 0;
    const outcome: StepOutcome =
      response.responder === 'forward'
        ? 'not simulated'
        : answered
          ? 'answer'
          : response.rcode === 'NOERROR'
            ? 'NODATA'
            : response.rcode;
    return {
      ...base,
      steps: [{ name: request.name, outcome, exchanges: [exchange(request.name, type, response)] }],
      ...(answered ? { answeredBy: 0 } : {}),
      addresses: addressesOf(response),
      outcome,
    };
  }
  const [namespace, name] = splitKey(request.from);
  const pod = cluster.pods.find(
    (p) => (p.metadata?.namespace ?? 'default') === namespace && p.metadata?.name === name,
  );
  if (!pod) {
    return {
      ...base,
      from: request.from,
      steps: [],
      addresses: [],
      outcome: 'not simulated',
      problem: `pod ${request.from} not found`,
    };
  }
  const result = computeNameLookup(server, cluster, pod, request.name, [type]);
  return {
    ...base,
    from: request.from,
    searches: result.resolvConf.searches,
    ...(result.nameserver ? { nameserver: result.nameserver } : {}),
    resolvConf: result.resolvConf.text,
    steps: result.steps.map((step) => ({
      name: step.name,
      outcome: step.outcome,
      exchanges: step.queries.map((q) => exchange(q.name, q.type, q.response)),
    })),
    ...(result.answeredBy !== undefined ? { answeredBy: result.answeredBy } : {}),
    addresses: result.addresses,
    outcome: result.outcome,
  };
}

export function answerDns(simulation: Simulation, query: DnsQuery): DnsAnswer {
  const { cluster } = simulation;
  return {
    ...(query.service ? { service: query.service } : {}),
    records: query.service ? serviceRecords(cluster, query.service) : [],
    ...(query.lookup ? { lookup: lookup(cluster, query.lookup) } : {}),
  };
}
