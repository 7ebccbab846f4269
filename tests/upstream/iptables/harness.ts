/**
 * Feeds kube-proxy's own iptables test fixtures through the engine the way the CLI does
 * (`simulate(..., { admitted: true })`), and compares dumps the way upstream's
 * assertIPTablesRulesEqual does: the result sorted by sortIPTablesRules, the expectation as written.
 *
 * Source: kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go (NewFakeProxier,
 * sortIPTablesRules, assertIPTablesRulesEqual, runPacketFlowTests).
 */
import { simulate, type Cluster } from '../../../src/engine';
import { computeIptablesRules, renderIptablesSave } from '../../../src/engine/kubeproxy/iptables';
import type { IptablesRuleSet } from '../../../src/engine/kubeproxy/iptables';
import { traceIptables } from '../../../src/engine/trace';
import { flowOutput, type PacketFlow } from '../kubeproxy/packetFlow';

export type { PacketFlow };

/** The upstream test's node (proxier_test.go testNodeName and the fake network's addresses). */
export const testNodeName = 'test-node';
export const testNodeIP = '192.168.0.2';
export const testNodeIPAlt = '192.168.1.2';
export const testExternalIP = '192.168.99.11';
export const testNodeIPv6 = '2001:db8::1';
export const testNodeIPv6Alt = '2001:db8:1::2';
export const testExternalClient = '203.0.113.2';
export const testExternalClientBlocked = '203.0.113.130';

export interface FixtureOptions {
  /** KubeProxyConfiguration fields (YAML, indented two spaces), beyond the fake proxier's defaults. */
  proxyConfig?: string;
  /** Node labels (YAML lines, indented four spaces). */
  nodeLabels?: string;
  /** The cluster CIDRs of the local-traffic detector; "" for none (proxyutil.NewNoOpLocalDetector). */
  clusterCIDR?: string;
}

/** A Node with the test node's name and addresses, and the fake proxier's configuration. */
export function fixtureHeader(options: FixtureOptions = {}): string {
  return `apiVersion: v1
kind: Node
metadata:
  name: ${testNodeName}
${options.nodeLabels ? `  labels:\n${options.nodeLabels}\n` : ''}status:
  addresses:
  - {type: InternalIP, address: ${testNodeIP}}
  - {type: InternalIP, address: ${testNodeIPAlt}}
  - {type: ExternalIP, address: ${testExternalIP}}
  - {type: InternalIP, address: "${testNodeIPv6}"}
  - {type: InternalIP, address: "${testNodeIPv6Alt}"}
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: "${options.clusterCIDR ?? '10.0.0.0/8,fd00:10::/64'}"
${options.proxyConfig ?? ''}
`;
}

/** Node features of the proxier under test (the fake proxier has both nfacct counters). */
export interface NodeFeatures {
  nfacct?: boolean;
  randomFully?: boolean;
}

/** The cluster the engine reads from a fixture, as the CLI's `--admitted` reads it. */
export function clusterOf(yaml: string, features: NodeFeatures = {}): Cluster {
  return simulate(yaml, {
    admitted: true,
    randomFully: features.randomFully ?? false,
    nfacct: features.nfacct ?? true,
  }).cluster;
}

/** The rules the engine computes for the fixture, on the test node. */
export function ruleSetOf(
  yaml: string,
  family: 4 | 6 = 4,
  features: NodeFeatures = {},
): IptablesRuleSet {
  return computeIptablesRules(clusterOf(yaml, features), testNodeName, family);
}

export function iptablesSaveOf(
  yaml: string,
  family: 4 | 6 = 4,
  features: NodeFeatures = {},
): string {
  return renderIptablesSave(ruleSetOf(yaml, family, features));
}

interface Table {
  name: string;
  chains: { name: string; rules: string[] }[];
}

function commentOf(rule: string): string | undefined {
  const m = /--comment (?:"([^"]*)"|(\S+))/.exec(rule);
  return m ? (m[1] ?? m[2]) : undefined;
}

function serviceNameOf(comment: string): string {
  const i = comment.search(/[ :]/);
  return i === -1 ? comment : comment.slice(0, i);
}

function stableSort<T>(list: T[], less: (a: T, b: T) => boolean): T[] {
  return list
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (less(a.v, b.v) ? -1 : less(b.v, a.v) ? 1 : a.i - b.i))
    .map((x) => x.v);
}

function byServiceName(a: string, b: string): boolean {
  const ca = commentOf(a);
  const cb = commentOf(b);
  if (ca === undefined || cb === undefined) return false;
  return serviceNameOf(ca) < serviceNameOf(cb);
}

/** A transcription of upstream's sortIPTablesRules (proxier_test.go). */
export function sortIPTablesRules(data: string): string {
  const tables: Table[] = [];
  let current: Table | undefined;
  for (const raw of data.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      current = { name: line.slice(1), chains: [] };
      tables.push(current);
    } else if (line.startsWith(':') && current) {
      current.chains.push({ name: line.slice(1).split(' ')[0] ?? '', rules: [] });
    } else if (line.startsWith('-A ') && current) {
      const chain = line.split(' ')[1];
      current.chains.find((c) => c.name === chain)?.rules.push(line);
    }
  }
  tables.sort((a, b) => (a.name < b.name ? -1 : 1));
  const rank = (c: string) =>
    c === 'KUBE-NODEPORTS' ? 0 : c === 'KUBE-SERVICES' ? 1 : c.startsWith('KUBE-') ? 2 : 3;
  for (const t of tables) {
    t.chains.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
    for (const c of t.chains) {
      if (c.name === 'KUBE-NODEPORTS' || (c.name === 'KUBE-SERVICES' && t.name === 'filter')) {
        c.rules = stableSort(c.rules, byServiceName);
      } else if (c.name === 'KUBE-SERVICES') {
        const last = (r: string) => (commentOf(r) ?? '').includes('must be the last rule');
        c.rules = stableSort(c.rules, (a, b) => {
          if (last(a)) return false;
          if (last(b)) return true;
          return byServiceName(a, b);
        });
      }
    }
  }
  const out: string[] = [];
  for (const t of tables) {
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c.name} - [0:0]`);
    for (const c of t.chains) out.push(...c.rules);
    out.push('COMMIT');
  }
  return `${out.join('\n')}\n`;
}

/** Removes the indentation of a template literal, as Go's dedent.Dedent. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0);
  const min = Math.min(...indents);
  return lines.map((l) => l.slice(min)).join('\n');
}

/** What the tracer answers for a flow, in upstream's terms (endpoints joined, or the verdict). */
export function traceFlow(
  ruleSet: IptablesRuleSet,
  flow: PacketFlow,
): { output: string; masq: boolean } {
  const result = traceIptables(ruleSet, {
    source: flow.sourceIP,
    destination: flow.destIP,
    port: flow.destPort,
    protocol: flow.protocol ?? 'TCP',
  });
  return flowOutput(result);
}

/** The chains of each table of a dump, each with its rules in order. */
export type DumpState = Map<string, Map<string, string[]>>;

/**
 * What the kernel holds after `iptables-restore --noflush` of `text` over `state`: each chain
 * the text declares is flushed and refilled with its `-A` lines, each `-X` chain deleted, the
 * other chains left as they were. This is how kube-proxy's partial syncs (proxier_test.go
 * TestSyncProxyRulesRepeated) turn into the full rule set `iptables-save` shows.
 */
export function applyRestore(state: DumpState, text: string): DumpState {
  const next: DumpState = new Map([...state].map(([t, chains]) => [t, new Map(chains)]));
  let table: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('*')) {
      const name = line.slice(1);
      table = next.get(name) ?? new Map<string, string[]>();
      next.set(name, table);
    } else if (line.startsWith(':') && table) {
      table.set(line.slice(1).split(' ')[0] ?? '', []);
    } else if (line.startsWith('-X ') && table) {
      table.delete(line.slice(3).trim());
    } else if (line.startsWith('-A ') && table) {
      const chain = line.split(' ')[1] ?? '';
      const rules = table.get(chain) ?? [];
      table.set(chain, [...rules, line]);
    }
  }
  return next;
}

/** A full dump of a state, in upstream's order (sortIPTablesRules of its text). */
export function renderState(state: DumpState): string {
  const out: string[] = [];
  for (const [name, chains] of state) {
    out.push(`*${name}`);
    for (const chain of chains.keys()) out.push(`:${chain} - [0:0]`);
    for (const rules of chains.values()) out.push(...rules);
    out.push('COMMIT');
  }
  return sortIPTablesRules(out.join('\n'));
}
