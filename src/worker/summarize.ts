/**
 * Reduces a Simulation to the summary the page draws (see protocol.ts). Pure; runs in the worker.
 */
import type {
  Diagnostic,
  EndpointSlice,
  Node,
  ObjectMeta,
  Pod,
  ReplicaSet,
  Service,
  Simulation,
  SourcePosition,
} from '../engine/model';
import { sameItems } from '../engine/admission/json';
import type {
  EndpointSummary,
  NodeSummary,
  OmittedPods,
  PodCounts,
  PodSummary,
  ServicePortSummary,
  ServiceSummary,
  SimulationSummary,
  SummaryChunkReply,
  SummaryChunks,
} from './protocol';

/** The label that ties an EndpointSlice to its Service (discovery.k8s.io/v1). */
const serviceNameLabel = 'kubernetes.io/service-name';

function namespaceOf(meta: ObjectMeta | undefined): string {
  return meta?.namespace || 'default';
}

function sourceOf(
  sim: Simulation,
  kind: string,
  meta: ObjectMeta | undefined,
  namespaced = true,
): { source?: SourcePosition } {
  // Same key as the engine's objectKey: `kind/namespace/name`.
  const key = `${kind}/${namespaced ? (meta?.namespace ?? 'default') : ''}/${meta?.name ?? ''}`;
  const source = sim.sources[key];
  return source ? { source } : {};
}

function toEndpoints(slices: EndpointSlice[]): EndpointSummary[] {
  const out: EndpointSummary[] = [];
  for (const slice of slices) {
    const ports = slice.ports?.length ? slice.ports : [{}];
    for (const endpoint of slice.endpoints ?? []) {
      const conditions = endpoint.conditions ?? {};
      // A nil `ready` means ready, and a nil `serving` follows `ready` (discovery/v1 types.go).
      const ready = conditions.ready ?? true;
      const ref = endpoint.targetRef;
      for (const ip of endpoint.addresses ?? []) {
        for (const port of ports) {
          out.push({
            ip,
            port: port.port ?? 0,
            portName: port.name ?? '',
            protocol: port.protocol ?? 'TCP',
            ready,
            serving: conditions.serving ?? ready,
            terminating: conditions.terminating ?? false,
            ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
            ...(ref?.kind === 'Pod' && ref.name
              ? { pod: `${ref.namespace || namespaceOf(slice.metadata)}/${ref.name}` }
              : {}),
          });
        }
      }
    }
  }
  return out;
}

function toPorts(service: Service): ServicePortSummary[] {
  return (service.spec?.ports ?? []).map((p) => ({
    name: p.name ?? '',
    protocol: p.protocol ?? 'TCP',
    port: p.port ?? 0,
    targetPort: p.targetPort ?? p.port ?? 0,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
  }));
}

/**
 * The last summary of each Service, with what it was made from: on a keystroke in a large
 * cluster the engine hands out the very Service and EndpointSlice objects of the previous run
 * for everything the edit did not touch, and their summary is the same.
 */
const serviceSummaries = new WeakMap<
  Service,
  { slices: EndpointSlice[]; source: SourcePosition | undefined; summary: ServiceSummary }
>();

function samePosition(a: SourcePosition | undefined, b: SourcePosition | undefined): boolean {
  return (
    a === b ||
    (a !== undefined &&
      b !== undefined &&
      a.document === b.document &&
      a.line === b.line &&
      a.column === b.column)
  );
}

function toService(
  sim: Simulation,
  service: Service,
  slicesByService: Map<string, EndpointSlice[]>,
): ServiceSummary {
  const namespace = namespaceOf(service.metadata);
  const name = service.metadata.name ?? '';
  const slices = slicesByService.get(`${namespace}/${name}`) ?? [];
  const { source } = sourceOf(sim, 'Service', service.metadata);
  const known = serviceSummaries.get(service);
  if (known && sameItems(known.slices, slices) && samePosition(known.source, source))
    return known.summary;
  const summary = serviceSummary(service, slices, source);
  serviceSummaries.set(service, { slices, source, summary });
  return summary;
}

function serviceSummary(
  service: Service,
  slices: EndpointSlice[],
  source: SourcePosition | undefined,
): ServiceSummary {
  const namespace = namespaceOf(service.metadata);
  const name = service.metadata.name ?? '';
  const spec = service.spec ?? {};
  const clusterIPs = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    type: spec.type ?? 'ClusterIP',
    clusterIPs,
    clusterIP: spec.clusterIP ?? clusterIPs[0] ?? '',
    ...(spec.externalName ? { externalName: spec.externalName } : {}),
    externalIPs: spec.externalIPs ?? [],
    loadBalancerIngress: (service.status?.loadBalancer?.ingress ?? [])
      .map((i) => i.ip ?? i.hostname ?? '')
      .filter(Boolean),
    ...(spec.externalTrafficPolicy ? { externalTrafficPolicy: spec.externalTrafficPolicy } : {}),
    ipFamilies: spec.ipFamilies ?? [],
    ...(spec.selector ? { selector: spec.selector } : {}),
    ports: toPorts(service),
    endpoints: toEndpoints(slices),
    ...(source ? { source } : {}),
  };
}

function isPodReady(pod: Pod): boolean {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return condition?.status === 'True';
}

/** The cluster's ReplicaSets by `namespace/name` (built once per summary: pods look theirs up). */
type ReplicaSetIndex = Map<string, ReplicaSet>;

function indexReplicaSets(sim: Simulation): ReplicaSetIndex {
  const index: ReplicaSetIndex = new Map();
  for (const rs of sim.cluster.replicaSets) {
    const key = `${namespaceOf(rs.metadata)}/${rs.metadata.name ?? ''}`;
    if (!index.has(key)) index.set(key, rs);
  }
  return index;
}

/**
 * The Deployment (else the ReplicaSet) written in the text whose template made the pod, following
 * the controller owner references.
 */
function templateOf(
  sim: Simulation,
  replicaSets: ReplicaSetIndex,
  pod: Pod,
): PodSummary['template'] {
  const namespace = namespaceOf(pod.metadata);
  const rsRef = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet');
  if (!rsRef?.name) return undefined;
  const rs = replicaSets.get(`${namespace}/${rsRef.name}`);
  const deployment = rs?.metadata.ownerReferences?.find(
    (r) => r.controller && r.kind === 'Deployment',
  )?.name;
  if (deployment) {
    const source = sim.sources[`Deployment/${namespace}/${deployment}`];
    if (source) return { kind: 'Deployment', key: `${namespace}/${deployment}`, source };
  }
  const source = sim.sources[`ReplicaSet/${namespace}/${rsRef.name}`];
  return source ? { kind: 'ReplicaSet', key: `${namespace}/${rsRef.name}`, source } : undefined;
}

function toPod(sim: Simulation, pod: Pod): PodSummary {
  const namespace = namespaceOf(pod.metadata);
  const name = pod.metadata.name ?? '';
  const status = pod.status ?? {};
  const podIPs = (status.podIPs ?? []).map((p) => p.ip ?? '').filter(Boolean);
  if (podIPs.length === 0 && status.podIP) podIPs.push(status.podIP);
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    labels: pod.metadata.labels ?? {},
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    podIPs,
    ...(status.phase ? { phase: status.phase } : {}),
    ready: isPodReady(pod),
    terminating: Boolean(pod.metadata.deletionTimestamp),
    ...(owner?.kind && owner.name ? { owner: `${owner.kind}/${owner.name}` } : {}),
    ...sourceOf(sim, 'Pod', pod.metadata),
  };
}

function withTemplate(
  sim: Simulation,
  replicaSets: ReplicaSetIndex,
  pod: Pod,
  summary: PodSummary,
): PodSummary {
  if (summary.source) return summary;
  const template = templateOf(sim, replicaSets, pod);
  return template ? { ...summary, template } : summary;
}

function toNode(sim: Simulation, node: Node): NodeSummary {
  const spec = node.spec ?? {};
  return {
    name: node.metadata.name ?? '',
    internalIPs: (node.status?.addresses ?? [])
      .filter((a) => a.type === 'InternalIP' && a.address)
      .map((a) => a.address ?? ''),
    podCIDRs: spec.podCIDRs ?? (spec.podCIDR ? [spec.podCIDR] : []),
    unschedulable: spec.unschedulable ?? false,
    ready: node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'False',
    ...sourceOf(sim, 'Node', node.metadata, false),
  };
}

/**
 * The warnings the API server returned for applied objects, as kubectl prints them, at the
 * object's document (unless the engine already reports them as diagnostics).
 */
function applyWarnings(sim: Simulation): Diagnostic[] {
  const known = new Set(sim.diagnostics.map((d) => d.message));
  const out: Diagnostic[] = [];
  for (const result of sim.applied) {
    if (!result.warnings?.length) continue;
    const object = `${result.kind}/${result.namespace ?? 'default'}/${result.name}`;
    const at = sim.sources[object] ?? sim.sources[`${result.kind}//${result.name}`];
    for (const warning of result.warnings ?? []) {
      const message = `Warning: ${warning}`;
      if (!at || known.has(message) || known.has(warning)) continue;
      out.push({
        severity: 'warning',
        message,
        document: at.document,
        path: '',
        line: at.line,
        column: at.column,
        source: 'kubectl',
        object,
      });
    }
  }
  return out;
}

/**
 * The most pods a summary lists. A larger cluster's graph draws its nodes with pod counts (past
 * `maxDrawnPods`), the request bar offers a few hundred sources, and the panels that need one of
 * the other pods ask for it (the `pods` query): sending 50,000 pods only to count them cost the
 * page a 20 MB copy and its garbage collection.
 */
export const podsSentLimit = 1000;

/** Whether the text holds a Pod (else no pod has a source to look up). */
function hasPodSources(sim: Simulation): boolean {
  for (const key in sim.sources) if (key.startsWith('Pod/')) return true;
  return false;
}

/** The pods of a simulation the page is sent, and what it knows of the others. */
function summarizePods(
  sim: Simulation,
  replicaSets: ReplicaSetIndex,
): { pods: PodSummary[]; omittedPods?: OmittedPods } {
  const all = sim.cluster.pods;
  const toSummary = (p: Pod) => withTemplate(sim, replicaSets, p, toPod(sim, p));
  if (all.length <= podsSentLimit) return { pods: all.map(toSummary) };
  const pods = all.slice(0, podsSentLimit).map(toSummary);
  const templates = new Set<string>();
  for (const pod of pods) if (pod.template?.kind === 'Deployment') templates.add(pod.template.key);
  const templateByOwners = new Map<object, PodSummary['template'] | null>();
  const counting = countPods(all);
  const omitted: OmittedPods = {
    total: all.length,
    outsideKubeSystem: counting.outsideKubeSystem,
    byNode: counting.byNode,
    starts: [],
  };
  // Pods written in the text have a source; a cluster of Deployments has none to look up, and
  // only the first pod of each ReplicaSet can name a Deployment not named yet.
  const podSources = hasPodSources(sim);
  for (const pod of podSources ? all.slice(podsSentLimit) : counting.firstOfOwners) {
    const { source } = podSources ? sourceOf(sim, 'Pod', pod.metadata) : {};
    if (source) {
      const key = `${namespaceOf(pod.metadata)}/${pod.metadata.name ?? ''}`;
      omitted.starts.push({ kind: 'pod', key, line: source.line, column: source.column });
      continue;
    }
    // The pods of one ReplicaSet share their owner references: one template lookup for them.
    const owners = pod.metadata.ownerReferences;
    let template = owners ? templateByOwners.get(owners) : undefined;
    if (template === undefined) {
      template = templateOf(sim, replicaSets, pod) ?? null;
      if (owners) templateByOwners.set(owners, template);
    }
    if (template?.kind !== 'Deployment' || templates.has(template.key)) continue;
    templates.add(template.key);
    const { line, column } = template.source;
    omitted.starts.push({ kind: 'deployment', key: template.key, line, column });
  }
  return { pods, omittedPods: omitted };
}

/** What a large list of pods counts to, and the pods past the first ones to look at. */
interface PodCounting {
  outsideKubeSystem: number;
  byNode: [string, PodCounts][];
  /** Past the first `podsSentLimit`, the first pod of each list of owner references. */
  firstOfOwners: Pod[];
}

/**
 * The counts of a list of pods, kept per list: a keystroke that leaves every pod as it was
 * (a Service edited) leaves the engine's very same list, which need not be counted again.
 */
const countings = new WeakMap<readonly Pod[], PodCounting>();

function countPods(all: readonly Pod[]): PodCounting {
  const known = countings.get(all);
  if (known) return known;
  const byNode = new Map<string, PodCounts>();
  const owners = new Set<object>();
  const counting: PodCounting = { outsideKubeSystem: 0, byNode: [], firstOfOwners: [] };
  all.forEach((pod, i) => {
    if (namespaceOf(pod.metadata) !== 'kube-system') counting.outsideKubeSystem++;
    const nodeName = pod.spec?.nodeName ?? '';
    let counts = byNode.get(nodeName);
    if (!counts) byNode.set(nodeName, (counts = { ready: 0, notReady: 0, terminating: 0 }));
    if (pod.metadata.deletionTimestamp) counts.terminating++;
    else if (isPodReady(pod)) counts.ready++;
    else counts.notReady++;
    const refs = pod.metadata.ownerReferences;
    if (i < podsSentLimit || !refs || owners.has(refs)) return;
    owners.add(refs);
    counting.firstOfOwners.push(pod);
  });
  counting.byNode = [...byNode];
  countings.set(all, counting);
  return counting;
}

/** The pods of a simulation that `keep` accepts, summarized (the `pods` query's answer). */
export function summarizePodsWhere(sim: Simulation, keep: (pod: Pod) => boolean): PodSummary[] {
  const replicaSets = indexReplicaSets(sim);
  return sim.cluster.pods.filter(keep).map((p) => withTemplate(sim, replicaSets, p, toPod(sim, p)));
}

/** The summary of a simulation, in the order the cluster lists its objects. */
export function summarize(sim: Simulation): SimulationSummary {
  const { cluster } = sim;
  const slicesByService = new Map<string, EndpointSlice[]>();
  for (const slice of cluster.endpointSlices) {
    const service = slice.metadata.labels?.[serviceNameLabel];
    if (!service) continue;
    const key = `${namespaceOf(slice.metadata)}/${service}`;
    const slices = slicesByService.get(key);
    if (slices) slices.push(slice);
    else slicesByService.set(key, [slice]);
  }
  const replicaSets = indexReplicaSets(sim);
  return {
    services: cluster.services.map((s) => toService(sim, s, slicesByService)),
    ...summarizePods(sim, replicaSets),
    nodes: cluster.nodes.map((n) => toNode(sim, n)),
    defaultNodes: cluster.defaultNodes,
    proxyMode: cluster.proxy.mode,
    diagnostics: [...sim.diagnostics, ...applyWarnings(sim)].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    ),
  };
}

/** Lists of a summary longer than this are sent in chunks of this many items. */
export const summaryChunkSize = 1000;

/** A summary as the worker posts it: long lists as chunk ids, and the chunks the page lacks. */
export interface PackedSummary {
  /** The summary, with the lists named in `chunks` left empty. */
  summary: SimulationSummary;
  chunks: SummaryChunks | undefined;
  /** The chunks to post before the summary (the page holds the others from the last one). */
  fresh: SummaryChunkReply[];
}

/** A chunk as last packed: its items (the very objects) and their JSON text. */
interface PackedChunk {
  items: readonly unknown[];
  json: string;
}

function chunked<T>(
  list: T[],
  size: number,
  known: Map<string, number>,
  next: Map<string, number>,
  newId: () => number,
  fresh: SummaryChunkReply[],
  before: readonly PackedChunk[],
  packed: PackedChunk[],
): number[] {
  const ids: number[] = [];
  for (let i = 0; i < list.length; i += size) {
    const items = list.slice(i, i + size);
    // The very items packed last time at this place (a summary part the edit did not touch,
    // see serviceSummaries): their text is the same, and is not printed again.
    const last = before[packed.length];
    const json = last && sameItems(last.items, items) ? last.json : JSON.stringify(items);
    packed.push({ items, json });
    let chunk = known.get(json) ?? next.get(json);
    if (chunk === undefined) {
      chunk = newId();
      fresh.push({ type: 'chunk', chunk, json });
    }
    next.set(json, chunk);
    ids.push(chunk);
  }
  return ids;
}

/**
 * Packs summaries for the page, one after the other: a long list (a large cluster's Services,
 * pods, nodes, diagnostics) goes as chunks of JSON text, each posted as its own
 * message (so that no single message takes long to receive), and a chunk whose text the page
 * received with the previous summary is not sent again (an edit of one object resends one chunk).
 * Short lists stay in the summary as they are.
 */
export class SummaryPacker {
  /** The chunks of the last packed summary (the page keeps exactly these), by their text. */
  private known = new Map<string, number>();
  /** The chunks of each list of the last packed summary, in order. */
  private lists = new Map<string, PackedChunk[]>();
  private lastId = 0;

  constructor(private readonly size = summaryChunkSize) {}

  pack(summary: SimulationSummary): PackedSummary {
    const next = new Map<string, number>();
    const fresh: SummaryChunkReply[] = [];
    const newId = () => ++this.lastId;
    const chunks: SummaryChunks = {};
    const out: SimulationSummary = { ...summary };
    const lists = new Map<string, PackedChunk[]>();
    const pack = <T>(name: string, list: T[]): number[] | undefined => {
      if (list.length <= this.size) return undefined;
      const packed: PackedChunk[] = [];
      lists.set(name, packed);
      const before = this.lists.get(name) ?? [];
      return chunked(list, this.size, this.known, next, newId, fresh, before, packed);
    };
    const services = pack('services', summary.services);
    if (services) [chunks.services, out.services] = [services, []];
    const pods = pack('pods', summary.pods);
    if (pods) [chunks.pods, out.pods] = [pods, []];
    const nodes = pack('nodes', summary.nodes);
    if (nodes) [chunks.nodes, out.nodes] = [nodes, []];
    const diagnostics = pack('diagnostics', summary.diagnostics);
    if (diagnostics) [chunks.diagnostics, out.diagnostics] = [diagnostics, []];
    this.known = next;
    this.lists = lists;
    return next.size > 0 ? { summary: out, chunks, fresh } : { summary, chunks: undefined, fresh };
  }
}
