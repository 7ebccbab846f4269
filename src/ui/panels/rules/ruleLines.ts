/**
 * Reading a rules text line by line for the Rules panel: which object each line belongs to (the
 * Service its comment or chain name names, the pod a DNAT sends to), the table and chain it sits
 * in, and whether it is a rule the selected request matched. Pure, so the panel computes it once
 * per text.
 */
import type { PodSummary, ServiceSummary } from '../../../worker/protocol';

export interface LineOwner {
  kind: 'service' | 'pod';
  key: string;
}

export interface RuleLine {
  text: string;
  /** iptables table (`nat`, `filter`), nft table (`ip kube-proxy`), or `ipvs`. */
  table: string;
  /** The chain the line is in (iptables `-A CHAIN`, nft `chain NAME {`, an IPVS virtual server). */
  chain: string;
  /** The Service the line is about, from its comment or chain name. */
  service?: string;
  /** The pod a DNAT (or an IPVS real server) on this line sends to. */
  pod?: string;
  /** A KUBE-SVC-/KUBE-SEP- rule or an nft service/endpoint chain: where a Service's rules start. */
  chainRule: boolean;
}

/** Objects by address, to name the target of a DNAT or an IPVS virtual server. */
export interface AddressBook {
  podsByIP: Map<string, string>;
  /** `ip:port` -> Service key; `:nodePort` for node ports. */
  servicesByAddress: Map<string, string>;
}

export function toAddressBook(services: ServiceSummary[], pods: PodSummary[]): AddressBook {
  const podsByIP = new Map<string, string>();
  for (const pod of pods) for (const ip of pod.podIPs) podsByIP.set(ip, pod.key);
  const servicesByAddress = new Map<string, string>();
  for (const service of services) {
    const ips = [...service.clusterIPs, ...service.externalIPs, ...service.loadBalancerIngress];
    for (const port of service.ports) {
      for (const ip of ips) servicesByAddress.set(`${ip}:${port.port}`, service.key);
      if (port.nodePort) servicesByAddress.set(`:${port.nodePort}`, service.key);
    }
  }
  return { podsByIP, servicesByAddress };
}

// A Service named in an iptables comment: `--comment ns/name:port` or `--comment "ns/name:port ..."`
// (and `"masquerade traffic for ns/name:port external destinations"`).
const commentService =
  /--comment "?(?:[^"]*? )?([a-z0-9][a-z0-9.-]*)\/([a-z0-9][a-z0-9.-]*)(?::|[ "]|$)/;
// An nft chain of a Service: service-HASH-ns/name/proto/port, endpoint-..., external-..., firewall-...
const nftChainService =
  /\b(?:service|endpoint|external|firewall)-[A-Z0-9]+-([a-z0-9][a-z0-9.-]*)\/([a-z0-9][a-z0-9.-]*)\//;
/** Chains that belong to one Service (iptables per-Service chains, nft per-Service chains). */
const ownChain = /^(KUBE-(SVC|SEP|EXT|FW|SVL)-|(service|endpoint|external|firewall)-[A-Z0-9]+-)/;
const jumpTarget = / -j (KUBE-[A-Z]+-[A-Z0-9]+)/;
const dnatTarget = /(?:--to-destination|dnat to) \[?([0-9a-fA-F.:]+?)\]?:\d+/;
const ipvsVirtual = /^(TCP|UDP|SCTP)\s+\[?([0-9a-fA-F.:]+?)\]?:(\d+)\s/;
const ipvsReal = /^\s+->\s+\[?([0-9a-fA-F.:]+?)\]?:\d+\s/;
const ipsetMember = /^\s*\[?([0-9a-fA-F.:]+?)\]?,(?:tcp|udp|sctp):(\d+)\b/;

function serviceOf(text: string): string | undefined {
  // Cheap tests first: most lines of a large rule set are read once, at 100,000 lines a text.
  const m = text.includes('--comment')
    ? commentService.exec(text)
    : text.includes('/')
      ? nftChainService.exec(text)
      : null;
  return m ? `${m[1] ?? ''}/${m[2] ?? ''}` : undefined;
}

/** Splits a rules text into lines, each with its table, chain and the objects it belongs to. */
export function toRuleLines(text: string, book: AddressBook): RuleLine[] {
  const out: RuleLine[] = [];
  let table = '';
  let chain = '';
  const chainOwners = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line: RuleLine = { text: raw, table, chain, chainRule: false };
    const trimmed = raw.trim();
    if (raw.startsWith('*')) {
      table = raw.slice(1);
      line.table = table;
      line.chain = chain = '';
    } else if (raw === 'COMMIT' || raw.startsWith(':') || raw.startsWith('#')) {
      line.chain = chain = '';
    } else if (trimmed === '}') {
      chain = '';
    } else if (raw.startsWith('-A ')) {
      const name = raw.slice(3, raw.indexOf(' ', 3) === -1 ? undefined : raw.indexOf(' ', 3));
      line.chain = chain = name;
      line.chainRule = name.startsWith('KUBE-SVC-') || name.startsWith('KUBE-SEP-');
    } else if (trimmed.startsWith('table ')) {
      table = trimmed.slice(6).replace(/\s*\{$/, '');
      line.table = table;
    } else if (trimmed.startsWith('chain ')) {
      line.chain = chain = trimmed.slice(6).replace(/\s*\{$/, '');
      line.chainRule = /^(service|endpoint)-/.test(chain);
    }
    const service = serviceOf(raw) ?? chainOwners.get(line.chain);
    if (service) {
      line.service = service;
      // A Service's own chains: its rules without a comment (and nft rules) belong to it too.
      if (ownChain.test(line.chain)) chainOwners.set(line.chain, service);
      const jump = jumpTarget.exec(raw)?.[1];
      if (jump && ownChain.test(jump)) chainOwners.set(jump, service);
    }
    const first = raw.charCodeAt(0);
    // T, U or S: an ipvsadm virtual server line (TCP/UDP/SCTP).
    const virtual = first === 84 || first === 85 || first === 83 ? ipvsVirtual.exec(raw) : null;
    if (virtual) {
      table = line.table = 'ipvs';
      line.chain = chain = trimmed;
      line.chainRule = true;
      const byAddress = book.servicesByAddress.get(`${virtual[2] ?? ''}:${virtual[3] ?? ''}`);
      const byNodePort = book.servicesByAddress.get(`:${virtual[3] ?? ''}`);
      const owner = byAddress ?? byNodePort;
      if (owner) line.service = owner;
    }
    const member = !line.service && raw.includes(',') ? ipsetMember.exec(raw) : null;
    if (member && !line.service) {
      const owner = book.servicesByAddress.get(`${member[1] ?? ''}:${member[2] ?? ''}`);
      if (owner) line.service = owner;
    }
    const target =
      raw.includes('--to-destination') || raw.includes('dnat to')
        ? dnatTarget.exec(raw)
        : raw.includes('->') && !raw.includes('--comment')
          ? ipvsReal.exec(raw)
          : null;
    if (target) {
      const pod = book.podsByIP.get(target[1] ?? '');
      if (pod) line.pod = pod;
      if (!line.service && table === 'ipvs') {
        const parent = out.findLast((l) => l.table === 'ipvs' && l.chain === chain);
        if (parent?.service) line.service = parent.service;
      }
    }
    out.push(line);
  }
  return out;
}

/** What clicking a line selects: the pod a DNAT sends to, else the line's Service. */
export function ownerOfLine(line: RuleLine): LineOwner | undefined {
  if (line.pod) return { kind: 'pod', key: line.pod };
  if (line.service) return { kind: 'service', key: line.service };
  return undefined;
}

/** One rule the selected request matched (the traffic slice's SelectedHop). */
export interface MatchedHop {
  node: string;
  table: string;
  chain: string;
  rule: string;
}

function squeeze(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * The indexes of the lines the hops name on this node: an iptables rule by its text within its
 * table; an nft rule by its text within its chain; an IPVS real server by its address within its
 * virtual server.
 */
export function matchHops(
  lines: RuleLine[],
  hops: readonly MatchedHop[],
  node: string,
): Set<number> {
  const wanted = hops.filter((h) => h.node === node);
  const out = new Set<number>();
  if (wanted.length === 0) return out;
  const byRule = new Map<string, MatchedHop[]>();
  for (const hop of wanted) {
    const key = squeeze(hop.rule);
    byRule.set(key, [...(byRule.get(key) ?? []), hop]);
  }
  lines.forEach((line, i) => {
    const text = squeeze(line.text);
    const exact = byRule.get(text);
    if (exact?.some((h) => h.table === line.table || h.chain === line.chain)) {
      out.add(i);
      return;
    }
    if (line.table !== 'ipvs') return;
    for (const hop of wanted) {
      if (
        hop.chain === line.chain &&
        hop.rule.startsWith('->') &&
        text.startsWith(squeeze(hop.rule).split(' ').slice(0, 2).join(' '))
      ) {
        out.add(i);
      }
    }
  });
  return out;
}

/** Where an object's rules are shown from: a Service's KUBE-SVC- chain, else its first KUBE-SEP-/nft chain line, else its first line. */
export function firstLineOf(lines: RuleLine[], owner: LineOwner): number | undefined {
  const owns = (l: RuleLine) =>
    owner.kind === 'service' ? l.service === owner.key : l.pod === owner.key;
  // A Service's KUBE-SVC- (nft service-) chain first: where its endpoints are chosen.
  const serviceChain = /^(KUBE-SVC-|service-)/;
  const svcLine = lines.findIndex((l) => l.chainRule && serviceChain.test(l.chain) && owns(l));
  if (svcLine !== -1 && owner.kind === 'service') return svcLine;
  const chainLine = lines.findIndex((l) => l.chainRule && owns(l));
  if (chainLine !== -1) return chainLine;
  const any = lines.findIndex(owns);
  return any === -1 ? undefined : any;
}
