/**
 * kube-proxy's IPVS mode on one node for one family: the virtual servers and their real
 * servers, the addresses bound to kube-ipvs0, the ipsets, and the iptables rules IPVS mode still
 * installs (pkg/proxy/ipvs/proxier.go syncProxyRules, syncEndpoint, writeIptablesRules).
 */
import type { Cluster } from '../../model';
import { cidrContains, parseCIDR, parseIP, type Family } from '../../net/ip';
import { isLoopback, nodePortIPs } from '../common/node';
import { computeProxyState, type ProxyNodeContext } from '../common/proxyState';
import type { ProxyProtocol, ServicePortInfo } from '../common/servicePort';
import { categorizeEndpoints } from '../common/topology';
import {
  ipsetInfo,
  ipsetName,
  kubeClusterIPSet,
  kubeExternalIPLocalSet,
  kubeExternalIPSet,
  kubeHealthCheckNodePortSet,
  kubeIPVSSet,
  kubeLoadBalancerFWSet,
  kubeLoadBalancerLocalSet,
  kubeLoadBalancerSet,
  kubeLoadBalancerSourceCIDRSet,
  kubeLoadBalancerSourceIPSet,
  kubeLoopBackIPSet,
  kubeNodePortLocalSetSCTP,
  kubeNodePortLocalSetTCP,
  kubeNodePortLocalSetUDP,
  kubeNodePortSetSCTP,
  kubeNodePortSetTCP,
  kubeNodePortSetUDP,
  type IpsetType,
} from './ipsets';

/** The schedulers kube-proxy accepts (pkg/proxy/apis/config/validation, IPVS scheduling modules). */
export const ipvsSchedulers = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'dh',
  'sh',
  'sed',
  'nq',
  'mh',
] as const;

export interface IpvsRealServer {
  address: string;
  port: number;
  weight: number;
  /** kube-proxy leaves the forwarding method at its default, masquerading (NAT). */
  forward: 'Masq';
}

export interface IpvsVirtualServer {
  address: string;
  port: number;
  protocol: ProxyProtocol;
  scheduler: string;
  /** `persistent` for ClientIP affinity, `mh-port` for the source-hash flag mh gets. */
  flags: string[];
  /** Persistence timeout in seconds (0 without affinity). */
  timeout: number;
  realServers: IpvsRealServer[];
  /** `ns/name:port` of the Service port it serves. */
  service: string;
}

export interface IpvsIpset {
  name: string;
  type: IpsetType;
  family: 'inet' | 'inet6';
  comment: string;
  entries: string[];
}

export interface IpvsTable {
  chains: string[];
  rules: string[];
}

export interface IpvsState {
  family: Family;
  context: ProxyNodeContext;
  virtualServers: IpvsVirtualServer[];
  /** Addresses on kube-ipvs0. */
  boundAddresses: string[];
  ipsets: IpvsIpset[];
  nat: IpvsTable;
  filter: IpvsTable;
}

const natChains = [
  'KUBE-SERVICES',
  'KUBE-POSTROUTING',
  'KUBE-NODE-PORT',
  'KUBE-LOAD-BALANCER',
  'KUBE-MARK-MASQ',
];
const filterChains = [
  'KUBE-FORWARD',
  'KUBE-NODE-PORT',
  'KUBE-PROXY-FIREWALL',
  'KUBE-SOURCE-RANGES-FIREWALL',
  'KUBE-IPVS-FILTER',
  'KUBE-IPVS-OUT-FILTER',
];

/** Sets with a generic rule: set, table, chain, target, match directions, protocol (pkg/proxy/ipvs/proxier.go ipsetWithIptablesChain). */
const ipsetWithIptablesChain: readonly [
  string,
  'nat' | 'filter',
  string,
  string,
  string,
  string,
][] = [
  [kubeLoopBackIPSet, 'nat', 'KUBE-POSTROUTING', 'MASQUERADE', 'dst,dst,src', ''],
  [kubeLoadBalancerSet, 'nat', 'KUBE-SERVICES', 'KUBE-LOAD-BALANCER', 'dst,dst', ''],
  [kubeLoadBalancerLocalSet, 'nat', 'KUBE-LOAD-BALANCER', 'RETURN', 'dst,dst', ''],
  [kubeNodePortLocalSetTCP, 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'tcp'],
  [kubeNodePortSetTCP, 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'tcp'],
  [kubeNodePortLocalSetUDP, 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'udp'],
  [kubeNodePortSetUDP, 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'udp'],
  [kubeNodePortLocalSetSCTP, 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst,dst', 'sctp'],
  [kubeNodePortSetSCTP, 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst,dst', 'sctp'],
  [
    kubeLoadBalancerFWSet,
    'filter',
    'KUBE-PROXY-FIREWALL',
    'KUBE-SOURCE-RANGES-FIREWALL',
    'dst,dst',
    '',
  ],
  [
    kubeLoadBalancerSourceCIDRSet,
    'filter',
    'KUBE-SOURCE-RANGES-FIREWALL',
    'RETURN',
    'dst,dst,src',
    '',
  ],
  [
    kubeLoadBalancerSourceIPSet,
    'filter',
    'KUBE-SOURCE-RANGES-FIREWALL',
    'RETURN',
    'dst,dst,src',
    '',
  ],
];

/** Whether a netlink handle of `family` lists the address (pkg/proxy/ipvs/netlink_linux.go isValidForSet: no loopback, no IPv6 link-local). */
function isValidForSet(ip: string, family: Family): boolean {
  const parsed = parseIP(ip);
  if (!parsed || parsed.family !== family || isLoopback(ip)) return false;
  return family === 4 || parsed.value >> 118n !== 0x3fan;
}

/** The node's addresses outside kube-ipvs0 (pkg/proxy/ipvs/netlink_linux.go GetAllLocalAddressesExcept). */
function nodeAddressSet(context: ProxyNodeContext): Set<string> {
  return new Set(context.interfaceAddresses.filter((a) => isValidForSet(a, context.family)));
}

/** The node addresses NodePort virtual servers listen on (pkg/proxy/ipvs/proxier.go syncProxyRules). */
function nodePortAddresses(context: ProxyNodeContext, addresses: Set<string>): string[] {
  if (context.nodePortAddresses.matchAll) return [...addresses];
  return nodePortIPs(context.nodePortAddresses, context.interfaceAddresses).filter(
    (a) => !isLoopback(a),
  );
}

function virtualServer(
  info: ServicePortInfo,
  address: string,
  port: number,
  scheduler: string,
  realServers: IpvsRealServer[],
): IpvsVirtualServer {
  const flags: string[] = [];
  if (info.sessionAffinityClientIP) flags.push('persistent');
  if (scheduler === 'mh') flags.push('mh-port');
  return {
    address,
    port,
    protocol: info.protocol,
    scheduler,
    flags,
    timeout: info.sessionAffinityClientIP ? info.stickyMaxAgeSeconds : 0,
    realServers,
    service: info.nameString,
  };
}

function entryIPPort(ip: string, protocol: string, port: number): string {
  return `${ip},${protocol}:${port}`;
}

/** The IPVS state kube-proxy programs on `nodeName` for `family`. */
export function computeIpvsState(cluster: Cluster, nodeName: string, family: Family): IpvsState {
  const state = computeProxyState(cluster, nodeName, family);
  const { context } = state;
  const scheduler = cluster.proxy.ipvs.scheduler || 'rr';
  const masqueradeAll = cluster.proxy.iptables.masqueradeAll;
  const bit = cluster.proxy.iptables.masqueradeBit;
  const mark = `0x${(2 ** (Number.isInteger(bit) && bit >= 0 && bit <= 31 ? bit : 14)).toString(16)}`;
  const sets = new Map<string, Set<string>>(ipsetInfo.map((s) => [s.name, new Set<string>()]));
  const add = (set: string, entry: string) => sets.get(set)?.add(entry);
  const virtualServers: IpvsVirtualServer[] = [];
  const bound = new Set<string>();
  const local = nodeAddressSet(context);
  const hasNodePort = state.ports.some((p) => p.info.nodePort !== 0);
  const nodeIPs = hasNodePort ? nodePortAddresses(context, local) : [];
  const noNodeAccess: { ip: string; protocol: string; port: number }[] = [];
  const nodeIP = context.nodeIP ? parseIP(context.nodeIP) : undefined;

  for (const { info, endpoints } of state.ports) {
    const protocol = info.protocol.toLowerCase();
    for (const ep of endpoints) {
      if (ep.isLocal) add(kubeLoopBackIPSet, `${entryIPPort(ep.ip, protocol, ep.port)},${ep.ip}`);
    }
    const cat = categorizeEndpoints(endpoints, info, nodeName, context.nodeLabels);
    const realServers = (onlyLocal: boolean): IpvsRealServer[] => {
      const chosen =
        onlyLocal && cat.localEndpoints.length > 0 ? cat.localEndpoints : cat.clusterEndpoints;
      const seen = new Set<string>();
      const out: IpvsRealServer[] = [];
      for (const ep of chosen) {
        if (seen.has(ep.endpoint)) continue;
        seen.add(ep.endpoint);
        out.push({ address: ep.ip, port: ep.port, weight: 1, forward: 'Masq' });
      }
      return out;
    };
    add(kubeClusterIPSet, entryIPPort(info.clusterIP, protocol, info.port));
    virtualServers.push(
      virtualServer(
        info,
        info.clusterIP,
        info.port,
        scheduler,
        realServers(info.internalPolicyLocal),
      ),
    );
    bound.add(info.clusterIP);
    for (const ip of info.externalIPs) {
      add(
        info.externalPolicyLocal ? kubeExternalIPLocalSet : kubeExternalIPSet,
        entryIPPort(ip, protocol, info.port),
      );
      virtualServers.push(
        virtualServer(info, ip, info.port, scheduler, realServers(info.externalPolicyLocal)),
      );
      if (!local.has(ip)) bound.add(ip);
    }
    for (const ip of info.loadBalancerVIPs) {
      const entry = entryIPPort(ip, protocol, info.port);
      add(kubeLoadBalancerSet, entry);
      if (info.externalPolicyLocal) add(kubeLoadBalancerLocalSet, entry);
      if (info.loadBalancerSourceRanges.length > 0) {
        add(kubeLoadBalancerFWSet, entry);
        let allowFromNode = false;
        for (const cidr of info.loadBalancerSourceRanges) {
          add(kubeLoadBalancerSourceCIDRSet, `${entry},${cidr}`);
          const parsed = parseCIDR(cidr);
          if (nodeIP && parsed && cidrContains(parsed, nodeIP)) allowFromNode = true;
        }
        if (allowFromNode) add(kubeLoadBalancerSourceIPSet, `${entry},${ip}`);
        else noNodeAccess.push({ ip, protocol, port: info.port });
      }
      virtualServers.push(
        virtualServer(info, ip, info.port, scheduler, realServers(info.externalPolicyLocal)),
      );
      if (!local.has(ip)) bound.add(ip);
    }
    if (info.nodePort !== 0) {
      // Without node IPs kube-proxy skips the rest of the port, its health check node port too.
      if (nodeIPs.length === 0) continue;
      const entries =
        protocol === 'sctp'
          ? nodeIPs.map((ip) => entryIPPort(ip, protocol, info.nodePort))
          : [String(info.nodePort)];
      const set =
        protocol === 'tcp'
          ? kubeNodePortSetTCP
          : protocol === 'udp'
            ? kubeNodePortSetUDP
            : kubeNodePortSetSCTP;
      const localSet =
        protocol === 'tcp'
          ? kubeNodePortLocalSetTCP
          : protocol === 'udp'
            ? kubeNodePortLocalSetUDP
            : kubeNodePortLocalSetSCTP;
      for (const e of entries) {
        add(set, e);
        if (info.externalPolicyLocal) add(localSet, e);
      }
      for (const ip of nodeIPs) {
        virtualServers.push(
          virtualServer(info, ip, info.nodePort, scheduler, realServers(info.externalPolicyLocal)),
        );
      }
    }
    if (info.healthCheckNodePort !== 0)
      add(kubeHealthCheckNodePortSet, String(info.healthCheckNodePort));
  }
  for (const ip of bound) add(kubeIPVSSet, ip);

  const ipsets: IpvsIpset[] = ipsetInfo.map((s) => ({
    name: ipsetName(s.name, family),
    type: s.type,
    family: family === 4 ? 'inet' : 'inet6',
    comment: s.comment,
    entries: [...(sets.get(s.name) ?? [])],
  }));
  const byName = new Map(ipsetInfo.map((s, i) => [s.name, ipsets[i]]));
  const nonEmpty = (name: string) => (byName.get(name)?.entries.length ?? 0) > 0;
  const setName = (name: string) => byName.get(name)?.name ?? name;
  const comment = (name: string) => `"${byName.get(name)?.comment ?? ''}"`;

  const nat: string[] = [];
  const filter: string[] = [];
  nat.push(`-A KUBE-SERVICES -s ${family === 4 ? '127.0.0.0/8' : '::1/128'} -j RETURN`);
  for (const [name, table, from, to, match, proto] of ipsetWithIptablesChain) {
    if (!nonEmpty(name)) continue;
    const p = proto ? ` -p ${proto}` : '';
    const line = `-A ${from}${p} -m comment --comment ${comment(name)} -m set --match-set ${setName(name)} ${match} -j ${to}`;
    (table === 'filter' ? filter : nat).push(line);
  }
  if (nonEmpty(kubeClusterIPSet)) {
    const head = `-A KUBE-SERVICES -m comment --comment ${comment(kubeClusterIPSet)} -m set --match-set ${setName(kubeClusterIPSet)}`;
    const detector = context.localDetector;
    if (masqueradeAll) nat.push(`${head} dst,dst -j KUBE-MARK-MASQ`);
    else if (detector)
      nat.push(`${head} dst,dst ${detector.ifNotLocal.join(' ')} -j KUBE-MARK-MASQ`);
    else nat.push(`${head} src,dst -j KUBE-MARK-MASQ`);
  }
  const externalIPRules = (head: string) => {
    nat.push(`${head} -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT`);
    nat.push(`${head} -m addrtype --dst-type LOCAL -j ACCEPT`);
  };
  if (nonEmpty(kubeExternalIPSet)) {
    const head = `-A KUBE-SERVICES -m comment --comment ${comment(kubeExternalIPSet)} -m set --match-set ${setName(kubeExternalIPSet)} dst,dst`;
    nat.push(`${head} -j KUBE-MARK-MASQ`);
    externalIPRules(head);
  }
  if (nonEmpty(kubeExternalIPLocalSet)) {
    externalIPRules(
      `-A KUBE-SERVICES -m comment --comment ${comment(kubeExternalIPLocalSet)} -m set --match-set ${setName(kubeExternalIPLocalSet)} dst,dst`,
    );
  }
  nat.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
  nat.push('-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
  filter.push('-A KUBE-SOURCE-RANGES-FIREWALL -j DROP');
  for (const e of noNodeAccess) {
    filter.push(
      `-A KUBE-IPVS-OUT-FILTER -s ${e.ip} -m ipvs --vaddr ${e.ip} --vproto ${e.protocol} --vport ${e.port} -j DROP`,
    );
  }
  for (const name of [kubeClusterIPSet, kubeLoadBalancerSet]) {
    if (nonEmpty(name))
      nat.push(`-A KUBE-SERVICES -m set --match-set ${setName(name)} dst,dst -j ACCEPT`);
  }
  filter.push(
    `-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`,
  );
  filter.push(
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  );
  filter.push(
    `-A KUBE-NODE-PORT -m comment --comment ${comment(kubeHealthCheckNodePortSet)} -m set --match-set ${setName(kubeHealthCheckNodePortSet)} dst -j ACCEPT`,
  );
  for (const name of [
    kubeLoadBalancerSet,
    kubeClusterIPSet,
    kubeExternalIPSet,
    kubeExternalIPLocalSet,
  ]) {
    filter.push(`-A KUBE-IPVS-FILTER -m set --match-set ${setName(name)} dst,dst -j RETURN`);
  }
  filter.push(
    `-A KUBE-IPVS-FILTER -m set --match-set ${setName(kubeHealthCheckNodePortSet)} dst -j RETURN`,
  );
  filter.push(
    `-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set ${setName(kubeIPVSSet)} dst -j REJECT`,
  );
  nat.push(`-A KUBE-POSTROUTING -m mark ! --mark ${mark}/${mark} -j RETURN`);
  nat.push(`-A KUBE-POSTROUTING -j MARK --xor-mark ${mark}`);
  nat.push(
    `-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${cluster.proxy.randomFully ? ' --random-fully' : ''}`,
  );
  nat.push(`-A KUBE-MARK-MASQ -j MARK --or-mark ${mark}`);

  return {
    family,
    context,
    virtualServers,
    boundAddresses: [...bound],
    ipsets,
    nat: { chains: natChains, rules: nat },
    filter: { chains: filterChains, rules: filter },
  };
}
