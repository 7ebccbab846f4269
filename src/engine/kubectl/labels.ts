/**
 * Labels and label selectors as kubectl prints them (k8s.io/apimachinery pkg/labels and
 * pkg/apis/meta/v1/helpers.go).
 */
import type { LabelSelector } from '../model';

/** labels.FormatLabels (k8s.io/apimachinery/pkg/labels/labels.go): sorted `k=v,...`, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

/** labels.NewRequirement's checks of the values an operator takes; undefined when it refuses them. */
function requirement(key: string, operator: string, values: string[]): string | undefined {
  const sorted = [...values].sort();
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return undefined;
      return `${key} ${operator === 'In' ? 'in' : 'notin'} (${sorted.join(',')})`;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return undefined;
      return operator === 'Exists' ? key : `!${key}`;
    default:
      return undefined;
  }
}

/**
 * metav1.LabelSelectorAsSelector(...).String() (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go):
 * requirements sorted by key; `''` for a missing or empty selector (labels.Nothing and
 * labels.Everything both print nothing); undefined when the selector is not valid.
 */
export function labelSelectorString(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return '';
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    parts.push({ key, text: `${key}=${value}` });
  }
  for (const e of selector.matchExpressions ?? []) {
    const key = e.key ?? '';
    const text = requirement(key, e.operator ?? '', e.values ?? []);
    if (text === undefined) return undefined;
    parts.push({ key, text });
  }
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}
