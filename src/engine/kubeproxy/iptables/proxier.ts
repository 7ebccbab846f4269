/**
 * kube-proxy in iptables mode for one node and one IP family: the `*filter` and `*nat` rules of
 * a full sync (pkg/proxy/iptables/proxier.go syncProxyRules), reusing the rules of Service ports
 * whose inputs did not change since the last computation.
 */
import type { Cluster } from '../../model';
import type { Family } from '../../net/ip';
import {
  computeProxyState,
  createProxyStateCache,
  type ProxyNodeContext,
  type ProxyStateCache,
} from '../common/proxyState';
import type { EndpointInfo } from '../common/endpoints';
import { nodePortIPs } from '../common/node';
import type { ServicePortInfo } from '../common/servicePort';
import {
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeletFirewallChain,
  kubeMarkMasqChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
  largeClusterEndpointsThreshold,
} from './chains';
import { computeServiceRules, type IptablesOptions, type ServiceRuleBlock } from './serviceRules';

export type TableName = 'filter' | 'nat';

/** One table as iptables-save prints it: chains in order, and each chain's rules in order. */
export interface TableRules {
  chains: string[];
  rules: Map<string, string[]>;
}

/** A rule kube-proxy keeps in a built-in chain with `iptables -I` (proxier.go iptablesJumpChains). */
export interface JumpRule {
  table: TableName;
  chain: string;
  rule: string;
}

/** What kube-proxy programs on one node for one family. */
export interface IptablesRuleSet {
  family: Family;
  context: ProxyNodeContext;
  options: IptablesOptions;
  filter: TableRules;
  nat: TableRules;
  /** The jumps from the built-in chains (INPUT, FORWARD, OUTPUT, PREROUTING, POSTROUTING). */
  jumps: JumpRule[];
  /** Counts, as kube-proxy logs them. */
  stats: { servicePorts: number; endpoints: number; largeClusterMode: boolean };
}

/** The jump rules kube-proxy (and kubelet, for KUBE-FIREWALL) ensure in the built-in chains, in evaluation order (proxier.go iptablesJumpChains, iptablesKubeletJumpChains). */
function computeJumpRules(): JumpRule[] {
  const newOnly = '-m conntrack --ctstate NEW ';
  const jump = (
    table: TableName,
    chain: string,
    extra: string,
    comment: string,
    target: string,
  ) => ({
    table,
    chain,
    rule: `-A ${chain} ${extra}${comment ? `-m comment --comment "${comment}" ` : ''}-j ${target}`,
  });
  // Each is prepended (-I) by kube-proxy; the later in upstream's list, the earlier in the chain.
  const list: JumpRule[] = [
    jump(
      'filter',
      'INPUT',
      newOnly,
      'kubernetes externally-visible service portals',
      kubeExternalServicesChain,
    ),
    jump(
      'filter',
      'FORWARD',
      newOnly,
      'kubernetes externally-visible service portals',
      kubeExternalServicesChain,
    ),
    jump('filter', 'INPUT', '', 'kubernetes health check service ports', kubeNodePortsChain),
    jump('filter', 'FORWARD', newOnly, 'kubernetes service portals', kubeServicesChain),
    jump('filter', 'OUTPUT', newOnly, 'kubernetes service portals', kubeServicesChain),
    jump('filter', 'FORWARD', '', 'kubernetes forwarding rules', kubeForwardChain),
    jump('filter', 'INPUT', newOnly, 'kubernetes load balancer firewall', kubeProxyFirewallChain),
    jump('filter', 'OUTPUT', newOnly, 'kubernetes load balancer firewall', kubeProxyFirewallChain),
    jump('filter', 'FORWARD', newOnly, 'kubernetes load balancer firewall', kubeProxyFirewallChain),
    jump('nat', 'OUTPUT', '', 'kubernetes service portals', kubeServicesChain),
    jump('nat', 'PREROUTING', '', 'kubernetes service portals', kubeServicesChain),
    jump('nat', 'POSTROUTING', '', 'kubernetes postrouting rules', kubePostroutingChain),
    jump('filter', 'INPUT', '', '', kubeletFirewallChain),
    jump('filter', 'OUTPUT', '', '', kubeletFirewallChain),
  ];
  return list.reverse();
}

const jumpRules = computeJumpRules();

/** Orders chains as upstream's tests print a dump (proxier_test.go sortIPTablesRules). */
export function compareChains(a: string, b: string): number {
  const rank = (c: string) =>
    c === kubeNodePortsChain ? 0 : c === kubeServicesChain ? 1 : c.startsWith('KUBE-') ? 2 : 3;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function addRule(rules: Map<string, string[]>, line: string): void {
  const end = line.indexOf(' ', 3);
  const chain = end === -1 ? line.slice(3) : line.slice(3, end);
  const list = rules.get(chain);
  if (list) list.push(line);
  else rules.set(chain, [line]);
}

interface CachedBlock {
  endpoints: readonly EndpointInfo[];
  key: string;
  block: ServiceRuleBlock;
}

/** A kube-proxy instance for one node and one family, remembering per-port rules between syncs. */
export interface IptablesProxier {
  sync(cluster: Cluster): IptablesRuleSet;
}

/** Creates an iptables proxier for `nodeName` and `family` (proxier.go NewProxier). */
export function createIptablesProxier(nodeName: string, family: Family): IptablesProxier {
  const stateCache: ProxyStateCache = createProxyStateCache();
  let blocks = new WeakMap<ServicePortInfo, CachedBlock>();
  let sortedNatChains: { set: Set<string>; list: string[] } | undefined;
  return {
    sync(cluster) {
      const ruleSet = computeRuleSet(
        cluster,
        nodeName,
        family,
        stateCache,
        blocks,
        sortedNatChains,
      );
      sortedNatChains = { set: new Set(ruleSet.nat.chains), list: ruleSet.nat.chains };
      if (ruleSet.stats.servicePorts === 0) blocks = new WeakMap();
      return ruleSet;
    },
  };
}

function computeRuleSet(
  cluster: Cluster,
  nodeName: string,
  family: Family,
  stateCache: ProxyStateCache,
  blocks: WeakMap<ServicePortInfo, CachedBlock>,
  previousNat: { set: Set<string>; list: string[] } | undefined,
): IptablesRuleSet {
  const { context, ports } = computeProxyState(cluster, nodeName, family, stateCache);
  const proxy = cluster.proxy;
  const masqueradeMark = `0x${(2 ** (proxy.iptables?.masqueradeBit ?? 14)).toString(16)}`;
  let totalEndpoints = 0;
  for (const p of ports) totalEndpoints += p.endpoints.length;
  const localhostNodePorts =
    family === 4 &&
    proxy.iptables.localhostNodePorts &&
    context.nodePortAddresses.containsIPv4Loopback;
  const options: IptablesOptions = {
    masqueradeAll: proxy.iptables.masqueradeAll,
    localhostNodePorts,
    nfacct: proxy.nfacct,
    largeClusterMode: totalEndpoints > largeClusterEndpointsThreshold,
  };
  const key = JSON.stringify([options, context.nodeIP, context.nodeLabels, context.localDetector]);

  const filterChains = [
    kubeServicesChain,
    kubeExternalServicesChain,
    kubeForwardChain,
    kubeNodePortsChain,
    kubeProxyFirewallChain,
  ];
  const filterRules = new Map<string, string[]>();
  const natRules = new Map<string, string[]>();
  const natOwned: string[] = [];

  addRule(
    natRules,
    `-A ${kubePostroutingChain} -m mark ! --mark ${masqueradeMark}/${masqueradeMark} -j RETURN`,
  );
  addRule(natRules, `-A ${kubePostroutingChain} -j MARK --xor-mark ${masqueradeMark}`);
  addRule(
    natRules,
    `-A ${kubePostroutingChain} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${proxy.randomFully ? ' --random-fully' : ''}`,
  );
  addRule(natRules, `-A ${kubeMarkMasqChain} -j MARK --or-mark ${masqueradeMark}`);
  if (family === 4 && localhostNodePorts) {
    filterChains.push(kubeletFirewallChain);
    addRule(
      filterRules,
      `-A ${kubeletFirewallChain} -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    );
  }

  for (const { info, endpoints } of ports) {
    let cached = blocks.get(info);
    if (!cached || cached.endpoints !== endpoints || cached.key !== key) {
      cached = { endpoints, key, block: computeServiceRules(info, endpoints, context, options) };
      blocks.set(info, cached);
    }
    const block = cached.block;
    for (const line of block.filter) addRule(filterRules, line);
    for (const line of block.nat) addRule(natRules, line);
    for (const chain of block.natChains) natOwned.push(chain);
  }

  // The tail call to KUBE-NODEPORTS, last in KUBE-SERVICES.
  const nodePortsComment =
    '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
  if (context.nodePortAddresses.matchAll) {
    let destinations = '-m addrtype --dst-type LOCAL';
    if (family === 6) destinations += ' ! -d ::1/128';
    else if (!localhostNodePorts) destinations += ' ! -d 127.0.0.0/8';
    addRule(
      natRules,
      `-A ${kubeServicesChain} ${nodePortsComment} ${destinations} -j ${kubeNodePortsChain}`,
    );
  } else {
    for (const ip of nodePortIPsOf(context)) {
      const loopback = ip === '::1' || ip.startsWith('127.');
      if (loopback && (family === 6 || !localhostNodePorts)) continue;
      addRule(
        natRules,
        `-A ${kubeServicesChain} ${nodePortsComment} -d ${ip} -j ${kubeNodePortsChain}`,
      );
    }
  }

  if (!proxy.conntrack.tcpBeLiberal) {
    addRule(
      filterRules,
      `-A ${kubeForwardChain} -m conntrack --ctstate INVALID${proxy.nfacct ? ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts' : ''} -j DROP`,
    );
  }
  addRule(
    filterRules,
    `-A ${kubeForwardChain} -m comment --comment "kubernetes forwarding rules" -m mark --mark ${masqueradeMark}/${masqueradeMark} -j ACCEPT`,
  );
  addRule(
    filterRules,
    `-A ${kubeForwardChain} -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );

  const natChains = sortNatChains(
    [kubeServicesChain, kubeNodePortsChain, kubePostroutingChain, kubeMarkMasqChain, ...natOwned],
    previousNat,
  );
  return {
    family,
    context,
    options,
    filter: { chains: filterChains.sort(compareChains), rules: filterRules },
    nat: { chains: natChains, rules: natRules },
    jumps: jumpRules,
    stats: {
      servicePorts: ports.length,
      endpoints: totalEndpoints,
      largeClusterMode: options.largeClusterMode,
    },
  };
}

function nodePortIPsOf(context: ProxyNodeContext): string[] {
  return nodePortIPs(context.nodePortAddresses, context.interfaceAddresses);
}

/** Sorts chain names, reusing the previous sorted list when only a few chains changed. */
function sortNatChains(
  chains: string[],
  previous: { set: Set<string>; list: string[] } | undefined,
): string[] {
  if (!previous) return chains.sort(compareChains);
  const current = new Set(chains);
  let removed = 0;
  for (const c of previous.list) if (!current.has(c)) removed++;
  const added = chains.filter((c) => !previous.set.has(c));
  if (removed + added.length > 64) return chains.sort(compareChains);
  const list = removed > 0 ? previous.list.filter((c) => current.has(c)) : [...previous.list];
  for (const c of added) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareChains(list[mid] as string, c) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, c);
  }
  return list;
}
