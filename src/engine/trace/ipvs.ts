/**
 * The IPVS tracer: a packet through what IPVS mode programs on a node. The nat table's
 * KUBE-SERVICES (marking for masquerade by ipset matches), the filter table's input or output
 * chains (source ranges, KUBE-IPVS-FILTER), then IPVS itself at LOCAL_IN / LOCAL_OUT: the virtual
 * server for the destination picks a real server with its scheduler (net/netfilter/ipvs), and
 * KUBE-POSTROUTING masquerades marked and hairpin traffic. The rules are read from the same text
 * the iptables-save view prints.
 */
import type { IpvsIpset, IpvsState, IpvsVirtualServer } from '../kubeproxy/ipvs/proxier';
import {
  createSchedulerState,
  orderedServers,
  rsKey,
  schedule,
  type SchedulerState,
} from '../kubeproxy/ipvs/scheduler';
import { cidrContains, parseCIDR, parseIP } from '../net/ip';
import {
  addToSample,
  emptySample,
  sameAddress,
  type ModeHop,
  type ModeSampleResult,
  type ModeTraceResult,
  type TracePacket,
} from './modeTrace';
import { interfaceMatches } from './tracer';

interface Packet {
  source: string;
  destination: string;
  inInterface: string | undefined;
  physdevIn: string | undefined;
  port: number;
  protocol: string;
  mark: number;
  masquerade: boolean;
  hops: ModeHop[];
}

type Outcome = 'continue' | 'return' | 'ACCEPT' | 'DROP' | 'REJECT';

function inCIDR(address: string, text: string): boolean {
  const ip = parseIP(address);
  if (!ip) return false;
  if (!text.includes('/')) return sameAddress(address, text);
  const cidr = parseCIDR(text);
  return !!cidr && cidrContains(cidr, ip);
}

function splitArgs(rule: string): string[] {
  const out: string[] = [];
  const re = /"[^"]*"|\S+/g;
  for (const m of rule.matchAll(re)) out.push(m[0]);
  return out;
}

class IpvsInterpreter {
  private readonly sets: Map<string, IpvsIpset>;
  private readonly local: string[];

  constructor(
    private readonly state: IpvsState,
    private readonly vs: IpvsVirtualServer | undefined,
  ) {
    this.sets = new Map(state.ipsets.map((s) => [s.name, s]));
    this.local = [...state.context.interfaceAddresses, ...state.boundAddresses];
  }

  isLocal(address: string): boolean {
    return this.local.some((a) => sameAddress(a, address));
  }

  private setMatch(name: string, dirs: string, p: Packet): boolean {
    const set = this.sets.get(name);
    if (!set) return false;
    const d = dirs.split(',');
    const pick = (dir: string | undefined) => (dir === 'src' ? p.source : p.destination);
    return set.entries.some((entry) => {
      switch (set.type) {
        case 'bitmap:port':
          return entry === String(p.port);
        case 'hash:ip':
          return sameAddress(entry, pick(d[0]));
        default: {
          const m = /^(.*?),(\w+):(\d+)(?:,(.*))?$/.exec(entry);
          if (!m) return false;
          if (!sameAddress(m[1] ?? '', pick(d[0]))) return false;
          if (m[2] !== p.protocol || Number(m[3]) !== p.port) return false;
          if (m[4] === undefined) return true;
          return inCIDR(pick(d[2]), m[4]);
        }
      }
    });
  }

  private matches(args: string[], p: Packet): { ok: boolean; target: string[] } {
    let i = 2;
    let negate = false;
    while (i < args.length) {
      const a = args[i] ?? '';
      if (a === '!') {
        negate = true;
        i++;
        continue;
      }
      let ok: boolean;
      if (a === '-s') {
        ok = inCIDR(p.source, args[i + 1] ?? '');
        i += 2;
      } else if (a === '-p') {
        ok = args[i + 1] === p.protocol;
        i += 2;
      } else if (a === '-m') {
        i += 2;
        continue;
      } else if (a === '--comment') {
        i += 2;
        continue;
      } else if (a === '--match-set') {
        ok = this.setMatch(args[i + 1] ?? '', args[i + 2] ?? '', p);
        i += 3;
      } else if (a === '-i') {
        ok = interfaceMatches(args[i + 1] ?? '', p.inInterface);
        i += 2;
      } else if (a === '--physdev-is-in') {
        ok = p.physdevIn !== undefined;
        i += 1;
      } else if (a === '--src-type' || a === '--dst-type') {
        ok =
          this.isLocal(a === '--src-type' ? p.source : p.destination) === (args[i + 1] === 'LOCAL');
        i += 2;
      } else if (a === '--mark') {
        const [v, m] = (args[i + 1] ?? '').split('/').map((x) => Number(x));
        ok = (p.mark & (m ?? 0)) === (v ?? 0);
        i += 2;
      } else if (a === '--ctstate') {
        ok = (args[i + 1] ?? '').split(',').includes('NEW');
        i += 2;
      } else if (a === '--vaddr') {
        ok =
          !!this.vs &&
          sameAddress(this.vs.address, args[i + 1] ?? '') &&
          this.vs.protocol.toLowerCase() === args[i + 3] &&
          String(this.vs.port) === args[i + 5];
        i += 6;
      } else if (a === '-j') {
        return { ok: true, target: args.slice(i + 1) };
      } else {
        i++;
        continue;
      }
      if (ok === negate) return { ok: false, target: [] };
      negate = false;
    }
    return { ok: true, target: [] };
  }

  run(table: 'nat' | 'filter', chain: string, p: Packet, depth = 0): Outcome {
    const rules = (table === 'nat' ? this.state.nat : this.state.filter).rules.filter((r) =>
      r.startsWith(`-A ${chain} `),
    );
    if (depth > 16) return 'continue';
    for (const rule of rules) {
      const { ok, target } = this.matches(splitArgs(rule), p);
      if (!ok || target.length === 0) continue;
      p.hops.push({ table, chain, rule });
      const [t, flag, value] = target;
      switch (t) {
        case 'RETURN':
          return 'return';
        case 'ACCEPT':
        case 'DROP':
        case 'REJECT':
          return t;
        case 'MASQUERADE':
          p.masquerade = true;
          return 'ACCEPT';
        case 'MARK':
          p.mark = flag === '--xor-mark' ? p.mark ^ Number(value) : p.mark | Number(value);
          continue;
        default: {
          const outcome = this.run(table, t ?? '', p, depth + 1);
          if (outcome !== 'continue' && outcome !== 'return') return outcome;
        }
      }
    }
    return 'continue';
  }
}

function findVirtualServer(state: IpvsState, packet: TracePacket): IpvsVirtualServer | undefined {
  let found: IpvsVirtualServer | undefined;
  for (const vs of state.virtualServers) {
    if (
      vs.protocol === packet.protocol &&
      vs.port === packet.port &&
      sameAddress(vs.address, packet.destination)
    ) {
      found = vs;
    }
  }
  return found;
}

export interface IpvsTraceOptions {
  /** Scheduler state kept across requests (sampling); without it every possible server is listed. */
  scheduler?: SchedulerState;
  /** The client's source port (sh-port / mh-port hashing). */
  sourcePort?: number;
}

/** Traces a new connection through IPVS mode's rules and virtual servers on one node. */
export function traceIpvs(
  state: IpvsState,
  packet: TracePacket,
  options: IpvsTraceOptions = {},
): ModeTraceResult {
  const vs = findVirtualServer(state, packet);
  const it = new IpvsInterpreter(state, vs);
  const p: Packet = {
    source: packet.source,
    destination: packet.destination,
    inInterface: packet.inInterface,
    physdevIn: packet.physdevIn,
    port: packet.port,
    protocol: packet.protocol.toLowerCase(),
    mark: 0,
    masquerade: false,
    hops: [],
  };
  const fromNode = it.isLocal(packet.source);
  const done = (
    verdict: ModeTraceResult['verdict'],
    endpoints: string[] = [],
  ): ModeTraceResult => ({
    verdict,
    endpoints,
    masquerade: p.masquerade,
    hops: p.hops,
  });
  it.run('nat', 'KUBE-SERVICES', p);
  const toLocal = it.isLocal(packet.destination);
  if (!toLocal) return done('NO_MATCH');
  const filterChains = fromNode
    ? ['KUBE-IPVS-OUT-FILTER']
    : ['KUBE-IPVS-FILTER', 'KUBE-PROXY-FIREWALL', 'KUBE-NODE-PORT'];
  for (const chain of filterChains) {
    const outcome = it.run('filter', chain, p);
    if (outcome === 'DROP' || outcome === 'REJECT') return done(outcome);
    if (outcome === 'ACCEPT' && !vs) return done('ACCEPT');
    if (outcome === 'ACCEPT') break;
  }
  if (!vs) return done('NO_MATCH');
  const servers = orderedServers(vs).filter((rs) => rs.weight > 0);
  const label = `${vs.protocol}  ${vs.address.includes(':') ? `[${vs.address}]` : vs.address}:${vs.port} ${vs.scheduler}`;
  if (servers.length === 0) {
    p.hops.push({ table: 'ipvs', chain: label, rule: 'no destination: ICMP port unreachable' });
    return done('REJECT');
  }
  let chosen = servers;
  const hashing = vs.scheduler === 'sh' || vs.scheduler === 'dh' || vs.scheduler === 'mh';
  if (options.scheduler || hashing) {
    const rs = schedule(
      vs,
      packet.source,
      options.sourcePort ?? 0,
      options.scheduler ?? createSchedulerState(),
    );
    chosen = rs ? [rs] : [];
  }
  if (chosen.length === 0) return done('REJECT');
  const endpoints = chosen.map(rsKey);
  for (const rs of chosen) {
    p.hops.push({ table: 'ipvs', chain: label, rule: `-> ${rsKey(rs)} Masq ${rs.weight}` });
  }
  for (const rs of chosen) {
    const after: Packet = { ...p, destination: rs.address, port: rs.port, hops: [] };
    it.run('nat', 'KUBE-POSTROUTING', after);
    if (after.masquerade) p.masquerade = true;
    for (const h of after.hops)
      if (!p.hops.some((x) => x.chain === h.chain && x.rule === h.rule)) p.hops.push(h);
  }
  return done('DNAT', endpoints);
}

/** Sends `count` new connections from one client; the schedulers keep their state (and every connection stays open) across the batch. */
export function sampleIpvs(
  state: IpvsState,
  packet: TracePacket,
  count: number,
  scheduler: SchedulerState = createSchedulerState(),
): ModeSampleResult {
  const sample = emptySample();
  const n = Math.max(0, Math.min(1_000_000, Math.floor(Number(count) || 0)));
  for (let i = 0; i < n; i++) {
    addToSample(sample, traceIpvs(state, packet, { scheduler, sourcePort: 40000 + i }));
  }
  return sample;
}
