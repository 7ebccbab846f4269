/**
 * The engine's one entry point: YAML text in, a Simulation out. Pure and deterministic; bad
 * input comes back as diagnostics, never as an exception.
 */
import { createApiServer } from './admission';
import { cachedBuiltins, defaultNodes } from './builtins';
import { groupByKind, runControllers } from './controllers';
import { readCorednsConfig } from './coredns/config';
import { computeTeacherWarnings } from './explain';
import { objectKey } from './keys';
import type {
  Cluster,
  Diagnostic,
  Finding,
  KubeObject,
  Node,
  SimulateOptions,
  Simulation,
  SourcePosition,
  SourcedObject,
} from './model';
import { readObjects } from './objects';
import { withProperties } from './onRead';
import { parseDocuments } from './parse';
import { resolveClusterSettings, resolveProxySettings } from './settings';

export type * from './model';

const configKinds = new Set(['KubeProxyConfiguration', 'ClusterConfiguration']);

let lastNodes: { key: string; nodes: Node[] } | undefined;

/** The default nodes for these settings, made once: they are frozen with the other built-ins. */
function defaultNodesFor(settings: Cluster['settings']): Node[] {
  const key = JSON.stringify(settings);
  if (lastNodes?.key !== key) lastNodes = { key, nodes: defaultNodes(settings) };
  return lastNodes.nodes;
}

function internalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function builtIn(object: KubeObject, order: number): SourcedObject {
  return { object, order, locate: () => undefined };
}

/** Turns a component's finding about a stored object into a diagnostic at the object's field. */
function toDiagnostic(
  finding: Finding,
  sourceOf: (key: string) => SourcedObject | undefined,
): Diagnostic | undefined {
  const source = sourceOf(finding.object);
  const at = source?.locate(finding.path) ?? source?.locate('');
  if (!at) return undefined;
  return {
    severity: finding.severity,
    message: finding.message,
    document: at.document,
    path: finding.path,
    line: at.line,
    column: at.column,
    source: finding.source,
    object: finding.object,
  };
}

/**
 * Where each stored object starts, by key, in the order of the keys' first objects; a key
 * stored twice (a snapshot read as it is) is placed by its last object, as a map of the objects
 * by key would have it (every object of the input has a place, and the built-ins, which have
 * none, share no key with one).
 */
function positionsOf(stored: readonly SourcedObject[]): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {};
  for (const source of stored) {
    const at = source.locate('');
    if (at)
      positions[objectKey(source.object)] = {
        document: at.document,
        line: at.line,
        column: at.column,
      };
  }
  return positions;
}

/** Reads the input and computes what a cluster would make of it. */
export function simulate(input: string, options: SimulateOptions = {}): Simulation {
  const clock = options.clock ?? (() => 0);
  const t0 = clock();
  const read = readObjects(parseDocuments(input), options.file);
  const t1 = clock();
  const diagnostics = [...read.diagnostics];
  const settings = resolveClusterSettings(read.objects, diagnostics);
  const proxy = resolveProxySettings(read.objects, settings, options, diagnostics);
  const requests = read.objects.filter((o) => !configKinds.has(o.object.kind));

  const inputNodes = requests.filter((o) => o.object.kind === 'Node');
  const assumedNodes = inputNodes.length === 0 ? defaultNodesFor(settings) : [];
  const applied: Simulation['applied'] = [];
  let stored: SourcedObject[];

  if (options.admitted) {
    stored = [...assumedNodes.map((n, i) => builtIn(n, -assumedNodes.length + i)), ...requests];
  } else {
    const api = createApiServer(settings);
    const firstNode = (inputNodes[0]?.object as Node | undefined) ?? assumedNodes[0];
    const all = cachedBuiltins(settings, assumedNodes, firstNode && internalIP(firstNode));
    // The input replaces a built-in object of the same key; only requests of a built-in's name
    // can (a handful of keys, rather than one for each of 20,000 requests).
    const names = new Set(all.map((o) => o.metadata?.name));
    const given = new Set<string>();
    for (const o of requests)
      if (names.has(o.object.metadata?.name)) given.add(objectKey(o.object));
    const builtins = all.filter((o) => !given.has(objectKey(o)));
    builtins.forEach((object, i) =>
      api.apply(builtIn(object, i - builtins.length), { builtIn: true }),
    );
    for (const request of requests) {
      const { result, diagnostics: found } = api.apply(request);
      applied.push(result);
      diagnostics.push(...found);
    }
    stored = api.stored();
  }

  const t2 = clock();
  // The stored objects by key, for the findings' diagnostics: made when there is one.
  let sources: Map<string, SourcedObject> | undefined;
  const sourceOf = (key: string) =>
    (sources ??= new Map(stored.map((o) => [objectKey(o.object), o]))).get(key);
  const objects = stored.map((o) => o.object);
  const state = options.admitted
    ? { ...groupByKind(objects), findings: [] }
    : runControllers({ settings, seed: options.seed ?? 1, objects });
  const t3 = clock();
  for (const finding of state.findings) {
    const diagnostic = toDiagnostic(finding, sourceOf);
    if (diagnostic) diagnostics.push(diagnostic);
  }

  // The state's objects, the v1 Endpoints left to be made when read.
  const cluster: Cluster = withProperties({ settings, proxy }, state, 'findings') as Cluster;
  cluster.defaultNodes = assumedNodes.length > 0;
  // CoreDNS reads its Corefile from the cluster: a Corefile it cannot read is reported on the ConfigMap.
  for (const finding of readCorednsConfig(cluster).findings) {
    const diagnostic = toDiagnostic(finding, sourceOf);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  // The teacher's warnings (explain/): a selector matching no pod, a targetPort no pod exposes...
  for (const finding of computeTeacherWarnings(cluster)) {
    const diagnostic = toDiagnostic(finding, sourceOf);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  const positions = positionsOf(stored);
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const timings = options.clock
    ? { parse: t1 - t0, admission: t2 - t1, controllers: t3 - t2 }
    : undefined;
  return { cluster, diagnostics, applied, sources: positions, ...(timings ? { timings } : {}) };
}
