/**
 * Queries the page asks about the latest simulation (one node's rules, a trace, a DNS lookup...).
 * Each kind has its own file with its query and answer types and the function that answers it;
 * this map ties them together, so the protocol and the worker stay typed with one line per kind.
 */
import type { Simulation } from '../../engine/model';
import { answerDns, type DnsAnswer, type DnsQuery } from './dns';
import { answerEndpoints, type EndpointsAnswer, type EndpointsQuery } from './endpoints';
import { answerPods, type PodsAnswer, type PodsQuery } from './pods';
import { answerRules, type RulesAnswer, type RulesQuery } from './rules';
import { answerRequests, type RequestsAnswer, type RequestsQuery } from './requests';
import { answerShell, type ShellAnswer, type ShellQuery } from './shell';

/** Every query kind: its query and its answer. */
export interface QueryKinds {
  rules: { query: RulesQuery; answer: RulesAnswer };
  endpoints: { query: EndpointsQuery; answer: EndpointsAnswer };
  dns: { query: DnsQuery; answer: DnsAnswer };
  requests: { query: RequestsQuery; answer: RequestsAnswer };
  shell: { query: ShellQuery; answer: ShellAnswer };
  pods: { query: PodsQuery; answer: PodsAnswer };
}

export type QueryKind = keyof QueryKinds;
export type EngineQuery = QueryKinds[QueryKind]['query'];
export type AnswerOf<K extends QueryKind> = QueryKinds[K]['answer'];

type Answerers = {
  [K in QueryKind]: (simulation: Simulation, query: QueryKinds[K]['query']) => AnswerOf<K>;
};

const answerers: Answerers = {
  rules: answerRules,
  endpoints: answerEndpoints,
  dns: answerDns,
  requests: answerRequests,
  shell: answerShell,
  pods: answerPods,
};

/** Answers a query against a simulation (runs in the worker). */
export function answerQuery<K extends QueryKind>(
  simulation: Simulation,
  query: QueryKinds[K]['query'] & { kind: K },
): AnswerOf<K> {
  const answer = answerers[query.kind] as (
    simulation: Simulation,
    query: QueryKinds[K]['query'],
  ) => AnswerOf<K>;
  return answer(simulation, query);
}
