/**
 * The IPVS schedulers as the kernel runs them (net/netfilter/ipvs/ip_vs_*.c): each picks one
 * real server of a virtual server for a new connection, from per-service state (the round-robin
 * cursor, connection counts, locality tables) kept across the connections of a batch.
 */
import { sha256 } from '../common/hash';
import { parseIP } from '../../net/ip';
import type { IpvsRealServer, IpvsVirtualServer } from './proxier';

/** Per virtual server scheduler state, and the persistence templates of ClientIP affinity. */
export interface SchedulerState {
  /** rr/wrr cursor (index of the last server chosen), wrr current weight. */
  cursor: Map<string, { index: number; cw: number }>;
  /** Active connections per `vs|rs` (the batch keeps every connection open). */
  active: Map<string, number>;
  /** lblc/lblcr: destination address -> chosen server(s). */
  locality: Map<string, string[]>;
  /** persistence templates: `vs|client` -> server. */
  templates: Map<string, string>;
}

export function createSchedulerState(): SchedulerState {
  return { cursor: new Map(), active: new Map(), locality: new Map(), templates: new Map() };
}

export function vsKey(vs: IpvsVirtualServer): string {
  return `${vs.protocol} ${vs.address}:${vs.port}`;
}

function rsKey(rs: IpvsRealServer): string {
  return rs.address.includes(':') ? `[${rs.address}]:${rs.port}` : `${rs.address}:${rs.port}`;
}

/** The kernel keeps destinations in the order added; we use ipvsadm's (address, port) order. */
export function orderedServers(vs: IpvsVirtualServer): IpvsRealServer[] {
  return [...vs.realServers].sort((a, b) => {
    const va = parseIP(a.address)?.value ?? 0n;
    const vb = parseIP(b.address)?.value ?? 0n;
    return va !== vb ? (va < vb ? -1 : 1) : a.port - b.port;
  });
}

function folded(address: string): number {
  const ip = parseIP(address);
  if (!ip) return 0;
  if (ip.family === 4) return Number(ip.value);
  let v = 0;
  for (let i = 0; i < 4; i++) v ^= Number((ip.value >> BigInt(32 * i)) & 0xffffffffn);
  return v >>> 0;
}

/** A 256-bucket table filled with servers in turn, `weight` buckets each (ip_vs_sh.c ip_vs_sh_reassign; ip_vs_dh.c ignores weights). */
function bucketTable(servers: IpvsRealServer[], weighted: boolean): (IpvsRealServer | undefined)[] {
  const table: (IpvsRealServer | undefined)[] = [];
  const usable = servers;
  if (usable.length === 0) return Array<undefined>(256).fill(undefined);
  let i = 0;
  let count = 0;
  for (let b = 0; b < 256; b++) {
    const s = usable[i % usable.length];
    table.push(s);
    count++;
    if (!weighted || count >= Math.max(1, s?.weight ?? 1)) {
      i++;
      count = 0;
    }
  }
  return table;
}

function available(rs: IpvsRealServer | undefined): rs is IpvsRealServer {
  return !!rs && rs.weight > 0;
}

/** Picks the server with the least `cost`, the first one on ties (ip_vs_lc.c, ip_vs_wlc.c, ip_vs_sed.c). */
function least(
  servers: IpvsRealServer[],
  cost: (rs: IpvsRealServer) => number,
): IpvsRealServer | undefined {
  let best: IpvsRealServer | undefined;
  let bestCost = Infinity;
  for (const rs of servers) {
    if (rs.weight <= 0) continue;
    const c = cost(rs);
    if (c < bestCost) {
      best = rs;
      bestCost = c;
    }
  }
  return best;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Maglev lookup table (ip_vs_mh.c, after the Maglev paper): 251 slots filled from per-server permutations. */
function maglevTable(servers: IpvsRealServer[]): (IpvsRealServer | undefined)[] {
  const size = 251;
  const table: (IpvsRealServer | undefined)[] = Array<undefined>(size).fill(undefined);
  const usable = servers.filter((s) => s.weight > 0);
  if (usable.length === 0) return table;
  const perms = usable.map((s) => {
    const h = sha256(`${s.address}:${s.port}`);
    const offset = (((h[0] ?? 0) << 8) | (h[1] ?? 0)) % size;
    const skip = ((((h[2] ?? 0) << 8) | (h[3] ?? 0)) % (size - 1)) + 1;
    return { offset, skip, next: 0 };
  });
  let filled = 0;
  while (filled < size) {
    for (let i = 0; i < usable.length && filled < size; i++) {
      const p = perms[i];
      if (!p) continue;
      let slot = (p.offset + p.skip * p.next) % size;
      while (table[slot] !== undefined) {
        p.next++;
        slot = (p.offset + p.skip * p.next) % size;
      }
      table[slot] = usable[i];
      p.next++;
      filled++;
    }
  }
  return table;
}

/** Chooses a real server for a new connection from `client` to `vs` (ip_vs_schedule and each scheduler's `schedule`). */
export function schedule(
  vs: IpvsVirtualServer,
  client: string,
  clientPort: number,
  state: SchedulerState,
): IpvsRealServer | undefined {
  const servers = orderedServers(vs);
  const key = vsKey(vs);
  const activeOf = (rs: IpvsRealServer) => state.active.get(`${key}|${rsKey(rs)}`) ?? 0;
  const byKey = (k: string) => servers.find((s) => rsKey(s) === k);
  if (vs.flags.includes('persistent')) {
    const template = state.templates.get(`${key}|${client}`);
    const rs = template ? byKey(template) : undefined;
    if (available(rs)) return commit(rs);
  }
  let chosen: IpvsRealServer | undefined;
  switch (vs.scheduler) {
    case 'wrr': {
      const c = state.cursor.get(key) ?? { index: -1, cw: 0 };
      const weights = servers.map((s) => Math.max(0, s.weight));
      const max = Math.max(0, ...weights);
      const g = weights.filter((w) => w > 0).reduce(gcd, 0) || 1;
      if (max === 0) break;
      for (let n = 0; n < servers.length * (max / g + 1); n++) {
        c.index = (c.index + 1) % servers.length;
        if (c.index === 0) {
          c.cw -= g;
          if (c.cw <= 0) c.cw = max;
        }
        if ((weights[c.index] ?? 0) >= c.cw) {
          chosen = servers[c.index];
          break;
        }
      }
      state.cursor.set(key, c);
      break;
    }
    case 'lc':
      chosen = least(servers, (rs) => activeOf(rs) * 256);
      break;
    case 'wlc':
      chosen = least(servers, (rs) => (activeOf(rs) * 256) / rs.weight);
      break;
    case 'sed':
      chosen = least(servers, (rs) => (activeOf(rs) + 1) / rs.weight);
      break;
    case 'nq':
      chosen =
        servers.find((rs) => rs.weight > 0 && activeOf(rs) === 0) ??
        least(servers, (rs) => (activeOf(rs) + 1) / rs.weight);
      break;
    case 'lblc': {
      const current = byKey(state.locality.get(vs.address)?.[0] ?? '');
      const overloaded =
        !available(current) ||
        (activeOf(current) > current.weight &&
          servers.some((s) => s.weight > 0 && 2 * activeOf(s) < s.weight));
      chosen = overloaded ? least(servers, (rs) => (activeOf(rs) * 256) / rs.weight) : current;
      if (chosen) state.locality.set(vs.address, [rsKey(chosen)]);
      break;
    }
    case 'lblcr': {
      const set = (state.locality.get(vs.address) ?? []).map(byKey).filter(available);
      let pick = least(set, (rs) => (activeOf(rs) * 256) / rs.weight);
      if (
        !pick ||
        (activeOf(pick) > pick.weight &&
          servers.some((s) => s.weight > 0 && 2 * activeOf(s) < s.weight))
      ) {
        pick = least(servers, (rs) => (activeOf(rs) * 256) / rs.weight);
        if (pick) set.push(pick);
      }
      chosen = pick;
      state.locality.set(vs.address, set.map(rsKey));
      break;
    }
    case 'dh': {
      const table = bucketTable(servers, false);
      const bucket = Number((BigInt(folded(vs.address)) * 2654435761n) & 0xffn);
      chosen = table[bucket];
      break;
    }
    case 'sh': {
      const table = bucketTable(servers, true);
      const port = vs.flags.includes('sh-port') ? clientPort : 0;
      const bucket = Number(
        ((BigInt((port + folded(client)) >>> 0) * 0x61c88647n) & 0xffffffffn) >> 24n,
      );
      chosen = table[bucket];
      break;
    }
    case 'mh': {
      const table = maglevTable(servers);
      const port = vs.flags.includes('mh-port') ? clientPort : 0;
      const h = sha256(`${client}|${port}`);
      chosen = table[(((h[0] ?? 0) << 8) | (h[1] ?? 0)) % table.length];
      break;
    }
    default: {
      const c = state.cursor.get(key) ?? { index: -1, cw: 0 };
      for (let n = 1; n <= servers.length; n++) {
        const i = (c.index + n) % servers.length;
        if ((servers[i]?.weight ?? 0) > 0) {
          chosen = servers[i];
          c.index = i;
          break;
        }
      }
      state.cursor.set(key, c);
    }
  }
  if (!available(chosen)) return undefined;
  if (vs.flags.includes('persistent')) state.templates.set(`${key}|${client}`, rsKey(chosen));
  return commit(chosen);

  function commit(rs: IpvsRealServer): IpvsRealServer {
    const k = `${key}|${rsKey(rs)}`;
    state.active.set(k, (state.active.get(k) ?? 0) + 1);
    return rs;
  }
}

export { rsKey };
