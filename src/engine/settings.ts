/**
 * Cluster and kube-proxy settings from the configuration documents of the input, with the
 * defaults of kubeadm and kube-proxy where they are absent.
 */
import type {
  ClusterConfiguration,
  ClusterSettings,
  Diagnostic,
  KubeProxyConfiguration,
  ProxyMode,
  ProxySettings,
  SimulateOptions,
  SourcedObject,
} from './model';
import { extraArgOf, validateClusterNetworking } from './config/clusterValidation';
import { concerns } from './config/fieldErrors';
import { validateProxyConfiguration } from './config/proxyValidation';

/** kubeadm's defaults (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go); the pod subnet is the one kind and flannel use. */
export const defaultClusterSettings: ClusterSettings = {
  serviceSubnets: ['10.96.0.0/12'],
  podSubnets: ['10.244.0.0/16'],
  dnsDomain: 'cluster.local',
  nodePortRange: { base: 30000, size: 2768 },
};

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Parses `--service-node-port-range` as the API server does (`30000-32767` or `30000+2768`). */
export function parsePortRange(value: string): { base: number; size: number } | undefined {
  const m = /^\s*(\d+)\s*([-+])\s*(\d+)\s*$/.exec(value);
  if (!m) return undefined;
  const base = Number(m[1]);
  const other = Number(m[3]);
  const size = m[2] === '+' ? other : other - base + 1;
  return size > 0 && base + size - 1 <= 65535 ? { base, size } : undefined;
}

function findConfig<K extends 'ClusterConfiguration' | 'KubeProxyConfiguration'>(
  objects: SourcedObject[],
  kind: K,
) {
  let found: SourcedObject | undefined;
  for (const o of objects) if (o.object.kind === kind) found = o;
  return found;
}

function warn(source: SourcedObject, path: string, message: string, by: string): Diagnostic {
  const at = source.locate(path) ?? source.locate('') ?? { document: 0, line: 1, column: 1 };
  return {
    severity: 'error',
    message,
    document: at.document,
    path,
    line: at.line,
    column: at.column,
    source: by,
  };
}

/**
 * The last ClusterConfiguration of the input wins, as the last `--config` would. Each error of
 * kubeadm's validation is reported on its field; a real kubeadm would refuse the configuration,
 * the playground uses kubeadm's default for that field instead.
 */
export function resolveClusterSettings(
  objects: SourcedObject[],
  diagnostics: Diagnostic[],
): ClusterSettings {
  const source = findConfig(objects, 'ClusterConfiguration');
  if (!source) return defaultClusterSettings;
  const config = source.object as ClusterConfiguration;
  const net = config.networking ?? {};
  const errors = validateClusterNetworking(config);
  for (const e of errors) diagnostics.push(warn(source, e.path, e.message, 'kubeadm'));
  const valid = (field: string, value: string | undefined): string | undefined =>
    errors.some((e) => concerns(e, field)) ? undefined : value;
  const range = extraArgOf(config.apiServer?.extraArgs, 'service-node-port-range');
  let nodePortRange = defaultClusterSettings.nodePortRange;
  if (range !== undefined) {
    const parsed = parsePortRange(range);
    if (parsed) nodePortRange = parsed;
    else
      diagnostics.push(
        warn(
          source,
          'apiServer.extraArgs',
          `invalid argument "${range}" for "--service-node-port-range" flag`,
          'kube-apiserver',
        ),
      );
  }
  const serviceSubnets = splitList(valid('networking.serviceSubnet', net.serviceSubnet));
  const podSubnets = splitList(valid('networking.podSubnet', net.podSubnet));
  return {
    serviceSubnets:
      serviceSubnets.length > 0 ? serviceSubnets : defaultClusterSettings.serviceSubnets,
    podSubnets: podSubnets.length > 0 ? podSubnets : defaultClusterSettings.podSubnets,
    dnsDomain: valid('networking.dnsDomain', net.dnsDomain) || defaultClusterSettings.dnsDomain,
    nodePortRange,
  };
}

/** The interface fields of `detectLocal` (v1alpha1), "" when unset. */
function readDetectLocal(config: KubeProxyConfiguration): ProxySettings['detectLocal'] {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    bridgeInterface: text(config.detectLocal?.bridgeInterface),
    interfaceNamePrefix: text(config.detectLocal?.interfaceNamePrefix),
  };
}

/**
 * kube-proxy's defaults (pkg/proxy/apis/config/v1alpha1/defaults.go); clusterCIDR from the pod
 * subnet, as kubeadm sets it. Each error of kube-proxy's validation is reported on its field; a
 * real kube-proxy would refuse to start, the playground runs with that field's default instead.
 */
export function resolveProxySettings(
  objects: SourcedObject[],
  cluster: ClusterSettings,
  options: SimulateOptions,
  diagnostics: Diagnostic[],
): ProxySettings {
  const source = findConfig(objects, 'KubeProxyConfiguration');
  const config = (source?.object ?? { kind: 'KubeProxyConfiguration' }) as KubeProxyConfiguration;
  const errors = source ? validateProxyConfiguration(config) : [];
  if (source)
    for (const e of errors) diagnostics.push(warn(source, e.path, e.message, 'kube-proxy'));
  const valid = <T>(field: string, value: T | undefined, fallback: T): T =>
    value === undefined || errors.some((e) => concerns(e, field)) ? fallback : value;
  const mode: ProxyMode = valid('mode', config.mode || undefined, 'iptables');
  // kubeadm fills an absent clusterCIDR with the pod subnet; an explicit "" means no local-traffic detector.
  const clusterCIDR = valid('clusterCIDR', config.clusterCIDR, undefined);
  const clusterCIDRs = clusterCIDR !== undefined ? splitList(clusterCIDR) : cluster.podSubnets;
  // An unsupported detect-local mode is kept: kube-proxy's getLocalDetectors gives it no
  // detector (localdetector_test.go "unknown LocalMode"), which is what the rules then show.
  const detectLocalMode = config.detectLocalMode || 'ClusterCIDR';
  return {
    mode,
    clusterCIDRs,
    detectLocalMode,
    detectLocal: readDetectLocal(config),
    nodePortAddresses: valid('nodePortAddresses', config.nodePortAddresses, []),
    iptables: {
      masqueradeBit: valid('iptables.masqueradeBit', config.iptables?.masqueradeBit, 14),
      masqueradeAll: config.iptables?.masqueradeAll ?? false,
      localhostNodePorts: config.iptables?.localhostNodePorts ?? true,
    },
    ipvs: {
      scheduler: config.ipvs?.scheduler || 'rr',
      excludeCIDRs: valid('ipvs.excludeCIDRs', config.ipvs?.excludeCIDRs, []),
      strictARP: config.ipvs?.strictARP ?? false,
    },
    nftables: {
      masqueradeBit: valid('nftables.masqueradeBit', config.nftables?.masqueradeBit, 14),
      masqueradeAll: config.nftables?.masqueradeAll ?? false,
    },
    conntrack: { tcpBeLiberal: config.conntrack?.tcpBeLiberal ?? false },
    nfacct: options.nfacct ?? true,
    randomFully: options.randomFully ?? true,
  };
}
