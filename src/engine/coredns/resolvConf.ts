/**
 * The /etc/resolv.conf kubelet sets up for a pod (kubernetes pkg/kubelet/network/dns/dns.go
 * GetPodDNS) and the file the container runtime writes from it (containerd's
 * ResolvConfContent: `search`, `nameserver` lines, `options`).
 */
import { serviceIP } from '../builtins';
import type { ClusterSettings, Pod } from '../model';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: string[];
}

export type PodDNSType = 'cluster' | 'host' | 'none';

export interface PodResolvConf extends ResolvConf {
  /** How kubelet treated the pod's dnsPolicy (`ClusterFirst` on hostNetwork falls back to host). */
  dnsType: PodDNSType;
  /** The file as the container sees it. */
  text: string;
  /** Set when the node's own resolv.conf (not part of the input) is the base of the file. */
  fromNode: boolean;
  /** kubelet's `DNSConfigForming` warnings (limits exceeded). */
  warnings: string[];
}

/** validation.MaxDNSNameservers, MaxDNSSearchPathsExpanded, MaxDNSSearchListCharsExpanded. */
const maxNameservers = 3;
const maxSearchPaths = 32;
const maxSearchListChars = 2048;
const maxSearchLength = 253;

/** kubelet's `clusterDNS`: kubeadm sets it to the 10th address of the service CIDR. */
export function builtinDnsServerIP(settings: ClusterSettings): string {
  return serviceIP(settings, 10) ?? '';
}

/** The node's /etc/resolv.conf is not part of the input: taken as empty. */
export const nodeResolvConf: ResolvConf = { nameservers: [], searches: [], options: [] };

function omitDuplicates(values: string[]): string[] {
  return [...new Set(values)];
}

/** getPodDNSType (dns.go). */
export function podDNSType(pod: Pod): PodDNSType {
  switch (pod.spec?.dnsPolicy) {
    case 'None':
      return 'none';
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    case 'Default':
      return 'host';
    case 'ClusterFirst':
      return pod.spec.hostNetwork ? 'host' : 'cluster';
    default:
      // An invalid policy falls back to ClusterFirst (the API server would have defaulted it).
      return 'cluster';
  }
}

/**
 * mergeDNSOptions (dns.go): later values override earlier ones. kubelet rebuilds the list from
 * a Go map (random order); the engine keeps first-seen order so the output is deterministic.
 */
function mergeOptions(existing: string[], extra: { name?: string; value?: string }[]): string[] {
  const merged = new Map<string, string>();
  for (const op of existing) {
    const colon = op.indexOf(':');
    if (colon === -1) merged.set(op, '');
    else merged.set(op.slice(0, colon), op.slice(colon + 1));
  }
  for (const op of extra) merged.set(op.name ?? '', op.value ?? '');
  return [...merged].map(([name, value]) => (value === '' ? name : `${name}:${value}`));
}

/** formDNSConfigFitsLimits (dns.go). */
function fitLimits(conf: ResolvConf, warnings: string[]): ResolvConf {
  let nameservers = conf.nameservers;
  if (nameservers.length > maxNameservers) {
    nameservers = nameservers.slice(0, maxNameservers);
    warnings.push(
      `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${nameservers.join(' ')}`,
    );
  }
  let searches = conf.searches;
  let exceeded = false;
  if (searches.length > maxSearchPaths) {
    searches = searches.slice(0, maxSearchPaths);
    exceeded = true;
  }
  const fitting = searches.filter((s) => s.length <= maxSearchLength);
  if (fitting.length !== searches.length) exceeded = true;
  searches = fitting;
  while (searches.join(' ').length > maxSearchListChars) {
    searches = searches.slice(0, -1);
    exceeded = true;
  }
  if (exceeded) {
    warnings.push(
      `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${searches.join(' ')}`,
    );
  }
  return { nameservers, searches, options: conf.options };
}

/** containerd's resolv.conf content for the CRI DNS config. */
export function renderResolvConf(conf: ResolvConf): string {
  let text = '';
  if (conf.searches.length > 0) text += `search ${conf.searches.join(' ')}\n`;
  if (conf.nameservers.length > 0) text += `nameserver ${conf.nameservers.join('\nnameserver ')}\n`;
  if (conf.options.length > 0) text += `options ${conf.options.join(' ')}\n`;
  return text;
}

/** GetPodDNS (dns.go): the pod's resolver configuration. */
export function computePodResolvConf(
  pod: Pod,
  settings: ClusterSettings,
  node: ResolvConf = nodeResolvConf,
): PodResolvConf {
  const dnsType = podDNSType(pod);
  let conf: ResolvConf = { ...node };
  let fromNode = dnsType === 'host';
  const clusterDNS = builtinDnsServerIP(settings);
  if (dnsType === 'none') {
    conf = { nameservers: [], searches: [], options: [] };
  } else if (dnsType === 'cluster' && clusterDNS !== '') {
    const domain = settings.dnsDomain;
    const namespace = pod.metadata?.namespace ?? 'default';
    const clusterSearch =
      domain === '' ? [] : [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
    conf = {
      nameservers: [clusterDNS],
      searches: omitDuplicates([...clusterSearch, ...node.searches]),
      options: ['ndots:5'],
    };
  } else {
    fromNode = true;
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    conf = {
      nameservers: omitDuplicates([...conf.nameservers, ...(extra.nameservers ?? [])]),
      searches: omitDuplicates([...conf.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(conf.options, extra.options ?? []),
    };
  }
  const warnings: string[] = [];
  const fitted = fitLimits(conf, warnings);
  return { ...fitted, dnsType, text: renderResolvConf(fitted), fromNode, warnings };
}

/** The `ndots` option in effect (glibc: default 1, capped at 15). */
export function ndotsOf(conf: ResolvConf): number {
  let ndots = 1;
  for (const op of conf.options) {
    const m = /^ndots:(\d+)$/.exec(op);
    if (m) ndots = Math.min(Number(m[1]), 15);
  }
  return ndots;
}
