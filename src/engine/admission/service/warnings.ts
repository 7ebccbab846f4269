/** The warnings the API server returns with a Service (pkg/api/service/warnings.go GetWarningsForService). */
import type { Service } from '../../model';

export function serviceWarnings(service: Service): string[] {
  const spec = service.spec ?? {};
  const warnings: string[] = [];
  const type = spec.type ?? 'ClusterIP';
  const headless = type === 'ClusterIP' && spec.clusterIP === 'None';
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  if (service.metadata.annotations?.['service.kubernetes.io/topology-aware-hints'] !== undefined)
    warnings.push(
      'annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead',
    );
  if (headless) {
    if ((spec.loadBalancerIP ?? '') !== '')
      warnings.push('spec.loadBalancerIP is ignored for headless services');
    if (externalIPs.length > 0) warnings.push('spec.externalIPs is ignored for headless services');
    if ((spec.sessionAffinity ?? 'None') !== 'None')
      warnings.push('spec.SessionAffinity is ignored for headless services');
  }
  if (externalIPs.length > 0 && !headless && type !== 'ExternalName')
    warnings.push(
      'spec.externalIPs is deprecated and may no longer be implemented in some clusters',
    );
  if (type === 'ExternalName' && externalIPs.length > 0)
    warnings.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (type !== 'ExternalName' && (spec.externalName ?? '') !== '')
    warnings.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  if (spec.trafficDistribution === 'PreferClose')
    warnings.push('spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"');
  return warnings;
}
