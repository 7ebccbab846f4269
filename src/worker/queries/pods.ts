/**
 * The `pods` query: pods of the latest simulation, summarized as the summary lists them. A large
 * cluster's summary lists only its first pods (summarize.ts, `podsSentLimit`); what the page needs
 * of the others (a selected pod, a node's pods for Cordon and Drain, a pod a shell command names)
 * it asks for here.
 */
import type { Simulation } from '../../engine/model';
import type { PodSummary } from '../protocol';
import { summarizePodsWhere } from '../summarize';

export interface PodsQuery {
  kind: 'pods';
  /** The pods with these `namespace/name` keys. */
  keys?: string[];
  /** The pods scheduled to this node. */
  node?: string;
}

export interface PodsAnswer {
  pods: PodSummary[];
}

export function answerPods(simulation: Simulation, query: PodsQuery): PodsAnswer {
  const keys = new Set(query.keys ?? []);
  return {
    pods: summarizePodsWhere(
      simulation,
      (pod) =>
        keys.has(`${pod.metadata.namespace || 'default'}/${pod.metadata.name ?? ''}`) ||
        (query.node !== undefined && pod.spec?.nodeName === query.node),
    ),
  };
}
