/**
 * kube-proxy's IPVS mode: virtual servers, ipsets and iptables rules per node and family, and
 * their `ipvsadm -Ln`, `ipset list` and iptables-save views.
 */
import type { Cluster } from '../../model';
import type { Family } from '../../net/ip';
import { computeIpvsState, type IpvsVirtualServer } from './proxier';

export { computeIpvsState, ipvsSchedulers } from './proxier';
export type { IpvsIpset, IpvsRealServer, IpvsState, IpvsTable, IpvsVirtualServer } from './proxier';
export {
  ipsetReferences,
  renderIpsetList,
  renderIpvsadm,
  renderIpvsIptablesSave,
  sortVirtualServers,
  toIpvsadmJson,
} from './render';

/** Every virtual server on a node, both families (one IPVS table serves both). */
export function computeVirtualServers(cluster: Cluster, nodeName: string): IpvsVirtualServer[] {
  const families: Family[] = [4, 6];
  return families.flatMap((f) => computeIpvsState(cluster, nodeName, f).virtualServers);
}
