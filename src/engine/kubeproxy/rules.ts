/**
 * What kube-proxy programs on one node, in the mode it runs in, as the texts a person would read
 * there: `iptables-save` (iptables mode), `ipvsadm -Ln` + `ipset list` + `iptables-save` (IPVS
 * mode), `nft list` (nftables mode), or the one-line notice of the removed userspace mode.
 */
import type { Cluster, ProxyMode } from '../model';
import type { Family } from '../net/ip';
import { computeIptablesSave } from './iptables';
import {
  computeIpvsState,
  computeVirtualServers,
  ipsetReferences,
  renderIpsetList,
  renderIpvsadm,
  renderIpvsIptablesSave,
} from './ipvs';
import { computeNftText } from './nftables';
import { userspaceNotice } from './userspace';

/** One text of a node's rules, named after the command that prints it on a real node. */
export interface RulesText {
  /** The command a person would run on the node, e.g. `iptables-save`. */
  command: string;
  text: string;
}

export interface NodeRules {
  node: string;
  mode: ProxyMode;
  texts: RulesText[];
}

function familiesOf(cluster: Cluster): Family[] {
  const families = new Set<Family>();
  for (const slice of cluster.endpointSlices) families.add(slice.addressType === 'IPv6' ? 6 : 4);
  for (const service of cluster.services) {
    for (const ip of service.spec?.clusterIPs ?? []) families.add(ip.includes(':') ? 6 : 4);
  }
  families.add(4);
  return [...families].sort();
}

/** The rules kube-proxy programs on `nodeName`, as the texts of its mode's tools. */
export function computeNodeRules(cluster: Cluster, nodeName: string): NodeRules {
  const families = familiesOf(cluster);
  const mode = cluster.proxy.mode;
  const texts: RulesText[] = [];
  switch (mode) {
    case 'iptables':
      for (const family of families) {
        texts.push({
          command: family === 4 ? 'iptables-save' : 'ip6tables-save',
          text: computeIptablesSave(cluster, nodeName, family),
        });
      }
      break;
    case 'ipvs': {
      texts.push({
        command: 'ipvsadm -Ln',
        text: renderIpvsadm(computeVirtualServers(cluster, nodeName)),
      });
      const states = families.map((family) => ({
        family,
        state: computeIpvsState(cluster, nodeName, family),
      }));
      texts.push({
        command: 'ipset list',
        text: states
          .map(({ state }) => renderIpsetList(state.ipsets, ipsetReferences(state)))
          .join('\n'),
      });
      for (const { family, state } of states) {
        texts.push({
          command: family === 4 ? 'iptables-save' : 'ip6tables-save',
          text: renderIpvsIptablesSave(state),
        });
      }
      break;
    }
    case 'nftables':
      texts.push({
        command: 'nft list table ip kube-proxy',
        text: computeNftText(cluster, nodeName, 'list', [4]),
      });
      if (families.includes(6)) {
        texts.push({
          command: 'nft list table ip6 kube-proxy',
          text: computeNftText(cluster, nodeName, 'list', [6]),
        });
      }
      break;
    case 'userspace':
      texts.push({ command: 'iptables-save', text: userspaceNotice });
      break;
  }
  return { node: nodeName, mode, texts };
}
