/** `kube-playground iptables-save --node N FILE...`: the IPv4 rules kube-proxy programs on node N. */
import { computeIptablesSave } from '../../kubeproxy/iptables';
import { computeIpvsState, renderIpvsIptablesSave } from '../../kubeproxy/ipvs';
import type { Command, CommandContext } from '../command';

/** Shared by iptables-save and ip6tables-save. */
export function runIptablesSave(context: CommandContext, family: 4 | 6): number {
  const nodeName = context.node?.metadata?.name;
  if (nodeName === undefined) {
    context.stderr('error: the cluster has no node\n');
    return 1;
  }
  const { cluster } = context.simulation;
  const mode = cluster.proxy.mode;
  if (mode === 'ipvs') {
    // IPVS mode programs iptables too: its own chains, matching its ipsets
    // (pkg/proxy/ipvs/proxier.go writeIptablesRules).
    context.stdout(renderIpvsIptablesSave(computeIpvsState(cluster, nodeName, family)));
    return 0;
  }
  if (mode !== 'iptables') {
    context.stderr(
      `# kube-proxy runs in ${mode} mode: these are the rules it would program in iptables mode\n`,
    );
  }
  context.stdout(computeIptablesSave(cluster, nodeName, family));
  return 0;
}

export const iptablesSave: Command = {
  name: 'iptables-save',
  usage: 'iptables-save --node N FILE...',
  summary:
    'The filter and nat rules kube-proxy (iptables or IPVS mode) programs on the node, for IPv4.',
  operands: { min: 0, max: 0 },
  usesNode: true,
  run: (context) => runIptablesSave(context, 4),
};
