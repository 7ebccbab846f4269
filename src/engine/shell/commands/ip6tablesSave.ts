/** `kube-playground ip6tables-save --node N FILE...`: the IPv6 rules kube-proxy programs on node N. */
import type { Command } from '../command';
import { runIptablesSave } from './iptablesSave';

export const ip6tablesSave: Command = {
  name: 'ip6tables-save',
  usage: 'ip6tables-save --node N FILE...',
  summary:
    'The filter and nat rules kube-proxy (iptables or IPVS mode) programs on the node, for IPv6.',
  operands: { min: 0, max: 0 },
  usesNode: true,
  run: (context) => runIptablesSave(context, 6),
};
