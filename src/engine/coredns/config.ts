/**
 * CoreDNS's configuration as the cluster holds it: the `Corefile` key of the `coredns` ConfigMap
 * in kube-system, read into server blocks and the `kubernetes` plugin's settings. When the
 * ConfigMap is absent, kubeadm's default Corefile; when it cannot be read, a finding and the
 * default.
 */
import { defaultCorefile } from '../builtins';
import type { Cluster, Finding } from '../model';
import { parseCorefile } from './corefile';
import { readKubernetes } from './kubernetesStanza';
import {
  CorefileError,
  corefilePath,
  normalizeHost,
  onceError,
  parsingError,
  readExternal,
  readTransfer,
} from './stanza';
import type {
  CorednsConfig,
  ExternalPluginConfig,
  KubernetesPluginConfig,
  ServerBlock,
  TransferConfig,
} from './types';
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

/** A plugin's setup: its Corefile errors prefixed `plugin/<name>: ` (caddy's plugin setup error). */
function asPlugin<T>(name: string, setup: () => T): T {
  try {
    return setup();
  } catch (e) {
    if (e instanceof CorefileError) throw new CorefileError(`plugin/${name}: ${e.message}`);
    throw e;
  }
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
        kubernetes = asPlugin('kubernetes', () => readKubernetes(d, zones, notes));
      } else if (d.name === 'transfer') {
        transfers.push(readTransfer(d, zones));
      } else if (d.name === 'k8s_external') {
        if (external) throw new CorefileError(`plugin/k8s_external: ${onceError}`);
        external = asPlugin('k8s_external', () => readExternal(d, zones));
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
