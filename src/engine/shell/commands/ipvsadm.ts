/** `kube-playground ipvsadm --node N [-o json] FILE...`: `ipvsadm -Ln` on node N as kube-proxy's IPVS mode programs it. */
import { computeVirtualServers, renderIpvsadm, toIpvsadmJson } from '../../kubeproxy/ipvs';
import type { Command } from '../command';
import { modeRulesTarget } from './modeRules';

export const ipvsadm: Command = {
  name: 'ipvsadm',
  usage: 'ipvsadm --node N [-o json] FILE...',
  summary: "Prints `ipvsadm -Ln`: the virtual servers kube-proxy's IPVS mode programs on the node.",
  operands: { min: 0, max: 0 },
  outputs: ['json'],
  usesNode: true,
  run(context) {
    const target = modeRulesTarget(context, 'ipvs', 'this is what IPVS mode would program');
    if (typeof target === 'number') return target;
    const { nodeName, cluster } = target;
    const list = computeVirtualServers(cluster, nodeName);
    context.stdout(
      context.options.output === 'json'
        ? `${JSON.stringify(toIpvsadmJson(list), null, 2)}\n`
        : renderIpvsadm(list),
    );
    return 0;
  },
};
