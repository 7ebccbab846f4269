/** `kube-playground ipset --node N FILE...`: `ipset list` of the sets kube-proxy's IPVS mode keeps on node N. */
import { computeIpvsState, ipsetReferences, renderIpsetList } from '../../kubeproxy/ipvs';
import type { Command } from '../command';
import { modeRulesTarget } from './modeRules';

export const ipset: Command = {
  name: 'ipset',
  usage: 'ipset --node N FILE...',
  summary: "Prints `ipset list`: the ipsets kube-proxy's IPVS mode keeps on the node.",
  operands: { min: 0, max: 0 },
  usesNode: true,
  run(context) {
    const target = modeRulesTarget(context, 'ipvs', 'these are the sets IPVS mode would keep');
    if (typeof target === 'number') return target;
    const { nodeName, cluster } = target;
    const texts = ([4, 6] as const).map((family) => {
      const state = computeIpvsState(cluster, nodeName, family);
      return renderIpsetList(state.ipsets, ipsetReferences(state));
    });
    context.stdout(texts.join('\n'));
    return 0;
  },
};
