/** Text as kubectl prints it, for the panels. */
import type { EndpointSummary, ServicePortSummary, ServiceSummary } from '../../worker/protocol';

/** One entry of kubectl's PORT(S) column: `80/TCP`, or `80:30080/TCP` with a nodePort. */
export function formatServicePort(port: ServicePortSummary): string {
  return `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol}`;
}

/** kubectl's CLUSTER-IP column: `None` for a headless Service, `<none>` when there is none. */
export function formatClusterIP(service: ServiceSummary): string {
  return service.clusterIP || '<none>';
}

/** An endpoint as `ip:port` (`[ip]:port` for IPv6). */
export function formatEndpoint(endpoint: EndpointSummary): string {
  const host = endpoint.ip.includes(':') ? `[${endpoint.ip}]` : endpoint.ip;
  return endpoint.port ? `${host}:${endpoint.port}` : host;
}

export function endpointState(endpoint: EndpointSummary): 'ready' | 'terminating' | 'not ready' {
  if (endpoint.ready) return 'ready';
  return endpoint.terminating ? 'terminating' : 'not ready';
}
