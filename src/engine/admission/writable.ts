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

/** Replaces the field `key` of a copied map by `copy` of it, when the field is there. */
function ownField(map: unknown, key: string, copy: (value: unknown) => unknown): void {
  if (!isRecord(map)) return;
  const value = map[key];
  if (value !== undefined) map[key] = copy(value);
}

/** A copied list of copied items: defaulting writes into each item. */
function ownItems(list: unknown, copyItem: (item: unknown) => unknown): unknown {
  return Array.isArray(list) ? list.map(copyItem) : own(list);
}

/** A port of a container or a Service: its protocol (and nodePort, hostPort) are written. */
const ownPorts = (ports: unknown) => ownItems(ports, own);

/** A container: its pull policy and termination message fields, and its ports' protocols. */
function ownContainer(container: unknown): unknown {
  const out = own(container);
  ownField(out, 'ports', ownPorts);
  return out;
}

const ownContainers = (list: unknown) => ownItems(list, ownContainer);

/** A pod spec as SetDefaults_PodSpec writes it: the spec and its containers. */
function ownPodSpec(spec: unknown): unknown {
  const out = own(spec);
  ownField(out, 'containers', ownContainers);
  ownField(out, 'initContainers', ownContainers);
  return out;
}

/** A pod template: its spec (its metadata is only read). */
function ownTemplate(template: unknown): unknown {
  const out = own(template);
  ownField(out, 'spec', ownPodSpec);
  return out;
}

/** The top level and metadata of a request: apply sets the namespace, and `??=` the spec. */
function ownTop(request: KubeObject): Record<string, unknown> {
  const out = own(request) as Record<string, unknown>;
  ownField(out, 'metadata', own);
  return out;
}

/** A Service's spec: its defaults and allocated values, and its ports' protocols and NodePorts. */
function ownServiceSpec(spec: unknown): unknown {
  const out = own(spec);
  ownField(out, 'ports', ownPorts);
  return out;
}

/** A Deployment's strategy: its type and its rolling update's defaults. */
function ownStrategy(strategy: unknown): unknown {
  const out = own(strategy);
  ownField(out, 'rollingUpdate', own);
  return out;
}

/** A Deployment's spec: its defaults, its strategy and its template. */
function ownDeploymentSpec(spec: unknown): unknown {
  const out = own(spec);
  ownField(out, 'strategy', ownStrategy);
  ownField(out, 'template', ownTemplate);
  return out;
}

/** A ReplicaSet's spec: its defaults and its template. */
function ownReplicaSetSpec(spec: unknown): unknown {
  const out = own(spec);
  ownField(out, 'template', ownTemplate);
  return out;
}

/** The copy of a request of a kind with a spec that `ownSpec` copies. */
function withSpec(ownSpec: (spec: unknown) => unknown): Writer {
  return (request) => {
    const out = ownTop(request);
    ownField(out, 'spec', ownSpec);
    return out as unknown as KubeObject;
  };
}

/** The writers by kind (a Map: the parser's kind string is hashed once, see resources). */
const writers = new Map<string, Writer>([
  ['Service', withSpec(ownServiceSpec)],
  ['Pod', withSpec(ownPodSpec)],
  ['Deployment', withSpec(ownDeploymentSpec)],
  ['ReplicaSet', withSpec(ownReplicaSetSpec)],
  // Neither defaulted nor allocated: only the top level and metadata are written.
  ['Node', (request) => ownTop(request) as unknown as KubeObject],
  ['ConfigMap', (request) => ownTop(request) as unknown as KubeObject],
]);

/**
 * A copy of a request that admission may write to. A built-in object is copied whole: it is
 * made by code, which may leave a field undefined where cloneJSON drops it.
 */
export function writableCopy(request: KubeObject, builtIn: boolean): KubeObject {
  const writer = builtIn ? undefined : writers.get(request.kind);
  return writer ? writer(request) : cloneJSON(request);
}
