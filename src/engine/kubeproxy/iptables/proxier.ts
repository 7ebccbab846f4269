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
import { servicePortKey, type EndpointInfo } from '../common/endpoints';
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

/** Rules by chain. */
export interface RuleLookup {
  get(chain: string): readonly string[] | undefined;
}

/** One table as iptables-save prints it: chains in order, and each chain's rules in order. */
export interface TableRules {
  chains: readonly string[];
  rules: RuleLookup;
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

function chainOf(line: string): string {
  const end = line.indexOf(' ', 3);
  return end === -1 ? line.slice(3) : line.slice(3, end);
}

const topLevelNat = new Set([kubeServicesChain, kubeNodePortsChain]);

/** A Service port's rules, split into lines of the shared chains and the chains it owns. */
interface CachedBlock {
  endpoints: readonly EndpointInfo[];
  key: string;
  portKey: string;
  block: ServiceRuleBlock;
  filterTop: [string, string][];
  natTop: [string, string][];
  owned: Map<string, string[]>;
}

function toCached(
  info: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
  key: string,
  block: ServiceRuleBlock,
): CachedBlock {
  const natTop: [string, string][] = [];
  const owned = new Map<string, string[]>();
  for (const chain of block.natChains) owned.set(chain, []);
  for (const line of block.nat) {
    const chain = chainOf(line);
    const list = owned.get(chain);
    if (list && !topLevelNat.has(chain)) list.push(line);
    else natTop.push([chain, line]);
  }
  const filterTop = block.filter.map((line): [string, string] => [chainOf(line), line]);
  const portKey = servicePortKey(info.nameString, info.protocol);
  return { endpoints, key, portKey, block, filterTop, natTop, owned };
}

function addTo(rules: Map<string, string[]>, chain: string, line: string): void {
  const list = rules.get(chain);
  if (list) list.push(line);
  else rules.set(chain, [line]);
}

/** A kube-proxy instance for one node and one family, remembering per-port rules between syncs. */
export interface IptablesProxier {
  sync(cluster: Cluster): IptablesRuleSet;
}

interface ProxierMemory {
  stateCache: ProxyStateCache;
  blocks: WeakMap<ServicePortInfo, CachedBlock>;
  /** The block each port had at the last sync, by port key. */
  byPort: Map<string, CachedBlock>;
  owned: Map<string, string[]>;
  sortedNat: { set: Set<string>; list: string[] } | undefined;
}

/** Creates an iptables proxier for `nodeName` and `family` (proxier.go NewProxier). */
export function createIptablesProxier(nodeName: string, family: Family): IptablesProxier {
  const memory: ProxierMemory = {
    stateCache: createProxyStateCache(),
    blocks: new WeakMap(),
    byPort: new Map(),
    owned: new Map(),
    sortedNat: undefined,
  };
  return { sync: (cluster) => computeRuleSet(cluster, nodeName, family, memory) };
}

function computeRuleSet(
  cluster: Cluster,
  nodeName: string,
  family: Family,
  memory: ProxierMemory,
): IptablesRuleSet {
  const { context, ports } = computeProxyState(cluster, nodeName, family, memory.stateCache);
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
  const natTop = new Map<string, string[]>();

  addRule(
    natTop,
    `-A ${kubePostroutingChain} -m mark ! --mark ${masqueradeMark}/${masqueradeMark} -j RETURN`,
  );
  addRule(natTop, `-A ${kubePostroutingChain} -j MARK --xor-mark ${masqueradeMark}`);
  addRule(
    natTop,
    `-A ${kubePostroutingChain} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${proxy.randomFully ? ' --random-fully' : ''}`,
  );
  addRule(natTop, `-A ${kubeMarkMasqChain} -j MARK --or-mark ${masqueradeMark}`);
  if (family === 4 && localhostNodePorts) {
    filterChains.push(kubeletFirewallChain);
    addRule(
      filterRules,
      `-A ${kubeletFirewallChain} -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    );
  }

  // Per-port rules: reuse the block of a port whose Service, endpoints and node context are unchanged.
  const byPort = new Map<string, CachedBlock>();
  const removed: CachedBlock[] = [];
  const added: CachedBlock[] = [];
  for (const { info, endpoints } of ports) {
    let cached = memory.blocks.get(info);
    if (!cached || cached.endpoints !== endpoints || cached.key !== key) {
      cached = toCached(
        info,
        endpoints,
        key,
        computeServiceRules(info, endpoints, context, options),
      );
      memory.blocks.set(info, cached);
    }
    const portKey = cached.portKey;
    byPort.set(portKey, cached);
    const previous = memory.byPort.get(portKey);
    if (previous !== cached) {
      if (previous) removed.push(previous);
      added.push(cached);
    }
    for (const [chain, line] of cached.filterTop) addTo(filterRules, chain, line);
    for (const [chain, line] of cached.natTop) addTo(natTop, chain, line);
  }
  for (const [portKey, previous] of memory.byPort) if (!byPort.has(portKey)) removed.push(previous);
  // The owned chains are updated in place: a rule set stays valid until its proxier's next sync.
  const owned = memory.owned;
  const removedChains: string[] = [];
  const addedChains: string[] = [];
  for (const block of removed) {
    for (const chain of block.owned.keys()) {
      owned.delete(chain);
      removedChains.push(chain);
    }
  }
  for (const block of added) {
    for (const [chain, lines] of block.owned) {
      owned.set(chain, lines);
      addedChains.push(chain);
    }
  }
  memory.byPort = byPort;

  // The tail call to KUBE-NODEPORTS, last in KUBE-SERVICES.
  const nodePortsComment =
    '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
  if (context.nodePortAddresses.matchAll) {
    let destinations = '-m addrtype --dst-type LOCAL';
    if (family === 6) destinations += ' ! -d ::1/128';
    else if (!localhostNodePorts) destinations += ' ! -d 127.0.0.0/8';
    addRule(
      natTop,
      `-A ${kubeServicesChain} ${nodePortsComment} ${destinations} -j ${kubeNodePortsChain}`,
    );
  } else {
    for (const ip of nodePortIPsOf(context)) {
      const loopback = ip === '::1' || ip.startsWith('127.');
      if (loopback && (family === 6 || !localhostNodePorts)) continue;
      addRule(
        natTop,
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

  const natChains = updateNatChains(memory, owned, removedChains, addedChains);
  const natRules: RuleLookup = { get: (chain) => natTop.get(chain) ?? owned.get(chain) };
  return {
    family,
    context,
    options,
    filter: { chains: sortChains(filterChains), rules: filterRules },
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

/** Sorts chains with compareChains, through the native string sort on ranked keys. */
function sortChains(chains: string[]): string[] {
  const rank = (c: string) =>
    c === kubeNodePortsChain
      ? '0'
      : c === kubeServicesChain
        ? '1'
        : c.startsWith('KUBE-')
          ? '2'
          : '3';
  return chains
    .map((c) => rank(c) + c)
    .sort()
    .map((k) => k.slice(1));
}

/** The sorted nat chain list, updated from the last one when only a few chains changed. */
function updateNatChains(
  memory: ProxierMemory,
  owned: Map<string, string[]>,
  removedChains: string[],
  addedChains: string[],
): string[] {
  const fixed = [kubeServicesChain, kubeNodePortsChain, kubePostroutingChain, kubeMarkMasqChain];
  const previous = memory.sortedNat;
  if (!previous || removedChains.length + addedChains.length > 256) {
    const list = sortChains([...fixed, ...owned.keys()]);
    memory.sortedNat = { set: new Set(list), list };
    return list;
  }
  if (removedChains.length === 0 && addedChains.length === 0) return previous.list;
  const set = previous.set;
  const gone = new Set<string>();
  for (const c of removedChains) {
    if (!owned.has(c)) {
      set.delete(c);
      gone.add(c);
    }
  }
  const list = gone.size > 0 ? previous.list.filter((c) => !gone.has(c)) : [...previous.list];
  for (const c of addedChains) {
    if (set.has(c)) continue;
    set.add(c);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareChains(list[mid] as string, c) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, c);
  }
  memory.sortedNat = { set, list };
  return list;
}
