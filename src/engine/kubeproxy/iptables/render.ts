/**
 * The `iptables-save` text of a rule set: `*filter` then `*nat`, each with its chain
 * declarations and rules chain by chain, as upstream's tests print a dump (pkg/util/iptables/testing/parse.go IPTablesDump.String).
 */
import type { IptablesRuleSet, TableRules } from './proxier';

function renderTable(name: string, table: TableRules, out: string[]): void {
  out.push(`*${name}`);
  for (const chain of table.chains) out.push(`:${chain} - [0:0]`);
  for (const chain of table.chains) {
    const rules = table.rules.get(chain);
    if (rules) for (const r of rules) out.push(r);
  }
  out.push('COMMIT');
}

/** Renders the rule set as iptables-save prints it (from the proxier's cached text when it has one). */
export function renderIptablesSave(ruleSet: IptablesRuleSet): string {
  return ruleSet.renderText ? ruleSet.renderText() : renderTables(ruleSet);
}

/** Renders the rule set from its tables, chain by chain (the text the tracer's rules make). */
export function renderTables(ruleSet: IptablesRuleSet): string {
  const out: string[] = [];
  renderTable('filter', ruleSet.filter, out);
  renderTable('nat', ruleSet.nat, out);
  return `${out.join('\n')}\n`;
}
