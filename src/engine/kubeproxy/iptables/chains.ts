/**
 * kube-proxy's iptables chain names: the fixed ones, and the per-Service and per-endpoint ones
 * named from a hash of the service port name and protocol (pkg/proxy/iptables/proxier.go).
 */
import { hash16 } from '../common/hash';

export const kubeServicesChain = 'KUBE-SERVICES';
export const kubeExternalServicesChain = 'KUBE-EXTERNAL-SERVICES';
export const kubeNodePortsChain = 'KUBE-NODEPORTS';
export const kubePostroutingChain = 'KUBE-POSTROUTING';
export const kubeMarkMasqChain = 'KUBE-MARK-MASQ';
export const kubeForwardChain = 'KUBE-FORWARD';
export const kubeProxyFirewallChain = 'KUBE-PROXY-FIREWALL';
export const kubeletFirewallChain = 'KUBE-FIREWALL';
export const kubeProxyCanaryChain = 'KUBE-PROXY-CANARY';

/** Above this many endpoints kube-proxy drops per-endpoint comments (proxier.go largeClusterEndpointsThreshold). */
export const largeClusterEndpointsThreshold = 1000;

/** The chains of one Service port, all from one hash (proxier.go portProtoHash and the *ChainName functions). */
export interface ServicePortChains {
  clusterPolicyChain: string;
  localPolicyChain: string;
  firewallChain: string;
  externalChain: string;
}

/** KUBE-SVC-, KUBE-SVL-, KUBE-FW-, KUBE-EXT- names for a port (proxier.go servicePortPolicyClusterChain and siblings). */
export function servicePortChains(nameString: string, protocol: string): ServicePortChains {
  const hash = hash16(nameString + protocol);
  return {
    clusterPolicyChain: `KUBE-SVC-${hash}`,
    localPolicyChain: `KUBE-SVL-${hash}`,
    firewallChain: `KUBE-FW-${hash}`,
    externalChain: `KUBE-EXT-${hash}`,
  };
}

/** KUBE-SEP- name of one endpoint of a port (proxier.go servicePortEndpointChainName). */
export function servicePortEndpointChainName(
  nameString: string,
  protocol: string,
  endpoint: string,
): string {
  return `KUBE-SEP-${hash16(nameString + protocol + endpoint)}`;
}

/** Whether a chain is one of the per-Service chains kube-proxy creates and deletes (proxier.go isServiceChainName). */
export function isServiceChainName(chain: string): boolean {
  return /^KUBE-(SVC|SVL|SEP|FW|EXT)-/.test(chain);
}

/**
 * `statistic --probability` text for 1/n: `%0.10f` as Go prints it, rounding an exact half to
 * even (proxier.go computeProbability).
 */
export function computeProbability(n: number): string {
  let cached = probabilities[n];
  if (cached === undefined) probabilities[n] = cached = formatProbability(n);
  return cached;
}

const probabilities: string[] = [];

function formatProbability(n: number): string {
  const x = 1 / n;
  const wide = x.toFixed(30);
  const dot = wide.indexOf('.');
  const rest = wide.slice(dot + 11);
  if (rest[0] === '5' && /^50*$/.test(rest)) {
    const kept = wide.slice(0, dot + 11);
    const last = Number(kept[kept.length - 1]);
    if (last % 2 === 0) return kept;
  }
  return x.toFixed(10);
}
