/**
 * The `endpoints` query: one Service's Endpoints and EndpointSlices as kubectl prints them, and,
 * for every pod of its namespace, why it is or is not an endpoint (for the Endpoints panel).
 */
import { computeEndpointExplanation, type ServiceEndpointExplanation } from '../../engine/explain';
import { renderGet } from '../../engine/kubectl';
import type { Cluster, Simulation } from '../../engine/model';

export interface EndpointsQuery {
  kind: 'endpoints';
  /** `namespace/name` of the Service. */
  service: string;
}

/** A kubectl command line and what it prints (stdout, then stderr). */
export interface KubectlOutput {
  command: string;
  output: string;
}

export interface EndpointsAnswer {
  service: string;
  /** Undefined when the latest simulation has no such Service. */
  explanation: ServiceEndpointExplanation | undefined;
  kubectl: KubectlOutput[];
}

const serviceNameLabel = 'kubernetes.io/service-name';
/** The unselected pods sent to the page (the closest misses); a namespace may hold thousands. */
export const unselectedLimit = 50;

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return slash === -1 ? ['default', key] : [key.slice(0, slash), key.slice(slash + 1)];
}

function get(cluster: Cluster, namespace: string, args: string[]): string {
  const out = renderGet(cluster, { args, namespace, allNamespaces: false });
  return (out.warnings ?? '') + out.stdout + out.stderr;
}

export function answerEndpoints(simulation: Simulation, query: EndpointsQuery): EndpointsAnswer {
  const { cluster } = simulation;
  const [namespace, name] = splitKey(query.service);
  const flag = namespace === 'default' ? '' : ` -n ${namespace}`;
  // `kubectl get endpointslices -l kubernetes.io/service-name=NAME`: the printer given only the
  // slices the label selector matches.
  const slices = cluster.endpointSlices.filter(
    (s) =>
      (s.metadata?.namespace ?? 'default') === namespace &&
      s.metadata?.labels?.[serviceNameLabel] === name,
  );
  return {
    service: query.service,
    explanation: computeEndpointExplanation(cluster, namespace, name, unselectedLimit),
    kubectl: [
      {
        command: `kubectl get endpoints ${name}${flag}`,
        output: get(cluster, namespace, ['endpoints', name]),
      },
      {
        command: `kubectl get endpointslices -l ${serviceNameLabel}=${name}${flag}`,
        output: get({ ...cluster, endpointSlices: slices }, namespace, ['endpointslices']),
      },
    ],
  };
}
