/**
 * Label selectors as the controllers evaluate them (staging/src/k8s.io/apimachinery/pkg/labels),
 * and an index of pods by namespace and label, so that a Service finds its pods without
 * scanning every pod of the cluster.
 */
import type { LabelSelector, Pod } from '../model';

export type Labels = Record<string, string> | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type SelectorPairs = readonly (readonly [string, string])[];

/**
 * Each selector map's pairs, read once: admission hands out the same spec (selector included)
 * for a Service it saw before, and the Service controllers and the teacher's warnings read
 * every selector on every run. The pairs are frozen: nothing may change them.
 */
const selectorPairs = new WeakMap<object, SelectorPairs | null>();

/** A Service selector as a list of pairs; undefined for a nil (or empty, as stored) selector. */
export function serviceSelector(selector: unknown): SelectorPairs | undefined {
  if (!isRecord(selector)) return undefined;
  let pairs = selectorPairs.get(selector);
  if (pairs === undefined) {
    const read = Object.entries(selector).map(([k, v]) => Object.freeze([k, String(v)] as const));
    // An empty map does not survive the API server's protobuf storage: it reads back as nil.
    pairs = read.length === 0 ? null : Object.freeze(read);
    selectorPairs.set(selector, pairs);
  }
  return pairs ?? undefined;
}

/** `labels.SelectorFromSet(selector).Matches(labels)`: every pair present and equal (ANDed). */
export function matchesSet(pairs: SelectorPairs, labels: Labels): boolean {
  if (!labels) return pairs.length === 0;
  for (const [k, v] of pairs) if (labels[k] !== v) return false;
  return true;
}

/**
 * A selector requirement's set-based operator (In, NotIn, Exists, DoesNotExist) on a label's
 * value, undefined when the label is absent; any other operator matches nothing.
 */
export function operatorMatches(
  operator: unknown,
  values: readonly string[],
  value: string | undefined,
): boolean {
  switch (operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/**
 * `metav1.LabelSelectorAsSelector` then Matches: matchLabels ANDed with matchExpressions
 * (In, NotIn, Exists, DoesNotExist). An unknown operator matches nothing, as the conversion
 * error would leave the controller with no selector it can use.
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!isRecord(selector)) return false;
  const own = labels ?? {};
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  // Own keys in a for...in, as Object.entries lists them, without its arrays (every
  // Deployment and ReplicaSet, every run).
  for (const k in matchLabels)
    if (Object.hasOwn(matchLabels, k) && own[k] !== String(matchLabels[k])) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of expressions) {
    const key = e?.key ?? '';
    const values = Array.isArray(e?.values) ? e.values.map(String) : [];
    const value = Object.hasOwn(own, key) ? (own[key] ?? '') : undefined;
    if (!operatorMatches(e?.operator, values, value)) return false;
  }
  return true;
}

/** Whether a LabelSelector selects by anything: a matchLabels pair or a matchExpression. */
export function selectsAnything(selector: LabelSelector | undefined): boolean {
  const matchLabels = isRecord(selector) ? selector.matchLabels : undefined;
  if (isRecord(matchLabels))
    for (const k in matchLabels) if (Object.hasOwn(matchLabels, k)) return true;
  return (selector?.matchExpressions?.length ?? 0) > 0;
}

/** The matchLabels of a LabelSelector as pairs (what the pod index can look up). */
export function labelSelectorPairs(selector: LabelSelector | undefined): [string, string][] {
  if (!isRecord(selector) || !isRecord(selector.matchLabels)) return [];
  return Object.entries(selector.matchLabels).map(([k, v]): [string, string] => [k, String(v)]);
}

export function namespaceOf(object: { metadata?: { namespace?: string } }): string {
  return object.metadata?.namespace || 'default';
}

/**
 * Pods by namespace, and by label key and value within a namespace, in the order they were
 * added. Only string values are indexed: a selector compares strings (matchesSet).
 */
export class PodIndex {
  private readonly byNamespace = new Map<string, Pod[]>();
  private readonly byLabel = new Map<string, Map<string, Map<string, Pod[]>>>();

  constructor(pods: readonly Pod[]) {
    for (const pod of pods) this.add(pod);
  }

  private static last: { pods: readonly Pod[]; index: PodIndex } | undefined;

  /**
   * The index of a list of final pods, built once: the Service controllers and the teacher's
   * warnings read the same list (and a run that reuses the previous run's pods, its index).
   * Such a list is never modified once made, as no stored object is.
   */
  static of(pods: readonly Pod[]): PodIndex {
    if (PodIndex.last?.pods !== pods) PodIndex.last = { pods, index: new PodIndex(pods) };
    return PodIndex.last.index;
  }

  private add(pod: Pod): void {
    const namespace = namespaceOf(pod);
    let list = this.byNamespace.get(namespace);
    if (!list) this.byNamespace.set(namespace, (list = []));
    list.push(pod);
    const own = pod.metadata?.labels;
    if (!isRecord(own)) return;
    for (const bucket of this.bucketsOf(namespace, own)) bucket.push(pod);
  }

  /**
   * The buckets of a label map's pairs in a namespace. Pods of one ReplicaSet share one (frozen)
   * map and come one after another: the last map's buckets are reused rather than looked up
   * again per pod.
   */
  private last: { namespace: string; labels: object; buckets: Pod[][] } | undefined;

  private bucketsOf(namespace: string, own: Record<string, unknown>): Pod[][] {
    const last = this.last;
    if (last?.labels === own && last.namespace === namespace && Object.isFrozen(own))
      return last.buckets;
    let keys = this.byLabel.get(namespace);
    if (!keys) this.byLabel.set(namespace, (keys = new Map()));
    const buckets: Pod[][] = [];
    for (const [k, v] of Object.entries(own)) {
      if (typeof v !== 'string') continue;
      let values = keys.get(k);
      if (!values) keys.set(k, (values = new Map()));
      let bucket = values.get(v);
      if (!bucket) values.set(v, (bucket = []));
      buckets.push(bucket);
    }
    this.last = { namespace, labels: own, buckets };
    return buckets;
  }

  inNamespace(namespace: string): readonly Pod[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /**
   * Pods of `namespace` carrying every pair, in index order (the smallest bucket is scanned).
   * For one pair, the index's own list (read only: the index is complete once made).
   */
  selectSet(namespace: string, pairs: SelectorPairs): readonly Pod[] {
    if (pairs.length === 0) return [...this.inNamespace(namespace)];
    const keys = this.byLabel.get(namespace);
    if (!keys) return [];
    let smallest: Pod[] | undefined;
    for (const [k, v] of pairs) {
      const bucket = keys.get(k)?.get(v);
      if (!bucket) return [];
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
    }
    // One pair: its bucket holds exactly the pods whose label has that value.
    if (pairs.length === 1) return smallest ?? [];
    return (smallest ?? []).filter((pod) => matchesSet(pairs, pod.metadata?.labels));
  }

  /** Pods of `namespace` a full LabelSelector matches. */
  select(namespace: string, selector: LabelSelector | undefined): Pod[] {
    const candidates = this.selectSet(namespace, labelSelectorPairs(selector));
    return candidates.filter((pod) => matchesLabelSelector(selector, pod.metadata?.labels));
  }
}
