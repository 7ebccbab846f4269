/**
 * kubeadm's validation of a ClusterConfiguration's networking (cmd/kubeadm/app/apis/kubeadm/
 * validation ValidateNetworking), reported on the fields of the document. A real kubeadm
 * refuses such a configuration; the playground reports it and uses kubeadm's defaults instead.
 */
import { goQuote } from '../admission/goFormat';
import { isDNS1123Subdomain } from '../admission/names';
import type { ClusterConfiguration, ExtraArgs } from '../model';
import { bits, type CIDR, cidrSize, formatCIDR, parseCIDRSloppy } from '../net/ip';
import { type ConfigFieldError, invalid } from './fieldErrors';

/** kubeadm's constants: the fewest addresses a subnet may hold, the widest Service subnet. */
const minimumAddressesInServiceSubnet = 10;
const minimumAddressesInPodSubnet = 14;
const maximumBitsForServiceSubnet = 20;
/** The node mask may be at most this many bits longer than the pod subnet's. */
const podSubnetNodeMaskMaxDiff = 16;

/** The last value given to a component's flag in extraArgs (v1beta4's list or v1beta3's map). */
export function extraArgOf(args: ExtraArgs | undefined, name: string): string | undefined {
  if (Array.isArray(args)) return args.findLast((a) => a.name === name)?.value;
  return args?.[name];
}

/**
 * netutils.RangeSize: how many addresses a subnet holds, at most MaxInt64. Upstream's guard
 * against /31 and /32 compares host bits, not prefix bits, so it is /0 and /1 (of either family)
 * that give 0.
 */
function rangeSize(cidr: CIDR): bigint {
  const hostBits = bits(cidr.ip.family) - cidr.prefix;
  if ((cidr.ip.family === 4 && hostBits >= 31) || (cidr.ip.family === 6 && hostBits >= 127))
    return 0n;
  return hostBits >= 63 ? 2n ** 63n - 1n : cidrSize(cidr);
}

/** The comma-separated subnets, or undefined when one of them does not parse (netutils.ParseCIDRs). */
function parseSubnets(value: string): CIDR[] | undefined {
  const subnets = value.split(',').map((s) => parseCIDRSloppy(s));
  return subnets.every((s) => s !== undefined) ? (subnets as CIDR[]) : undefined;
}

const notDualStack =
  'expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking';

/** ValidateIPNetFromString: one subnet or a pair of both families, each large enough. */
function validateSubnets(value: string, minimum: number, path: string): ConfigFieldError[] {
  const subnets = parseSubnets(value);
  if (!subnets) return [invalid(path, value, "couldn't parse subnet")];
  const errors: ConfigFieldError[] = [];
  const [first, second] = subnets;
  if (subnets.length > 2 || (first && second && first.ip.family === second.ip.family))
    errors.push(invalid(path, value, notDualStack));
  for (const subnet of subnets) {
    const size = rangeSize(subnet);
    if (size < BigInt(minimum))
      errors.push(
        invalid(
          path,
          formatCIDR(subnet),
          `subnet with ${size} address(es) is too small, the minimum is ${minimum}`,
        ),
      );
  }
  return errors;
}

/** ValidateServiceSubnetSize: a Service subnet of at most 2^20 addresses, as the API server also requires. */
function validateServiceSubnetSize(value: string, path: string): ConfigFieldError[] {
  return (parseSubnets(value) ?? []).flatMap((subnet) => {
    const width = bits(subnet.ip.family);
    return width - subnet.prefix > maximumBitsForServiceSubnet
      ? [
          invalid(
            path,
            formatCIDR(subnet),
            `specified service subnet is too large; for ${width}-bit addresses, the mask must be >= ${width - maximumBitsForServiceSubnet}`,
          ),
        ]
      : [];
  });
}

/**
 * The node CIDR mask the controller manager cuts the pod subnet into: its
 * node-cidr-mask-size-ipv4/-ipv6 flag, else 24 / 64; an error text when the flag is no integer.
 */
function nodeMaskOf(config: ClusterConfiguration, family: 4 | 6): number | string {
  const flag = `node-cidr-mask-size-ipv${family}`;
  const value = extraArgOf(config.controllerManager?.extraArgs, flag);
  if (value === undefined || value === '') return family === 4 ? 24 : 64;
  if (!/^[+-]?\d+$/.test(value))
    return `could not parse the value of the kube-controller-manager flag ${flag} as an integer: strconv.Atoi: parsing ${goQuote(value)}: invalid syntax`;
  return Number(value);
}

/** ValidatePodSubnetNodeMask: each pod subnet holds at least one node's mask, and not too many. */
function validatePodSubnetNodeMask(
  value: string,
  config: ClusterConfiguration,
  path: string,
): ConfigFieldError[] {
  return (parseSubnets(value) ?? []).flatMap((subnet) => {
    const nodeMask = nodeMaskOf(config, subnet.ip.family);
    const shown = formatCIDR(subnet);
    if (typeof nodeMask === 'string') return [invalid(path, shown, nodeMask)];
    if (subnet.prefix > nodeMask)
      return [
        invalid(
          path,
          shown,
          `the size of pod subnet with mask ${subnet.prefix} is smaller than the size of node subnet with mask ${nodeMask}`,
        ),
      ];
    if (nodeMask - subnet.prefix > podSubnetNodeMaskMaxDiff)
      return [
        invalid(
          path,
          shown,
          `pod subnet mask (${subnet.prefix}) and node-mask (${nodeMask}) difference is greater than ${podSubnetNodeMaskMaxDiff}`,
        ),
      ];
    return [];
  });
}

/**
 * The errors kubeadm's ValidateNetworking finds, in its order: the DNS domain, the Service
 * subnet (its form, then its size), the pod subnet (its form, then against the node mask unless
 * the controller manager allocates no node CIDRs).
 */
export function validateClusterNetworking(config: ClusterConfiguration): ConfigFieldError[] {
  const net = config.networking ?? {};
  const errors: ConfigFieldError[] = [];
  // An absent or empty dnsDomain is defaulted (cluster.local) before validation.
  if (typeof net.dnsDomain === 'string' && net.dnsDomain !== '')
    for (const detail of isDNS1123Subdomain(net.dnsDomain))
      errors.push(invalid('networking.dnsDomain', net.dnsDomain, detail));
  if (typeof net.serviceSubnet === 'string' && net.serviceSubnet !== '') {
    const path = 'networking.serviceSubnet';
    errors.push(...validateSubnets(net.serviceSubnet, minimumAddressesInServiceSubnet, path));
    errors.push(...validateServiceSubnetSize(net.serviceSubnet, path));
  }
  if (typeof net.podSubnet === 'string' && net.podSubnet !== '') {
    const path = 'networking.podSubnet';
    errors.push(...validateSubnets(net.podSubnet, minimumAddressesInPodSubnet, path));
    if (extraArgOf(config.controllerManager?.extraArgs, 'allocate-node-cidrs') !== 'false')
      errors.push(...validatePodSubnetNodeMask(net.podSubnet, config, path));
  }
  return errors;
}
