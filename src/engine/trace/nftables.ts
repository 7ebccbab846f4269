/**
 * The nftables tracer: an interpreter of the `kube-proxy` table the engine generated. It runs
 * the base chains in the order the kernel's hooks and priorities run them (prerouting or output,
 * then input, forward or output, then postrouting), evaluates each rule's expressions left to
 * right, looks keys up in the sets and verdict maps, and follows `numgen` choices: every branch
 * without a random source, one branch with it (as upstream's tests trace the rules,
 * pkg/proxy/nftables/helpers_test.go nftablesTracer, and as the kernel runs them).
 */
import type { NftChain, NftTable } from '../kubeproxy/nftables/table';
import { ruleText } from '../kubeproxy/nftables/render';
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

/** nftables sets filled at run time (`update @set { ip saddr }`): set name -> addresses. */
export type NftDynamicSets = Map<string, Set<string>>;

export interface NftTraceOptions {
  /** Addresses on the node's interfaces (what `fib ... type local` matches). */
  localAddresses: readonly string[];
  /** A random source in [0, 1): one `numgen` branch is taken; without it every branch is. */
  random?: () => number;
  /** Affinity sets; without them no `@affinity-...` lookup matches. */
  dynamicSets?: NftDynamicSets;
}

interface PacketState {
  source: string;
  destination: string;
  inInterface: string | undefined;
  port: number;
  protocol: string;
  mark: number;
  dnat: string | undefined;
  verdict: 'DROP' | 'REJECT' | undefined;
  masquerade: boolean;
  hops: ModeHop[];
}

type Flow = 'next' | 'return' | 'accept' | 'stop';

/** Splits a rule into words, keeping `{ ... }` groups as one word each. */
function tokenize(rule: string): string[] {
  const words = rule.split(' ').filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w !== '{') {
      out.push(w);
      continue;
    }
    const group: string[] = [];
    let depth = 1;
    for (i++; i < words.length; i++) {
      const v = words[i] ?? '';
      if (v === '{') depth++;
      if (v === '}' && --depth === 0) break;
      group.push(v);
    }
    out.push(`{${group.join(' ')}}`);
  }
  return out;
}

function groupItems(word: string): string[] {
  return word
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function addressIn(address: string, item: string): boolean {
  const ip = parseIP(address);
  if (!ip) return false;
  if (item.includes('/')) {
    const cidr = parseCIDR(item);
    return !!cidr && cidrContains(cidr, ip);
  }
  return sameAddress(address, item);
}

function splitEndpoint(text: string): { ip: string; port: number } {
  const m = /^\[(.*)\]:(\d+)$/.exec(text) ?? /^(.*):(\d+)$/.exec(text);
  return { ip: m?.[1] ?? text, port: Number(m?.[2] ?? 0) };
}

class NftInterpreter {
  private readonly tableLabel: string;

  constructor(
    private readonly table: NftTable,
    private readonly options: NftTraceOptions,
  ) {
    this.tableLabel = `${table.family} ${table.name}`;
  }

  private isLocal(address: string): boolean {
    return this.options.localAddresses.some((a) => sameAddress(a, address));
  }

  private setHas(name: string, key: string[]): boolean {
    const set = this.table.sets.get(name);
    if (set && !set.flags?.includes('dynamic')) {
      return set.elements.some((e) =>
        e.key.every((k, i) => (i === 0 ? addressIn(key[i] ?? '', k) : k === key[i])),
      );
    }
    const dynamic = this.options.dynamicSets?.get(name);
    return !!dynamic && [...dynamic].some((a) => sameAddress(a, key[0] ?? ''));
  }

  private mapLookup(name: string, key: string[]): string | undefined {
    const map = this.table.maps.get(name);
    const element = map?.elements.find((e) =>
      e.key.every((k, i) =>
        k.includes('.') || k.includes(':') ? sameAddress(k, key[i] ?? '') : k === key[i],
      ),
    );
    return element?.value?.join(' . ');
  }

  /** Runs a verdict (`goto X`, `jump X`, `drop`, ...) on every state; returns the resulting states and flow. */
  private verdict(words: string[], state: PacketState, depth: number): [PacketState, Flow][] {
    const [head, target] = words;
    switch (head) {
      case 'jump':
      case 'goto': {
        const results = this.runChain(target ?? '', state, depth + 1);
        return results.map(([s, flow]) => {
          if (flow === 'return' || flow === 'next') return [s, head === 'goto' ? 'return' : 'next'];
          return [s, flow];
        });
      }
      case 'return':
        return [[state, 'return']];
      case 'accept':
        return [[state, 'accept']];
      case 'drop':
        state.verdict = 'DROP';
        return [[state, 'stop']];
      case 'reject':
        state.verdict = 'REJECT';
        return [[state, 'stop']];
      default:
        return [[state, 'next']];
    }
  }

  /** Evaluates one rule; returns the states it leaves and what each does next. */
  private runRule(
    chain: string,
    rule: { rule: string; comment?: string },
    state: PacketState,
    depth: number,
  ): [PacketState, Flow][] {
    const w = tokenize(rule.rule);
    const p = state;
    const ipX = this.table.family;
    let i = 0;
    const hop = () => p.hops.push({ table: this.tableLabel, chain, rule: ruleText(rule) });
    while (i < w.length) {
      const a = w[i] ?? '';
      const b = w[i + 1] ?? '';
      if (a === 'ct' && b === 'state') {
        if (w[i + 2] !== 'new') return [[p, 'next']];
        i += 3;
      } else if (a === ipX && (b === 'daddr' || b === 'saddr') && w[i + 2] === '.') {
        // ip daddr . meta l4proto . th dport vmap @map
        const mapName = (w[i + 9] ?? '').slice(1);
        const value = this.mapLookup(mapName, [p.destination, p.protocol, String(p.port)]);
        if (value === undefined) return [[p, 'next']];
        hop();
        return this.verdict(value.split(' '), p, depth);
      } else if (a === ipX && (b === 'daddr' || b === 'saddr')) {
        const address = b === 'daddr' ? p.destination : p.source;
        let negate = false;
        let j = i + 2;
        if (w[j] === '!=') {
          negate = true;
          j++;
        }
        const operand = w[j] ?? '';
        let matched: boolean;
        if (operand.startsWith('@')) matched = this.setHas(operand.slice(1), [address]);
        else if (operand.startsWith('{'))
          matched = groupItems(operand).some((x) => addressIn(address, x));
        else matched = addressIn(address, operand);
        if (matched === negate) return [[p, 'next']];
        i = j + 1;
      } else if (a === 'iifname') {
        const negate = b === '!=';
        const operand = w[negate ? i + 2 : i + 1] ?? '';
        if (interfaceMatches(operand, p.inInterface, '*') === negate) return [[p, 'next']];
        i += negate ? 3 : 2;
      } else if (a === 'fib' && w[i + 2] === 'type' && w[i + 3] === 'local') {
        if (!this.isLocal(b === 'saddr' ? p.source : p.destination)) return [[p, 'next']];
        i += 4;
      } else if (a === 'meta' && b === 'l4proto' && w[i + 2] === '.') {
        // meta l4proto . th dport vmap @map
        const mapName = (w[i + 6] ?? '').slice(1);
        const value = this.mapLookup(mapName, [p.protocol, String(p.port)]);
        if (value === undefined) return [[p, 'next']];
        hop();
        return this.verdict(value.split(' '), p, depth);
      } else if (a === 'meta' && b === 'l4proto') {
        if (w[i + 2] !== p.protocol) return [[p, 'next']];
        i += 3;
      } else if ((a === 'tcp' || a === 'udp' || a === 'sctp') && b === 'dport') {
        if (a !== p.protocol || String(p.port) !== w[i + 2]) return [[p, 'next']];
        i += 3;
      } else if (a === 'mark' && b === 'and') {
        const mask = Number(w[i + 2]);
        const value = Number(w[i + 4]);
        if ((p.mark & mask) !== value) return [[p, 'next']];
        i += 5;
      } else if (a === 'mark' && b === 'set') {
        const op = w[i + 3];
        const value = Number(w[i + 4]);
        hop();
        p.mark = op === 'xor' ? p.mark ^ value : p.mark | value;
        i += 5;
      } else if (a === 'masquerade') {
        hop();
        p.masquerade = true;
        return [[p, 'accept']];
      } else if (a === 'dnat' && b === 'to') {
        hop();
        p.dnat = w[i + 2];
        const target = splitEndpoint(w[i + 2] ?? '');
        p.destination = target.ip;
        p.port = target.port;
        return [[p, 'accept']];
      } else if (a === 'update') {
        const setName = b.slice(1);
        const sets = this.options.dynamicSets;
        if (sets) {
          let set = sets.get(setName);
          if (!set) sets.set(setName, (set = new Set()));
          set.add(p.source);
        }
        i += 3;
      } else if (a === 'numgen') {
        const entries = groupItems(w[i + 5] ?? '').map((e) => {
          const [n, , verb, target] = e.split(' ');
          return { n: Number(n), verdict: [verb ?? '', target ?? ''] };
        });
        const modulus = Number(w[i + 3]);
        hop();
        if (this.options.random) {
          const n = Math.floor(this.options.random() * modulus);
          const entry = entries.find((e) => e.n === n);
          return entry ? this.verdict(entry.verdict, p, depth) : [[p, 'next']];
        }
        return entries.flatMap((e) => this.verdict(e.verdict, cloneState(p), depth));
      } else {
        hop();
        return this.verdict(w.slice(i), p, depth);
      }
    }
    hop();
    return [[p, 'next']];
  }

  runChain(name: string, state: PacketState, depth = 0): [PacketState, Flow][] {
    const chain: NftChain | undefined = this.table.chains.get(name);
    if (!chain || depth > 32) return [[state, 'next']];
    let live: PacketState[] = [state];
    const done: [PacketState, Flow][] = [];
    for (const rule of chain.rules) {
      const next: PacketState[] = [];
      for (const s of live) {
        for (const [r, flow] of this.runRule(name, rule, s, depth)) {
          if (flow === 'next') next.push(r);
          else done.push([r, flow]);
        }
      }
      live = next;
      if (live.length === 0) break;
    }
    return [...done, ...live.map((s): [PacketState, Flow] => [s, 'next'])];
  }

  /** The base chains of a hook, by priority (the kernel's order). */
  baseChains(hook: string): string[] {
    return [...this.table.chains.values()]
      .filter((c) => c.base?.hook === hook)
      .sort((a, b) => (a.base?.priority ?? 0) - (b.base?.priority ?? 0))
      .map((c) => c.name);
  }
}

function cloneState(s: PacketState): PacketState {
  return { ...s, hops: [...s.hops] };
}

/** Traces a new connection through the table (pkg/proxy/nftables/helpers_test.go tracePacket, modelled on the kernel's hooks). */
export function traceNftables(
  table: NftTable,
  packet: TracePacket,
  options: NftTraceOptions,
): ModeTraceResult {
  const interpreter = new NftInterpreter(table, options);
  const local = options.localAddresses.some((a) => sameAddress(a, packet.source));
  let states: PacketState[] = [
    {
      source: packet.source,
      destination: packet.destination,
      inInterface: packet.inInterface,
      port: packet.port,
      protocol: packet.protocol.toLowerCase(),
      mark: 0,
      dnat: undefined,
      verdict: undefined,
      masquerade: false,
      hops: [],
    },
  ];
  const runHook = (hook: string, only?: (s: PacketState) => boolean) => {
    const next: PacketState[] = [];
    for (const s of states) {
      if (s.verdict || (only && !only(s))) {
        next.push(s);
        continue;
      }
      let current = [s];
      for (const chain of interpreter.baseChains(hook)) {
        const after: PacketState[] = [];
        for (const c of current) {
          if (c.verdict) after.push(c);
          else after.push(...interpreter.runChain(chain, c).map(([r]) => r));
        }
        current = after;
      }
      next.push(...current);
    }
    states = next;
  };
  const isLocalDest = (s: PacketState) =>
    options.localAddresses.some((a) => sameAddress(a, s.destination));
  if (local) {
    runHook('output');
  } else {
    runHook('prerouting');
    runHook('input', (s) => isLocalDest(s));
    runHook('forward', (s) => !isLocalDest(s));
  }
  runHook('postrouting');
  return summarize(states);
}

function summarize(states: PacketState[]): ModeTraceResult {
  const hops: ModeHop[] = [];
  const seen = new Set<string>();
  for (const s of states) {
    for (const h of s.hops) {
      const key = `${h.chain}\u0000${h.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hops.push(h);
    }
  }
  const stopped = states.find((s) => s.verdict);
  const endpoints = [
    ...new Set(states.filter((s) => !s.verdict && s.dnat).map((s) => s.dnat ?? '')),
  ];
  const masquerade = states.some((s) => s.masquerade);
  if (stopped?.verdict && endpoints.length === 0) {
    return { verdict: stopped.verdict, endpoints: [], masquerade, hops };
  }
  if (endpoints.length > 0) return { verdict: 'DNAT', endpoints, masquerade, hops };
  return { verdict: 'NO_MATCH', endpoints: [], masquerade, hops };
}

/** Sends `count` new connections from the same source, choosing `numgen` branches with a seeded generator and keeping affinity sets. */
export function sampleNftables(
  table: NftTable,
  packet: TracePacket,
  count: number,
  options: {
    localAddresses: readonly string[];
    random: () => number;
    dynamicSets?: NftDynamicSets;
  },
): ModeSampleResult {
  const sample = emptySample();
  const dynamicSets = options.dynamicSets ?? new Map<string, Set<string>>();
  const n = Math.max(0, Math.min(1_000_000, Math.floor(Number(count) || 0)));
  for (let i = 0; i < n; i++) {
    addToSample(sample, traceNftables(table, packet, { ...options, dynamicSets }));
  }
  return sample;
}
