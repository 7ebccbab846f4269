/**
 * Why each pod of a Service's namespace is, or is not, one of its endpoints. The checks are the
 * endpoint controllers' own, in their order; whether the pod is listed is read from the
 * Endpoints and EndpointSlices the controllers computed, so the answer can never disagree with
 * what the panels and kube-proxy use.
 */
import { namespaceOf, serviceSelector, type SelectorPairs } from '../controllers/labels';
import {
  findPort,
  isPodReady,
  isPodTerminal,
  isServiceIPSet,
  isTerminating,
  podIPsOf,
  protocolOf,
  servicePorts,
} from '../controllers/podUtil';
import type { Cluster, EndpointSlice, Endpoints, Pod, Service } from '../model';
import { isIPv6 } from '../net/ip';
import type {
  EndpointPresence,
  EndpointReason,
  PodEndpointExplanation,
  ServiceEndpointExplanation,
} from './types';

const serviceNameLabel = 'kubernetes.io/service-name';

/**
 * The selector pairs a pod's labels do not satisfy (labels.SelectorFromSet(...).Matches in
 * staging/src/k8s.io/apimachinery/pkg/labels/selector.go: every pair must be present and equal).
 */
export function computeLabelMismatches(
  selector: SelectorPairs,
  labels: Record<string, string> | undefined,
): EndpointReason[] {
  const out: EndpointReason[] = [];
  for (const [key, want] of selector) {
    const have = labels?.[key];
    const message =
      have === undefined
        ? `has no label ${key} (the selector wants ${key}=${want})`
        : `has label ${key}=${String(have)}, the selector wants ${key}=${want}`;
    if (have === undefined || String(have) !== want) {
      out.push({ code: 'label-mismatch', message, effect: 'both' });
    }
  }
  return out;
}

/** The pod's Ready condition as a sentence (IsPodReady in pkg/api/v1/pod/util.go reads only it). */
function notReadyMessage(pod: Pod): string {
  const conditions = Array.isArray(pod.status?.conditions) ? pod.status.conditions : [];
  const ready = conditions.find((c) => c?.type === 'Ready');
  if (!ready) return 'is not ready: it has no Ready condition';
  const why = [ready.reason, ready.message].filter(Boolean).join(': ');
  const containers = conditions.find((c) => c?.type === 'ContainersReady');
  const also =
    containers && containers.status !== 'True'
      ? ` (ContainersReady is ${String(containers.status ?? 'Unknown')})`
      : '';
  return `is not ready: condition Ready is ${String(ready.status ?? 'Unknown')}${why ? ` (${why})` : ''}${also}`;
}

/** The family of a Service's Endpoints (podToEndpointAddressForService in endpoints_controller.go). */
function endpointsFamilyIsV6(service: Service, pod: Pod): boolean {
  const families = service.spec?.ipFamilies;
  if (Array.isArray(families) && families.length > 0) return families[0] === 'IPv6';
  if (isServiceIPSet(service)) return isIPv6(service.spec?.clusterIP ?? '');
  return isIPv6(pod.status?.podIP ?? podIPsOf(pod)[0] ?? '');
}

function presenceInEndpoints(endpoints: Endpoints | undefined, pod: Pod): EndpointPresence {
  const name = pod.metadata?.name;
  for (const subset of endpoints?.subsets ?? []) {
    if ((subset.addresses ?? []).some((a) => a.targetRef?.name === name)) return 'ready';
  }
  for (const subset of endpoints?.subsets ?? []) {
    if ((subset.notReadyAddresses ?? []).some((a) => a.targetRef?.name === name)) {
      return 'not-ready';
    }
  }
  return 'absent';
}

function presenceInSlices(slices: readonly EndpointSlice[], pod: Pod): EndpointPresence {
  const name = pod.metadata?.name;
  let found: EndpointPresence = 'absent';
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.targetRef?.kind !== 'Pod' || endpoint.targetRef.name !== name) continue;
      const c = endpoint.conditions ?? {};
      if (c.ready ?? true) return 'ready';
      found = c.terminating ? 'terminating' : 'not-ready';
    }
  }
  return found;
}

/**
 * The reasons for one selected pod, following syncService in
 * pkg/controller/endpoint/endpoints_controller.go and reconcile in
 * staging/src/k8s.io/endpointslice/reconciler.go (ShouldPodBeInEndpoints, podToEndpoint,
 * getEndpointPorts).
 */
function selectedPodReasons(
  cluster: Cluster,
  service: Service,
  pod: Pod,
  missingPorts: string[],
): EndpointReason[] {
  const reasons: EndpointReason[] = [];
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  if (isPodTerminal(pod)) {
    const phase = String(pod.status?.phase);
    const message = `has finished (phase ${phase}): a pod that has ended is never an endpoint`;
    return [{ code: 'terminal-phase', message, effect: 'both' }];
  }
  const ips = podIPsOf(pod);
  if (ips.length === 0) {
    const message = 'has no IP (status.podIP is empty): there is no address to list';
    return [{ code: 'no-ip', message, effect: 'both' }];
  }
  const v6 = endpointsFamilyIsV6(service, pod);
  if (!ips.some((ip) => isIPv6(ip) === v6)) {
    const family = v6 ? 'IPv6' : 'IPv4';
    const message = `has no ${family} address, the Service's family`;
    reasons.push({ code: 'no-ip-of-family', message, effect: 'both' });
  }
  const nodeName = pod.spec?.nodeName ?? '';
  if (!publishNotReady && !cluster.nodes.some((n) => n.metadata?.name === nodeName)) {
    const message = `runs on node "${nodeName}", which does not exist: the EndpointSlice controller skips it`;
    reasons.push({ code: 'node-not-found', message, effect: 'endpointslice' });
  }
  const ready = isPodReady(pod);
  if (isTerminating(pod)) {
    const message = publishNotReady
      ? 'is terminating (deletionTimestamp is set), but publishNotReadyAddresses keeps it listed'
      : `is terminating (deletionTimestamp is set): the Endpoints controller drops it; the EndpointSlice keeps it with ready=false, serving=${String(ready)}, terminating=true`;
    reasons.push({ code: 'terminating', message, effect: 'both' });
  }
  if (!ready) {
    const message = `${notReadyMessage(pod)}${publishNotReady ? '' : ': listed as not ready, kube-proxy sends it no traffic'}`;
    reasons.push({ code: 'not-ready', message, effect: 'both' });
    if (publishNotReady) {
      const note = 'is listed as ready anyway: the Service sets publishNotReadyAddresses';
      reasons.push({ code: 'publish-not-ready', message: note, effect: 'both' });
    }
  }
  const ports = servicePorts(service);
  if (missingPorts.length > 0) {
    const all = missingPorts.length === ports.length;
    for (const sp of ports) {
      if (!missingPorts.includes(sp.name ?? '')) continue;
      const target = String(sp.targetPort);
      const label = sp.name ? `port "${sp.name}"` : 'the port';
      const message = all
        ? `has no container port named "${target}" (${protocolOf(sp.protocol)}): the Endpoints controller leaves the pod out; the EndpointSlice controller lists it in a slice without ports, which kube-proxy cannot use`
        : `has no container port named "${target}" (${protocolOf(sp.protocol)}): it is left out of ${label} in Endpoints, and its EndpointSlice lacks ${label}`;
      reasons.push({ code: 'named-port-missing', message, effect: 'both' });
    }
  }
  return reasons;
}

function podFacts(pod: Pod): Pick<PodEndpointExplanation, 'pod' | 'nodeName' | 'podIPs'> {
  return {
    pod: `${namespaceOf(pod)}/${pod.metadata?.name ?? ''}`,
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    podIPs: podIPsOf(pod),
  };
}

/**
 * For a Service, every pod of its namespace with why it is or is not an endpoint (the endpoint
 * controllers: pkg/controller/endpoint/endpoints_controller.go syncService and
 * staging/src/k8s.io/endpointslice/reconciler.go). Undefined when there is no such Service.
 */
export function computeEndpointExplanation(
  cluster: Cluster,
  namespace: string,
  name: string,
  unselectedLimit = Number.POSITIVE_INFINITY,
): ServiceEndpointExplanation | undefined {
  const service = cluster.services.find(
    (s) => namespaceOf(s) === namespace && s.metadata?.name === name,
  );
  if (!service) return undefined;
  const key = `${namespace}/${name}`;
  if (service.spec?.type === 'ExternalName') {
    return { service: key, source: 'external-name', selector: [], pods: [], unselectedCount: 0 };
  }
  const selector = serviceSelector(service.spec?.selector);
  if (!selector) {
    return { service: key, source: 'manual', selector: [], pods: [], unselectedCount: 0 };
  }
  const endpoints = cluster.endpoints.find(
    (e) => namespaceOf(e) === namespace && e.metadata?.name === name,
  );
  const slices = cluster.endpointSlices.filter(
    (s) => namespaceOf(s) === namespace && s.metadata?.labels?.[serviceNameLabel] === name,
  );
  const ports = servicePorts(service);
  const selectedPods: PodEndpointExplanation[] = [];
  const others: { pod: Pod; mismatches: EndpointReason[] }[] = [];
  for (const pod of cluster.pods) {
    if (namespaceOf(pod) !== namespace) continue;
    const mismatches = computeLabelMismatches(selector, pod.metadata?.labels);
    if (mismatches.length > 0) {
      others.push({ pod, mismatches });
      continue;
    }
    const missingPorts = ports
      .filter((sp) => typeof sp.targetPort === 'string' && findPort(pod, sp) === undefined)
      .map((sp) => sp.name ?? '');
    const reasons = selectedPodReasons(cluster, service, pod, missingPorts);
    if (reasons.length === 0) {
      const message = 'matches the selector and is ready: traffic may be sent to it';
      reasons.push({ code: 'selected', message, effect: 'both' });
    }
    selectedPods.push({
      ...podFacts(pod),
      selected: true,
      endpoints: presenceInEndpoints(endpoints, pod),
      endpointSlice: presenceInSlices(slices, pod),
      missingPorts,
      reasons,
    });
  }
  // The closest misses first: a pod missing one label is the likely typo.
  const closest = others
    .map((o, i) => ({ ...o, i }))
    .sort((a, b) => a.mismatches.length - b.mismatches.length || a.i - b.i)
    .slice(0, unselectedLimit);
  const unselected = closest.map(({ pod, mismatches }): PodEndpointExplanation => ({
    ...podFacts(pod),
    selected: false,
    endpoints: 'absent',
    endpointSlice: 'absent',
    missingPorts: [],
    reasons: mismatches,
  }));
  return {
    service: key,
    source: 'selector',
    selector: selector.map(([k, v]) => [k, v]),
    pods: [...selectedPods, ...unselected],
    unselectedCount: others.length,
  };
}
