/**
 * The packet tracer: a small interpreter of the rules the engine generated. It walks the
 * built-in chains in the order the kernel's netfilter hooks run them (nat PREROUTING or OUTPUT,
 * then filter INPUT, FORWARD or OUTPUT, then nat POSTROUTING), follows every jump into
 * kube-proxy's chains and evaluates each rule's matches, so what it reports is what the rules say.
 */
import type { IptablesRuleSet, TableName } from '../kubeproxy/iptables';
import { cidrContains, parseCIDR, parseIP } from '../net/ip';
import { parseRule, type Match, type ParsedRule } from './parseRule';

export type Verdict = 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT' | 'NO_MATCH';

/** A rule the packet matched. */
export interface Hop {
  table: TableName;
  chain: string;
  rule: string;
}

/** DESIGN.md `trace -o json`. */
export interface TraceResult {
  verdict: Verdict;
  /** Every endpoint the packet can be DNATed to (`ip:port`, `[ip]:port` for IPv6). */
  endpoints: string[];
  masquerade: boolean;
  hops: Hop[];
}

export interface TracePacket {
  source: string;
  destination: string;
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /**
   * The interface the packet came in on (what `-i` and nftables `iifname` match); none for a
   * packet the node itself sends (trace/arrival.ts says which for a source).
   */
  inInterface?: string | undefined;
  /** The bridge port it came in through, when it was bridged (what `-m physdev --physdev-is-in` matches). */
  physdevIn?: string | undefined;
}

/**
 * Whether the interface a packet came in on matches an iptables `-i` argument, where a trailing
 * `+` matches any name with that prefix, or (wildcard `*`) an nftables `iifname` operand; a
 * packet the node sends has no input interface, whose name is empty, so it matches no name and
 * every negated one (iptables(8), nft(8) meta iifname).
 */
export function interfaceMatches(
  pattern: string,
  name: string | undefined,
  wildcard: '+' | '*' = '+',
): boolean {
  const text = name ?? '';
  return pattern.endsWith(wildcard) ? text.startsWith(pattern.slice(0, -1)) : text === pattern;
}

/** `-m recent` lists: list name -> source addresses seen (the sampling mode's ClientIP affinity state). */
export type AffinityHistory = Map<string, Set<string>>;

export interface TraceOptions {
  /** A random source in [0, 1): one branch of each `statistic` choice is taken. Without it, every branch is followed. */
  random?: () => number;
  /** Affinity state read by `--rcheck` and written by `--set`; without it, `--rcheck` never matches. */
  history?: AffinityHistory;
}

interface Parsed {
  chains: Record<TableName, Map<string, ParsedRule[]>>;
}

const parsedCache = new WeakMap<IptablesRuleSet, Parsed>();

function parsedOf(ruleSet: IptablesRuleSet): Parsed {
  let parsed = parsedCache.get(ruleSet);
  if (parsed) return parsed;
  const build = (table: TableName) => {
    const map = new Map<string, ParsedRule[]>();
    const source = ruleSet[table];
    for (const chain of source.chains) {
      map.set(chain, (source.rules.get(chain) ?? []).map(parseRule));
    }
    for (const jump of ruleSet.jumps) {
      if (jump.table !== table) continue;
      const list = map.get(jump.chain) ?? [];
      list.push(parseRule(jump.rule));
      map.set(jump.chain, list);
    }
    return map;
  };
  parsed = { chains: { filter: build('filter'), nat: build('nat') } };
  parsedCache.set(ruleSet, parsed);
  return parsed;
}

interface PacketState {
  source: string;
  destination: string;
  inInterface: string | undefined;
  port: number;
  protocol: string;
  mark: number;
  dnat: string[];
  dnatDone: boolean;
  masquerade: boolean;
  filterVerdict: 'ACCEPT' | 'DROP' | 'REJECT' | undefined;
  hops: Hop[];
}

type Outcome = 'continue' | 'return' | 'terminal';

function addressMatches(value: string, address: string): boolean {
  const ip = parseIP(address);
  if (!ip) return false;
  if (value.includes('/')) {
    const cidr = parseCIDR(value);
    return !!cidr && cidrContains(cidr, ip);
  }
  const other = parseIP(value);
  return !!other && other.family === ip.family && other.value === ip.value;
}

class Interpreter {
  private readonly local: Set<string>;

  constructor(
    private readonly parsed: Parsed,
    ruleSet: IptablesRuleSet,
    private readonly options: TraceOptions,
  ) {
    this.local = new Set(ruleSet.context.interfaceAddresses);
  }

  isLocal(address: string): boolean {
    const ip = parseIP(address);
    if (!ip) return false;
    for (const a of this.local) {
      const other = parseIP(a);
      if (other && other.family === ip.family && other.value === ip.value) return true;
    }
    return false;
  }

  private matches(m: Match, p: PacketState): boolean {
    switch (m.kind) {
      case 'protocol':
        return (m.value === p.protocol) !== m.negated;
      case 'source':
        return addressMatches(m.value, p.source) !== m.negated;
      case 'destination':
        return addressMatches(m.value, p.destination) !== m.negated;
      case 'inInterface':
        return interfaceMatches(m.value, p.inInterface) !== m.negated;
      case 'dport':
        return (m.value === p.port) !== m.negated;
      case 'srcType':
        return ((m.value === 'LOCAL') === this.isLocal(p.source)) !== m.negated;
      case 'dstType':
        return ((m.value === 'LOCAL') === this.isLocal(p.destination)) !== m.negated;
      case 'ctstate': {
        const states = new Set(['NEW']);
        if (p.dnatDone) states.add('DNAT');
        return m.states.some((s) => states.has(s)) !== m.negated;
      }
      case 'mark':
        return ((p.mark & m.mask) === (m.value & m.mask)) !== m.negated;
      case 'recentCheck':
        return this.options.history?.get(m.name)?.has(p.source) ?? false;
      case 'recentSet':
        if (this.options.history) {
          let set = this.options.history.get(m.name);
          if (!set) this.options.history.set(m.name, (set = new Set()));
          set.add(p.source);
        }
        return true;
      case 'probability':
        return this.options.random ? this.options.random() < m.value : true;
      case 'unknown':
        return false;
    }
  }

  /** Runs a chain; returns whether a terminal target was hit. */
  run(table: TableName, chain: string, p: PacketState, depth = 0): Outcome {
    const rules = this.parsed.chains[table].get(chain);
    if (!rules || depth > 32) return 'continue';
    for (const rule of rules) {
      let ok = true;
      for (const m of rule.matches) {
        if (!this.matches(m, p)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const t = rule.target;
      if (t.kind === 'none') continue;
      p.hops.push({ table, chain, rule: rule.text });
      const branching = !this.options.random && rule.matches.some((m) => m.kind === 'probability');
      switch (t.kind) {
        case 'MARK':
          p.mark = t.op === 'or' ? p.mark | t.value : p.mark ^ t.value;
          if (chain === 'KUBE-MARK-MASQ') p.masquerade = true;
          continue;
        case 'RETURN':
          return 'return';
        case 'MASQUERADE':
          return 'terminal';
        case 'ACCEPT':
          if (table === 'filter' && !p.filterVerdict) p.filterVerdict = 'ACCEPT';
          return 'terminal';
        case 'DROP':
        case 'REJECT':
          p.filterVerdict = t.kind;
          return 'terminal';
        case 'DNAT':
          p.dnat.push(t.destination);
          return 'terminal';
        case 'jump': {
          const outcome = this.run(table, t.chain, p, depth + 1);
          if (outcome === 'terminal' && !branching) return 'terminal';
          if (outcome === 'terminal' && p.filterVerdict && p.filterVerdict !== 'ACCEPT')
            return 'terminal';
          continue;
        }
      }
    }
    return 'continue';
  }
}

function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon === -1 ? endpoint : endpoint.slice(0, colon);
}

/**
 * Traces one new connection's first packet through the node's rules: nat PREROUTING (from
 * outside) or OUTPUT (from the node itself), then the filter hook the routing decision picks
 * (INPUT for a local destination, FORWARD otherwise; OUTPUT then INPUT for node-local traffic),
 * then nat POSTROUTING.
 */
export function traceIptables(
  ruleSet: IptablesRuleSet,
  packet: TracePacket,
  options: TraceOptions = {},
): TraceResult {
  const interpreter = new Interpreter(parsedOf(ruleSet), ruleSet, options);
  const p: PacketState = {
    source: packet.source,
    destination: packet.destination,
    inInterface: packet.inInterface,
    port: Number(packet.port),
    protocol: String(packet.protocol ?? 'TCP').toLowerCase(),
    mark: 0,
    dnat: [],
    dnatDone: false,
    masquerade: false,
    filterVerdict: undefined,
    hops: [],
  };
  const fromNode = interpreter.isLocal(packet.source);
  interpreter.run('nat', fromNode ? 'OUTPUT' : 'PREROUTING', p);
  const first = p.dnat[0];
  if (first !== undefined) {
    p.dnatDone = true;
    p.destination = hostOf(first);
  }
  const toNode = interpreter.isLocal(p.destination);
  if (fromNode) {
    interpreter.run('filter', 'OUTPUT', p);
    if (toNode && !isFinal(p)) interpreter.run('filter', 'INPUT', p);
  } else {
    interpreter.run('filter', toNode ? 'INPUT' : 'FORWARD', p);
  }
  if (!isFinal(p)) interpreter.run('nat', 'POSTROUTING', p);
  let verdict: Verdict;
  if (p.filterVerdict === 'DROP' || p.filterVerdict === 'REJECT') verdict = p.filterVerdict;
  else if (p.dnat.length > 0) verdict = 'DNAT';
  else if (p.filterVerdict === 'ACCEPT') verdict = 'ACCEPT';
  else verdict = 'NO_MATCH';
  return {
    verdict,
    endpoints: verdict === 'DNAT' ? [...new Set(p.dnat)] : [],
    masquerade: p.masquerade,
    hops: p.hops,
  };
}

function isFinal(p: PacketState): boolean {
  return p.filterVerdict === 'DROP' || p.filterVerdict === 'REJECT';
}
