/**
 * Reading pods the way the endpoint controllers read them: readiness, terminal phases, pod IPs
 * and named container ports (pkg/api/v1/pod/util.go and staging/src/k8s.io/endpointslice/util).
 * Every field may be missing: the fallbacks are upstream's defaults (protocol TCP, and so on).
 */
import { canonicalIP, isIPv6 } from '../net/ip';
import type { ObjectReference, Pod, Protocol, Service, ServicePort } from '../model';
import { define } from './copy';

/**
 * An endpoint's targetRef for `pod`: kind, namespace, name and uid, as one literal (a key added
 * after it would be kept apart, in a property array of its own).
 */
export function podReference(pod: Pod): ObjectReference {
  const namespace = pod.metadata?.namespace || 'default';
  const name = pod.metadata?.name ?? '';
  const uid = pod.metadata?.uid;
  return uid ? { kind: 'Pod', namespace, name, uid } : { kind: 'Pod', namespace, name };
}

/**
 * The targetRef of each of a Service's pods, frozen: the Service's Endpoints and its
 * EndpointSlices name each pod with the same object (nothing writes it).
 */
export function podReferences(pods: readonly Pod[]): readonly ObjectReference[] {
  const refs = new Array<ObjectReference>(pods.length);
  for (let i = 0; i < pods.length; i++) refs[i] = Object.freeze(podReference(pods[i] as Pod));
  return refs;
}

/** A protocol as the API server defaults it: TCP when absent. */
export function protocolOf(value: unknown): Protocol {
  return value === 'UDP' || value === 'SCTP' || value === 'TCP' ? value : 'TCP';
}

/** IsPodReady: the Ready condition is True (pkg/api/v1/pod/util.go). */
export function isPodReady(pod: Pod): boolean {
  const conditions = pod.status?.conditions;
  if (!Array.isArray(conditions)) return false;
  // An index loop, not find with a closure nor an iterator: every controller asks this of
  // every pod.
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (c?.type === 'Ready') return c.status === 'True';
  }
  return false;
}

/** isPodPhaseTerminal: Succeeded or Failed (staging/src/k8s.io/endpointslice/util/controller_utils.go). */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isTerminating(pod: Pod): boolean {
  return (
    typeof pod.metadata?.deletionTimestamp === 'string' && pod.metadata.deletionTimestamp !== ''
  );
}

const isIP = (ip: unknown): ip is string => typeof ip === 'string' && ip !== '';

/** status.podIPs, falling back to status.podIP as the v1 conversion of PodStatus does. */
export function podIPsOf(pod: Pod): string[] {
  const status = pod.status;
  const entries = status?.podIPs;
  if (Array.isArray(entries)) {
    // One pass, one array, no iterator: this runs for every pod of every Service that selects it.
    let list: string[] | undefined;
    for (let i = 0; i < entries.length; i++) {
      const ip = (entries[i] as { ip?: unknown } | undefined)?.ip;
      if (isIP(ip)) (list ??= []).push(ip);
    }
    if (list) return list;
  }
  return isIP(status?.podIP) ? [status.podIP] : [];
}

/** Whether podIPsOf(pod) is not empty, without building it. */
export function hasPodIP(pod: Pod): boolean {
  const status = pod.status;
  const entries = status?.podIPs;
  if (Array.isArray(entries))
    for (let i = 0; i < entries.length; i++)
      if (isIP((entries[i] as { ip?: unknown } | undefined)?.ip)) return true;
  return isIP(status?.podIP);
}

/**
 * ShouldPodBeInEndpoints (staging/src/k8s.io/endpointslice/util/controller_utils.go): not
 * terminal, has an IP, and (unless `includeTerminating`) not being deleted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!hasPodIP(pod)) return false;
  if (!includeTerminating && isTerminating(pod)) return false;
  return true;
}

/** ShouldSetHostname: the pod's hostname is published when its subdomain names the Service. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  const hostname = pod.spec?.hostname;
  return (
    typeof hostname === 'string' &&
    hostname.length > 0 &&
    pod.spec?.subdomain === service.metadata?.name &&
    (pod.metadata?.namespace || 'default') === (service.metadata?.namespace || 'default')
  );
}

function isSidecar(container: unknown): boolean {
  return (
    typeof container === 'object' &&
    container !== null &&
    (container as { restartPolicy?: unknown }).restartPolicy === 'Always'
  );
}

/**
 * FindPort (pkg/api/v1/pod/util.go, and its copy in staging/src/k8s.io/endpointslice/utils.go):
 * a numeric targetPort is used as it is; a named one is looked up in the containers' ports
 * (then in sidecar init containers) by name and protocol. Undefined when the pod lacks it.
 * An absent targetPort is the port itself, as the API server defaults it.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return Number.isInteger(target) ? target : undefined;
  if (typeof target !== 'string') return undefined;
  const protocol = protocolOf(servicePort.protocol);
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const found = namedPortIn(containers, target, protocol);
  if (found !== undefined) return found.port;
  const init = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  return namedPortIn(init.filter(isSidecar), target, protocol)?.port;
}

/** The first port of `containers` named `name` for `protocol`: its number, when it is one. */
function namedPortIn(
  containers: readonly unknown[],
  name: string,
  protocol: Protocol,
): { port: number | undefined } | undefined {
  for (const container of containers) {
    const ports = (container as { ports?: unknown } | null)?.ports;
    if (!Array.isArray(ports)) continue;
    for (const port of ports as ({
      name?: unknown;
      protocol?: unknown;
      containerPort?: unknown;
    } | null)[]) {
      // An absent protocol is the API's default, TCP; any other value is compared as it is.
      if (port?.name === name && (port.protocol ?? 'TCP') === protocol)
        return { port: typeof port.containerPort === 'number' ? port.containerPort : undefined };
    }
  }
  return undefined;
}

/** A Service port with `name` and `appProtocol` moved last, dropped when not strings. */
function readServicePort(p: ServicePort): ServicePort {
  const out: Record<string, unknown> = {};
  // for...in over own keys: Object.entries' order, without its arrays (every Service, every run).
  for (const k in p)
    if (Object.hasOwn(p, k) && k !== 'name' && k !== 'appProtocol')
      define(out, k, (p as Record<string, unknown>)[k]);
  if (typeof p.name === 'string') out.name = p.name;
  if (typeof p.appProtocol === 'string') out.appProtocol = p.appProtocol;
  return out as ServicePort;
}

/** The Service's ports as a list; a port name or appProtocol that is not a string is dropped. */
export function servicePorts(service: Service): ServicePort[] {
  const ports = service.spec?.ports;
  if (!Array.isArray(ports)) return [];
  return ports.filter((p) => typeof p === 'object' && p !== null).map(readServicePort);
}

/** helper.IsServiceIPSet: a ClusterIP that is neither empty nor None. */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec?.clusterIP;
  return typeof ip === 'string' && ip !== '' && ip !== 'None';
}

/** A dotted quad already in canonical form (no leading zeros, every part at most 255). */
const canonicalIPv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** utilnet.IsIPv6String, with a fast path for the common canonical IPv4 address. */
export function isIPv6Address(text: string): boolean {
  return canonicalIPv4.test(text) ? false : isIPv6(text);
}

/** The address re-printed as Go's net.IP.String() prints it (the input when it is not one). */
export function canonicalAddress(text: string): string {
  return canonicalIPv4.test(text) ? text : canonicalIP(text);
}
