/** The warnings the API server returns with a Service (pkg/api/service/warnings.go GetWarningsForService). */
import type { Service } from '../../model';
import { formatIP, parseCIDR, parseIP } from '../../net/ip';

/** GetWarningsForIP: an IPv6 address not written in RFC 5952 canonical form. */
function ipWarnings(path: string, value: unknown): string[] {
  const text = String(value);
  const ip = parseIP(text);
  if (!ip || ip.family !== 6) return [];
  const canonical = formatIP(ip);
  return canonical === text
    ? []
    : [`${path}: IPv6 address "${text}" should be in RFC 5952 canonical format ("${canonical}")`];
}

/** GetWarningsForCIDR: an IPv6 CIDR not written in RFC 5952 canonical form. */
function cidrWarnings(path: string, value: unknown): string[] {
  const text = String(value);
  const cidr = parseCIDR(text);
  if (!cidr || cidr.ip.family !== 6) return [];
  const canonical = `${formatIP(cidr.ip)}/${cidr.prefix}`;
  return canonical === text
    ? []
    : [
        `${path}: IPv6 CIDR value "${text}" should be in RFC 5952 canonical format ("${canonical}")`,
      ];
}

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
  const clusterIPs = Array.isArray(spec.clusterIPs)
    ? spec.clusterIPs
    : spec.clusterIP
      ? [spec.clusterIP]
      : [];
  if (clusterIPs.length > 0 && clusterIPs[0] !== 'None' && clusterIPs[0] !== '')
    clusterIPs.forEach((ip, i) => warnings.push(...ipWarnings(`spec.clusterIPs[${i}]`, ip)));
  if (headless) {
    if ((spec.loadBalancerIP ?? '') !== '')
      warnings.push('spec.loadBalancerIP is ignored for headless services');
    if (externalIPs.length > 0) warnings.push('spec.externalIPs is ignored for headless services');
    if ((spec.sessionAffinity ?? 'None') !== 'None')
      warnings.push('spec.SessionAffinity is ignored for headless services');
  }
  externalIPs.forEach((ip, i) => warnings.push(...ipWarnings(`spec.externalIPs[${i}]`, ip)));
  if ((spec.loadBalancerIP ?? '') !== '')
    warnings.push(...ipWarnings('spec.loadBalancerIP', spec.loadBalancerIP));
  (Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : []).forEach(
    (cidr, i) => warnings.push(...cidrWarnings(`spec.loadBalancerSourceRanges[${i}]`, cidr)),
  );
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
