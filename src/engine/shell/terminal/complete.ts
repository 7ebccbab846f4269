/**
 * Tab completion: the words that may come where the cursor is (at the end of the line): commands
 * of the context, kubectl's subcommands, flags and resource types, object names, node and pod
 * names, and curl and DNS targets of the cluster's Services.
 */
import { findResourceType } from '../../kubectl/resources';
import type { Cluster, Service } from '../../model';
import { kubectlFlags, kubectlSubcommands } from './kubectl';
import { nodeCommandNames } from './nodeCommands';
import { nameOf, namespaceOf, objectsOfKind } from './objects';
import { filters } from './pipes';
import { podCommandNames } from './podCommands';
import type { ShellContext } from './types';

export interface Completion {
  /** Where the word being completed starts in the input. */
  from: number;
  /** The words that may replace it, sorted. */
  candidates: string[];
}

const common = ['help', 'clear', 'exit'];
const commandsOf: Record<ShellContext['type'], readonly string[]> = {
  local: ['kubectl', 'ssh', 'curl', ...common],
  node: ['kubectl', ...nodeCommandNames, ...common],
  pod: [...podCommandNames, ...common],
};

const resourceWords = [
  'pods',
  'services',
  'deployments',
  'replicasets',
  'endpoints',
  'endpointslices',
  'nodes',
  'namespaces',
  'configmaps',
  'all',
];
const typesFor: Record<string, readonly string[]> = {
  get: resourceWords,
  describe: ['services'],
  scale: ['deployments', 'replicasets'],
  delete: resourceWords.filter((w) => w !== 'all' && w !== 'namespaces'),
  label: resourceWords.filter((w) => w !== 'all'),
};

function servicePorts(service: Service): number[] {
  return (service.spec?.ports ?? [])
    .map((p) => p?.port)
    .filter((p): p is number => typeof p === 'number');
}

function curlTargets(cluster: Cluster, context: ShellContext): string[] {
  if (context.type === 'pod') {
    const ns = context.pod.split('/')[0] ?? 'default';
    return cluster.services.flatMap((s) => {
      const host = namespaceOf(s) === ns ? nameOf(s) : `${nameOf(s)}.${namespaceOf(s)}`;
      return servicePorts(s).map((port) => `http://${host}${port === 80 ? '' : `:${port}`}`);
    });
  }
  const nodeIPs = cluster.nodes.flatMap((n) =>
    (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address ?? ''),
  );
  return cluster.services.flatMap((s) => {
    const nodePorts = (s.spec?.ports ?? [])
      .map((p) => p?.nodePort)
      .filter((p): p is number => typeof p === 'number');
    const lbs = (s.status?.loadBalancer?.ingress ?? [])
      .map((i) => i?.ip)
      .filter((ip): ip is string => !!ip);
    return [
      ...nodeIPs.flatMap((ip) => nodePorts.map((port) => `http://${ip}:${port}`)),
      ...lbs.flatMap((ip) => servicePorts(s).map((port) => `http://${ip}:${port}`)),
    ];
  });
}

function dnsNames(cluster: Cluster): string[] {
  const domain = cluster.settings.dnsDomain ?? 'cluster.local';
  return cluster.services.flatMap((s) => [
    nameOf(s),
    `${nameOf(s)}.${namespaceOf(s)}`,
    `${nameOf(s)}.${namespaceOf(s)}.svc.${domain}`,
  ]);
}

/** The namespace a kubectl line names with -n, or default. */
function namespaceIn(words: readonly string[]): string {
  const i = words.findIndex((w) => w === '-n' || w === '--namespace');
  const inline = words.find((w) => w.startsWith('--namespace='));
  return (i === -1 ? inline?.slice(12) : words[i + 1]) ?? 'default';
}

function namesOf(cluster: Cluster, type: string, namespace: string): string[] {
  const resolved = findResourceType(type);
  if (!resolved) return [];
  return objectsOfKind(cluster, resolved.kind)
    .filter((o) => !resolved.namespaced || namespaceOf(o) === namespace)
    .map(nameOf);
}

function kubectlCandidates(cluster: Cluster, words: readonly string[], current: string): string[] {
  const [sub] = words;
  if (sub === undefined) return kubectlSubcommands;
  const specs = kubectlFlags[sub] ?? [];
  const previous = words[words.length - 1] ?? '';
  if (previous === '-n' || previous === '--namespace') return cluster.namespaces.map(nameOf);
  if (previous === '-o' || previous === '--output') return ['wide', 'yaml', 'json'];
  if (previous === '-f' || previous === '--filename') return ['-'];
  if (current.startsWith('-'))
    return specs
      .map((s) => `--${s.name}${s.takesValue ? '=' : ''}`)
      .concat(specs.filter((s) => s.short).map((s) => `-${s.short ?? ''}`));
  const namespace = namespaceIn(words);
  const valued = new Set(
    specs.filter((s) => s.takesValue).flatMap((s) => [`--${s.name}`, `-${s.short ?? ''}`]),
  );
  const positionals = words
    .slice(1)
    .filter((w, i, all) => !w.startsWith('-') && !valued.has(all[i - 1] ?? ''));
  if (sub === 'exec')
    return positionals.length === 0 ? namesOf(cluster, 'pods', namespace) : ['--', 'sh'];
  const types = typesFor[sub];
  if (!types) return [];
  const [type] = positionals;
  if (current.includes('/')) {
    const typeName = current.slice(0, current.indexOf('/'));
    return namesOf(cluster, typeName, namespace).map((n) => `${typeName}/${n}`);
  }
  if (type === undefined) return [...types];
  if (type.includes('/')) return [];
  return namesOf(cluster, type.split(',')[0] ?? '', namespace);
}

export function completeShell(cluster: Cluster, context: ShellContext, input: string): Completion {
  const segment = input.slice(input.lastIndexOf('|') + 1);
  const from = input.length - (/\S*$/.exec(segment)?.[0].length ?? 0);
  const current = input.slice(from);
  const words = input
    .slice(input.length - segment.length, from)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const piped = input.includes('|');
  const [command, ...args] = words;
  let all: readonly string[];
  if (command === undefined) all = piped ? Object.keys(filters) : commandsOf[context.type];
  else if (command === 'kubectl') all = kubectlCandidates(cluster, args, current);
  else if (command === 'ssh') all = cluster.nodes.map(nameOf);
  else if (command === 'curl') all = curlTargets(cluster, context);
  else if (command === 'nslookup' || command === 'dig') all = dnsNames(cluster);
  else if (command === 'iptables-save' || command === 'ip6tables-save')
    all = args.at(-1) === '-t' ? ['filter', 'nat'] : ['-t'];
  else if (command === 'nft') all = args.length === 0 ? ['list'] : ['ruleset'];
  else if (command === 'ipvsadm') all = ['-Ln'];
  else if (command === 'ipset') all = ['list'];
  else if (command === 'cat') all = ['/etc/resolv.conf'];
  else all = [];
  const candidates = [...new Set(all)].filter((c) => c.startsWith(current)).sort();
  return { from, candidates };
}
