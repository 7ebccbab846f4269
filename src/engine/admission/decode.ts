/**
 * The API server's JSON decoding of a request: a value of the wrong JSON type fails the whole
 * request with a BadRequest, before defaulting or validation
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go transformDecodeError, and
 * encoding/json's UnmarshalTypeError text).
 */

type GoType = 'string' | 'int32' | 'bool';

interface Expectation {
  /** Field path with `*` for every element of a list or every value of a map. */
  path: readonly string[];
  /** Go struct and JSON path as encoding/json names them, e.g. `ServicePort.spec.ports.port`. */
  goField: string;
  type: GoType;
}

const meta = (prefix: string[], struct: string, goPath: string): Expectation[] => [
  { path: [...prefix, 'name'], goField: `${struct}.${goPath}.name`, type: 'string' },
  { path: [...prefix, 'namespace'], goField: `${struct}.${goPath}.namespace`, type: 'string' },
  { path: [...prefix, 'labels', '*'], goField: `${struct}.${goPath}.labels`, type: 'string' },
  {
    path: [...prefix, 'annotations', '*'],
    goField: `${struct}.${goPath}.annotations`,
    type: 'string',
  },
];

const containerPorts = (prefix: string[], goPath: string): Expectation[] => [
  {
    path: [...prefix, 'containers', '*', 'name'],
    goField: `Container.${goPath}.containers.name`,
    type: 'string',
  },
  {
    path: [...prefix, 'containers', '*', 'image'],
    goField: `Container.${goPath}.containers.image`,
    type: 'string',
  },
  {
    path: [...prefix, 'containers', '*', 'ports', '*', 'containerPort'],
    goField: `ContainerPort.${goPath}.containers.ports.containerPort`,
    type: 'int32',
  },
];

const template = (): Expectation[] => [
  ...meta(['spec', 'template', 'metadata'], 'ObjectMeta', 'spec.template.metadata'),
  ...containerPorts(['spec', 'template', 'spec'], 'spec.template.spec'),
  { path: ['spec', 'replicas'], goField: 'DeploymentSpec.spec.replicas', type: 'int32' },
  {
    path: ['spec', 'selector', 'matchLabels', '*'],
    goField: 'LabelSelector.spec.selector.matchLabels',
    type: 'string',
  },
];

const expectations: Record<string, Expectation[]> = {
  Service: [
    { path: ['spec', 'ports', '*', 'port'], goField: 'ServicePort.spec.ports.port', type: 'int32' },
    {
      path: ['spec', 'ports', '*', 'nodePort'],
      goField: 'ServicePort.spec.ports.nodePort',
      type: 'int32',
    },
    {
      path: ['spec', 'ports', '*', 'name'],
      goField: 'ServicePort.spec.ports.name',
      type: 'string',
    },
    { path: ['spec', 'selector', '*'], goField: 'ServiceSpec.spec.selector', type: 'string' },
    { path: ['spec', 'clusterIP'], goField: 'ServiceSpec.spec.clusterIP', type: 'string' },
    {
      path: ['spec', 'healthCheckNodePort'],
      goField: 'ServiceSpec.spec.healthCheckNodePort',
      type: 'int32',
    },
    {
      path: ['spec', 'publishNotReadyAddresses'],
      goField: 'ServiceSpec.spec.publishNotReadyAddresses',
      type: 'bool',
    },
  ],
  Pod: containerPorts(['spec'], 'spec'),
  Deployment: template(),
  ReplicaSet: template().map((e) =>
    e.path[1] === 'replicas' ? { ...e, goField: 'ReplicaSetSpec.spec.replicas' } : e,
  ),
  Endpoints: [
    {
      path: ['subsets', '*', 'ports', '*', 'port'],
      goField: 'EndpointPort.subsets.ports.port',
      type: 'int32',
    },
    {
      path: ['subsets', '*', 'addresses', '*', 'ip'],
      goField: 'EndpointAddress.subsets.addresses.ip',
      type: 'string',
    },
  ],
  EndpointSlice: [
    { path: ['ports', '*', 'port'], goField: 'EndpointPort.ports.port', type: 'int32' },
    {
      path: ['endpoints', '*', 'addresses', '*'],
      goField: 'Endpoint.endpoints.addresses',
      type: 'string',
    },
  ],
};

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** The UnmarshalTypeError's value: `number 1.5` for a number that does not fit the integer type. */
function mismatch(value: unknown, type: GoType): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (type === 'string') return typeof value === 'string' ? undefined : jsonType(value);
  if (type === 'bool') return typeof value === 'boolean' ? undefined : jsonType(value);
  if (typeof value !== 'number') return jsonType(value);
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647
    ? undefined
    : `number ${String(value)}`;
}

/** How a step of the walk reached its value: by field name, list index, or map key. */
type Step = 'name' | 'index' | 'key';

/**
 * Where the walk is: the steps taken so far. The path text is built only for a value of the
 * wrong type (building it at every step cost a string per field of every request).
 */
interface Trail {
  segments: (string | number)[];
  steps: Step[];
}

function pathText(trail: Trail): string {
  let at = '';
  for (let i = 0; i < trail.segments.length; i++) {
    const segment = String(trail.segments[i]);
    const how = trail.steps[i];
    if (how === 'index') at = `${at}[${segment}]`;
    else if (how === 'key') at = `${at}.${segment}`;
    else at = at === '' ? segment : `${at}.${segment}`;
  }
  return at;
}

/**
 * The expectations of a kind as one tree of fields, so that a request is walked once (its
 * `spec.template.spec.containers` once, not once per field below it) to learn whether it decodes
 * at all; nearly every request does, and the ordered search for the first error (firstInOrder,
 * which lays a trail) runs only for one that does not.
 */
interface FieldTree {
  /** The type the value here must have, when an expectation ends here. */
  types: GoType[];
  /** The Go field of each type, as the error names it. */
  goFields: string[];
  /** Fields by name, and the tree of each (as firstInOrder steps by name). */
  names: string[];
  children: FieldTree[];
  /** Every element of a list or value of a map (`*`). */
  each?: FieldTree;
}

function fieldTree(list: readonly Expectation[]): FieldTree {
  const root: FieldTree = { types: [], goFields: [], names: [], children: [] };
  for (const e of list) {
    let node = root;
    for (const segment of e.path) {
      let next = segment === '*' ? node.each : node.children[node.names.indexOf(segment)];
      if (!next) {
        next = { types: [], goFields: [], names: [], children: [] };
        if (segment === '*') node.each = next;
        else {
          node.names.push(segment);
          node.children.push(next);
        }
      }
      node = next;
    }
    node.types.push(e.type);
    node.goFields.push(e.goField);
  }
  return root;
}

/**
 * Whether every expectation of the tree holds for `value`: the walk of firstInOrder without its order.
 * A missing field reads as undefined, which, as null, fits every type and has nothing below it:
 * most expected fields are missing from most requests.
 */
function fits(value: unknown, tree: FieldTree): boolean {
  if (value === undefined || value === null) return true;
  const types = tree.types;
  for (let i = 0; i < types.length; i++)
    if (mismatch(value, types[i] as GoType) !== undefined) return false;
  if (typeof value !== 'object') return true;
  const each = tree.each;
  if (Array.isArray(value)) {
    if (each) for (let i = 0; i < value.length; i++) if (!fits(value[i], each)) return false;
    return true;
  }
  const map = value as Record<string, unknown>;
  if (each) for (const k in map) if (!fits(map[k], each)) return false;
  // No Object.hasOwn first: no expected field is a name an object inherits.
  const names = tree.names;
  for (let i = 0; i < names.length; i++)
    if (!fits(map[names[i] as string], tree.children[i] as FieldTree)) return false;
  return true;
}

/** The first value of the wrong type: its UnmarshalTypeError value, Go field and type. */
interface Found {
  wrong: string;
  goField: string;
  type: GoType;
}

/**
 * The first value of the wrong type in the order the decoder meets it: kubectl sends JSON
 * marshaled from a map, so every object's keys come sorted, and encoding/json reports the
 * earliest UnmarshalTypeError. `trail` is left at the value found.
 */
function firstInOrder(value: unknown, tree: FieldTree, trail: Trail): Found | undefined {
  if (value === undefined || value === null) return undefined;
  for (let i = 0; i < tree.types.length; i++) {
    const type = tree.types[i] as GoType;
    const wrong = mismatch(value, type);
    if (wrong !== undefined) return { wrong, goField: tree.goFields[i] ?? '', type };
  }
  if (typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const each = tree.each;
    if (each)
      for (let j = 0; j < value.length; j++) {
        const found = stepInto(value[j], each, trail, j, 'index');
        if (found) return found;
      }
    return undefined;
  }
  const map = value as Record<string, unknown>;
  for (const k of Object.keys(map).sort()) {
    const at = tree.names.indexOf(k);
    const child = at >= 0 ? tree.children[at] : tree.each;
    if (!child) continue;
    const found = stepInto(map[k], child, trail, k, at >= 0 ? 'name' : 'key');
    if (found) return found;
  }
  return undefined;
}

/** One step down the trail; the step stays on the trail when a wrong value lies below it. */
function stepInto(
  value: unknown,
  tree: FieldTree,
  trail: Trail,
  segment: string | number,
  how: Step,
): Found | undefined {
  trail.segments.push(segment);
  trail.steps.push(how);
  const found = firstInOrder(value, tree, trail);
  if (!found) {
    trail.segments.pop();
    trail.steps.pop();
  }
  return found;
}

const byKind = new Map<string, FieldTree>();

/** The expectations of a kind as one tree, made once per kind. */
function treeOf(kind: string): FieldTree {
  let tree = byKind.get(kind);
  if (!tree) {
    tree = fieldTree([
      ...meta(['metadata'], 'ObjectMeta', 'metadata'),
      ...(expectations[kind] ?? []),
    ]);
    byKind.set(kind, tree);
  }
  return tree;
}

export interface DecodeError {
  message: string;
  path: string;
}

/** The first JSON type error of the object, as the API server reports it, or undefined. */
export function decodeError(
  object: Record<string, unknown>,
  kind: string,
  version: string,
): DecodeError | undefined {
  const tree = treeOf(kind);
  if (fits(object, tree)) return undefined;
  const trail: Trail = { segments: [], steps: [] };
  const found = firstInOrder(object, tree, trail);
  return (
    found && {
      message: `${kind} in version "${version}" cannot be handled as a ${kind}: json: cannot unmarshal ${found.wrong} into Go struct field ${found.goField} of type ${found.type}`,
      path: pathText(trail),
    }
  );
}
