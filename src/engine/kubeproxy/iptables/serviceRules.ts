/**
 * The rules kube-proxy writes for one Service port: the per-service part of syncProxyRules
 * (pkg/proxy/iptables/proxier.go syncProxyRules, writeServiceToEndpointRules).
 */
import { inCIDR } from '../../net/ip';
import type { EndpointInfo } from '../common/endpoints';
import type { ProxyNodeContext } from '../common/proxyState';
import {
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from '../common/servicePort';
import { categorizeEndpoints } from '../common/topology';
import {
  computeProbability,
  kubeExternalServicesChain,
  kubeMarkMasqChain,
  kubeNodePortsChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
  servicePortChains,
  servicePortEndpointChainName,
} from './chains';

/** Proxier-wide settings that shape every Service's rules. */
export interface IptablesOptions {
  masqueradeAll: boolean;
  /** Localhost NodePorts in effect (IPv4 only, and only when nodePortAddresses include loopback). */
  localhostNodePorts: boolean;
  /** The localhost NodePort nfacct counter exists. */
  nfacct: boolean;
  /** Above 1,000 endpoints: per-endpoint comments dropped. */
  largeClusterMode: boolean;
}

/** The lines one Service port contributes, by table; `natChains` are the chains it owns. */
export interface ServiceRuleBlock {
  filter: string[];
  natChains: string[];
  nat: string[];
  /** Whether internal (`DROP`) or external traffic has no local endpoints, for the metrics view. */
  noLocalInternal: boolean;
  noLocalExternal: boolean;
}

const q = (text: string) => `"${text}"`;

/** Adds `-m comment --comment` unless in large-cluster mode (proxier.go appendServiceCommentLocked). */
function serviceComment(options: IptablesOptions, comment: string): string {
  return options.largeClusterMode ? '' : ` -m comment --comment ${comment}`;
}

function endpointChain(info: ServicePortInfo, protocol: string, ep: EndpointInfo): string {
  return servicePortEndpointChainName(info.nameString, protocol, ep.endpoint);
}

/** The KUBE-SVC-/KUBE-SVL- rules to the endpoints: affinity checks, then the random split (proxier.go writeServiceToEndpointRules). */
function writeServiceToEndpointRules(
  nat: string[],
  info: ServicePortInfo,
  protocol: string,
  chain: string,
  endpoints: readonly EndpointInfo[],
  options: IptablesOptions,
): void {
  if (info.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      const sep = endpointChain(info, protocol, ep);
      nat.push(
        `-A ${chain}${serviceComment(options, q(`${info.nameString} -> ${ep.endpoint}`))} -m recent --name ${sep} --rcheck --seconds ${info.stickyMaxAgeSeconds} --reap -j ${sep}`,
      );
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const sep = endpointChain(info, protocol, ep);
    const probability =
      i < n - 1 ? ` -m statistic --mode random --probability ${computeProbability(n - i)}` : '';
    nat.push(
      `-A ${chain}${serviceComment(options, q(`${info.nameString} -> ${ep.endpoint}`))}${probability} -j ${sep}`,
    );
  });
}

/** Everything kube-proxy writes for one Service port on one node (proxier.go syncProxyRules, the per-service loop). */
export function computeServiceRules(
  info: ServicePortInfo,
  allEndpoints: readonly EndpointInfo[],
  context: ProxyNodeContext,
  options: IptablesOptions,
): ServiceRuleBlock {
  const filter: string[] = [];
  const nat: string[] = [];
  const natChains: string[] = [];
  const protocol = info.protocol.toLowerCase();
  const name = info.nameString;
  const chains = servicePortChains(name, protocol);
  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints } =
    categorizeEndpoints(allEndpoints, info, context.nodeName, context.nodeLabels);
  const hasEndpoints = hasAnyEndpoints;

  const clusterPolicyChain = chains.clusterPolicyChain;
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(info);
  const localPolicyChain = chains.localPolicyChain;
  const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(info);

  let internalPolicyChain = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (info.internalPolicyLocal) {
    internalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  const internalTrafficChain = internalPolicyChain;

  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (info.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const externalTrafficChain = chains.externalChain;
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(info);

  let loadBalancerTrafficChain = externalTrafficChain;
  const fwChain = chains.firewallChain;
  const usesFWChain =
    hasEndpoints && info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;
  if (usesFWChain) loadBalancerTrafficChain = fwChain;

  let internalTarget = '';
  let internalComment = '';
  let externalTarget = '';
  let externalComment = '';
  let noLocalInternal = false;
  let noLocalExternal = false;
  if (!hasEndpoints) {
    internalTarget = 'REJECT';
    internalComment = q(`${name} has no endpoints`);
    externalTarget = 'REJECT';
    externalComment = internalComment;
  } else {
    if (!hasInternalEndpoints) {
      internalTarget = 'DROP';
      internalComment = q(`${name} has no local endpoints`);
      noLocalInternal = true;
    }
    if (!hasExternalEndpoints) {
      externalTarget = 'DROP';
      externalComment = q(`${name} has no local endpoints`);
      noLocalExternal = true;
    }
  }

  const match = `-m ${protocol} -p ${protocol}`;
  const clusterIPMatch = `${match} -d ${info.clusterIP} --dport ${info.port}`;

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    nat.push(
      `-A ${kubeServicesChain} -m comment --comment ${q(`${name} cluster IP`)} ${clusterIPMatch} -j ${internalTrafficChain}`,
    );
  } else {
    filter.push(
      `-A ${kubeServicesChain} -m comment --comment ${internalComment} ${clusterIPMatch} -j ${internalTarget}`,
    );
  }

  // Capture externalIPs.
  for (const externalIP of info.externalIPs) {
    const dst = `${match} -d ${externalIP} --dport ${info.port}`;
    if (hasEndpoints) {
      nat.push(
        `-A ${kubeServicesChain} -m comment --comment ${q(`${name} external IP`)} ${dst} -j ${externalTrafficChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      filter.push(
        `-A ${kubeExternalServicesChain} -m comment --comment ${externalComment} ${dst} -j ${externalTarget}`,
      );
    }
  }

  // Capture load-balancer ingress.
  for (const lbip of info.loadBalancerVIPs) {
    const dst = `${match} -d ${lbip} --dport ${info.port}`;
    if (hasEndpoints) {
      nat.push(
        `-A ${kubeServicesChain} -m comment --comment ${q(`${name} loadbalancer IP`)} ${dst} -j ${loadBalancerTrafficChain}`,
      );
    }
    if (usesFWChain) {
      filter.push(
        `-A ${kubeProxyFirewallChain} -m comment --comment ${q(`${name} traffic not accepted by ${fwChain}`)} ${dst} -j DROP`,
      );
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of info.loadBalancerVIPs) {
      filter.push(
        `-A ${kubeExternalServicesChain} -m comment --comment ${externalComment} ${match} -d ${lbip} --dport ${info.port} -j ${externalTarget}`,
      );
    }
  }

  // Capture nodeports.
  if (info.nodePort !== 0) {
    if (hasEndpoints) {
      if (options.localhostNodePorts && options.nfacct) {
        nat.push(
          `-A ${kubeNodePortsChain} -m comment --comment ${name} ${match} -d 127.0.0.0/8 --dport ${info.nodePort} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${externalTrafficChain}`,
        );
      }
      nat.push(
        `-A ${kubeNodePortsChain} -m comment --comment ${name} ${match} --dport ${info.nodePort} -j ${externalTrafficChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      filter.push(
        `-A ${kubeExternalServicesChain} -m comment --comment ${externalComment} -m addrtype --dst-type LOCAL ${match} --dport ${info.nodePort} -j ${externalTarget}`,
      );
    }
  }

  // Capture healthCheckNodePorts.
  if (info.healthCheckNodePort !== 0) {
    filter.push(
      `-A ${kubeNodePortsChain} -m comment --comment ${q(`${name} health check node port`)} -m tcp -p tcp --dport ${info.healthCheckNodePort} -j ACCEPT`,
    );
  }

  // Internal traffic handling.
  if (hasInternalEndpoints) {
    const args = `-m comment --comment ${q(`${name} cluster IP`)} ${clusterIPMatch}`;
    if (options.masqueradeAll) {
      nat.push(`-A ${internalTrafficChain} ${args} -j ${kubeMarkMasqChain}`);
    } else if (context.localDetector) {
      nat.push(
        `-A ${internalTrafficChain} ${args} ${context.localDetector.ifNotLocal.join(' ')} -j ${kubeMarkMasqChain}`,
      );
    }
  }

  // External traffic handling.
  if (usesExternalTrafficChain) {
    natChains.push(externalTrafficChain);
    if (!info.externalPolicyLocal) {
      nat.push(
        `-A ${externalTrafficChain} -m comment --comment ${q(`masquerade traffic for ${name} external destinations`)} -j ${kubeMarkMasqChain}`,
      );
    } else {
      if (context.localDetector) {
        nat.push(
          `-A ${externalTrafficChain} -m comment --comment ${q(`pod traffic for ${name} external destinations`)} ${context.localDetector.ifLocal.join(' ')} -j ${clusterPolicyChain}`,
        );
      }
      nat.push(
        `-A ${externalTrafficChain} -m comment --comment ${q(`masquerade LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j ${kubeMarkMasqChain}`,
      );
      nat.push(
        `-A ${externalTrafficChain} -m comment --comment ${q(`route LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`,
      );
    }
    if (hasExternalEndpoints) {
      nat.push(`-A ${externalTrafficChain} -j ${externalPolicyChain}`);
    }
  }

  // Firewall chain.
  if (usesFWChain) {
    natChains.push(fwChain);
    const args = `-A ${fwChain} -m comment --comment ${q(`${name} loadbalancer IP`)}`;
    let allowFromNode = false;
    for (const cidr of info.loadBalancerSourceRanges) {
      nat.push(`${args} -s ${cidr} -j ${externalTrafficChain}`);
      if (context.nodeIP && inCIDR(context.nodeIP, cidr)) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const lbip of info.loadBalancerVIPs) {
        nat.push(`${args} -s ${lbip} -j ${externalTrafficChain}`);
      }
    }
    nat.push(
      `-A ${fwChain} -m comment --comment ${q(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)}`,
    );
  }

  if (usesClusterPolicyChain) {
    natChains.push(clusterPolicyChain);
    writeServiceToEndpointRules(nat, info, protocol, clusterPolicyChain, clusterEndpoints, options);
  }
  if (usesLocalPolicyChain) {
    natChains.push(localPolicyChain);
    writeServiceToEndpointRules(nat, info, protocol, localPolicyChain, localEndpoints, options);
  }

  // Per-endpoint chains.
  for (const ep of allReachableEndpoints) {
    const sep = endpointChain(info, protocol, ep);
    natChains.push(sep);
    const head = `-A ${sep}${serviceComment(options, name)}`;
    nat.push(`${head} -s ${ep.ip} -j ${kubeMarkMasqChain}`);
    const affinity = info.sessionAffinityClientIP ? ` -m recent --name ${sep} --set` : '';
    nat.push(`${head}${affinity} ${match} -j DNAT --to-destination ${ep.endpoint}`);
  }

  return { filter, natChains, nat, noLocalInternal, noLocalExternal };
}
