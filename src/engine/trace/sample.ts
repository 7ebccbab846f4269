/**
 * The sampling mode: N packets through the same rules with a seeded random source, counting
 * where each lands and keeping ClientIP affinity (`-m recent`) state from packet to packet.
 */
import type { IptablesRuleSet } from '../kubeproxy/iptables';
import { traceIptables, type AffinityHistory, type TracePacket, type Verdict } from './tracer';

export interface SampleResult {
  packets: number;
  /** Packets per endpoint (`ip:port`), for the DNATed ones. */
  endpoints: Record<string, number>;
  /** Packets per verdict. */
  verdicts: Partial<Record<Verdict, number>>;
  masqueraded: number;
}

/** mulberry32: a small seeded generator, so the same seed gives the same samples. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends `count` packets (each a new connection from the same source) and counts the outcomes. */
export function sampleIptables(
  ruleSet: IptablesRuleSet,
  packet: TracePacket,
  count: number,
  seed = 1,
  history: AffinityHistory = new Map(),
): SampleResult {
  const random = seededRandom(seed);
  const result: SampleResult = { packets: 0, endpoints: {}, verdicts: {}, masqueraded: 0 };
  const n = Math.max(0, Math.min(1_000_000, Math.floor(Number(count) || 0)));
  for (let i = 0; i < n; i++) {
    const r = traceIptables(ruleSet, packet, { random, history });
    result.packets++;
    result.verdicts[r.verdict] = (result.verdicts[r.verdict] ?? 0) + 1;
    if (r.masquerade) result.masqueraded++;
    for (const ep of r.endpoints) result.endpoints[ep] = (result.endpoints[ep] ?? 0) + 1;
  }
  return result;
}
