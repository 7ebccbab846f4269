/** The cluster's objects as the terminal's kubectl finds them: by resource type, name and namespace, or by label selector. */
import { toKindPrefix, type GettableKind } from '../../kubectl/resources';
import type { Cluster, KubeObject } from '../../model';
import type { LabelRequirement } from '../../kubectl/labelSelector';

/** The kinds the terminal's kubectl finds: the ones `kubectl get` prints. */
export type ObjectKind = GettableKind;

const lists: Record<ObjectKind, (c: Cluster) => KubeObject[]> = {
  Pod: (c) => c.pods,
  Service: (c) => c.services,
  Endpoints: (c) => c.endpoints,
  EndpointSlice: (c) => c.endpointSlices,
  Node: (c) => c.nodes,
  Deployment: (c) => c.deployments,
  ReplicaSet: (c) => c.replicaSets,
  Namespace: (c) => c.namespaces,
  ConfigMap: (c) => c.configMaps,
};

export const namespaceOf = (o: KubeObject): string => o.metadata?.namespace ?? 'default';
export const nameOf = (o: KubeObject): string => o.metadata?.name ?? '';

export function objectsOfKind(cluster: Cluster, kind: ObjectKind): KubeObject[] {
  return lists[kind](cluster);
}

export function findClusterObject(
  cluster: Cluster,
  kind: ObjectKind,
  namespace: string | undefined,
  name: string,
): KubeObject | undefined {
  return objectsOfKind(cluster, kind).find(
    (o) => nameOf(o) === name && (namespace === undefined || namespaceOf(o) === namespace),
  );
}

/** `deployments.apps`, `services`: the plural resource with its group, as API errors name it. */
export function qualifiedPlural(kind: string, plural: string): string {
  const prefix = toKindPrefix(kind);
  const dot = prefix.indexOf('.');
  return dot === -1 ? plural : `${plural}${prefix.slice(dot)}`;
}

/** `Error from server (NotFound): deployments.apps "web" not found` */
export function notFound(kind: string, plural: string, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(kind, plural)} "${name}" not found\n`;
}

/** The cluster with only the objects whose labels match (what `kubectl get -l` lists). */
export function selectByLabels(cluster: Cluster, matches: LabelRequirement): Cluster {
  const keep = <T extends KubeObject>(list: T[]): T[] =>
    list.filter((o) => matches(o.metadata?.labels ?? {}));
  return {
    ...cluster,
    namespaces: keep(cluster.namespaces),
    nodes: keep(cluster.nodes),
    pods: keep(cluster.pods),
    deployments: keep(cluster.deployments),
    replicaSets: keep(cluster.replicaSets),
    services: keep(cluster.services),
    endpoints: keep(cluster.endpoints),
    endpointSlices: keep(cluster.endpointSlices),
    configMaps: keep(cluster.configMaps),
  };
}
