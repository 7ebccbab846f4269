/**
 * What the mode-specific rules commands (`ipvsadm`, `ipset`, `nft`) share: the node they print,
 * the notice of the removed userspace mode, and a note when the cluster runs another mode (the
 * command still prints what its mode would program there).
 */
import type { Cluster, ProxyMode } from '../../model';
import { userspaceNotice } from '../../kubeproxy/userspace';
import type { CommandContext } from '../command';

/** The node and cluster to print for, or the exit code when the command is already done. */
export function modeRulesTarget(
  context: CommandContext,
  mode: ProxyMode,
  wouldProgram: string,
): { nodeName: string; cluster: Cluster } | number {
  const nodeName = context.node?.metadata?.name;
  if (nodeName === undefined) {
    context.stderr('error: the cluster has no node\n');
    return 1;
  }
  const { cluster } = context.simulation;
  if (cluster.proxy.mode === 'userspace') {
    context.stdout(userspaceNotice);
    return 0;
  }
  if (cluster.proxy.mode !== mode) {
    context.stderr(`note: kube-proxy runs in ${cluster.proxy.mode} mode here; ${wouldProgram}\n`);
  }
  return { nodeName, cluster };
}
