/**
 * CoreDNS's configuration as the cluster holds it: the `Corefile` key of the `coredns` ConfigMap
 * in kube-system, read into server blocks and the `kubernetes` plugin's settings. When the
 * ConfigMap is absent, kubeadm's default Corefile; when it cannot be read, a finding and the
 * default.
 */
import { defaultCorefile } from '../builtins';
import type { Cluster, Finding } from '../model';
import { type CIDR, parseCIDR } from '../net/ip';
import { parseLabelSelector } from '../shell/terminal/objects';
import { type Directive, parseCorefile } from './corefile';
import { isReverse, normalizeName, reverseName } from './names';
import type {
  CorednsConfig,
  ExternalPluginConfig,
  KubernetesPluginConfig,
  PodMode,
  ServerBlock,
  TransferConfig,
} from './types';

/** Where kubeadm's CoreDNS Deployment mounts the Corefile (`-conf`), as error messages name it. */
export const corefilePath = '/etc/coredns/Corefile';
const configMapKey = 'ConfigMap/kube-system/coredns';

/** Plugins compiled into CoreDNS (plugin.cfg), the directives a Corefile may use. */
const knownPlugins = new Set(
  (
    'root metadata geoip cancel proxyproto quic grpc_server https https3 timeouts multisocket ' +
    'reload nsid bufsize bind debug trace ready health pprof shed prometheus errors log dnstap ' +
    'local dns64 any chaos loadbalance tsig rewrite autopath acl cache header dnssec tls minimal ' +
    'template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary ' +
    'etcd loop forward grpc erratic whoami on sign view nomad'
  ).split(' '),
);

/** Plugins that do not change what the `kubernetes` plugin answers to a first query. */
const neutralPlugins = new Set(
  'root cancel timeouts reload bufsize bind debug trace ready health pprof prometheus errors log dnstap loadbalance cache loop forward tls nsid metadata'.split(
    ' ',
  ),
);

class CorefileError extends Error {}

/** plugin.ErrOnce */
const onceError = 'this plugin can only be used once per Server Block';

function parsingError(line: number, message: string): CorefileError {
  return new CorefileError(`${corefilePath}:${line} - Error during parsing: ${message}`);
}

function argError(d: Directive): CorefileError {
  const last = d.args[d.args.length - 1] ?? d.name;
  return parsingError(d.line, `Wrong argument count or unexpected line ending after '${last}'`);
}

/**
 * The reverse zones of a CIDR (plugin/pkg/cidr Split and Reverse): a prefix off a label boundary
 * (8 bits for IPv4, 4 for IPv6) is split into the subnets at the next boundary, one zone each.
 */
export function reverseZones(cidr: CIDR): string[] {
  const family = cidr.ip.family;
  const step = family === 4 ? 8 : 4;
  const prefix = Math.ceil(cidr.prefix / step) * step;
  const width = family === 4 ? 32 : 128;
  const drop = (width - prefix) / step;
  const count = 1n << BigInt(prefix - cidr.prefix);
  const size = 1n << BigInt(width - prefix);
  const zones: string[] = [];
  for (let i = 0n; i < count; i++) {
    const labels = reverseName(family, cidr.network + i * size).split('.');
    zones.push(labels.slice(drop).join('.'));
  }
  return zones;
}

/** `plugin.Host.NormalizeExact` (plugin/normalize.go): zones of a key or argument. */
export function normalizeHost(host: string): { zones: string[]; port: number | undefined } {
  let s = host.replace(/^(dns|tls|grpc|https|quic|https3):\/\//, '');
  let port: number | undefined;
  const colon = s.lastIndexOf(':');
  if (colon !== -1 && /^\d+$/.test(s.slice(colon + 1))) {
    port = Number(s.slice(colon + 1));
    s = s.slice(0, colon);
  }
  const cidr = parseCIDR(s);
  if (cidr) return { zones: reverseZones(cidr), port };
  return { zones: [normalizeName(s === '' ? '.' : s)], port };
}

function zonesOf(args: string[]): string[] {
  return args.flatMap((a) => normalizeHost(a).zones);
}

/** A `ttl` option: a whole number of seconds in [0, 3600]. */
function readTTL(option: Directive): number {
  if (option.args.length === 0) throw argError(option);
  const text = option.args[0] ?? '';
  if (!/^[+-]?\d+$/.test(text)) {
    throw new CorefileError(`strconv.Atoi: parsing "${text}": invalid syntax`);
  }
  const ttl = Number(text);
  if (ttl < 0 || ttl > 3600) {
    throw parsingError(option.line, `ttl must be in range [0, 3600]: ${ttl}`);
  }
  return ttl;
}

/** `kubernetes` stanza options (plugin/kubernetes/setup.go ParseStanza). */
function readKubernetes(
  d: Directive,
  blockZones: string[],
  notes: (line: number, message: string) => void,
): KubernetesPluginConfig {
  const zones = d.args.length > 0 ? zonesOf(d.args) : [...blockZones];
  const primaryZoneIndex = zones.findIndex((z) => isReverse(z) === 0);
  if (primaryZoneIndex === -1) {
    throw new CorefileError('non-reverse zone name must be used');
  }
  const config: KubernetesPluginConfig = {
    zones,
    primaryZoneIndex,
    podMode: 'disabled',
    namespaces: [],
    ttl: 5,
    ignoreEmptyService: false,
    endpointPodNames: false,
    fallthrough: undefined,
    noEndpoints: false,
    labels: undefined,
    namespaceLabels: undefined,
    zonal: false,
  };
  for (const option of d.block) {
    const args = option.args;
    switch (option.name) {
      case 'endpoint_pod_names':
        if (args.length > 0) throw argError(option);
        config.endpointPodNames = true;
        break;
      case 'pods': {
        if (args.length !== 1) throw argError(option);
        const mode = args[0] ?? '';
        if (mode !== 'disabled' && mode !== 'insecure' && mode !== 'verified') {
          throw new CorefileError(
            `wrong value for pods: ${mode},  must be one of: disabled, verified, insecure`,
          );
        }
        config.podMode = mode satisfies PodMode;
        break;
      }
      case 'namespaces':
        if (args.length === 0) throw argError(option);
        config.namespaces.push(...args);
        break;
      case 'fallthrough':
        config.fallthrough = args.length === 0 ? ['.'] : zonesOf(args);
        break;
      case 'ttl':
        config.ttl = readTTL(option);
        break;
      case 'ignore':
        if (args.length > 0) {
          if (args[0] !== 'empty_service') {
            throw new CorefileError(`unable to parse ignore value: '${args[0] ?? ''}'`);
          }
          config.ignoreEmptyService = true;
        }
        break;
      case 'noendpoints':
        if (args.length > 0) throw argError(option);
        config.noEndpoints = true;
        break;
      case 'labels':
      case 'namespace_labels': {
        if (args.length === 0) throw argError(option);
        const selector = args.join(' ');
        if (!parseLabelSelector(selector)) {
          const which = option.name === 'labels' ? 'label' : 'namespace_label';
          throw new CorefileError(`unable to parse ${which} selector value: '${selector}'`);
        }
        if (option.name === 'labels') config.labels = selector;
        else config.namespaceLabels = selector;
        break;
      }
      case 'endpoint':
      case 'startup_timeout':
        if (args.length === 0) throw argError(option);
        break;
      case 'tls':
        if (args.length !== 3) throw argError(option);
        break;
      case 'kubeconfig':
        if (args.length !== 1 && args.length !== 2) throw argError(option);
        break;
      case 'apiserver_qps':
      case 'apiserver_burst':
      case 'apiserver_max_inflight':
        if (args.length !== 1) throw argError(option);
        break;
      case 'zonal':
        if (args.length > 0) throw argError(option);
        config.zonal = true;
        break;
      case 'multicluster':
        notes(option.line, `kubernetes option '${option.name}' is not simulated`);
        break;
      default:
        throw parsingError(option.line, `unknown property '${option.name}'`);
    }
  }
  if (config.namespaceLabels !== undefined && config.namespaces.length > 0) {
    throw parsingError(d.endLine, 'namespaces and namespace_labels cannot both be set');
  }
  if (config.zonal && config.noEndpoints) {
    throw parsingError(d.endLine, 'zonal requires the endpoint cache; remove noendpoints');
  }
  return config;
}

/** `k8s_external` stanza (plugin/k8s_external/setup.go parse). */
function readExternal(d: Directive, blockZones: string[]): ExternalPluginConfig {
  const config: ExternalPluginConfig = {
    zones: d.args.length > 0 ? zonesOf(d.args) : [...blockZones],
    apex: 'dns',
    ttl: 5,
    headless: false,
    fallthrough: undefined,
  };
  for (const option of d.block) {
    const args = option.args;
    switch (option.name) {
      case 'ttl':
        config.ttl = readTTL(option);
        break;
      case 'apex':
        if (args.length === 0) throw argError(option);
        config.apex = args[0] ?? 'dns';
        break;
      case 'headless':
        config.headless = true;
        break;
      case 'fallthrough':
        config.fallthrough = args.length === 0 ? ['.'] : zonesOf(args);
        break;
      default:
        throw parsingError(option.line, `unknown property '${option.name}'`);
    }
  }
  return config;
}

/** `transfer` stanza (plugin/transfer/setup.go parseTransfer). */
function readTransfer(d: Directive, blockZones: string[]): TransferConfig {
  const config: TransferConfig = {
    zones: d.args.length > 0 ? zonesOf(d.args) : [...blockZones],
    to: [],
  };
  for (const option of d.block) {
    if (option.name === 'to') {
      if (option.args.length === 0) throw argError(option);
      config.to.push(...option.args);
    } else if (option.name === 'source') {
      if (option.args.length !== 1) throw argError(option);
    } else {
      const error = parsingError(option.line, `unknown property "${option.name}"`);
      throw new CorefileError(`plugin/transfer: ${error.message}`);
    }
  }
  if (config.to.length === 0) {
    const error = parsingError(d.endLine, "'to' is required");
    throw new CorefileError(`plugin/transfer: ${error.message}`);
  }
  return config;
}

function readServerBlocks(
  corefile: string,
  notes: (line: number, message: string) => void,
): ServerBlock[] {
  const parsed = parseCorefile(corefile);
  if (!parsed.ok) throw parsingError(parsed.line, parsed.message);
  return parsed.blocks.map((block) => {
    const hosts = block.keys.map(normalizeHost);
    const zones = hosts.flatMap((h) => h.zones);
    const port = hosts[0]?.port ?? 53;
    let kubernetes: KubernetesPluginConfig | undefined;
    let external: ExternalPluginConfig | undefined;
    const transfers: TransferConfig[] = [];
    for (const d of block.directives) {
      if (!knownPlugins.has(d.name)) throw parsingError(d.line, `Unknown directive '${d.name}'`);
      if (d.name === 'kubernetes') {
        if (kubernetes) {
          throw new CorefileError(`plugin/kubernetes: ${onceError}`);
        }
        try {
          kubernetes = readKubernetes(d, zones, notes);
        } catch (e) {
          if (e instanceof CorefileError)
            throw new CorefileError(`plugin/kubernetes: ${e.message}`);
          throw e;
        }
      } else if (d.name === 'transfer') {
        transfers.push(readTransfer(d, zones));
      } else if (d.name === 'k8s_external') {
        if (external) throw new CorefileError(`plugin/k8s_external: ${onceError}`);
        try {
          external = readExternal(d, zones);
        } catch (e) {
          if (e instanceof CorefileError)
            throw new CorefileError(`plugin/k8s_external: ${e.message}`);
          throw e;
        }
      } else if (!neutralPlugins.has(d.name)) {
        notes(d.line, `plugin '${d.name}' is not simulated: answers are computed without it`);
      }
    }
    // k8s_external reads the kubernetes plugin of its block (setup.go, OnStartup).
    if (external && !kubernetes) {
      throw new CorefileError('plugin/k8s_external: kubernetes plugin not loaded');
    }
    const plugins = block.directives.map((d) => d.name);
    return { zones, port, plugins, kubernetes, external, transfers };
  });
}

/** Reads CoreDNS's configuration from the cluster (the coredns ConfigMap, else kubeadm's default). */
export function readCorednsConfig(cluster: Cluster): {
  config: CorednsConfig;
  findings: Finding[];
} {
  const findings: Finding[] = [];
  const configMap = cluster.configMaps.find(
    (c) => c.metadata?.namespace === 'kube-system' && c.metadata.name === 'coredns',
  );
  const fallback = defaultCorefile(cluster.settings.dnsDomain);
  const corefile = configMap?.data?.Corefile;
  const finding = (severity: Finding['severity'], message: string) =>
    findings.push({
      severity,
      object: configMapKey,
      path: 'data.Corefile',
      message,
      source: 'coredns',
    });
  if (corefile === undefined || typeof corefile !== 'string') {
    if (configMap) finding('error', `${corefilePath}: no such file or directory`);
    return {
      config: {
        servers: readServerBlocks(fallback, () => undefined),
        source: 'default',
        corefile: fallback,
      },
      findings,
    };
  }
  try {
    const servers = readServerBlocks(corefile, (line, message) =>
      finding('info', `${corefilePath}:${line} - ${message}`),
    );
    return { config: { servers, source: 'configmap', corefile }, findings };
  } catch (e) {
    findings.length = 0;
    finding('error', e instanceof Error ? e.message : String(e));
    return {
      config: {
        servers: readServerBlocks(fallback, () => undefined),
        source: 'default',
        corefile: fallback,
      },
      findings,
    };
  }
}
