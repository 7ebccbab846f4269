/**
 * The nat chains kube-proxy owns, kept sorted as upstream's tests print them and rendered in
 * buckets of neighbouring names, so a sync that changes a few chains re-renders a few buckets
 * instead of sorting and printing tens of thousands of chains (the iptables-save text of
 * pkg/proxy/iptables/proxier.go syncProxyRules, at the cost of the change).
 */

/** Chains sharing a name prefix, in order, with their rendered declarations and rules. */
interface Bucket {
  chains: string[];
  declarations: string | undefined;
  rules: string | undefined;
}

/** A chain store: the lines and rendered text of each chain, by sorted buckets. */
export interface ChainStore {
  lines: Map<string, readonly string[]>;
  text: Map<string, string>;
  buckets: Map<string, Bucket>;
  /** Bucket keys in order. */
  order: string[];
}

export function createChainStore(): ChainStore {
  return { lines: new Map(), text: new Map(), buckets: new Map(), order: [] };
}

/**
 * Every chain here starts with `KUBE-` and is neither KUBE-NODEPORTS nor KUBE-SERVICES, so
 * upstream's order among them is plain byte order; a fixed-length prefix keeps that order
 * between buckets.
 */
function bucketKey(chain: string): string {
  return chain.length <= 11 ? chain : chain.slice(0, 11);
}

function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bucketOf(store: ChainStore, chain: string, create: boolean): Bucket | undefined {
  const key = bucketKey(chain);
  let bucket = store.buckets.get(key);
  if (!bucket && create) {
    bucket = { chains: [], declarations: undefined, rules: undefined };
    store.buckets.set(key, bucket);
    store.order.splice(lowerBound(store.order, key), 0, key);
  }
  return bucket;
}

/** Sets a chain's rules (`text`: the lines, each ending in a newline). */
export function setChain(
  store: ChainStore,
  chain: string,
  lines: readonly string[],
  text: string,
): void {
  const bucket = bucketOf(store, chain, true) as Bucket;
  if (!store.lines.has(chain)) {
    bucket.chains.splice(lowerBound(bucket.chains, chain), 0, chain);
    bucket.declarations = undefined;
  } else if (store.text.get(chain) === text) {
    store.lines.set(chain, lines);
    return;
  }
  store.lines.set(chain, lines);
  store.text.set(chain, text);
  bucket.rules = undefined;
}

export function deleteChain(store: ChainStore, chain: string): void {
  if (!store.lines.has(chain)) return;
  store.lines.delete(chain);
  store.text.delete(chain);
  const bucket = bucketOf(store, chain, false);
  if (!bucket) return;
  const i = lowerBound(bucket.chains, chain);
  if (bucket.chains[i] === chain) bucket.chains.splice(i, 1);
  bucket.declarations = undefined;
  bucket.rules = undefined;
}

/** Every chain, in order. */
export function chainList(store: ChainStore): string[] {
  const out: string[] = [];
  for (const key of store.order) {
    const bucket = store.buckets.get(key);
    if (bucket) for (const c of bucket.chains) out.push(c);
  }
  return out;
}

/** The `:CHAIN - [0:0]` lines and the rules of every chain, in order. */
export function renderChainStore(store: ChainStore): { declarations: string; rules: string } {
  let declarations = '';
  let rules = '';
  for (const key of store.order) {
    const bucket = store.buckets.get(key);
    if (!bucket) continue;
    if (bucket.declarations === undefined) {
      let d = '';
      for (const c of bucket.chains) d += `:${c} - [0:0]\n`;
      bucket.declarations = d;
    }
    if (bucket.rules === undefined) {
      let r = '';
      for (const c of bucket.chains) r += store.text.get(c) ?? '';
      bucket.rules = r;
    }
    declarations += bucket.declarations;
    rules += bucket.rules;
  }
  return { declarations, rules };
}
