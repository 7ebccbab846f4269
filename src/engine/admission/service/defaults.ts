/** Service defaulting, as the v1 API defaults a decoded Service (pkg/apis/core/v1/defaults.go SetDefaults_Service). */
import type { Service, ServicePort } from '../../model';

/** ExternallyAccessible (pkg/api/service/util.go): NodePort, LoadBalancer, or ClusterIP with external IPs. */
export function externallyAccessible(service: Service): boolean {
  const spec = service.spec ?? {};
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
  );
}

/** NeedsHealthCheck (pkg/api/service/util.go): LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(service: Service): boolean {
  return service.spec?.type === 'LoadBalancer' && service.spec.externalTrafficPolicy === 'Local';
}

/** The default ClientIP affinity timeout: three hours (v1.DefaultClientIPServiceAffinitySeconds). */
export const defaultClientIPTimeoutSeconds = 10800;

/** Fills what the v1 API defaults; the object is the API server's own copy and is changed in place. */
export function defaultService(service: Service): void {
  const spec = (service.spec ??= {});
  if (spec.sessionAffinity === undefined || (spec.sessionAffinity as string) === '')
    spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === 'ClientIP' &&
    typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number'
  )
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: defaultClientIPTimeoutSeconds } };
  if (spec.type === undefined || (spec.type as string) === '') spec.type = 'ClusterIP';
  if (Array.isArray(spec.ports))
    spec.ports.forEach((port: ServicePort | null) => {
      if (port === null || typeof port !== 'object') return;
      if (port.protocol === undefined || (port.protocol as string) === '') port.protocol = 'TCP';
      if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
        if (port.port !== undefined) port.targetPort = port.port;
    });
  if (externallyAccessible(service) && (spec.externalTrafficPolicy ?? '') === '')
    spec.externalTrafficPolicy = 'Cluster';
  if (
    spec.internalTrafficPolicy === undefined &&
    (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')
  )
    spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined)
    spec.allocateLoadBalancerNodePorts = true;
  // ServiceStatus and its LoadBalancerStatus are structs: the API always serves them, empty or not.
  const status = (service.status ??= {});
  status.loadBalancer ??= {};
}

/**
 * NormalizeClusterIPs (pkg/registry/core/service/strategy.go): keeps the singular and plural
 * fields in step before anything reads them. `old` is the stored Service on update.
 */
export function normalizeClusterIPs(service: Service, old: Service | undefined): void {
  const spec = (service.spec ??= {});
  const ip = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (!old) {
    if (ip !== '' && ips.length === 0) spec.clusterIPs = [ip];
    return;
  }
  const oldSpec = old.spec ?? {};
  const oldIP = oldSpec.clusterIP ?? '';
  const oldIPs = oldSpec.clusterIPs ?? [];
  if (oldIPs.length > 0 && ips.length === 0 && oldIP === ip) spec.clusterIPs = [...oldIPs];
  if (oldIP !== ip) {
    const same = JSON.stringify(oldIPs) === JSON.stringify(spec.clusterIPs ?? []);
    if (oldIP !== '' && ip === '') {
      if (same) delete spec.clusterIPs;
    } else if (same) spec.clusterIPs = [ip];
  }
}
