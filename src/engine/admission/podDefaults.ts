/**
 * The v1 defaults inside a pod spec beyond its top-level fields (pkg/apis/core/v1/defaults.go and
 * the generated SetObjectDefaults_Pod): probes and their HTTP and gRPC actions, lifecycle hooks,
 * downward-API field selectors, volume modes, and, for Pods only, requests taken from limits.
 */
import { isRecord } from './meta';

type Fields = Record<string, unknown>;

/** SetDefaults_HTTPGetAction: path `/`, scheme HTTP. */
function defaultHTTPGet(handler: unknown): void {
  if (!isRecord(handler) || !isRecord(handler.httpGet)) return;
  const get = handler.httpGet;
  if (!get.path) get.path = '/';
  if (!get.scheme) get.scheme = 'HTTP';
}

/** SetDefaults_Probe, and the defaults of its handler (gRPC's service is ""). */
function defaultProbe(probe: unknown): void {
  if (!isRecord(probe)) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHTTPGet(probe);
  if (isRecord(probe.grpc) && probe.grpc.service == null) probe.grpc.service = '';
}

/** SetDefaults_ObjectFieldSelector: a field selector reads the v1 API unless told otherwise. */
function defaultFieldRef(source: unknown): void {
  if (isRecord(source) && isRecord(source.fieldRef) && !source.fieldRef.apiVersion)
    source.fieldRef.apiVersion = 'v1';
}

/** The defaults inside one container: probes, lifecycle handlers, env field selectors. */
export function defaultContainerDetails(c: Fields): void {
  if (c.livenessProbe !== undefined) defaultProbe(c.livenessProbe);
  if (c.readinessProbe !== undefined) defaultProbe(c.readinessProbe);
  if (c.startupProbe !== undefined) defaultProbe(c.startupProbe);
  if (isRecord(c.lifecycle)) {
    defaultHTTPGet(c.lifecycle.postStart);
    defaultHTTPGet(c.lifecycle.preStop);
  }
  if (Array.isArray(c.env))
    for (const e of c.env as unknown[]) if (isRecord(e)) defaultFieldRef(e.valueFrom);
}

/** The default mode of secret, configMap, downwardAPI and projected volumes (0644). */
const defaultMode = 0o644;

/** SetDefaults_Volume and the volume sources' defaults. */
export function defaultVolumes(volumes: unknown): void {
  if (!Array.isArray(volumes)) return;
  for (const v of volumes as unknown[]) {
    if (!isRecord(v)) continue;
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (sources.length === 0) v.emptyDir = {};
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
      const source = v[kind];
      if (isRecord(source) && source.defaultMode == null) source.defaultMode = defaultMode;
    }
    if (isRecord(v.hostPath) && v.hostPath.type == null) v.hostPath.type = '';
    if (isRecord(v.downwardAPI) && Array.isArray(v.downwardAPI.items))
      for (const item of v.downwardAPI.items as unknown[]) defaultFieldRef(item);
  }
}

/** Whether a container's limits name a resource its requests do not. */
function lacksRequests(c: Fields): boolean {
  const resources = c.resources;
  if (!isRecord(resources) || !isRecord(resources.limits)) return false;
  const requests = isRecord(resources.requests) ? resources.requests : undefined;
  for (const key in resources.limits) if (!requests || !Object.hasOwn(requests, key)) return true;
  return false;
}

/** Whether a container has a port whose hostPort is left 0. */
function lacksHostPort(c: Fields): boolean {
  if (!Array.isArray(c.ports)) return false;
  for (const p of c.ports as unknown[])
    if (isRecord(p) && !p.hostPort && typeof p.containerPort === 'number') return true;
  return false;
}

function needsPodDefaults(c: unknown, hostNetwork: boolean): c is Fields {
  return isRecord(c) && ((hostNetwork && lacksHostPort(c)) || lacksRequests(c));
}

/** A copy of the container with SetDefaults_Pod's defaults: host ports, requests from limits. */
function withPodDefaults(c: Fields, hostNetwork: boolean): Fields {
  const out = { ...c };
  if (hostNetwork && lacksHostPort(c))
    out.ports = (c.ports as unknown[]).map((p) =>
      isRecord(p) && !p.hostPort && typeof p.containerPort === 'number'
        ? { ...p, hostPort: p.containerPort }
        : p,
    );
  if (lacksRequests(c)) {
    const resources = c.resources as Fields;
    const requests = isRecord(resources.requests) ? { ...resources.requests } : {};
    const limits = resources.limits as Fields;
    for (const key in limits) if (!Object.hasOwn(requests, key)) requests[key] = limits[key];
    out.resources = { ...resources, requests };
  }
  return out;
}

/** The list with SetDefaults_Pod's defaults, or undefined when no container lacks any. */
function listWithPodDefaults(list: unknown, hostNetwork: boolean): Fields[] | undefined {
  if (!Array.isArray(list) || !list.some((c) => needsPodDefaults(c, hostNetwork))) return undefined;
  return (list as unknown[]).map((c) =>
    needsPodDefaults(c, hostNetwork) ? withPodDefaults(c, hostNetwork) : (c as Fields),
  );
}

/**
 * A pod's spec as SetDefaults_Pod completes it, beyond what pod templates get: on the host's
 * network every port's hostPort defaults to its containerPort (templates no longer get this since
 * Kubernetes 1.28, the DefaultHostNetworkHostPortsInPodTemplates gate, removed in 1.31), and a
 * container's limits stand for the requests it does not make. The spec itself when there is
 * nothing to fill (nearly always), else a copy: a ReplicaSet's pods share their template's.
 */
export function podSpecDefaults<
  T extends { hostNetwork?: boolean; containers?: unknown; initContainers?: unknown },
>(spec: T): T {
  const hostNetwork = spec.hostNetwork === true;
  const containers = listWithPodDefaults(spec.containers, hostNetwork);
  const initContainers = listWithPodDefaults(spec.initContainers, hostNetwork);
  if (!containers && !initContainers) return spec;
  const out = { ...spec };
  if (containers) out.containers = containers;
  if (initContainers) out.initContainers = initContainers;
  return out;
}
