// Generates the editor's JSON schema (completion, hover, validation) from upstream Kubernetes'
// published OpenAPI v2 spec, api/openapi-spec/swagger.json, keeping only the kinds the playground
// models and the definitions they reference.
//
//   node scripts/generate-k8s-schema.mjs <swagger.json> <source note>
//
// The spec is upstream's file as published in kubernetes/kubernetes (the Kubernetes client
// libraries carry the same file unprocessed, e.g. kubernetes-client/python
// kubernetes/swagger.json.unprocessed). Output: src/ui/editor/schema/kubernetes.schema.json
// (then `npx prettier --write` it).
import { readFileSync, writeFileSync } from 'node:fs';

const [specPath, source] = process.argv.slice(2);
if (!specPath || !source) {
  console.error(
    'usage: node scripts/generate-k8s-schema.mjs <swagger.json> "<source and version>"',
  );
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const definitions = spec.definitions;

/** The kinds the playground models (src/engine/admission/index.ts), by their OpenAPI name. */
const kinds = [
  ['io.k8s.api.core.v1.Pod', 'v1', 'Pod'],
  ['io.k8s.api.core.v1.Service', 'v1', 'Service'],
  ['io.k8s.api.core.v1.Endpoints', 'v1', 'Endpoints'],
  ['io.k8s.api.core.v1.Node', 'v1', 'Node'],
  ['io.k8s.api.core.v1.Namespace', 'v1', 'Namespace'],
  ['io.k8s.api.core.v1.ConfigMap', 'v1', 'ConfigMap'],
  ['io.k8s.api.apps.v1.Deployment', 'apps/v1', 'Deployment'],
  ['io.k8s.api.apps.v1.ReplicaSet', 'apps/v1', 'ReplicaSet'],
  ['io.k8s.api.discovery.v1.EndpointSlice', 'discovery.k8s.io/v1', 'EndpointSlice'],
  ['io.k8s.api.networking.v1.ServiceCIDR', 'networking.k8s.io/v1', 'ServiceCIDR'],
];

/** Configuration documents the playground reads that the API server's spec does not describe. */
const configKinds = ['KubeProxyConfiguration', 'ClusterConfiguration'];

/** Types whose Go (un)marshalling accepts more than their OpenAPI `type` says. */
const special = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: ['integer', 'string'] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: ['string', 'number'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: ['string', 'null'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: ['string', 'null'] },
};

const refName = (ref) => ref.replace('#/definitions/', '');

/** A definition as draft-07 JSON schema: vendor extensions and Go formats dropped. */
function convert(node) {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'format') continue;
    if (key === 'default' && (value === '' || (typeof value === 'object' && value !== null)))
      continue;
    out[key] = key === 'properties' ? mapValues(value, convert) : convert(value);
  }
  // Unknown fields are errors, as kubectl's default strict field validation reports them.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function mapValues(object, f) {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, f(v)]));
}

function collectRefs(node, found) {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = refName(value);
        if (!found.has(name)) {
          found.add(name);
          collectRefs(definitions[name], found);
        }
      } else collectRefs(value, found);
    }
  }
}

const reachable = new Set(kinds.map(([name]) => name));
for (const [name] of kinds) collectRefs(definitions[name], reachable);

const out = {};
for (const name of [...reachable].sort()) {
  const definition = definitions[name];
  if (!definition) throw new Error(`missing definition ${name}`);
  out[name] = special[name]
    ? { description: definition.description, ...special[name] }
    : convert(definition);
}

const kindNames = kinds.map(([, , kind]) => kind);
const dispatch = kinds.map(([name, apiVersion, kind]) => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then: {
    allOf: [
      { $ref: `#/definitions/${name}` },
      { properties: { apiVersion: { enum: [apiVersion] } } },
    ],
  },
}));
out['playground.List'] = {
  description:
    'List holds objects as `kubectl get -o yaml` prints several; kubectl apply reads each item.',
  type: 'object',
  properties: {
    apiVersion: { type: 'string', enum: ['v1'] },
    kind: { type: 'string', enum: ['List'] },
    metadata: { type: 'object' },
    items: { type: 'array', items: { $ref: '#/definitions/playground.Object' } },
  },
  additionalProperties: false,
};
out['playground.Object'] = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: {
      description: 'The kind of object. The playground models these kinds.',
      anyOf: [{ enum: [...kindNames, 'List', ...configKinds] }, { type: 'string' }],
    },
  },
  allOf: [
    ...dispatch,
    {
      if: { properties: { kind: { const: 'List' } }, required: ['kind'] },
      then: { $ref: '#/definitions/playground.List' },
    },
  ],
};

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: `Generated by scripts/generate-k8s-schema.mjs from upstream Kubernetes' OpenAPI spec (api/openapi-spec/swagger.json): ${source}. Do not edit by hand.`,
  title: 'Kubernetes objects (the kinds the playground models)',
  allOf: [{ $ref: '#/definitions/playground.Object' }],
  definitions: out,
};

const target = 'src/ui/editor/schema/kubernetes.schema.json';
writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`${target}: ${reachable.size} definitions, ${JSON.stringify(schema).length} bytes`);
