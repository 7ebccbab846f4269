/**
 * kube-proxy's nftables mode: the `kube-proxy` table per node and family, its `nft -f` text and
 * its `nft list` view.
 */
import type { Cluster } from '../../model';
import type { Family } from '../../net/ip';
import { computeNftablesTable } from './proxier';
import { renderNftList, renderNftTransaction } from './render';

export { computeNftablesTable, serviceCIDRsForFamily } from './proxier';
export { renderNftList, renderNftTransaction, ruleText } from './render';
export type { NftChain, NftElement, NftFamily, NftMap, NftRule, NftSet, NftTable } from './table';

/** The `nft -f` lines kube-proxy's table holds on a node, IPv4 then IPv6 table. */
export function computeNftText(
  cluster: Cluster,
  nodeName: string,
  format: 'transaction' | 'list' = 'transaction',
  families: readonly Family[] = [4, 6],
): string {
  const render = format === 'list' ? renderNftList : renderNftTransaction;
  return families
    .map((family) => render(computeNftablesTable(cluster, nodeName, family)))
    .join(format === 'list' ? '' : '');
}
