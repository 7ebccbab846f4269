/**
 * What the request bar offers, from the simulation summary: the sources (the external clients
 * and every pod with an address) and the destinations a source can address (a node's IP with a
 * nodePort, a ClusterIP and port, a Service's DNS name, a LoadBalancer ingress IP, an
 * externalIP). Pure: it lists addresses; where a request goes is the engine's answer.
 */
import type { ServiceSummary, SimulationSummary } from '../../worker/protocol';
import type { RequestDestination, RequestSource } from '../../worker/queries/requests';

export interface SourceOption {
  id: string;
  label: string;
  source: RequestSource;
}

export interface DestinationOption {
  id: string;
  label: string;
  group: string;
  destination: RequestDestination;
}

export function sourceId(source: RequestSource): string {
  return source.type === 'external' ? `external:${source.ip}` : `pod:${source.pod}`;
}

export function destinationId(d: RequestDestination): string {
  return `${d.kind}:${d.host}:${d.port}/${d.protocol ?? 'TCP'}`;
}

/**
 * The external clients, then pods with an address (at most `limit`, plus the one whose id is
 * `keep`, so a chosen source never silently changes).
 */
export function toSourceOptions(
  summary: SimulationSummary | undefined,
  externalClients: readonly string[],
  limit = destinationLimit,
  keep?: string,
): SourceOption[] {
  const options: SourceOption[] = externalClients.map((ip) => ({
    id: `external:${ip}`,
    label: `external client ${ip}`,
    source: { type: 'external', ip },
  }));
  for (const pod of summary?.pods ?? []) {
    if (pod.podIPs.length === 0 || !pod.nodeName) continue;
    if (options.length >= limit + externalClients.length && `pod:${pod.key}` !== keep) continue;
    options.push({
      id: `pod:${pod.key}`,
      label: `pod ${pod.key} (${pod.podIPs[0] ?? ''})`,
      source: { type: 'pod', pod: pod.key },
    });
  }
  return options;
}

/**
 * The selected Service first, then the input's Services in the order written, then the
 * built-in ones.
 */
function ordered(services: ServiceSummary[], focus: string | null): ServiceSummary[] {
  const first = services.filter((s) => s.key === focus);
  const rest = services.filter((s) => s.key !== focus);
  return [...first, ...rest.filter((s) => s.source), ...rest.filter((s) => !s.source)];
}

/**
 * The most destinations a list offers: a native select with tens of thousands of options (a
 * large cluster has NodePorts on hundreds of nodes) blocks the page; the rest are reached by
 * selecting their Service, which lists it first.
 */
export const destinationLimit = 400;

export interface DestinationList {
  options: DestinationOption[];
  /** How many destinations were left out of `options` by the limit. */
  omitted: number;
}

const hostPort = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** Every destination a source can address, in the request bar's order. */
export function toDestinationOptions(
  summary: SimulationSummary | undefined,
  source: RequestSource,
): DestinationOption[] {
  return listDestinations(summary, source, null, Infinity).options;
}

/**
 * The destinations a list offers: those of `focus` (a Service key) first, at most `limit`,
 * plus the one whose id is `keep`, so a chosen destination never silently changes.
 */
export function listDestinations(
  summary: SimulationSummary | undefined,
  source: RequestSource,
  focus: string | null = null,
  limit = destinationLimit,
  keep?: string,
): DestinationList {
  if (!summary) return { options: [], omitted: 0 };
  const fromPod = source.type === 'pod';
  const sourceNamespace = fromPod ? source.pod.slice(0, source.pod.indexOf('/')) : '';
  const out: DestinationOption[] = [];
  let omitted = 0;
  const add = (group: string, label: string, destination: RequestDestination) => {
    const id = destinationId(destination);
    if (out.length < limit || id === keep) out.push({ id, label, group, destination });
    else omitted += 1;
  };
  const nodeAddresses = summary.nodes.filter((node) => node.internalIPs[0]).length;
  for (const service of ordered(summary.services, focus)) {
    if (service.type === 'ExternalName') continue;
    for (const port of service.ports) {
      const protocol = port.protocol;
      const suffix = `${service.name}${service.ports.length > 1 ? ` ${port.name || port.port}` : ''}`;
      if (port.nodePort && out.length >= limit && !keep?.startsWith('nodePort:')) {
        // The list is full: count the node addresses without building their options (a large
        // cluster's NodePort Services open one on each of hundreds of nodes).
        omitted += nodeAddresses;
      } else if (port.nodePort) {
        for (const node of summary.nodes) {
          const ip = node.internalIPs[0];
          if (!ip) continue;
          add('NodePort', `${node.name} ${hostPort(ip, port.nodePort)} (${suffix})`, {
            kind: 'nodePort',
            host: ip,
            port: port.nodePort,
            protocol,
          });
        }
      }
      for (const ip of service.loadBalancerIngress) {
        add('LoadBalancer', `${hostPort(ip, port.port)} (${suffix})`, {
          kind: 'loadBalancer',
          host: ip,
          port: port.port,
          protocol,
        });
      }
      for (const ip of service.externalIPs) {
        add('externalIP', `${hostPort(ip, port.port)} (${suffix})`, {
          kind: 'externalIP',
          host: ip,
          port: port.port,
          protocol,
        });
      }
      if (!fromPod) continue;
      const name =
        service.namespace === sourceNamespace
          ? service.name
          : `${service.name}.${service.namespace}`;
      add('DNS name', `${name}:${port.port}`, {
        kind: 'dnsName',
        host: name,
        port: port.port,
        protocol,
      });
      for (const ip of service.clusterIPs) {
        add('ClusterIP', `${hostPort(ip, port.port)} (${suffix})`, {
          kind: 'clusterIP',
          host: ip,
          port: port.port,
          protocol,
        });
      }
    }
  }
  return { options: out, omitted };
}
