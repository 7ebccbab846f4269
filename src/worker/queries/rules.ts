/** The `rules` query: what kube-proxy programs on one node, for the Rules panel. */
import { computeNodeRules, type NodeRules } from '../../engine/kubeproxy/rules';
import type { Simulation } from '../../engine/model';

export interface RulesQuery {
  kind: 'rules';
  node: string;
}

export type RulesAnswer = NodeRules;

export function answerRules(simulation: Simulation, query: RulesQuery): RulesAnswer {
  return computeNodeRules(simulation.cluster, query.node);
}
