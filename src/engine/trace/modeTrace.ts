/**
 * The trace result of the IPVS, nftables and userspace modes: the same JSON as iptables mode
 * (DESIGN.md `trace -o json`), with hops naming where each decision was taken: an nftables
 * table (`ip kube-proxy`), an iptables table (`nat`, `filter`), or `ipvs` for a virtual server.
 */
import { parseIP } from '../net/ip';
import type { TracePacket, Verdict } from './tracer';

export type { TracePacket, Verdict };

export interface ModeHop {
  table: string;
  chain: string;
  rule: string;
}

export interface ModeTraceResult {
  verdict: Verdict;
  endpoints: string[];
  masquerade: boolean;
  hops: ModeHop[];
}

/** Per-endpoint counts of a batch of requests, in the order the requests were sent. */
export interface ModeSampleResult {
  packets: number;
  endpoints: Record<string, number>;
  /** The endpoint (or verdict, when not DNATed) of each request in turn. */
  sequence: string[];
  verdicts: Partial<Record<Verdict, number>>;
  masqueraded: number;
}

/** Adds one traced request to a sample. */
export function addToSample(sample: ModeSampleResult, result: ModeTraceResult): void {
  sample.packets++;
  sample.verdicts[result.verdict] = (sample.verdicts[result.verdict] ?? 0) + 1;
  if (result.masquerade) sample.masqueraded++;
  for (const ep of result.endpoints) sample.endpoints[ep] = (sample.endpoints[ep] ?? 0) + 1;
  sample.sequence.push(result.endpoints[0] ?? result.verdict);
}

export function emptySample(): ModeSampleResult {
  return { packets: 0, endpoints: {}, sequence: [], verdicts: {}, masqueraded: 0 };
}

/** Addresses equal once parsed (so `::1` and `0::1` are the same address). */
export function sameAddress(a: string, b: string): boolean {
  const x = parseIP(a);
  const y = parseIP(b);
  return !!x && !!y && x.family === y.family && x.value === y.value;
}
