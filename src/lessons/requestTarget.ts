/**
 * A request named in words, as a lesson or a host page (postMessage) gives it: who sends ("the
 * external client", a pod) and which Service it addresses, and how (its nodePort on a node, its
 * ClusterIP, its DNS name, its load balancer). Resolved against the simulation summary into the
 * request form's source and destination; where the request then goes is the engine's answer.
 */
import type { ServicePortSummary, ServiceSummary, SimulationSummary } from '../worker/protocol';
import type { RequestDestination, RequestSource } from '../worker/queries/requests';

export type TargetVia = 'nodePort' | 'clusterIP' | 'dnsName' | 'loadBalancer' | 'externalIP';

export const targetVias: readonly TargetVia[] = [
  'nodePort',
  'clusterIP',
  'dnsName',
  'loadBalancer',
  'externalIP',
];

export interface RequestTarget {
  /**
   * `external` (the default: the first external client), an IPv4 address outside the cluster, or
   * a pod: `namespace/name` or its name.
   */
  from?: string;
  /** The Service: `namespace/name` or its name. */
  service: string;
  /** Default: nodePort from outside (else the load balancer), dnsName from a pod. */
  via?: TargetVia;
  /** For nodePort: the node that receives the request (default: the first node). */
  node?: string;
  /** The Service port, by number or name (default: the first). */
  port?: number | string;
}

export type ResolvedTarget =
  | { ok: true; source: RequestSource; destination: RequestDestination }
  | { ok: false; message: string };

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function findService(summary: SimulationSummary, name: string): ServiceSummary | undefined {
  return (
    summary.services.find((s) => s.key === name) ??
    summary.services.find((s) => s.name === name && s.namespace === 'default') ??
    summary.services.find((s) => s.name === name)
  );
}

function resolveSource(
  summary: SimulationSummary,
  from: string | undefined,
  externalClient: string,
): RequestSource | string {
  if (from === undefined || from === 'external') return { type: 'external', ip: externalClient };
  if (ipv4.test(from)) return { type: 'external', ip: from };
  const pod =
    summary.pods.find((p) => p.key === from) ??
    summary.pods.find((p) => p.name === from && p.namespace === 'default') ??
    summary.pods.find((p) => p.name === from) ??
    summary.pods.find((p) => p.name.startsWith(`${from}-`) && p.podIPs.length > 0);
  if (!pod) return `There is no pod "${from}".`;
  return { type: 'pod', pod: pod.key };
}

function choosePort(service: ServiceSummary, port: number | string | undefined) {
  if (port === undefined) return service.ports[0];
  return service.ports.find((p) => p.port === port || p.name === port);
}

function defaultVia(service: ServiceSummary, fromPod: boolean): TargetVia {
  if (fromPod) return 'dnsName';
  if (service.ports.some((p) => p.nodePort)) return 'nodePort';
  if (service.loadBalancerIngress.length > 0) return 'loadBalancer';
  if (service.externalIPs.length > 0) return 'externalIP';
  return 'clusterIP';
}

function destinationOf(
  summary: SimulationSummary,
  service: ServiceSummary,
  port: ServicePortSummary,
  via: TargetVia,
  target: RequestTarget,
  source: RequestSource,
): RequestDestination | string {
  const { protocol } = port;
  const name = `${service.namespace}/${service.name}`;
  switch (via) {
    case 'nodePort': {
      if (!port.nodePort) return `Service ${name} has no nodePort.`;
      const node = target.node
        ? summary.nodes.find((n) => n.name === target.node)
        : summary.nodes[0];
      const host = node?.internalIPs[0];
      if (!host) return `There is no node "${target.node ?? ''}" with an address.`;
      return { kind: 'nodePort', host, port: port.nodePort, protocol };
    }
    case 'clusterIP': {
      const host = service.clusterIPs[0];
      if (!host) return `Service ${name} has no ClusterIP.`;
      return { kind: 'clusterIP', host, port: port.port, protocol };
    }
    case 'dnsName': {
      const sourceNamespace =
        source.type === 'pod' ? source.pod.slice(0, source.pod.indexOf('/')) : '';
      const host =
        sourceNamespace === service.namespace
          ? service.name
          : `${service.name}.${service.namespace}`;
      return { kind: 'dnsName', host, port: port.port, protocol };
    }
    case 'loadBalancer': {
      const host = service.loadBalancerIngress[0];
      if (!host) return `Service ${name} has no load balancer address.`;
      return { kind: 'loadBalancer', host, port: port.port, protocol };
    }
    case 'externalIP': {
      const host = service.externalIPs[0];
      if (!host) return `Service ${name} has no externalIP.`;
      return { kind: 'externalIP', host, port: port.port, protocol };
    }
  }
}

/** The request form's source and destination for a request named in words. */
export function resolveRequestTarget(
  summary: SimulationSummary,
  target: RequestTarget,
  externalClient: string,
): ResolvedTarget {
  const source = resolveSource(summary, target.from, externalClient);
  if (typeof source === 'string') return { ok: false, message: source };
  const service = findService(summary, target.service);
  if (!service) return { ok: false, message: `There is no Service "${target.service}".` };
  const port = choosePort(service, target.port);
  if (!port) {
    return { ok: false, message: `Service ${service.key} has no port "${String(target.port)}".` };
  }
  const via = target.via ?? defaultVia(service, source.type === 'pod');
  if (via === 'dnsName' && source.type !== 'pod') {
    return { ok: false, message: 'A DNS name is resolved from a pod: say which pod sends.' };
  }
  const destination = destinationOf(summary, service, port, via, target, source);
  if (typeof destination === 'string') return { ok: false, message: destination };
  return { ok: true, source, destination };
}
