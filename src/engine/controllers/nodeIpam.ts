/**
 * The node IPAM controller's range allocator: Nodes without a pod CIDR get one per cluster pod
 * subnet, the next free /24 (IPv4) or /64 (IPv6), as kube-controller-manager's defaults
 * (`--node-cidr-mask-size-ipv4=24`, `--node-cidr-mask-size-ipv6=64`) cut them.
 */
import { cidrContains, formatCIDR, parseCIDR, type CIDR } from '../net/ip';
import type { Node } from '../model';
import { copyOf, withField } from './copy';

/** cidrset refuses a cluster CIDR that would hold more than 2^16 node subnets. */
const maxSubnetBits = 16;

interface CIDRSet {
  cluster: CIDR;
  maskSize: number;
  used: Set<bigint>;
  size: number;
  next: number;
}

/**
 * A cidrset over one cluster pod subnet (pkg/controller/nodeipam/ipam/cidrset/cidr_set.go at
 * 9efa0b0228c08a0be9eac268ac222025169fe6e8); undefined when the allocator would refuse it.
 */
function newCIDRSet(subnet: string): CIDRSet | undefined {
  const cluster = parseCIDR(subnet);
  if (!cluster) return undefined;
  const maskSize = cluster.ip.family === 4 ? 24 : 64;
  if (cluster.prefix > maskSize || maskSize - cluster.prefix > maxSubnetBits) return undefined;
  return { cluster, maskSize, used: new Set(), size: 2 ** (maskSize - cluster.prefix), next: 0 };
}

function subnetIndex(set: CIDRSet, cidr: CIDR): number | undefined {
  if (cidr.prefix !== set.maskSize || !cidrContains(set.cluster, cidr.ip)) return undefined;
  const width = BigInt((set.cluster.ip.family === 4 ? 32 : 128) - set.maskSize);
  return Number((cidr.network - set.cluster.network) >> width);
}

function allocateNext(set: CIDRSet): string | undefined {
  for (let i = 0; i < set.size; i++) {
    const index = (set.next + i) % set.size;
    if (set.used.has(BigInt(index))) continue;
    set.used.add(BigInt(index));
    set.next = (index + 1) % set.size;
    const width = BigInt((set.cluster.ip.family === 4 ? 32 : 128) - set.maskSize);
    const network = set.cluster.network + (BigInt(index) << width);
    return formatCIDR({
      ip: { family: set.cluster.ip.family, value: network },
      network,
      prefix: set.maskSize,
    });
  }
  return undefined;
}

function givenPodCIDRs(node: Node): string[] {
  const list = Array.isArray(node.spec?.podCIDRs)
    ? node.spec.podCIDRs.filter((c): c is string => typeof c === 'string' && c !== '')
    : [];
  if (list.length > 0) return list;
  const single = node.spec?.podCIDR;
  return typeof single === 'string' && single !== '' ? [single] : [];
}

/** `{ ...node, spec: { ...node.spec, podCIDR, podCIDRs } }`, without literals that start with a spread. */
function withPodCIDRs(node: Node, podCIDR: string, podCIDRs: string[]): Node {
  const spec: NonNullable<Node['spec']> = copyOf(node.spec);
  spec.podCIDR = podCIDR;
  spec.podCIDRs = podCIDRs;
  return withField(node, 'spec', spec);
}

/**
 * The range allocator (pkg/controller/nodeipam/ipam/range_allocator.go at
 * 283f41fe5f9790aaa090b34e93ae26ec2dac0034): pod CIDRs already on Nodes are marked used, then
 * each Node without one, in creation order, gets the next free subnet of every cluster CIDR.
 * A Node whose spec has `podCIDRs` without `podCIDR` (or the reverse) reads back with both.
 */
export function allocateNodeCIDRs(nodes: readonly Node[], podSubnets: readonly string[]): Node[] {
  const sets = podSubnets.map(newCIDRSet).filter((s): s is CIDRSet => s !== undefined);
  for (const node of nodes) {
    for (const text of givenPodCIDRs(node)) {
      const cidr = parseCIDR(text);
      if (!cidr) continue;
      for (const set of sets) {
        const index = subnetIndex(set, cidr);
        if (index !== undefined) set.used.add(BigInt(index));
      }
    }
  }
  return nodes.map((node) => {
    const given = givenPodCIDRs(node);
    const [first] = given;
    if (first !== undefined) {
      if (node.spec?.podCIDR === first && Array.isArray(node.spec.podCIDRs)) return node;
      return withPodCIDRs(node, first, given);
    }
    const allocated = sets.map(allocateNext).filter((c): c is string => c !== undefined);
    const [podCIDR] = allocated;
    if (podCIDR === undefined) return node;
    return withPodCIDRs(node, podCIDR, allocated);
  });
}
