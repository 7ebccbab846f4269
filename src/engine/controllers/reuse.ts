/**
 * Work kept from the previous run. A keystroke in a large cluster changes one document; the
 * controllers' results for everything it does not touch are the previous run's, reused when
 * (and only when) their whole input is equal to this run's:
 * - the workload controllers (./workloads.ts), when the Nodes, Deployments, ReplicaSets and
 *   Pods are the same, in the same relative order, with the same settings and seed; else the
 *   pods of each ReplicaSet that is the same (scheduled and run again as new pods, kept where
 *   they come out the same) and the statuses counted from the very same objects, or equal to
 *   the previous run's (./statuses.ts);
 * - one Service's Endpoints and EndpointSlices, when the Service, the pods it selects, the
 *   Nodes, the objects it would reuse and the names it would generate are the same.
 * Inputs are compared as JSON values; admission hands out the very object it stored before for
 * an unchanged document at the same place (else its own copy of the top level and metadata
 * around the same defaulted spec), so an unchanged object compares equal without a walk.
 * Reused objects are shared between runs' results: like every stored object, nothing may
 * modify them (tests/unit/engine/determinism.test.ts, reuse.test.ts).
 */
import { equalJSON, sameItems } from '../admission/json';
import type { EndpointSlice, Endpoints, Node, Pod, Service } from '../model';
import type { TakenNames } from './random';
import { settleWorkloads, type WorkloadInput, type Workloads } from './workloads';

let lastWorkloads: { input: WorkloadInput; result: Workloads } | undefined;

/**
 * settleWorkloads, or the previous run's result when its input equals this one; when only some
 * of it changed, settleWorkloads takes from the previous run what it would make again.
 */
export function settleWorkloadsOnce(input: WorkloadInput): Workloads {
  const last = lastWorkloads;
  const comparable =
    last !== undefined &&
    last.input.seed === input.seed &&
    equalJSON(last.input.settings, input.settings);
  if (comparable && equalJSON(last.input.objects, input.objects)) return last.result;
  const result = settleWorkloads(input, comparable ? last.result : undefined);
  lastWorkloads = { input, result };
  return result;
}

/** What the Endpoints and EndpointSlice controllers made of one Service, and from what. */
export interface ServiceEndpoints {
  service: Service;
  pods: readonly Pod[];
  given: Endpoints | undefined;
  reusable: readonly EndpointSlice[];
  /** The Service's v1 Endpoints, made on the first call (see onRead.ts). */
  endpoints: () => Endpoints;
  slices: EndpointSlice[];
  error: string | undefined;
  /** Names the slices generated, and whether generating them met no taken name. */
  generated: string[];
  clean: boolean;
}

type ServiceInput = Pick<ServiceEndpoints, 'service' | 'pods' | 'given' | 'reusable'>;

let lastServices:
  { seed: number; nodes: readonly Node[]; byKey: Map<string, ServiceEndpoints> } | undefined;

/**
 * The previous run's results per Service key, kept for the next run as this run fills it; none
 * when the seed or the Nodes (whose names and topology the slices carry) are not the same.
 */
export function serviceEndpointsMemo(
  seed: number,
  nodes: readonly Node[],
): {
  reusable(key: string, input: ServiceInput, taken: TakenNames): ServiceEndpoints | undefined;
  keep(key: string, result: ServiceEndpoints): void;
} {
  const last = lastServices;
  const previous = last?.seed === seed && equalJSON(last.nodes, nodes) ? last.byKey : undefined;
  const byKey = new Map<string, ServiceEndpoints>();
  lastServices = { seed, nodes, byKey };
  return {
    reusable(key, input, taken) {
      const before = previous?.get(key);
      if (
        !before?.clean ||
        !sameItems(before.pods, input.pods) ||
        !equalJSON(before.given, input.given) ||
        !equalJSON(before.reusable, input.reusable) ||
        !equalJSON(before.service, input.service) ||
        taken.holdsAny(before.generated)
      )
        return undefined;
      for (const name of before.generated) taken.add(name);
      byKey.set(key, before);
      return before;
    },
    keep(key, result) {
      byKey.set(key, result);
    },
  };
}
