/**
 * The text of a kube-proxy nftables table: as `nft -f` transaction lines in the order the
 * knftables fake dumps a table (sigs.k8s.io/knftables fake.go Dump, objects.go writeOperation),
 * which is what upstream's tests compare; and as an `nft list table` view.
 */
import type { NftChain, NftElement, NftMap, NftSet, NftTable } from './table';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Go's %q for the ASCII text kube-proxy writes in comments. */
function quote(text: string): string {
  return JSON.stringify(text);
}

function chainLine(prefix: string, chain: NftChain): string {
  const parts: string[] = [];
  if (chain.base) {
    parts.push(
      ` type ${chain.base.type} hook ${chain.base.hook} priority ${chain.base.priority} ;`,
    );
  }
  if (chain.comment !== undefined) parts.push(` comment ${quote(chain.comment)} ;`);
  return parts.length > 0
    ? `${prefix} chain ${chain.name} {${parts.join('')} }`
    : `${prefix} chain ${chain.name}`;
}

function setLine(prefix: string, kind: 'set' | 'map', object: NftSet | NftMap): string {
  let text = `${prefix} ${kind} ${object.name} { type ${object.type} ;`;
  if ('flags' in object && object.flags && object.flags.length > 0) {
    text += ` flags ${object.flags.join(',')} ;`;
  }
  if ('timeout' in object && object.timeout !== undefined) text += ` timeout ${object.timeout}s ;`;
  if (object.comment !== undefined) text += ` comment ${quote(object.comment)} ;`;
  return `${text} }`;
}

function elementLine(prefix: string, name: string, element: NftElement): string {
  let text = `${prefix} element ${name} { ${element.key.join(' . ')}`;
  if (element.comment !== undefined) text += ` comment ${quote(element.comment)}`;
  if (element.value && element.value.length > 0) text += ` : ${element.value.join(' . ')}`;
  return `${text} }`;
}

/** The rule text as kube-proxy adds it: the rule, then its comment. */
export function ruleText(rule: { rule: string; comment?: string }): string {
  return rule.comment === undefined ? rule.rule : `${rule.rule} comment ${quote(rule.comment)}`;
}

/** `add table`, chains, sets, maps, then every chain's rules and every set's and map's elements (knftables fake.go dumpTable). */
export function renderNftTransaction(table: NftTable): string {
  const head = `add`;
  const t = `${table.family} ${table.name}`;
  const out: string[] = [`${head} table ${t} { comment ${quote(table.comment)} ; }`];
  const chains = [...table.chains.keys()].sort(byName);
  const sets = [...table.sets.keys()].sort(byName);
  const maps = [...table.maps.keys()].sort(byName);
  for (const name of chains) {
    const chain = table.chains.get(name);
    if (chain) out.push(chainLine(`add`, chain).replace(' chain ', ` chain ${t} `));
  }
  for (const name of sets) {
    const set = table.sets.get(name);
    if (set) out.push(setLine(`add`, 'set', set).replace(' set ', ` set ${t} `));
  }
  for (const name of maps) {
    const map = table.maps.get(name);
    if (map) out.push(setLine(`add`, 'map', map).replace(' map ', ` map ${t} `));
  }
  for (const name of chains) {
    for (const rule of table.chains.get(name)?.rules ?? []) {
      out.push(`add rule ${t} ${name} ${ruleText(rule)}`);
    }
  }
  for (const name of sets) {
    for (const e of table.sets.get(name)?.elements ?? [])
      out.push(elementLine(`add`, `${t} ${name}`, e));
  }
  for (const name of maps) {
    for (const e of table.maps.get(name)?.elements ?? [])
      out.push(elementLine(`add`, `${t} ${name}`, e));
  }
  return `${out.join('\n')}\n`;
}

function listElements(elements: readonly NftElement[], indent: string): string[] {
  if (elements.length === 0) return [];
  const items = elements.map((e) => {
    let text = e.key.join(' . ');
    if (e.comment !== undefined) text += ` comment ${quote(e.comment)}`;
    if (e.value && e.value.length > 0) text += ` : ${e.value.join(' . ')}`;
    return text;
  });
  const lines = [`${indent}elements = { ${items[0] ?? ''}${items.length > 1 ? ',' : ''}`];
  items.slice(1).forEach((item, i) => {
    lines.push(`${indent}             ${item}${i < items.length - 2 ? ',' : ''}`);
  });
  lines[lines.length - 1] += ' }';
  return lines;
}

/**
 * The table as `nft list table` lays it out: sets and maps, then chains with their rules. Rules
 * are shown as kube-proxy wrote them (nft itself would print some expressions in canonical form,
 * e.g. `meta mark` for `mark`).
 */
export function renderNftList(table: NftTable): string {
  const out: string[] = [
    `table ${table.family} ${table.name} {`,
    `\tcomment ${quote(table.comment)}`,
  ];
  const blocks: string[][] = [];
  for (const name of [...table.sets.keys()].sort(byName)) {
    const set = table.sets.get(name);
    if (!set) continue;
    const lines = [`\tset ${name} {`, `\t\ttype ${set.type}`];
    if (set.flags && set.flags.length > 0) lines.push(`\t\tflags ${set.flags.join(',')}`);
    if (set.timeout !== undefined) lines.push(`\t\ttimeout ${set.timeout}s`);
    if (set.comment !== undefined) lines.push(`\t\tcomment ${quote(set.comment)}`);
    lines.push(...listElements(set.elements, '\t\t'), '\t}');
    blocks.push(lines);
  }
  for (const name of [...table.maps.keys()].sort(byName)) {
    const map = table.maps.get(name);
    if (!map) continue;
    const lines = [`\tmap ${name} {`, `\t\ttype ${map.type}`];
    if (map.comment !== undefined) lines.push(`\t\tcomment ${quote(map.comment)}`);
    lines.push(...listElements(map.elements, '\t\t'), '\t}');
    blocks.push(lines);
  }
  for (const name of [...table.chains.keys()].sort(byName)) {
    const chain = table.chains.get(name);
    if (!chain) continue;
    const lines = [`\tchain ${name} {`];
    if (chain.comment !== undefined) lines.push(`\t\tcomment ${quote(chain.comment)}`);
    if (chain.base) {
      lines.push(
        `\t\ttype ${chain.base.type} hook ${chain.base.hook} priority ${chain.base.priority}; policy accept;`,
      );
    }
    for (const rule of chain.rules) lines.push(`\t\t${ruleText(rule)}`);
    lines.push('\t}');
    blocks.push(lines);
  }
  blocks.forEach((lines, i) => {
    if (i > 0) out.push('');
    out.push(...lines);
  });
  out.push('}');
  return `${out.join('\n')}\n`;
}
