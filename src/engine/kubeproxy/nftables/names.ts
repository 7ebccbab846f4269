/**
 * Names of kube-proxy's nftables objects: the fixed chains, sets and maps of the `kube-proxy`
 * table, and the per-Service and per-endpoint chains named `<prefix><hash>-<ns>/<name>/...`
 * (pkg/proxy/nftables/proxier.go).
 */
import { base32, sha256 } from '../common/hash';
import type { ServicePortInfo } from '../common/servicePort';

export const kubeProxyTable = 'kube-proxy';

export const servicesChain = 'services';
export const serviceIPsMap = 'service-ips';
export const serviceNodePortsMap = 'service-nodeports';
export const nodePortIPsSet = 'nodeport-ips';
export const clusterIPsSet = 'cluster-ips';
export const serviceEndpointsCheckChain = 'service-endpoints-check';
export const nodePortEndpointsCheckChain = 'nodeport-endpoints-check';
export const noEndpointServicesMap = 'no-endpoint-services';
export const noEndpointNodePortsMap = 'no-endpoint-nodeports';
export const rejectChain = 'reject-chain';
export const clusterIPsCheckChain = 'cluster-ips-check';
export const firewallIPsMap = 'firewall-ips';
export const firewallCheckChain = 'firewall-check';
export const markMasqChain = 'mark-for-masquerade';
export const masqueradingChain = 'masquerading';

/** nftables' limit on object names (knftables NameLengthMax) less the longest prefix. */
const chainNameBaseLengthMax = 256 - 16;

/** `HASH-name`, truncated with `...` past the limit (pkg/proxy/nftables/proxier.go hashAndTruncate). */
export function hashAndTruncate(name: string): string {
  const out = `${base32(sha256(name)).slice(0, 8)}-${name}`;
  return out.length > chainNameBaseLengthMax
    ? `${out.slice(0, chainNameBaseLengthMax - 3)}...`
    : out;
}

/** `HASH-ns/name/proto/port` (pkg/proxy/nftables/proxier.go servicePortChainNameBase). */
export function servicePortChainNameBase(info: ServicePortInfo): string {
  const p = info.portName;
  return hashAndTruncate(`${p.namespace}/${p.name}/${info.protocol.toLowerCase()}/${p.port}`);
}

/** `HASH-ns/name/proto/port__ip/port`, IPv6 colons as dots (pkg/proxy/nftables/proxier.go servicePortEndpointChainNameBase). */
export function servicePortEndpointChainNameBase(
  info: ServicePortInfo,
  ip: string,
  port: number,
): string {
  const p = info.portName;
  const safeIP = ip.replaceAll(':', '.');
  return hashAndTruncate(
    `${p.namespace}/${p.name}/${info.protocol.toLowerCase()}/${p.port}__${safeIP}/${port}`,
  );
}

/** The chains of one Service port (pkg/proxy/nftables/proxier.go newServiceInfo). */
export interface ServicePortChainNames {
  clusterPolicyChain: string;
  localPolicyChain: string;
  externalChain: string;
  firewallChain: string;
}

export function servicePortChainNames(info: ServicePortInfo): ServicePortChainNames {
  const base = servicePortChainNameBase(info);
  return {
    clusterPolicyChain: `service-${base}`,
    localPolicyChain: `local-${base}`,
    externalChain: `external-${base}`,
    firewallChain: `firewall-${base}`,
  };
}

/** The chain and affinity set of one endpoint (pkg/proxy/nftables/proxier.go newEndpointInfo). */
export function endpointNames(
  info: ServicePortInfo,
  ip: string,
  port: number,
): { chain: string; affinitySet: string } {
  const base = servicePortEndpointChainNameBase(info, ip, port);
  return { chain: `endpoint-${base}`, affinitySet: `affinity-${base}` };
}
