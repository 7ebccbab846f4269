/**
 * The NodeAffinity plugin's matching (staging/src/k8s.io/component-helpers/scheduling/corev1/
 * nodeaffinity, pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go): nodeSelector
 * and required node affinity terms against a node's labels and name, and its PreFilter, which
 * narrows the nodes to those the terms name.
 */
import type { Node, Pod } from '../model';
import { operatorMatches } from './labels';

interface NodeSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

const decimalInteger = /^[+-]?\d+$/;

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = Array.isArray(req.values) ? req.values.map(String) : [];
  if (req.operator !== 'Gt' && req.operator !== 'Lt')
    return operatorMatches(req.operator, values, value);
  // strconv.ParseInt on both sides (base 10: no spaces, exponents nor hex), one value only.
  if (value === undefined || values.length !== 1) return false;
  if (!decimalInteger.test(value) || !decimalInteger.test(values[0] as string)) return false;
  const a = BigInt(value);
  const b = BigInt(values[0] as string);
  return req.operator === 'Gt' ? a > b : a < b;
}

/** A NodeSelectorTerm: expressions on labels and fields ANDed; an empty term matches nothing. */
function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
  const fields = Array.isArray(term.matchFields) ? term.matchFields : [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const e of expressions) {
    const key = e?.key ?? '';
    if (!requirementMatches(e, Object.hasOwn(labels, key) ? labels[key] : undefined)) return false;
  }
  for (const f of fields) {
    if (f?.key !== 'metadata.name' || !requirementMatches(f, node.metadata?.name ?? ''))
      return false;
  }
  return true;
}

function requiredTerms(pod: Pod): NodeSelectorTerm[] | undefined {
  const affinity = pod.spec?.affinity as
    | {
        nodeAffinity?: {
          requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown };
        };
      }
    | undefined;
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return undefined;
  const terms = required.nodeSelectorTerms;
  return Array.isArray(terms) ? (terms as NodeSelectorTerm[]) : [];
}

/**
 * GetRequiredNodeAffinity(pod).Match(node) (staging/src/k8s.io/component-helpers/scheduling/
 * corev1/nodeaffinity): every nodeSelector pair, and at least one required term (ORed).
 */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const selector = pod.spec?.nodeSelector;
  const labels = node.metadata?.labels ?? {};
  if (selector && typeof selector === 'object') {
    for (const [k, v] of Object.entries(selector)) if (labels[k] !== String(v)) return false;
  }
  const terms = requiredTerms(pod);
  return (
    terms === undefined ||
    terms.some((t) => typeof t === 'object' && t !== null && termMatches(t, node))
  );
}

/**
 * NodeAffinity's PreFilter (plugins/nodeaffinity/node_affinity.go): when every required term
 * names nodes (matchFields metadata.name In), only the nodes some term names are filtered at
 * all; undefined when any term leaves every node in (or there is no required affinity).
 */
export function preFilterNodeNames(pod: Pod): Set<string> | undefined {
  const terms = requiredTerms(pod);
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    const fields = Array.isArray(term?.matchFields) ? term.matchFields : [];
    for (const f of fields) {
      if (f?.key !== 'metadata.name' || f.operator !== 'In') continue;
      const values = new Set(Array.isArray(f.values) ? f.values.map(String) : []);
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/**
 * The status the scheduler gives the nodes a PreFilter result leaves out (findNodesThatFitPod,
 * pkg/scheduler/schedule_one.go): the plugins that narrowed the nodes, here NodeAffinity.
 */
export const preFilterExcludedReason = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
