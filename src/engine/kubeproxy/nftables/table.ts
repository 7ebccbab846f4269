/**
 * An in-memory nftables table: chains with their rules, sets and maps with their elements, as
 * kube-proxy's transaction leaves them (the model of sigs.k8s.io/knftables' Fake table).
 */
export type NftFamily = 'ip' | 'ip6';

export interface NftBaseChain {
  type: 'filter' | 'nat';
  hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  priority: number;
}

export interface NftRule {
  /** The rule as kube-proxy writes it, without its comment. */
  rule: string;
  comment?: string;
}

export interface NftChain {
  name: string;
  base?: NftBaseChain;
  comment?: string;
  rules: NftRule[];
}

export interface NftElement {
  key: string[];
  value?: string[];
  comment?: string;
}

export interface NftSet {
  name: string;
  type: string;
  flags?: string[];
  /** Seconds. */
  timeout?: number;
  comment?: string;
  elements: NftElement[];
}

export interface NftMap {
  name: string;
  type: string;
  comment?: string;
  elements: NftElement[];
}

export interface NftTable {
  family: NftFamily;
  name: string;
  comment: string;
  chains: Map<string, NftChain>;
  sets: Map<string, NftSet>;
  maps: Map<string, NftMap>;
}

export function createTable(family: NftFamily, name: string, comment: string): NftTable {
  return { family, name, comment, chains: new Map(), sets: new Map(), maps: new Map() };
}

/** Adds a chain unless it exists (knftables `tx.Add` of an existing chain is a no-op). */
export function ensureChain(
  table: NftTable,
  name: string,
  extra: Partial<NftChain> = {},
): NftChain {
  let chain = table.chains.get(name);
  if (!chain) {
    chain = { name, rules: [], ...extra };
    table.chains.set(name, chain);
  }
  return chain;
}

/** Appends a rule, creating the chain when needed. */
export function addRule(table: NftTable, chain: string, rule: string, comment?: string): void {
  ensureChain(table, chain).rules.push(comment === undefined ? { rule } : { rule, comment });
}

const elementIndex = new WeakMap<NftSet | NftMap, Map<string, number>>();

/** Adds an element to a set or map, replacing an element with the same key (knftables Fake). */
export function addElement(container: NftSet | NftMap, element: NftElement): void {
  let index = elementIndex.get(container);
  if (!index) {
    index = new Map(container.elements.map((e, i) => [e.key.join(' . '), i]));
    elementIndex.set(container, index);
  }
  const key = element.key.join(' . ');
  const at = index.get(key);
  if (at === undefined) {
    index.set(key, container.elements.length);
    container.elements.push(element);
  } else {
    container.elements[at] = element;
  }
}
