/**
 * Reduces a Simulation to the summary the page draws (see protocol.ts). Pure; runs in the worker.
 */
import type {
  Diagnostic,
  EndpointSlice,
  Node,
  ObjectMeta,
  Pod,
  Service,
  Simulation,
  SourcePosition,
} from '../engine/model';
import type {
  EndpointSummary,
  NodeSummary,
  PodSummary,
  ServicePortSummary,
  ServiceSummary,
  SimulationSummary,
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

function toService(
  sim: Simulation,
  service: Service,
  slicesByService: Map<string, EndpointSlice[]>,
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
    endpoints: toEndpoints(slicesByService.get(`${namespace}/${name}`) ?? []),
    ...sourceOf(sim, 'Service', service.metadata),
  };
}

function isPodReady(pod: Pod): boolean {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return condition?.status === 'True';
}

/**
 * The Deployment (else the ReplicaSet) written in the text whose template made the pod, following
 * the controller owner references.
 */
function templateOf(sim: Simulation, pod: Pod): PodSummary['template'] {
  const namespace = namespaceOf(pod.metadata);
  const rsRef = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet');
  if (!rsRef?.name) return undefined;
  const rs = sim.cluster.replicaSets.find(
    (r) => r.metadata.name === rsRef.name && namespaceOf(r.metadata) === namespace,
  );
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

function withTemplate(sim: Simulation, pod: Pod, summary: PodSummary): PodSummary {
  if (summary.source) return summary;
  const template = templateOf(sim, pod);
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

/** The summary of a simulation, in the order the cluster lists its objects. */
export function summarize(sim: Simulation): SimulationSummary {
  const { cluster } = sim;
  const slicesByService = new Map<string, EndpointSlice[]>();
  for (const slice of cluster.endpointSlices) {
    const service = slice.metadata.labels?.[serviceNameLabel];
    if (!service) continue;
    const key = `${namespaceOf(slice.metadata)}/${service}`;
    slicesByService.set(key, [...(slicesByService.get(key) ?? []), slice]);
  }
  return {
    services: cluster.services.map((s) => toService(sim, s, slicesByService)),
    pods: cluster.pods.map((p) => withTemplate(sim, p, toPod(sim, p))),
    nodes: cluster.nodes.map((n) => toNode(sim, n)),
    defaultNodes: cluster.defaultNodes,
    proxyMode: cluster.proxy.mode,
    diagnostics: [...sim.diagnostics, ...applyWarnings(sim)].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    ),
    applied: sim.applied,
  };
}
