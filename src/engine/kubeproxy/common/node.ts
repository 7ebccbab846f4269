/**
 * What kube-proxy knows about the node it runs on: its interface addresses, its primary IP per
 * family, which addresses NodePorts listen on, and how it tells pod traffic from other traffic.
 */
import type { Node, ProxySettings } from '../../model';
import {
  cidrContains,
  formatCIDR,
  formatIP,
  parseCIDR,
  parseIP,
  type CIDR,
  type Family,
} from '../../net/ip';
import { parseIPSloppy } from './servicePort';

/** Loopback addresses every node has on `lo`. */
export const loopbackAddresses = ['127.0.0.1', '::1'];

/** Whether the address is loopback: 127.0.0.0/8 or ::1. */
export function isLoopback(ip: string): boolean {
  const parsed = parseIP(ip);
  if (!parsed) return false;
  return parsed.family === 4 ? parsed.value >> 24n === 127n : parsed.value === 1n;
}

/**
 * The addresses on the node's interfaces: loopback, then `status.addresses` that are IPs
 * (DESIGN.md: what `--dst-type LOCAL` matches and what nodePortAddresses are matched against).
 */
export function nodeInterfaceAddresses(node: Node | undefined): string[] {
  const out = [...loopbackAddresses];
  for (const a of node?.status?.addresses ?? []) {
    const ip = typeof a?.address === 'string' ? parseIPSloppy(a.address) : undefined;
    if (!ip) continue;
    const text = formatIP(ip);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** The node's primary IP of a family: InternalIP first, then ExternalIP (pkg/util/node GetNodeHostIPs). */
export function nodePrimaryIP(node: Node | undefined, family: Family): string | undefined {
  const addresses = node?.status?.addresses ?? [];
  for (const type of ['InternalIP', 'ExternalIP']) {
    for (const a of addresses) {
      if (a?.type !== type || typeof a.address !== 'string') continue;
      const ip = parseIPSloppy(a.address);
      if (ip && ip.family === family) return formatIP(ip);
    }
  }
  return undefined;
}

/** The addresses NodePorts are served on (pkg/proxy/util/nodeport_addresses.go NodePortAddresses). */
export interface NodePortAddresses {
  cidrs: CIDR[];
  /** Whether every local address is used (no CIDRs given, or a zero CIDR). */
  matchAll: boolean;
  /** Whether the IPv4 loopback range is included (needed for localhost NodePorts). */
  containsIPv4Loopback: boolean;
}

/** Reads `nodePortAddresses` for one family; `primary` means the node's primary IPs (pkg/proxy/util/nodeport_addresses.go NewNodePortAddresses). */
export function computeNodePortAddresses(
  values: readonly string[],
  family: Family,
  node: Node | undefined,
): NodePortAddresses {
  const strings: string[] = [];
  for (const value of values) {
    if (value === 'primary') {
      const ip = nodePrimaryIP(node, family);
      if (ip) strings.push(`${ip}/${family === 4 ? 32 : 128}`);
      continue;
    }
    const cidr = parseCIDR(value);
    if (cidr && cidr.ip.family === family) strings.push(value);
  }
  if (strings.length === 0) strings.push(family === 4 ? '0.0.0.0/0' : '::/0');
  const out: NodePortAddresses = { cidrs: [], matchAll: false, containsIPv4Loopback: false };
  const loopback = parseIPSloppy('127.0.0.1');
  for (const text of strings) {
    const cidr = parseCIDR(text);
    if (!cidr) continue;
    if (
      cidr.ip.family === 4 &&
      loopback &&
      (cidrContains(cidr, loopback) || cidr.ip.value >> 24n === 127n)
    ) {
      out.containsIPv4Loopback = true;
    }
    if (cidr.prefix === 0) {
      out.cidrs = [cidr];
      out.matchAll = true;
      break;
    }
    out.cidrs.push(cidr);
  }
  return out;
}

/** The local addresses NodePorts listen on when not matching all (pkg/proxy/util/nodeport_addresses.go GetNodeIPs). */
export function nodePortIPs(
  npa: NodePortAddresses,
  interfaceAddresses: readonly string[],
): string[] {
  const out: string[] = [];
  for (const cidr of npa.cidrs) {
    for (const address of interfaceAddresses) {
      const ip = parseIPSloppy(address);
      if (ip && cidrContains(cidr, ip)) {
        const text = formatIP(ip);
        if (!out.includes(text)) out.push(text);
      }
    }
  }
  return out;
}

/**
 * The local-traffic detector: the matches of "from a pod of this cluster" and of its negation,
 * as iptables arguments and as nftables expressions (pkg/proxy/util/localdetector.go).
 */
export interface LocalTrafficDetector {
  ifLocal: string[];
  ifNotLocal: string[];
  ifLocalNFT: string[];
  ifNotLocalNFT: string[];
}

/** Traffic from a CIDR is local (NewDetectLocalByCIDR). */
function detectLocalByCIDR(cidr: CIDR): LocalTrafficDetector {
  const text = formatCIDR(cidr);
  const nftFamily = cidr.ip.family === 4 ? 'ip' : 'ip6';
  return {
    ifLocal: ['-s', text],
    ifNotLocal: ['!', '-s', text],
    ifLocalNFT: [nftFamily, 'saddr', text],
    ifNotLocalNFT: [nftFamily, 'saddr', '!=', text],
  };
}

/** Traffic that comes in on one interface, the pods' bridge, is local (NewDetectLocalByBridgeInterface). */
function detectLocalByBridgeInterface(name: string): LocalTrafficDetector {
  return {
    ifLocal: ['-i', name],
    ifNotLocal: ['!', '-i', name],
    ifLocalNFT: ['iifname', name],
    ifNotLocalNFT: ['iifname', '!=', name],
  };
}

/** Traffic that comes in on any interface whose name starts with the prefix is local (NewDetectLocalByInterfaceNamePrefix). */
function detectLocalByInterfaceNamePrefix(prefix: string): LocalTrafficDetector {
  return {
    ifLocal: ['-i', `${prefix}+`],
    ifNotLocal: ['!', '-i', `${prefix}+`],
    ifLocalNFT: ['iifname', `${prefix}*`],
    ifNotLocalNFT: ['iifname', '!=', `${prefix}*`],
  };
}

/** The node's pod CIDRs: spec.podCIDRs, else spec.podCIDR alone. */
export function nodePodCIDRs(node: Node | undefined): string[] {
  return node?.spec?.podCIDRs ?? (node?.spec?.podCIDR ? [node.spec.podCIDR] : []);
}

function firstOfFamily(cidrs: readonly string[], family: Family): CIDR | undefined {
  for (const text of cidrs) {
    const cidr = parseCIDR(typeof text === 'string' ? text.trim() : '');
    if (cidr && cidr.ip.family === family) return cidr;
  }
  return undefined;
}

/**
 * The detector kube-proxy builds for a family from `detectLocalMode`: ClusterCIDR, the first
 * cluster CIDR of the family; NodeCIDR, the node's pod CIDR of the family; BridgeInterface and
 * InterfaceNamePrefix, the same interface match for both families. Undefined when it has none:
 * no CIDR of the family, an unknown mode, or an empty interface name, which kube-proxy's
 * validation refuses (pkg/proxy/util/localdetector.go GetLocalTrafficDetectors).
 */
export function computeLocalDetector(
  proxy: ProxySettings,
  family: Family,
  node: Node | undefined,
): LocalTrafficDetector | undefined {
  const mode = proxy.detectLocalMode || 'ClusterCIDR';
  switch (mode) {
    case 'ClusterCIDR': {
      const cidr = firstOfFamily(proxy.clusterCIDRs, family);
      return cidr && detectLocalByCIDR(cidr);
    }
    case 'NodeCIDR': {
      const cidr = firstOfFamily(nodePodCIDRs(node), family);
      return cidr && detectLocalByCIDR(cidr);
    }
    case 'BridgeInterface': {
      const name = proxy.detectLocal.bridgeInterface;
      return name === '' ? undefined : detectLocalByBridgeInterface(name);
    }
    case 'InterfaceNamePrefix': {
      const prefix = proxy.detectLocal.interfaceNamePrefix;
      return prefix === '' ? undefined : detectLocalByInterfaceNamePrefix(prefix);
    }
    default:
      return undefined;
  }
}
