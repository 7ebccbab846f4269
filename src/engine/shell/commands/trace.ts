/**
 * `kube-playground trace --node N --from IP --to IP:PORT [--protocol P] [-o json] FILE...`: where
 * a new connection goes through kube-proxy's rules on node N (DESIGN.md, `trace -o json`).
 * `--sample N [--seed S]` sends N packets and counts them per endpoint.
 */
import { computeIptablesRules } from '../../kubeproxy/iptables';
import { parseIP } from '../../net/ip';
import { sampleIptables, traceIptables, type TraceResult } from '../../trace';
import { arrivalOf } from '../../trace/arrival';
import { runModeTrace } from '../../trace/byMode';
import type { Command, CommandContext } from '../command';

function parseTo(text: string): { ip: string; port: number } | undefined {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const port = Number(m[2]);
  if (!parseIP(m[1]) || port < 1 || port > 65535) return undefined;
  return { ip: m[1], port };
}

function flag(context: CommandContext, name: string): string | undefined {
  const v = context.flags[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[v.length - 1] : undefined;
}

function renderText(result: TraceResult, header: string): string {
  const lines = [header];
  for (const hop of result.hops) lines.push(`  ${hop.table.padEnd(6)} ${hop.rule}`);
  if (result.hops.length === 0) lines.push('  (no kube-proxy rule matched)');
  lines.push(`verdict: ${result.verdict}`);
  if (result.endpoints.length > 0) lines.push(`endpoints: ${result.endpoints.join(', ')}`);
  lines.push(`masquerade: ${result.masquerade ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

export const trace: Command = {
  name: 'trace',
  usage:
    'trace --node N --from IP --to IP:PORT [--protocol P] [--sample N [--seed S]] [-o json] FILE...',
  summary: "Traces a new connection through kube-proxy's iptables rules on the node.",
  operands: { min: 0, max: 0 },
  outputs: ['json'],
  usesNode: true,
  flags: [
    { name: 'from', takesValue: true, description: 'source IP of the packet' },
    { name: 'to', takesValue: true, description: 'destination IP:PORT ([IPv6]:PORT)' },
    { name: 'protocol', takesValue: true, description: 'TCP (default), UDP or SCTP' },
    { name: 'sample', takesValue: true, description: 'send N packets and count them per endpoint' },
    { name: 'seed', takesValue: true, description: 'seed of the random choices (default 1)' },
  ],
  run(context) {
    const nodeName = context.node?.metadata?.name;
    if (nodeName === undefined) {
      context.stderr('error: the cluster has no node\n');
      return 1;
    }
    const from = flag(context, 'from');
    const to = flag(context, 'to');
    if (!from || !parseIP(from)) {
      context.stderr('error: --from IP is required (an IPv4 or IPv6 address)\n');
      return 1;
    }
    const dest = to ? parseTo(to) : undefined;
    if (!dest) {
      context.stderr('error: --to IP:PORT is required (e.g. 10.96.0.10:53 or [fd00::10]:53)\n');
      return 1;
    }
    const protocol = (flag(context, 'protocol') ?? 'TCP').toUpperCase();
    if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
      context.stderr(`error: unknown protocol "${protocol}": must be TCP, UDP or SCTP\n`);
      return 1;
    }
    const family = parseIP(dest.ip)?.family ?? 4;
    const ruleSet = computeIptablesRules(context.simulation.cluster, nodeName, family);
    const packet = {
      source: from,
      destination: dest.ip,
      port: dest.port,
      protocol,
      ...arrivalOf(context.simulation.cluster, nodeName, from),
    } as const;
    const byMode = runModeTrace(context.simulation.cluster, nodeName, packet, {
      sample: flag(context, 'sample'),
      seed: flag(context, 'seed'),
      json: context.options.output === 'json',
      header: `${protocol.toLowerCase()} ${from} -> ${to} on node ${nodeName}`,
    });
    if (byMode) {
      if (byMode.type === 'error') context.stderr(byMode.message);
      else context.stdout(byMode.text);
      return byMode.type === 'error' ? 1 : 0;
    }
    const sample = flag(context, 'sample');
    if (sample !== undefined) {
      const count = Number(sample);
      if (!Number.isInteger(count) || count < 1) {
        context.stderr(`error: --sample must be a positive integer, got "${sample}"\n`);
        return 1;
      }
      const result = sampleIptables(
        ruleSet,
        packet,
        count,
        Number(flag(context, 'seed') ?? 1) || 1,
      );
      if (context.options.output === 'json') {
        context.stdout(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const lines = [
          `${count} packets ${protocol.toLowerCase()} ${from} -> ${to} on node ${nodeName}`,
        ];
        for (const [ep, n] of Object.entries(result.endpoints)) lines.push(`  ${ep}  ${n}`);
        for (const [v, n] of Object.entries(result.verdicts))
          if (v !== 'DNAT') lines.push(`  ${v}  ${n}`);
        lines.push(`masqueraded: ${result.masqueraded}`);
        context.stdout(`${lines.join('\n')}\n`);
      }
      return 0;
    }
    const result = traceIptables(ruleSet, packet);
    if (context.options.output === 'json') {
      context.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      context.stdout(
        renderText(result, `${protocol.toLowerCase()} ${from} -> ${to} on node ${nodeName}`),
      );
    }
    return 0;
  },
};
