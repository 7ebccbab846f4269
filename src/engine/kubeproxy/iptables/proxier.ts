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
  type ServicePortState,
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
import {
  chainList,
  createChainStore,
  deleteChain,
  renderChainStore,
  setChain,
  type ChainStore,
} from './chainStore';

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
  /** The iptables-save text of the rule set, rendered from cached per-chain text (renderIptablesSave uses it). */
  renderText?: () => string;
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

function chainOf(line: string): string {
  const end = line.indexOf(' ', 3);
  return end === -1 ? line.slice(3) : line.slice(3, end);
}

/** Lines grouped by chain, in order, with each chain's text (lines ending in newlines). */
interface ChainLines {
  lines: Map<string, string[]>;
  text: Map<string, string>;
}

function groupByChain(lines: readonly string[], keep?: (chain: string) => boolean): ChainLines {
  const out: ChainLines = { lines: new Map(), text: new Map() };
  for (const line of lines) {
    const chain = chainOf(line);
    if (keep && !keep(chain)) continue;
    const list = out.lines.get(chain);
    if (list) list.push(line);
    else out.lines.set(chain, [line]);
    out.text.set(chain, `${out.text.get(chain) ?? ''}${line}\n`);
  }
  return out;
}

const topLevelNat = new Set([kubeServicesChain, kubeNodePortsChain]);

/** A Service port's rules, split into lines of the shared chains and the chains it owns. */
interface CachedBlock {
  endpoints: readonly EndpointInfo[];
  key: string;
  portKey: string;
  block: ServiceRuleBlock;
  filterTop: ChainLines;
  natTop: ChainLines;
  /** Every chain the port owns, each with its lines and text (empty chains too). */
  owned: ChainLines;
}

function toCached(
  info: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
  key: string,
  block: ServiceRuleBlock,
): CachedBlock {
  const ownedSet = new Set(block.natChains);
  const natTop = groupByChain(block.nat, (c) => topLevelNat.has(c) || !ownedSet.has(c));
  const owned = groupByChain(block.nat, (c) => ownedSet.has(c) && !topLevelNat.has(c));
  for (const chain of block.natChains) {
    if (!owned.lines.has(chain)) {
      owned.lines.set(chain, []);
      owned.text.set(chain, '');
    }
  }
  const filterTop = groupByChain(block.filter);
  const portKey = servicePortKey(info.nameString, info.protocol);
  return { endpoints, key, portKey, block, filterTop, natTop, owned };
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
  /** The nat chains other than KUBE-SERVICES and KUBE-NODEPORTS. */
  nat: ChainStore;
  /** The last sync's ports and their blocks, position by position. */
  last: { ports: readonly ServicePortState[]; key: string; blocks: CachedBlock[] } | undefined;
}

/**
 * The blocks of this sync from the last one's, when the port list kept its length and only a
 * few positions hold new objects for the same ports; undefined otherwise.
 */
function patchBlocks(
  memory: ProxierMemory,
  ports: readonly ServicePortState[],
  key: string,
  blockOf: (state: ServicePortState) => CachedBlock,
  removed: CachedBlock[],
  added: CachedBlock[],
): CachedBlock[] | undefined {
  const last = memory.last;
  if (!last || last.key !== key || last.ports.length !== ports.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < ports.length; i++) {
    if (ports[i] !== last.ports[i]) {
      changed.push(i);
      if (changed.length > 256) return undefined;
    }
  }
  if (changed.length === 0) return last.blocks;
  const updates: [number, CachedBlock][] = [];
  for (const i of changed) {
    const cached = blockOf(ports[i] as ServicePortState);
    if (cached.portKey !== (last.blocks[i] as CachedBlock).portKey) return undefined;
    updates.push([i, cached]);
  }
  const blocks = last.blocks.slice();
  for (const [i, cached] of updates) {
    const previous = blocks[i] as CachedBlock;
    if (previous === cached) continue;
    removed.push(previous);
    added.push(cached);
    blocks[i] = cached;
    memory.byPort.set(cached.portKey, cached);
  }
  return blocks;
}

/** Creates an iptables proxier for `nodeName` and `family` (proxier.go NewProxier). */
export function createIptablesProxier(nodeName: string, family: Family): IptablesProxier {
  const memory: ProxierMemory = {
    stateCache: createProxyStateCache(),
    blocks: new WeakMap(),
    byPort: new Map(),
    nat: createChainStore(),
    last: undefined,
  };
  return { sync: (cluster) => computeRuleSet(cluster, nodeName, family, memory) };
}

const filterChainOrder = [
  kubeNodePortsChain,
  kubeServicesChain,
  kubeExternalServicesChain,
  kubeletFirewallChain,
  kubeForwardChain,
  kubeProxyFirewallChain,
];

/** The shared chains' lines: each port's lines in port order, then the fixed lines. */
function sharedChain(
  blocks: readonly CachedBlock[],
  pick: (b: CachedBlock) => ChainLines,
  chain: string,
  tail: readonly string[],
): { lines: () => string[]; text: () => string } {
  let lines: string[] | undefined;
  return {
    lines: () => {
      if (!lines) {
        lines = [];
        for (const b of blocks) {
          const own = pick(b).lines.get(chain);
          if (own) for (const l of own) lines.push(l);
        }
        for (const l of tail) lines.push(l);
      }
      return lines;
    },
    text: () => {
      let text = '';
      for (const b of blocks) text += pick(b).text.get(chain) ?? '';
      for (const l of tail) text += `${l}\n`;
      return text;
    },
  };
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

  // Per-port rules: reuse the block of a port whose Service, endpoints and node context are unchanged.
  const blockOf = (state: ServicePortState): CachedBlock => {
    let cached = memory.blocks.get(state.info);
    if (!cached || cached.endpoints !== state.endpoints || cached.key !== key) {
      const rules = computeServiceRules(state.info, state.endpoints, context, options);
      cached = toCached(state.info, state.endpoints, key, rules);
      memory.blocks.set(state.info, cached);
    }
    return cached;
  };
  const removed: CachedBlock[] = [];
  const added: CachedBlock[] = [];
  let blocks = patchBlocks(memory, ports, key, blockOf, removed, added);
  if (!blocks) {
    removed.length = 0;
    added.length = 0;
    const byPort = new Map<string, CachedBlock>();
    blocks = [];
    for (const state of ports) {
      const cached = blockOf(state);
      byPort.set(cached.portKey, cached);
      blocks.push(cached);
      const previous = memory.byPort.get(cached.portKey);
      if (previous !== cached) {
        if (previous) removed.push(previous);
        added.push(cached);
      }
    }
    for (const [portKey, previous] of memory.byPort) {
      if (!byPort.has(portKey)) removed.push(previous);
    }
    memory.byPort = byPort;
  }
  memory.last = { ports, key, blocks };

  // The owned chains are updated in place: a rule set stays valid until its proxier's next sync.
  const nat = memory.nat;
  for (const block of removed)
    for (const chain of block.owned.lines.keys()) deleteChain(nat, chain);
  for (const block of added) {
    for (const [chain, lines] of block.owned.lines) {
      setChain(nat, chain, lines, block.owned.text.get(chain) ?? '');
    }
  }
  const fixedNat = [
    `-A ${kubePostroutingChain} -m mark ! --mark ${masqueradeMark}/${masqueradeMark} -j RETURN`,
    `-A ${kubePostroutingChain} -j MARK --xor-mark ${masqueradeMark}`,
    `-A ${kubePostroutingChain} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${proxy.randomFully ? ' --random-fully' : ''}`,
  ];
  setChain(nat, kubePostroutingChain, fixedNat, `${fixedNat.join('\n')}\n`);
  const markMasq = `-A ${kubeMarkMasqChain} -j MARK --or-mark ${masqueradeMark}`;
  setChain(nat, kubeMarkMasqChain, [markMasq], `${markMasq}\n`);

  const servicesTail = nodePortsJumps(context, family, localhostNodePorts);
  const natShared = new Map([
    [kubeNodePortsChain, sharedChain(blocks, (b) => b.natTop, kubeNodePortsChain, [])],
    [kubeServicesChain, sharedChain(blocks, (b) => b.natTop, kubeServicesChain, servicesTail)],
  ]);

  const filterFixed = new Map<string, string[]>();
  const filterChains = [...filterChainOrder];
  if (localhostNodePorts) {
    filterFixed.set(kubeletFirewallChain, [
      `-A ${kubeletFirewallChain} -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    ]);
  } else {
    filterChains.splice(filterChains.indexOf(kubeletFirewallChain), 1);
  }
  const forward: string[] = [];
  if (!proxy.conntrack.tcpBeLiberal) {
    forward.push(
      `-A ${kubeForwardChain} -m conntrack --ctstate INVALID${proxy.nfacct ? ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts' : ''} -j DROP`,
    );
  }
  forward.push(
    `-A ${kubeForwardChain} -m comment --comment "kubernetes forwarding rules" -m mark --mark ${masqueradeMark}/${masqueradeMark} -j ACCEPT`,
    `-A ${kubeForwardChain} -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );
  filterFixed.set(kubeForwardChain, forward);
  const filterBlocks = blocks.filter((b) => b.filterTop.lines.size > 0);
  const filterShared = new Map(
    filterChains.map((c) => [
      c,
      sharedChain(filterBlocks, (b) => b.filterTop, c, filterFixed.get(c) ?? []),
    ]),
  );

  let natChains: string[] | undefined;
  const natTable: TableRules = {
    get chains() {
      natChains ??= [kubeNodePortsChain, kubeServicesChain, ...chainList(nat)];
      return natChains;
    },
    rules: { get: (chain) => natShared.get(chain)?.lines() ?? nat.lines.get(chain) },
  };
  const filterTable: TableRules = {
    chains: filterChains,
    rules: { get: (chain) => filterShared.get(chain)?.lines() },
  };
  const renderText = () => {
    let filter = '*filter\n';
    let filterRules = '';
    for (const chain of filterChains) {
      filter += `:${chain} - [0:0]\n`;
      filterRules += filterShared.get(chain)?.text() ?? '';
    }
    const owned = renderChainStore(nat);
    return `${filter}${filterRules}COMMIT\n*nat\n:${kubeNodePortsChain} - [0:0]\n:${kubeServicesChain} - [0:0]\n${owned.declarations}${natShared.get(kubeNodePortsChain)?.text() ?? ''}${natShared.get(kubeServicesChain)?.text() ?? ''}${owned.rules}COMMIT\n`;
  };
  return {
    family,
    context,
    options,
    filter: filterTable,
    nat: natTable,
    jumps: jumpRules,
    renderText,
    stats: {
      servicePorts: ports.length,
      endpoints: totalEndpoints,
      largeClusterMode: options.largeClusterMode,
    },
  };
}

/** The tail call to KUBE-NODEPORTS, last in KUBE-SERVICES (proxier.go syncProxyRules). */
function nodePortsJumps(
  context: ProxyNodeContext,
  family: Family,
  localhostNodePorts: boolean,
): string[] {
  const comment =
    '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
  if (context.nodePortAddresses.matchAll) {
    let destinations = '-m addrtype --dst-type LOCAL';
    if (family === 6) destinations += ' ! -d ::1/128';
    else if (!localhostNodePorts) destinations += ' ! -d 127.0.0.0/8';
    return [`-A ${kubeServicesChain} ${comment} ${destinations} -j ${kubeNodePortsChain}`];
  }
  const out: string[] = [];
  for (const ip of nodePortIPs(context.nodePortAddresses, context.interfaceAddresses)) {
    const loopback = ip === '::1' || ip.startsWith('127.');
    if (loopback && (family === 6 || !localhostNodePorts)) continue;
    out.push(`-A ${kubeServicesChain} ${comment} -d ${ip} -j ${kubeNodePortsChain}`);
  }
  return out;
}
