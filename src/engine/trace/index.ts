/**
 * The packet tracer and the whole-request trace built on it.
 */
export { traceIptables } from './tracer';
export type {
  AffinityHistory,
  Hop,
  TraceOptions,
  TracePacket,
  TraceResult,
  Verdict,
} from './tracer';
export { sampleIptables } from './sample';
export type { SampleResult } from './sample';
export { parseRule, splitWords } from './parseRule';
export type { Match, ParsedRule, Target } from './parseRule';
export { computeRequestTrace } from './request';
export type { RequestClient, RequestInput, RequestStep, RequestTrace } from './request';
