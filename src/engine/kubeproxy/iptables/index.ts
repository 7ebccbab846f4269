/**
 * kube-proxy's iptables mode: the rules per node and family, and their iptables-save text.
 */
import type { Cluster } from '../../model';
import type { Family } from '../../net/ip';
import { createIptablesProxier, type IptablesRuleSet } from './proxier';
import { renderIptablesSave } from './render';

export * from './chains';
export { compareChains, createIptablesProxier } from './proxier';
export type { IptablesProxier, IptablesRuleSet, JumpRule, TableName, TableRules } from './proxier';
export { renderIptablesSave, renderTables } from './render';
export type { IptablesOptions } from './serviceRules';

/** The rules kube-proxy programs on `nodeName` for `family` (pkg/proxy/iptables/proxier.go syncProxyRules). */
export function computeIptablesRules(
  cluster: Cluster,
  nodeName: string,
  family: Family,
): IptablesRuleSet {
  return createIptablesProxier(nodeName, family).sync(cluster);
}

/** `iptables-save` (family 4) or `ip6tables-save` (family 6) text of kube-proxy's rules on a node. */
export function computeIptablesSave(cluster: Cluster, nodeName: string, family: Family): string {
  return renderIptablesSave(computeIptablesRules(cluster, nodeName, family));
}
