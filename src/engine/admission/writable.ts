/**
 * The API server's own copy of a request, which admission defaults and allocates in place
 * (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, the Service allocation of
 * pkg/registry/core/service/storage): a copy of each object on a path that defaulting or
 * allocation writes to, sharing everything else with the request (selectors, labels, a
 * template's metadata...). Nothing modifies a request or a stored object, so a shared part stays
 * as written. A kind whose defaulting is not followed here is copied whole; so is every request
 * of kinds like Endpoints that are rare in a large input.
 */
import type { KubeObject } from '../model';
import { cloneJSON } from './json';
import { isRecord } from './meta';

type Writer = (request: KubeObject) => KubeObject;

/** A shallow copy of a map or a list (as cloneJSON copies them), or the value itself. */
function own(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice();
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const v = value[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A copy of a value that admission may write to (where it is a map or a list). */
type Copier = (value: unknown) => unknown;

/** A copied list of copied items: defaulting writes into each item. */
function ownItems(copyItem: Copier): Copier {
  return (list) => (Array.isArray(list) ? list.map(copyItem) : own(list));
}

/** A copied map whose `fields`, where present, are copied in turn by their own copier. */
function ownWith(fields: Record<string, Copier>): Copier {
  return (value) => {
    const out = own(value);
    if (isRecord(out))
      for (const key in fields) {
        const field = out[key];
        if (field !== undefined) out[key] = (fields[key] as Copier)(field);
      }
    return out;
  };
}

/** A port of a container or a Service: its protocol (and nodePort, hostPort) are written. */
const ownPorts = ownItems(own);

/** Containers: their pull policy and termination message fields, and their ports' protocols. */
const ownContainers = ownItems(ownWith({ ports: ownPorts }));

/** A pod spec as SetDefaults_PodSpec writes it: the spec and its containers. */
const ownPodSpec = ownWith({ containers: ownContainers, initContainers: ownContainers });

/** A pod template: its spec (its metadata is only read). */
const ownTemplate = ownWith({ spec: ownPodSpec });

/**
 * A request's top level and metadata (apply sets the namespace, and `??=` the spec), and its
 * spec as `ownSpec` copies it.
 */
function ownRequest(ownSpec?: Copier): Writer {
  const copy = ownWith(ownSpec ? { metadata: own, spec: ownSpec } : { metadata: own });
  return (request) => copy(request) as KubeObject;
}

/** A Service's spec: its defaults and allocated values, and its ports' protocols and NodePorts. */
const ownServiceSpec = ownWith({ ports: ownPorts });

/** A Deployment's spec: its defaults, its strategy (and rolling update's defaults), its template. */
const ownDeploymentSpec = ownWith({
  strategy: ownWith({ rollingUpdate: own }),
  template: ownTemplate,
});

/** A ReplicaSet's spec: its defaults and its template. */
const ownReplicaSetSpec = ownWith({ template: ownTemplate });

/** The writers by kind (a Map: the parser's kind string is hashed once, see resources). */
const writers = new Map<string, Writer>([
  ['Service', ownRequest(ownServiceSpec)],
  ['Pod', ownRequest(ownPodSpec)],
  ['Deployment', ownRequest(ownDeploymentSpec)],
  ['ReplicaSet', ownRequest(ownReplicaSetSpec)],
  // Neither defaulted nor allocated: only the top level and metadata are written.
  ['Node', ownRequest()],
  ['ConfigMap', ownRequest()],
]);

/**
 * A copy of a request that admission may write to. A built-in object is copied whole: it is
 * made by code, which may leave a field undefined where cloneJSON drops it.
 */
export function writableCopy(request: KubeObject, builtIn: boolean): KubeObject {
  const writer = builtIn ? undefined : writers.get(request.kind);
  return writer ? writer(request) : cloneJSON(request);
}
