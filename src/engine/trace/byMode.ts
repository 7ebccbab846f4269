/**
 * The `trace` command for the proxy modes other than iptables: picks the tracer of the mode
 * kube-proxy runs in (KubeProxyConfiguration `mode`) and formats its result as iptables mode's
 * trace does. Returns undefined in iptables mode, where the iptables tracer answers.
 */
import type { Cluster } from '../model';
import { computeIpvsState } from '../kubeproxy/ipvs/proxier';
import { computeNftablesTable } from '../kubeproxy/nftables/proxier';
import { sampleUserspace, traceUserspace } from '../kubeproxy/userspace';
import { parseIP } from '../net/ip';
import { sampleIpvs, traceIpvs } from './ipvs';
import type { ModeSampleResult, ModeTraceResult, TracePacket } from './modeTrace';
import { sampleNftables, traceNftables } from './nftables';
import { seededRandom } from './sample';

export type ModeOutput = { type: 'text'; text: string } | { type: 'error'; message: string };

/** Traces one new connection in the cluster's proxy mode; undefined in iptables mode. */
export function traceForMode(
  cluster: Cluster,
  nodeName: string,
  packet: TracePacket,
): ModeTraceResult | undefined {
  const family = parseIP(packet.destination)?.family ?? 4;
  switch (cluster.proxy.mode) {
    case 'ipvs':
      return traceIpvs(computeIpvsState(cluster, nodeName, family), packet);
    case 'nftables': {
      const table = computeNftablesTable(cluster, nodeName, family);
      const local = computeIpvsLocal(cluster, nodeName, family);
      return traceNftables(table, packet, { localAddresses: local });
    }
    case 'userspace':
      return traceUserspace(cluster, nodeName, packet);
    default:
      return undefined;
  }
}

function computeIpvsLocal(cluster: Cluster, nodeName: string, family: 4 | 6): string[] {
  return computeIpvsState(cluster, nodeName, family).context.interfaceAddresses;
}

/** Sends `count` new connections in the cluster's proxy mode; undefined in iptables mode. */
export function sampleForMode(
  cluster: Cluster,
  nodeName: string,
  packet: TracePacket,
  count: number,
  seed: number,
): ModeSampleResult | undefined {
  const family = parseIP(packet.destination)?.family ?? 4;
  switch (cluster.proxy.mode) {
    case 'ipvs':
      return sampleIpvs(computeIpvsState(cluster, nodeName, family), packet, count);
    case 'nftables':
      return sampleNftables(computeNftablesTable(cluster, nodeName, family), packet, count, {
        localAddresses: computeIpvsLocal(cluster, nodeName, family),
        random: seededRandom(seed),
      });
    case 'userspace':
      return sampleUserspace(cluster, nodeName, packet, count);
    default:
      return undefined;
  }
}

/** The `trace` command's output in a non-iptables mode (same text and JSON as iptables mode); undefined in iptables mode. */
export function runModeTrace(
  cluster: Cluster,
  nodeName: string,
  packet: TracePacket,
  options: { sample: string | undefined; seed: string | undefined; json: boolean; header: string },
): ModeOutput | undefined {
  if (cluster.proxy.mode === 'iptables') return undefined;
  if (options.sample !== undefined) {
    const count = Number(options.sample);
    if (!Number.isInteger(count) || count < 1) {
      return {
        type: 'error',
        message: `error: --sample must be a positive integer, got "${options.sample}"\n`,
      };
    }
    const result = sampleForMode(cluster, nodeName, packet, count, Number(options.seed ?? 1) || 1);
    if (!result) return undefined;
    if (options.json) return { type: 'text', text: `${JSON.stringify(result, null, 2)}\n` };
    const lines = [
      `${count} packets ${options.header.replace(/^\S+ /, `${packet.protocol.toLowerCase()} `)}`,
    ];
    for (const [ep, n] of Object.entries(result.endpoints)) lines.push(`  ${ep}  ${n}`);
    for (const [v, n] of Object.entries(result.verdicts))
      if (v !== 'DNAT') lines.push(`  ${v}  ${n}`);
    lines.push(`masqueraded: ${result.masqueraded}`);
    return { type: 'text', text: `${lines.join('\n')}\n` };
  }
  const result = traceForMode(cluster, nodeName, packet);
  if (!result) return undefined;
  if (options.json) return { type: 'text', text: `${JSON.stringify(result, null, 2)}\n` };
  const lines = [options.header];
  for (const hop of result.hops) {
    const rule = hop.rule.startsWith('-A ') ? hop.rule : `${hop.chain}: ${hop.rule}`;
    lines.push(`  ${hop.table.padEnd(6)} ${rule}`);
  }
  if (result.hops.length === 0) lines.push('  (no kube-proxy rule matched)');
  lines.push(`verdict: ${result.verdict}`);
  if (result.endpoints.length > 0) lines.push(`endpoints: ${result.endpoints.join(', ')}`);
  lines.push(`masquerade: ${result.masquerade ? 'yes' : 'no'}`);
  return { type: 'text', text: `${lines.join('\n')}\n` };
}
