/** `kube-playground ipvsadm --node N [-o json] FILE...`: `ipvsadm -Ln` on node N as kube-proxy's IPVS mode programs it. */
import { computeVirtualServers, renderIpvsadm, toIpvsadmJson } from '../../kubeproxy/ipvs';
import { userspaceNotice } from '../../kubeproxy/userspace';
import type { Command } from '../command';

export const ipvsadm: Command = {
  name: 'ipvsadm',
  usage: 'ipvsadm --node N [-o json] FILE...',
  summary: "Prints `ipvsadm -Ln`: the virtual servers kube-proxy's IPVS mode programs on the node.",
  operands: { min: 0, max: 0 },
  outputs: ['json'],
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
        `note: kube-proxy runs in ${cluster.proxy.mode} mode here; this is what IPVS mode would program\n`,
      );
    }
    const list = computeVirtualServers(cluster, nodeName);
    context.stdout(
      context.options.output === 'json'
        ? `${JSON.stringify(toIpvsadmJson(list), null, 2)}\n`
        : renderIpvsadm(list),
    );
    return 0;
  },
};
