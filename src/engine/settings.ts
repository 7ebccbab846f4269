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

/** kubeadm's defaults (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go); the pod subnet is the one kind and flannel use. */
export const defaultClusterSettings: ClusterSettings = {
  serviceSubnets: ['10.96.0.0/12'],
  podSubnets: ['10.244.0.0/16'],
  dnsDomain: 'cluster.local',
  nodePortRange: { base: 30000, size: 2768 },
};

const proxyModes: readonly ProxyMode[] = ['iptables', 'ipvs', 'nftables', 'userspace'];

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

function extraArg(config: ClusterConfiguration, name: string): string | undefined {
  const args = config.apiServer?.extraArgs;
  if (Array.isArray(args)) return args.find((a) => a.name === name)?.value;
  return args?.[name];
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

/** The last ClusterConfiguration of the input wins, as the last `--config` would. */
export function resolveClusterSettings(
  objects: SourcedObject[],
  diagnostics: Diagnostic[],
): ClusterSettings {
  const source = findConfig(objects, 'ClusterConfiguration');
  if (!source) return defaultClusterSettings;
  const config = source.object as ClusterConfiguration;
  const net = config.networking ?? {};
  const range = extraArg(config, 'service-node-port-range');
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
  const serviceSubnets = splitList(net.serviceSubnet);
  const podSubnets = splitList(net.podSubnet);
  return {
    serviceSubnets:
      serviceSubnets.length > 0 ? serviceSubnets : defaultClusterSettings.serviceSubnets,
    podSubnets: podSubnets.length > 0 ? podSubnets : defaultClusterSettings.podSubnets,
    dnsDomain: net.dnsDomain?.replace(/\.$/, '') || defaultClusterSettings.dnsDomain,
    nodePortRange,
  };
}

/** The detectLocal field a detect-local mode matches pod traffic by, if it has one. */
const interfaceFieldOfMode: Readonly<Record<string, 'bridgeInterface' | 'interfaceNamePrefix'>> = {
  BridgeInterface: 'bridgeInterface',
  InterfaceNamePrefix: 'interfaceNamePrefix',
};

/**
 * The interface fields of `detectLocal` (v1alpha1), "" when unset. The one the mode matches
 * by must not be empty: kube-proxy's validation refuses the configuration, reporting the field
 * by its v1alpha1 path (pkg/proxy/apis/config/validation validateDetectLocalConfiguration;
 * field_paths_test.go TestValidateV1Alpha1FieldPaths).
 */
function readDetectLocal(
  config: KubeProxyConfiguration,
  mode: string,
  source: SourcedObject | undefined,
  diagnostics: Diagnostic[],
): ProxySettings['detectLocal'] {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const detectLocal = {
    bridgeInterface: text(config.detectLocal?.bridgeInterface),
    interfaceNamePrefix: text(config.detectLocal?.interfaceNamePrefix),
  };
  const field = interfaceFieldOfMode[mode];
  if (field && detectLocal[field] === '' && source) {
    const path = `detectLocal.${field}`;
    diagnostics.push(
      warn(source, path, `${path}: Invalid value: "": must not be empty`, 'kube-proxy'),
    );
  }
  return detectLocal;
}

/** kube-proxy's defaults (pkg/proxy/apis/config/v1alpha1/defaults.go); clusterCIDR from the pod subnet, as kubeadm sets it. */
export function resolveProxySettings(
  objects: SourcedObject[],
  cluster: ClusterSettings,
  options: SimulateOptions,
  diagnostics: Diagnostic[],
): ProxySettings {
  const source = findConfig(objects, 'KubeProxyConfiguration');
  const config = (source?.object ?? { kind: 'KubeProxyConfiguration' }) as KubeProxyConfiguration;
  let mode: ProxyMode = 'iptables';
  if (config.mode !== undefined && config.mode !== '') {
    if (proxyModes.includes(config.mode)) mode = config.mode;
    else if (source)
      diagnostics.push(
        warn(
          source,
          'mode',
          `KubeProxyConfiguration.mode: Invalid value: "${String(config.mode)}": must be iptables, ipvs or nftables`,
          'kube-proxy',
        ),
      );
  }
  // kubeadm fills an absent clusterCIDR with the pod subnet; an explicit "" means no local-traffic detector.
  const clusterCIDRs =
    config.clusterCIDR !== undefined ? splitList(config.clusterCIDR) : cluster.podSubnets;
  const detectLocalMode = config.detectLocalMode || 'ClusterCIDR';
  return {
    mode,
    clusterCIDRs,
    detectLocalMode,
    detectLocal: readDetectLocal(config, detectLocalMode, source, diagnostics),
    nodePortAddresses: config.nodePortAddresses ?? [],
    iptables: {
      masqueradeBit: config.iptables?.masqueradeBit ?? 14,
      masqueradeAll: config.iptables?.masqueradeAll ?? false,
      localhostNodePorts: config.iptables?.localhostNodePorts ?? true,
    },
    ipvs: {
      scheduler: config.ipvs?.scheduler || 'rr',
      excludeCIDRs: config.ipvs?.excludeCIDRs ?? [],
      strictARP: config.ipvs?.strictARP ?? false,
    },
    nftables: {
      masqueradeBit: config.nftables?.masqueradeBit ?? 14,
      masqueradeAll: config.nftables?.masqueradeAll ?? false,
    },
    conntrack: { tcpBeLiberal: config.conntrack?.tcpBeLiberal ?? false },
    nfacct: options.nfacct ?? true,
    randomFully: options.randomFully ?? true,
  };
}
