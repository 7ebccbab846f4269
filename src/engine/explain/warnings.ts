/**
 * Warnings a teacher wants, which no real component prints: a Service selector that matches no
 * pod, a targetPort no selected pod exposes, a NodePort or LoadBalancer Service without a ready
 * endpoint. They come back as findings (source `playground`) at the Service's field.
 */
import { sameItems } from '../admission/json';
import { namespaceOf, PodIndex, serviceSelector, type SelectorPairs } from '../controllers/labels';
import { findPort, protocolOf, servicePorts } from '../controllers/podUtil';
import { objectKey } from '../keys';
import type { Cluster, EndpointSlice, Finding, Pod, Service, ServicePort } from '../model';

const serviceNameLabel = 'kubernetes.io/service-name';
export const teacherSource = 'playground';

function warning(service: Service, path: string, message: string): Finding {
  return { severity: 'warning', object: objectKey(service), path, message, source: teacherSource };
}

function formatSelector(pairs: SelectorPairs): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join(',');
}

/** A container of the pod declares this port number (any container, sidecars included). */
function declaresPort(pod: Pod, number: number, port: ServicePort): boolean {
  const containers = [
    ...(Array.isArray(pod.spec?.containers) ? pod.spec.containers : []),
    ...(Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : []),
  ];
  return containers.some((c) =>
    (Array.isArray(c?.ports) ? c.ports : []).some(
      (p) => p?.containerPort === number && protocolOf(p.protocol) === protocolOf(port.protocol),
    ),
  );
}

function declaresAnyPort(pod: Pod): boolean {
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  return containers.some((c) => Array.isArray(c?.ports) && c.ports.length > 0);
}

/** The field a targetPort warning points at (written out only for a warning: most ports have none). */
function targetPortPath(port: ServicePort, i: number): string {
  return `spec.ports[${i}].${port.targetPort === undefined ? 'port' : 'targetPort'}`;
}

function portName(port: ServicePort): string {
  return port.name ? `port "${port.name}"` : `port ${String(port.port)}`;
}

/**
 * The targetPort warnings for the pods a Service selects: a named targetPort that no pod resolves
 * (FindPort in pkg/api/v1/pod/util.go; the controllers then leave that port out), and a numeric
 * one that no pod declares while the pods declare other ports (traffic still goes there: the
 * declaration is informational, but nothing may listen).
 */
function targetPortWarnings(service: Service, pods: readonly Pod[]): Finding[] {
  const out: Finding[] = [];
  const anyDeclared = pods.some(declaresAnyPort);
  servicePorts(service).forEach((port, i) => {
    const target = port.targetPort ?? port.port;
    if (typeof target === 'string') {
      if (pods.some((pod) => findPort(pod, port) !== undefined)) return;
      const message = `targetPort "${target}" of ${portName(port)}: no selected pod has a container port named "${target}" (${protocolOf(port.protocol)}), so this port gets no endpoints`;
      out.push(warning(service, targetPortPath(port, i), message));
    } else if (typeof target === 'number' && anyDeclared) {
      if (pods.some((pod) => declaresPort(pod, target, port))) return;
      const message = `targetPort ${String(target)} of ${portName(port)}: no selected pod declares containerPort ${String(target)}; traffic is still sent there, but nothing may be listening`;
      out.push(warning(service, targetPortPath(port, i), message));
    }
  });
  return out;
}

/**
 * The targetPort warnings last found for each Service, and the pods they were found for: on a
 * keystroke the engine hands out the very Service and pods of the previous run for whatever the
 * edit did not touch, and what they warn of is the same.
 */
const lastTargetPortWarnings = new WeakMap<
  Service,
  { pods: readonly Pod[]; findings: Finding[] }
>();

function targetPortWarningsOnce(service: Service, pods: readonly Pod[]): Finding[] {
  const known = lastTargetPortWarnings.get(service);
  if (known && sameItems(known.pods, pods)) return known.findings;
  const findings = targetPortWarnings(service, pods);
  lastTargetPortWarnings.set(service, { pods, findings });
  return findings;
}

function hasReadyEndpoint(slice: EndpointSlice): boolean {
  return (slice.endpoints ?? []).some(
    (e) => (e.addresses?.length ?? 0) > 0 && (e.conditions?.ready ?? true) !== false,
  );
}

/**
 * The keys (`namespace/name`) of the Services among `wanted` that a slice with a ready endpoint
 * belongs to; only NodePort and LoadBalancer Services are asked about.
 */
function withReadyEndpoint(
  slices: readonly EndpointSlice[],
  wanted: ReadonlySet<string>,
): Set<string> {
  const ready = new Set<string>();
  if (wanted.size === 0) return ready;
  for (const slice of slices) {
    const name = slice.metadata?.labels?.[serviceNameLabel];
    if (name === undefined) continue;
    const key = `${namespaceOf(slice)}/${name}`;
    if (wanted.has(key) && !ready.has(key) && hasReadyEndpoint(slice)) ready.add(key);
  }
  return ready;
}

const exposedTypes = new Set(['NodePort', 'LoadBalancer']);

const serviceKey = (service: Service) => `${namespaceOf(service)}/${service.metadata?.name ?? ''}`;

/**
 * The teacher's warnings for every Service of the cluster (kube-proxy's view of endpoints:
 * pkg/proxy/endpointslicecache.go counts the ready endpoints of the Service's slices).
 */
export function computeTeacherWarnings(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  const index = PodIndex.of(cluster.pods);
  const exposed = new Set<string>();
  for (const service of cluster.services)
    if (exposedTypes.has(service.spec?.type ?? '')) exposed.add(serviceKey(service));
  const ready = withReadyEndpoint(cluster.endpointSlices, exposed);
  for (const service of cluster.services) {
    const type = service.spec?.type ?? 'ClusterIP';
    if (type === 'ExternalName') continue;
    const namespace = namespaceOf(service);
    const pairs = serviceSelector(service.spec?.selector);
    if (pairs) {
      const pods = index.selectSet(namespace, pairs);
      if (pods.length === 0) {
        const message = `selector ${formatSelector(pairs)} matches no pod in namespace "${namespace}": the Service has no endpoints`;
        findings.push(warning(service, 'spec.selector', message));
      } else findings.push(...targetPortWarningsOnce(service, pods));
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      if (!ready.has(serviceKey(service))) {
        const message = `${type} Service with no ready endpoint: kube-proxy rejects what arrives at its ${type === 'NodePort' ? 'nodePort' : 'load balancer IP and nodePort'}`;
        findings.push(warning(service, 'spec.type', message));
      }
    }
  }
  return findings;
}
