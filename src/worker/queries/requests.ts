/** The `requests` query: a batch of requests traced through the cluster, for the graph's animation and the Trace panel. */
import type { Simulation } from '../../engine/model';
import {
  computeRequestBatch,
  type RequestBatch,
  type RequestBatchInput,
} from '../../engine/trace/requests';

export type {
  DnsLookupSummary,
  EndpointCount,
  LegPhase,
  NodeDecision,
  Place,
  RequestBatch,
  RequestBatchInput,
  RequestDestination,
  RequestDestinationKind,
  RequestHop,
  RequestLeg,
  RequestSource,
  TracedRequest,
} from '../../engine/trace/requests';

export interface RequestsQuery extends RequestBatchInput {
  kind: 'requests';
}

export type RequestsAnswer = RequestBatch;

export function answerRequests(simulation: Simulation, query: RequestsQuery): RequestsAnswer {
  const { kind: _kind, ...input } = query;
  return computeRequestBatch(simulation.cluster, input);
}
