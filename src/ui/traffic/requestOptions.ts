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

export function toSourceOptions(
  summary: SimulationSummary | undefined,
  externalClients: readonly string[],
): SourceOption[] {
  const options: SourceOption[] = externalClients.map((ip) => ({
    id: `external:${ip}`,
    label: `external client ${ip}`,
    source: { type: 'external', ip },
  }));
  for (const pod of summary?.pods ?? []) {
    if (pod.podIPs.length === 0 || !pod.nodeName) continue;
    options.push({
      id: `pod:${pod.key}`,
      label: `pod ${pod.key} (${pod.podIPs[0] ?? ''})`,
      source: { type: 'pod', pod: pod.key },
    });
  }
  return options;
}

/** The input's Services first, in the order written; the built-in ones after them. */
function ordered(services: ServiceSummary[]): ServiceSummary[] {
  return [...services.filter((s) => s.source), ...services.filter((s) => !s.source)];
}

const hostPort = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

export function toDestinationOptions(
  summary: SimulationSummary | undefined,
  source: RequestSource,
): DestinationOption[] {
  if (!summary) return [];
  const fromPod = source.type === 'pod';
  const sourceNamespace = fromPod ? source.pod.slice(0, source.pod.indexOf('/')) : '';
  const out: DestinationOption[] = [];
  const add = (group: string, label: string, destination: RequestDestination) =>
    out.push({ id: destinationId(destination), label, group, destination });
  for (const service of ordered(summary.services)) {
    if (service.type === 'ExternalName') continue;
    for (const port of service.ports) {
      const protocol = port.protocol;
      const suffix = `${service.name}${service.ports.length > 1 ? ` ${port.name || port.port}` : ''}`;
      if (port.nodePort) {
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
  return out;
}
