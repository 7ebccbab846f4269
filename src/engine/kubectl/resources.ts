/**
 * The resource names kubectl prints and accepts: `service/web` in apply and multi-kind get
 * output, and the plural, singular and short names of `kubectl get` (the discovery document's
 * `name`, `singularName` and `shortNames`).
 */

/** The API group of each kind kubectl names (core kinds have none). */
const groups: Record<string, string> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  EndpointSlice: 'discovery.k8s.io',
  ServiceCIDR: 'networking.k8s.io',
};

/** `service`, `deployment.apps`, `endpointslice.discovery.k8s.io`: lower-case kind, dot, group. */
export function toKindPrefix(kind: string): string {
  const group = groups[kind];
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** `service/web`, as `kubectl apply` and a multi-kind `kubectl get` name an object. */
export function toResourceName(kind: string, name: string): string {
  return `${toKindPrefix(kind)}/${name}`;
}

export type GettableKind =
  | 'Pod'
  | 'Service'
  | 'Endpoints'
  | 'EndpointSlice'
  | 'Node'
  | 'Deployment'
  | 'ReplicaSet'
  | 'Namespace'
  | 'ConfigMap';

export interface ResourceType {
  kind: GettableKind;
  /** The plural resource name, as errors name it (`services "x" not found`). */
  plural: string;
  namespaced: boolean;
}

const resourceTypes: readonly (ResourceType & { names: readonly string[] })[] = [
  { kind: 'Pod', plural: 'pods', namespaced: true, names: ['pods', 'pod', 'po'] },
  { kind: 'Service', plural: 'services', namespaced: true, names: ['services', 'service', 'svc'] },
  { kind: 'Endpoints', plural: 'endpoints', namespaced: true, names: ['endpoints', 'ep'] },
  {
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    namespaced: true,
    names: ['endpointslices', 'endpointslice'],
  },
  { kind: 'Node', plural: 'nodes', namespaced: false, names: ['nodes', 'node', 'no'] },
  {
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    names: ['deployments', 'deployment', 'deploy'],
  },
  {
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
    names: ['replicasets', 'replicaset', 'rs'],
  },
  {
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    names: ['namespaces', 'namespace', 'ns'],
  },
  {
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    names: ['configmaps', 'configmap', 'cm'],
  },
];

/** What `kubectl get all` lists (its `all` category), in kubectl's order, among modelled kinds. */
const allCategory: readonly GettableKind[] = ['Pod', 'Service', 'Deployment', 'ReplicaSet'];

/**
 * Resolves a resource argument as kubectl's RESTMapper does: `svc`, `services`, `service`,
 * `services.v1`, `deployments.apps`, `endpointslices.discovery.k8s.io`.
 */
export function findResourceType(arg: string): ResourceType | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot === -1 ? lower : lower.slice(0, dot);
  const group = dot === -1 ? undefined : lower.slice(dot + 1);
  const found = resourceTypes.find((t) => t.names.includes(name));
  if (!found) return undefined;
  if (group !== undefined) {
    const own = groups[found.kind] ?? '';
    const accepted = own === '' ? ['', 'v1'] : [own, `v1.${own}`];
    if (!accepted.includes(group)) return undefined;
  }
  return { kind: found.kind, plural: found.plural, namespaced: found.namespaced };
}

/** Expands `kubectl get` resource arguments (`pods,svc`, `all`) into resource types. */
export function parseResourceList(
  arg: string,
): { type: 'ok'; types: ResourceType[] } | { type: 'error'; name: string } {
  const types: ResourceType[] = [];
  for (const part of arg.split(',')) {
    if (part === 'all') {
      for (const kind of allCategory) {
        const t = findResourceType(kind.toLowerCase());
        if (t) types.push(t);
      }
      continue;
    }
    const t = findResourceType(part);
    if (!t) return { type: 'error', name: part };
    types.push(t);
  }
  return { type: 'ok', types };
}
