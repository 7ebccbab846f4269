/**
 * Helpers for the cases built from kube-proxy's nftables tests: the fixture's node and proxier
 * settings as YAML (pkg/proxy/nftables/proxier_test.go NewFakeProxier), and the comparison
 * upstream's assertion makes (pkg/proxy/nftables/helpers_test.go sortNFTablesTransaction: blank
 * lines and `#` comments dropped, lines ordered by object type, then object name, rules kept in
 * order, other lines by text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../../src/engine';
import { computeNftablesTable } from '../../../src/engine/kubeproxy/nftables';
import type { NftTable } from '../../../src/engine/kubeproxy/nftables';
import { traceNftables } from '../../../src/engine/trace/nftables';
import { flowOutput, type PacketFlow } from '../kubeproxy/packetFlow';

export type { PacketFlow };

/** kubernetes/kubernetes commit whose pkg/proxy/nftables/proxier_test.go the cases transcribe. */
export const upstreamCommit = '81810de635aa13aa0a32992f6def3aa9d6025ebc';

/** Upstream's baseRules: the table's fixed objects on the test node (IPv4). */
export const baseRules = readFileSync(join(import.meta.dirname, 'base.nft'), 'utf8');

/** What a test case changes in the fake proxier (NewFakeProxier's fields it overrides). */
export interface FakeProxierOptions {
  /** The local-traffic detector's CIDRs; "" for none (proxyutil.NewNoOpLocalDetector). */
  clusterCIDR?: string;
  /** --nodeport-addresses (proxyutil.NewNodePortAddresses). */
  nodePortAddresses?: string[];
  masqueradeAll?: boolean;
}

/** The test node, its IPs, and the fake proxier's settings (NewFakeProxier). */
export function fakeProxier(options: FakeProxierOptions = {}): string {
  const nodePortAddresses = options.nodePortAddresses ?? ['192.168.0.2/32', '2001:db8::1/128'];
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: nftables
clusterCIDR: "${options.clusterCIDR ?? '10.0.0.0/8,fd00:10::/64'}"
nodePortAddresses: [${nodePortAddresses.map((a) => `"${a}"`).join(', ')}]
nftables: {masqueradeAll: ${options.masqueradeAll ?? false}}
---
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata: {name: kubernetes}
spec: {cidrs: [172.30.0.0/16, fd00:10:96::/112]}
---
apiVersion: v1
kind: Node
metadata: {name: test-node}
status:
  addresses:
  - {type: InternalIP, address: 192.168.0.2}
  - {type: InternalIP, address: 192.168.1.2}
  - {type: ExternalIP, address: 192.168.99.11}
  - {type: InternalIP, address: 2001:db8::1}
  - {type: InternalIP, address: 2001:db8:1::2}
`;
}

/** Addresses the test tracer treats as local (testNodeIPs). */
export const testNodeIPs = [
  '192.168.0.2',
  '192.168.1.2',
  '192.168.99.11',
  '2001:db8::1',
  '2001:db8:1::2',
];

export function tableFor(
  objects: string,
  family: 4 | 6 = 4,
  options: FakeProxierOptions = {},
): NftTable {
  const sim = simulate(`${fakeProxier(options)}---\n${objects}`, { admitted: true });
  return computeNftablesTable(sim.cluster, 'test-node', family);
}

/** What our tracer answers for a flow, in the terms of upstream's tracePacket. */
export function traceFlow(table: NftTable, flow: PacketFlow): { output: string; masq: boolean } {
  const result = traceNftables(
    table,
    {
      source: flow.sourceIP,
      destination: flow.destIP,
      port: flow.destPort,
      protocol: flow.protocol ?? 'TCP',
    },
    { localAddresses: testNodeIPs },
  );
  return flowOutput(result);
}

const objectOrder: Record<string, number> = {
  table: 10,
  chain: 9,
  rule: 8,
  set: 7,
  map: 6,
  element: 5,
};

/** Puts a transaction into the order upstream's assertion compares in. */
export function sortTransaction(text: string): string {
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const keyed = lines.map((line, index) => ({ line, index, words: line.split(' ') }));
  keyed.sort((a, b) => {
    const ta = objectOrder[a.words[1] ?? ''] ?? 0;
    const tb = objectOrder[b.words[1] ?? ''] ?? 0;
    if (ta !== tb) return tb - ta;
    const na = a.words[4] ?? '';
    const nb = b.words[4] ?? '';
    if (na !== nb) return na < nb ? -1 : 1;
    if (a.words[1] === 'rule') return a.index - b.index;
    if (a.line !== b.line) return a.line < b.line ? -1 : 1;
    return a.index - b.index;
  });
  return keyed.map((k) => k.line).join('\n');
}

/** Removes the common leading tabs of a block, as Go's dedent does. */
export function dedent(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^\t+/, ''))
    .join('\n');
}
