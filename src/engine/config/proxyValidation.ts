/**
 * kube-proxy's validation of its configuration (pkg/proxy/apis/config/validation Validate), for
 * the fields the playground reads, each reported by its v1alpha1 path as kube-proxy reports a
 * KubeProxyConfiguration file (field_paths_test.go). A real kube-proxy given any of these errors
 * refuses to start; the playground reports them and runs with the defaults instead.
 */
import type { KubeProxyConfiguration } from '../model';
import { parseCIDRSloppy } from '../net/ip';
import { type ConfigFieldError, invalid, notSupported } from './fieldErrors';

/** The Linux proxy modes (validateProxyModeLinux); userspace is the playground's own extra. */
const linuxModes = ['iptables', 'ipvs', 'nftables'];
const playgroundModes = [...linuxModes, 'userspace'];

/** The detect-local modes in the order kube-proxy lists them ("" takes the default). */
const detectLocalModes = ['ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix', ''];

const cidrExample = '(e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)';
const pairExample = '(e.g. [10.100.0.0/16, fde4:8dba:82e1::/48]';

function validateMode(mode: unknown): ConfigFieldError[] {
  if (mode === undefined || mode === '' || playgroundModes.includes(mode as string)) return [];
  const detail = `must be ${linuxModes.join(', ')} or blank (blank means the best-available proxy [currently iptables])`;
  return [invalid('mode', mode, detail)];
}

/** A masquerade bit is a bit of the 32-bit packet mark. */
function validateMasqueradeBit(bit: unknown, path: string): ConfigFieldError[] {
  return typeof bit === 'number' && (bit < 0 || bit > 31)
    ? [invalid(path, bit, 'must be within the range [0, 31]')]
    : [];
}

/** Each entry must be a CIDR; every bad one is reported (validateIPVSExcludeCIDRs). */
function validateCIDRList(list: unknown, path: string): ConfigFieldError[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown, i) =>
    typeof entry === 'string' && parseCIDRSloppy(entry)
      ? []
      : [invalid(`${path}[${i}]`, entry, 'must be a valid CIDR')],
  );
}

/**
 * nodePortAddresses: CIDRs, or `primary` alone; a `primary` among CIDRs is reported where it
 * stands and ends the check (validateKubeProxyNodePortAddress).
 */
function validateNodePortAddresses(list: unknown): ConfigFieldError[] {
  if (!Array.isArray(list)) return [];
  const errors: ConfigFieldError[] = [];
  for (const [i, entry] of (list as unknown[]).entries()) {
    const path = `nodePortAddresses[${i}]`;
    if (entry === 'primary') {
      if (list.length !== 1)
        errors.push(invalid(path, entry, "can't use both 'primary' and CIDRs"));
      break;
    }
    if (typeof entry !== 'string' || !parseCIDRSloppy(entry))
      errors.push(invalid(path, entry, 'must be a valid CIDR'));
  }
  return errors;
}

function validateDetectLocalMode(mode: unknown): ConfigFieldError[] {
  if (mode === undefined || detectLocalModes.includes(mode as string)) return [];
  return [notSupported('detectLocalMode', mode, detectLocalModes)];
}

/**
 * clusterCIDR in ClusterCIDR mode: one CIDR or a dual-stack pair. kube-proxy checks the list
 * that v1alpha1's comma-separated string converts to (validateDualStackCIDRStrings) and reports
 * the errors on clusterCIDR, with the list or the bad entry as the value.
 */
function validateClusterCIDR(value: string): ConfigFieldError[] {
  const cidrs = value.split(',');
  const notAPair = `must be a either a single CIDR or dual-stack pair of CIDRs ${pairExample}`;
  if (cidrs.length > 2) return [invalid('clusterCIDR', cidrs, notAPair)];
  const parsed = cidrs.map((c) => parseCIDRSloppy(c));
  const errors = parsed.flatMap((cidr, i) =>
    cidr ? [] : [invalid('clusterCIDR', cidrs[i], `must be a valid CIDR block ${cidrExample}`)],
  );
  const [first, second] = parsed;
  if (first && second && first.ip.family === second.ip.family)
    errors.push(invalid('clusterCIDR', cidrs, notAPair));
  return errors;
}

/** The detectLocal field a detect-local mode matches pod traffic by, if it has one. */
const interfaceFieldOfMode: Readonly<Record<string, 'bridgeInterface' | 'interfaceNamePrefix'>> = {
  BridgeInterface: 'bridgeInterface',
  InterfaceNamePrefix: 'interfaceNamePrefix',
};

/** What the detect-local mode needs: its interface name, or a valid clusterCIDR (validateDetectLocalConfiguration). */
function validateDetectLocal(config: KubeProxyConfiguration): ConfigFieldError[] {
  const mode = config.detectLocalMode || 'ClusterCIDR';
  const field = interfaceFieldOfMode[mode];
  if (field) {
    const name = config.detectLocal?.[field];
    return typeof name === 'string' && name !== ''
      ? []
      : [invalid(`detectLocal.${field}`, '', 'must not be empty')];
  }
  if (mode === 'ClusterCIDR' && typeof config.clusterCIDR === 'string' && config.clusterCIDR !== '')
    return validateClusterCIDR(config.clusterCIDR);
  return [];
}

/**
 * The errors kube-proxy's Validate finds in the fields we read, in its order: the iptables
 * settings, the chosen mode's own settings (ipvs, nftables), the mode, nodePortAddresses, the
 * detect-local mode and what it needs.
 */
export function validateProxyConfiguration(config: KubeProxyConfiguration): ConfigFieldError[] {
  return [
    ...validateMasqueradeBit(config.iptables?.masqueradeBit, 'iptables.masqueradeBit'),
    ...(config.mode === 'ipvs'
      ? validateCIDRList(config.ipvs?.excludeCIDRs, 'ipvs.excludeCIDRs')
      : []),
    ...(config.mode === 'nftables'
      ? validateMasqueradeBit(config.nftables?.masqueradeBit, 'nftables.masqueradeBit')
      : []),
    ...validateMode(config.mode),
    ...validateNodePortAddresses(config.nodePortAddresses),
    ...validateDetectLocalMode(config.detectLocalMode),
    ...validateDetectLocal(config),
  ];
}
