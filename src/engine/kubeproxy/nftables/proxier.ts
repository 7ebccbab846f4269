/**
 * kube-proxy's nftables mode: the `kube-proxy` table one sync writes for one node and family
 * (pkg/proxy/nftables/proxier.go setupNFTables, syncProxyRules, writeServiceToEndpointRules).
 */
import type { Cluster } from '../../model';
import { cidrContains, parseCIDR, parseIP, type Family } from '../../net/ip';
import type { EndpointInfo } from '../common/endpoints';
import {
  computeNodePortAddresses,
  isLoopback,
  nodePortIPs,
  type NodePortAddresses,
} from '../common/node';
import { computeProxyState, type ProxyNodeContext } from '../common/proxyState';
import {
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from '../common/servicePort';
import { categorizeEndpoints } from '../common/topology';
import {
  clusterIPsCheckChain,
  clusterIPsSet,
  endpointNames,
  firewallCheckChain,
  firewallIPsMap,
  kubeProxyTable,
  markMasqChain,
  masqueradingChain,
  noEndpointNodePortsMap,
  noEndpointServicesMap,
  nodePortEndpointsCheckChain,
  nodePortIPsSet,
  rejectChain,
  serviceEndpointsCheckChain,
  serviceIPsMap,
  serviceNodePortsMap,
  servicePortChainNames,
  servicesChain,
} from './names';
import {
  addElement,
  addRule,
  createTable,
  ensureChain,
  type NftBaseChain,
  type NftMap,
  type NftSet,
  type NftTable,
} from './table';

/** The base chains, each hooked at its priority (pkg/proxy/nftables/proxier.go nftablesBaseChains). */
const baseChains: readonly (NftBaseChain & { name: string })[] = [
  { name: 'filter-prerouting-pre-dnat', type: 'filter', hook: 'prerouting', priority: -110 },
  { name: 'filter-output-pre-dnat', type: 'filter', hook: 'output', priority: -110 },
  { name: 'filter-input', type: 'filter', hook: 'input', priority: 0 },
  { name: 'filter-forward', type: 'filter', hook: 'forward', priority: 0 },
  { name: 'filter-output', type: 'filter', hook: 'output', priority: 0 },
  { name: 'nat-prerouting', type: 'nat', hook: 'prerouting', priority: -100 },
  { name: 'nat-output', type: 'nat', hook: 'output', priority: -100 },
  { name: 'nat-postrouting', type: 'nat', hook: 'postrouting', priority: 100 },
];

/** The jumps from base chains into kube-proxy's top-level chains (pkg/proxy/nftables/proxier.go nftablesJumpChains). */
const jumpChains: readonly { to: string; from: string; extra: string }[] = [
  { to: nodePortEndpointsCheckChain, from: 'filter-input', extra: 'ct state new ' },
  { to: serviceEndpointsCheckChain, from: 'filter-input', extra: 'ct state new ' },
  { to: serviceEndpointsCheckChain, from: 'filter-forward', extra: 'ct state new ' },
  { to: serviceEndpointsCheckChain, from: 'filter-output', extra: 'ct state new ' },
  { to: firewallCheckChain, from: 'filter-prerouting-pre-dnat', extra: 'ct state new ' },
  { to: firewallCheckChain, from: 'filter-output-pre-dnat', extra: 'ct state new ' },
  { to: servicesChain, from: 'nat-output', extra: '' },
  { to: servicesChain, from: 'nat-prerouting', extra: '' },
  { to: masqueradingChain, from: 'nat-postrouting', extra: '' },
  { to: clusterIPsCheckChain, from: 'filter-forward', extra: 'ct state new ' },
  { to: clusterIPsCheckChain, from: 'filter-output', extra: 'ct state new ' },
];

export interface NftablesOptions {
  masqueradeAll: boolean;
  /** `1 << masqueradeBit`, as kube-proxy's tests write it (`0x4000`). */
  masqueradeMark: string;
  /** ServiceCIDRs of this family, comma separated (pkg/proxy/nftables/proxier.go OnServiceCIDRsChanged). */
  serviceCIDRs: string;
}

/** The CIDRs of every ServiceCIDR object that belong to the family, in order (pkg/proxy/nftables/proxier.go OnServiceCIDRsChanged). */
export function serviceCIDRsForFamily(cluster: Cluster, family: Family): string[] {
  const out: string[] = [];
  for (const object of cluster.serviceCIDRs) {
    for (const cidr of object?.spec?.cidrs ?? []) {
      if (typeof cidr !== 'string') continue;
      const isIPv4 = parseCIDR(cidr)?.ip.family === 4;
      if ((family === 4) === isIPv4) out.push(cidr);
    }
  }
  return out;
}

/**
 * The NodePort addresses of nftables mode: as configured, or else `primary`, the node's primary
 * IP of the family (cmd/kube-proxy/app/server_linux.go platformApplyDefaults; server.go).
 */
function nftablesNodePortAddresses(cluster: Cluster, context: ProxyNodeContext): NodePortAddresses {
  if (cluster.proxy.nodePortAddresses.length > 0) return context.nodePortAddresses;
  return computeNodePortAddresses(['primary'], context.family, context.node);
}

interface SetupObjects {
  sets: { clusterIPs: NftSet };
  maps: {
    noEndpointServices: NftMap;
    noEndpointNodePorts: NftMap;
    firewallIPs: NftMap;
    serviceIPs: NftMap;
    serviceNodePorts: NftMap;
  };
}

/** The table's fixed chains, sets and maps (pkg/proxy/nftables/proxier.go setupNFTables). */
function setupTable(
  table: NftTable,
  context: ProxyNodeContext,
  options: NftablesOptions,
): SetupObjects {
  const ipX = table.family;
  const addrType = context.family === 4 ? 'ipv4_addr' : 'ipv6_addr';
  const noLocalhost = context.family === 4 ? 'ip daddr != 127.0.0.0/8' : 'ip6 daddr != ::1';
  for (const bc of baseChains) {
    ensureChain(table, bc.name, { base: { type: bc.type, hook: bc.hook, priority: bc.priority } });
  }
  for (const jc of jumpChains) {
    ensureChain(table, jc.to);
    addRule(table, jc.from, `${jc.extra}jump ${jc.to}`);
  }
  for (const name of [servicesChain, clusterIPsCheckChain, masqueradingChain, markMasqChain]) {
    ensureChain(table, name);
  }
  addRule(table, markMasqChain, `mark set mark or ${options.masqueradeMark}`);
  addRule(table, masqueradingChain, `mark and ${options.masqueradeMark} == 0 return`);
  addRule(table, masqueradingChain, `mark set mark xor ${options.masqueradeMark}`);
  addRule(table, masqueradingChain, 'masquerade fully-random');

  const clusterIPs: NftSet = {
    name: clusterIPsSet,
    type: addrType,
    comment: 'Active ClusterIPs',
    elements: [],
  };
  table.sets.set(clusterIPs.name, clusterIPs);
  addRule(
    table,
    clusterIPsCheckChain,
    `${ipX} daddr @${clusterIPsSet} reject`,
    'Reject traffic to invalid ports of ClusterIPs',
  );
  if (options.serviceCIDRs.length > 0) {
    addRule(
      table,
      clusterIPsCheckChain,
      `${ipX} daddr { ${options.serviceCIDRs} } drop`,
      'Drop traffic to unallocated ClusterIPs',
    );
  }

  const matchAll = context.nodePortAddresses.matchAll;
  if (!matchAll) {
    const nodePortIPsObject: NftSet = {
      name: nodePortIPsSet,
      type: addrType,
      comment: 'IPs that accept NodePort traffic',
      elements: [],
    };
    table.sets.set(nodePortIPsObject.name, nodePortIPsObject);
    for (const ip of nodePortIPs(context.nodePortAddresses, context.interfaceAddresses)) {
      if (isLoopback(ip)) continue;
      addElement(nodePortIPsObject, { key: [ip] });
    }
  }

  const map = (name: string, type: string, comment: string): NftMap => {
    const m: NftMap = { name, type, comment, elements: [] };
    table.maps.set(name, m);
    return m;
  };
  const noEndpointServices = map(
    noEndpointServicesMap,
    `${addrType} . inet_proto . inet_service : verdict`,
    'vmap to drop or reject packets to services with no endpoints',
  );
  const noEndpointNodePorts = map(
    noEndpointNodePortsMap,
    'inet_proto . inet_service : verdict',
    'vmap to drop or reject packets to service nodeports with no endpoints',
  );
  ensureChain(table, rejectChain, {
    comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports',
  });
  addRule(table, rejectChain, 'reject');
  addRule(
    table,
    serviceEndpointsCheckChain,
    `${ipX} daddr . meta l4proto . th dport vmap @${noEndpointServicesMap}`,
  );
  addRule(
    table,
    nodePortEndpointsCheckChain,
    matchAll
      ? `${noLocalhost} meta l4proto . th dport vmap @${noEndpointNodePortsMap}`
      : `${ipX} daddr @${nodePortIPsSet} meta l4proto . th dport vmap @${noEndpointNodePortsMap}`,
  );
  const firewallIPs = map(
    firewallIPsMap,
    `${addrType} . inet_proto . inet_service : verdict`,
    'destinations that are subject to LoadBalancerSourceRanges',
  );
  ensureChain(table, firewallCheckChain);
  addRule(
    table,
    firewallCheckChain,
    `${ipX} daddr . meta l4proto . th dport vmap @${firewallIPsMap}`,
  );
  const serviceIPs = map(
    serviceIPsMap,
    `${addrType} . inet_proto . inet_service : verdict`,
    'ClusterIP, ExternalIP and LoadBalancer IP traffic',
  );
  const serviceNodePorts = map(
    serviceNodePortsMap,
    'inet_proto . inet_service : verdict',
    'NodePort traffic',
  );
  addRule(table, servicesChain, `${ipX} daddr . meta l4proto . th dport vmap @${serviceIPsMap}`);
  addRule(
    table,
    servicesChain,
    matchAll
      ? `fib daddr type local ${noLocalhost} meta l4proto . th dport vmap @${serviceNodePortsMap}`
      : `${ipX} daddr @${nodePortIPsSet} meta l4proto . th dport vmap @${serviceNodePortsMap}`,
  );
  return {
    sets: { clusterIPs },
    maps: { noEndpointServices, noEndpointNodePorts, firewallIPs, serviceIPs, serviceNodePorts },
  };
}

/** Writes the affinity checks and the `numgen` choice of endpoint (pkg/proxy/nftables/proxier.go writeServiceToEndpointRules). */
function writeServiceToEndpointRules(
  table: NftTable,
  info: ServicePortInfo,
  chain: string,
  endpoints: readonly EndpointInfo[],
): void {
  if (info.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      const names = endpointNames(info, ep.ip, ep.port);
      addRule(table, chain, `${table.family} saddr @${names.affinitySet} goto ${names.chain}`);
    }
  }
  const elements = endpoints
    .map((ep, i) => `${i} : goto ${endpointNames(info, ep.ip, ep.port).chain}`)
    .join(' , ');
  addRule(table, chain, `numgen random mod ${endpoints.length} vmap { ${elements} }`);
}

/** The `kube-proxy` table kube-proxy writes on `nodeName` for `family`. */
export function computeNftablesTable(cluster: Cluster, nodeName: string, family: Family): NftTable {
  const state = computeProxyState(cluster, nodeName, family);
  const context: ProxyNodeContext = {
    ...state.context,
    nodePortAddresses: nftablesNodePortAddresses(cluster, state.context),
  };
  const options: NftablesOptions = {
    masqueradeAll: cluster.proxy.nftables.masqueradeAll,
    masqueradeMark: `0x${(2 ** clampBit(cluster.proxy.nftables.masqueradeBit)).toString(16)}`,
    serviceCIDRs: serviceCIDRsForFamily(cluster, family).join(','),
  };
  const table = createTable(family === 4 ? 'ip' : 'ip6', kubeProxyTable, 'rules for kube-proxy');
  const { sets, maps } = setupTable(table, context, options);
  const ipX = table.family;
  const addrType = family === 4 ? 'ipv4_addr' : 'ipv6_addr';
  const detector = context.localDetector;

  for (const { info, endpoints } of state.ports) {
    const protocol = info.protocol.toLowerCase();
    const names = servicePortChainNames(info);
    const cat = categorizeEndpoints(endpoints, info, nodeName, context.nodeLabels);
    const hasEndpoints = cat.hasAnyEndpoints;
    const usesClusterPolicyChain = cat.clusterEndpoints.length > 0 && usesClusterEndpoints(info);
    const usesLocalPolicyChain = cat.localEndpoints.length > 0 && usesLocalEndpoints(info);
    for (const ep of cat.allReachableEndpoints)
      ensureChain(table, endpointNames(info, ep.ip, ep.port).chain);
    if (usesClusterPolicyChain) ensureChain(table, names.clusterPolicyChain);
    if (usesLocalPolicyChain) ensureChain(table, names.localPolicyChain);

    let internalChain = names.clusterPolicyChain;
    let hasInternal = hasEndpoints;
    if (info.internalPolicyLocal) {
      internalChain = names.localPolicyChain;
      if (cat.localEndpoints.length === 0) hasInternal = false;
    }
    let externalPolicyChain = names.clusterPolicyChain;
    let hasExternal = hasEndpoints;
    if (info.externalPolicyLocal) {
      externalPolicyChain = names.localPolicyChain;
      if (cat.localEndpoints.length === 0) hasExternal = false;
    }
    const usesExternalChain = hasEndpoints && externallyAccessible(info);
    if (usesExternalChain) ensureChain(table, names.externalChain);

    const internalVerdict = hasEndpoints ? (hasInternal ? '' : 'drop') : `goto ${rejectChain}`;
    const externalVerdict = hasEndpoints ? (hasExternal ? '' : 'drop') : `goto ${rejectChain}`;
    const port = String(info.port);

    addElement(sets.clusterIPs, { key: [info.clusterIP] });
    if (hasInternal) {
      addElement(maps.serviceIPs, {
        key: [info.clusterIP, protocol, port],
        value: [`goto ${internalChain}`],
      });
    } else {
      addElement(maps.noEndpointServices, {
        key: [info.clusterIP, protocol, port],
        value: [internalVerdict],
        comment: info.nameString,
      });
    }
    for (const ip of info.externalIPs) {
      if (hasEndpoints) {
        addElement(maps.serviceIPs, {
          key: [ip, protocol, port],
          value: [`goto ${names.externalChain}`],
        });
      }
      if (!hasExternal) {
        addElement(maps.noEndpointServices, {
          key: [ip, protocol, port],
          value: [externalVerdict],
          comment: info.nameString,
        });
      }
    }
    const usesFWChain =
      info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;
    if (usesFWChain) ensureChain(table, names.firewallChain);
    for (const ip of info.loadBalancerVIPs) {
      if (hasEndpoints) {
        addElement(maps.serviceIPs, {
          key: [ip, protocol, port],
          value: [`goto ${names.externalChain}`],
        });
      }
      if (usesFWChain) {
        addElement(maps.firewallIPs, {
          key: [ip, protocol, port],
          value: [`goto ${names.firewallChain}`],
        });
      }
    }
    if (!hasExternal) {
      for (const ip of info.loadBalancerVIPs) {
        addElement(maps.noEndpointServices, {
          key: [ip, protocol, port],
          value: [externalVerdict],
          comment: info.nameString,
        });
      }
    }
    if (info.nodePort !== 0) {
      const key = [protocol, String(info.nodePort)];
      if (hasEndpoints) {
        addElement(maps.serviceNodePorts, { key, value: [`goto ${names.externalChain}`] });
      }
      if (!hasExternal) {
        addElement(maps.noEndpointNodePorts, {
          key,
          value: [externalVerdict],
          comment: info.nameString,
        });
      }
    }

    if (hasInternal) {
      if (options.masqueradeAll) {
        addRule(table, internalChain, `${ipX} daddr ${info.clusterIP} jump ${markMasqChain}`);
      } else if (detector) {
        addRule(
          table,
          internalChain,
          `${ipX} daddr ${info.clusterIP} ${detector.ifNotLocalNFT.join(' ')} jump ${markMasqChain}`,
        );
      }
    }
    if (usesExternalChain) {
      if (!info.externalPolicyLocal) {
        addRule(table, names.externalChain, `jump ${markMasqChain}`);
      } else {
        if (detector) {
          addRule(
            table,
            names.externalChain,
            `${detector.ifLocalNFT.join(' ')} goto ${names.clusterPolicyChain}`,
            'short-circuit pod traffic',
          );
        }
        addRule(
          table,
          names.externalChain,
          `fib saddr type local jump ${markMasqChain}`,
          'masquerade local traffic',
        );
        addRule(
          table,
          names.externalChain,
          `fib saddr type local goto ${names.clusterPolicyChain}`,
          'short-circuit local traffic',
        );
      }
      if (hasExternal) addRule(table, names.externalChain, `goto ${externalPolicyChain}`);
    }
    if (usesFWChain) {
      const sources = [...info.loadBalancerSourceRanges];
      const nodeIP = context.nodeIP ? parseIP(context.nodeIP) : undefined;
      const allowFromNode =
        !!nodeIP &&
        info.loadBalancerSourceRanges.some((text) => {
          const cidr = parseCIDR(text);
          return !!cidr && cidrContains(cidr, nodeIP);
        });
      if (allowFromNode) sources.push(...info.loadBalancerVIPs);
      addRule(table, names.firewallChain, `${ipX} saddr != { ${sources.join(' , ')} } drop`);
    }
    if (info.sessionAffinityClientIP) {
      for (const ep of cat.allReachableEndpoints) {
        const set: NftSet = {
          name: endpointNames(info, ep.ip, ep.port).affinitySet,
          type: addrType,
          flags: ['dynamic', 'timeout'],
          timeout: info.stickyMaxAgeSeconds,
          elements: [],
        };
        table.sets.set(set.name, set);
      }
    }
    if (usesClusterPolicyChain) {
      writeServiceToEndpointRules(table, info, names.clusterPolicyChain, cat.clusterEndpoints);
    }
    if (usesLocalPolicyChain) {
      writeServiceToEndpointRules(table, info, names.localPolicyChain, cat.localEndpoints);
    }
    for (const ep of cat.allReachableEndpoints) {
      const epNames = endpointNames(info, ep.ip, ep.port);
      addRule(table, epNames.chain, `${ipX} saddr ${ep.ip} jump ${markMasqChain}`);
      if (info.sessionAffinityClientIP) {
        addRule(table, epNames.chain, `update @${epNames.affinitySet} { ${ipX} saddr }`);
      }
      addRule(table, epNames.chain, `meta l4proto ${protocol} dnat to ${ep.endpoint}`);
    }
  }
  return table;
}

function clampBit(bit: number): number {
  return Number.isInteger(bit) && bit >= 0 && bit <= 31 ? bit : 14;
}
