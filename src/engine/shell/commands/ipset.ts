/** `kube-playground ipset --node N FILE...`: `ipset list` of the sets kube-proxy's IPVS mode keeps on node N. */
import { computeIpvsState, ipsetReferences, renderIpsetList } from '../../kubeproxy/ipvs';
import { userspaceNotice } from '../../kubeproxy/userspace';
import type { Command } from '../command';

export const ipset: Command = {
  name: 'ipset',
  usage: 'ipset --node N FILE...',
  summary: "Prints `ipset list`: the ipsets kube-proxy's IPVS mode keeps on the node.",
  operands: { min: 0, max: 0 },
  usesNode: true,
  run(context) {
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
    if (cluster.proxy.mode !== 'ipvs') {
      context.stderr(
        `note: kube-proxy runs in ${cluster.proxy.mode} mode here; these are the sets IPVS mode would keep\n`,
      );
    }
    const texts = ([4, 6] as const).map((family) => {
      const state = computeIpvsState(cluster, nodeName, family);
      return renderIpsetList(state.ipsets, ipsetReferences(state));
    });
    context.stdout(texts.join('\n'));
    return 0;
  },
};
