/** `kube-playground nft --node N [--format list] FILE...`: kube-proxy's nftables table on node N, as the `nft -f` lines kube-proxy writes, or as `nft list ruleset` shows it. */
import { computeNftText } from '../../kubeproxy/nftables';
import type { Command } from '../command';
import { modeRulesTarget } from './modeRules';

export const nft: Command = {
  name: 'nft',
  usage: 'nft --node N [--format list] FILE...',
  summary: "Prints kube-proxy's nftables table (ip and ip6 kube-proxy) on the node.",
  operands: { min: 0, max: 0 },
  usesNode: true,
  flags: [
    {
      name: 'format',
      takesValue: true,
      description: 'transaction (the `nft -f` lines kube-proxy writes, default) or list',
    },
  ],
  run(context) {
    if (context.node?.metadata?.name === undefined) {
      context.stderr('error: the cluster has no node\n');
      return 1;
    }
    const format = context.flags.format ?? 'transaction';
    if (format !== 'transaction' && format !== 'list') {
      context.stderr(`error: unknown format "${String(format)}": must be transaction or list\n`);
      return 1;
    }
    const target = modeRulesTarget(context, 'nftables', 'this is what nftables mode would program');
    if (typeof target === 'number') return target;
    const { nodeName, cluster } = target;
    context.stdout(computeNftText(cluster, nodeName, format));
    return 0;
  },
};
