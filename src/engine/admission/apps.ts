/**
 * Deployments and ReplicaSets: the apps/v1 defaults (pkg/apis/apps/v1/defaults.go) and validation
 * (pkg/apis/apps/validation/validation.go ValidateDeploymentSpec, ValidateReplicaSetSpec,
 * ValidatePodTemplateSpecForReplicaSet; pkg/registry/apps/deployment/strategy.go for the
 * immutable selector).
 */
import type { Deployment, IntOrString, LabelSelector, ReplicaSet } from '../model';
import { goJSON, goQuote, jsonQuote, jsonStringMapValue, type JSONValue } from './goFormat';
import {
  forbidden,
  invalid,
  invalidRaw,
  notSupportedRaw,
  required,
  type FieldErrors,
} from './fieldErrors';
import {
  isRecord,
  nameIsDNSSubdomain,
  renderLabels,
  validateLabelSelector,
  validateObjectMeta,
} from './meta';
import { isValidPercent } from './names';
import { equalJSON } from './json';
import { defaultPodSpec, validatePodTemplate } from './pod';

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  if ((strategy.type ?? '') === '') strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodSpec(((spec.template ??= {}).spec ??= {}));
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {});
  spec.replicas ??= 1;
  defaultPodSpec(((spec.template ??= {}).spec ??= {}));
}

/** A label selector's verdict on a set of labels (labels.Selector.Matches). */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const matchLabels = selector.matchLabels ?? {};
  for (const k in matchLabels) if (labels[k] !== String(matchLabels[k])) return false;
  for (const e of selector.matchExpressions ?? []) {
    const key = String(e.key ?? '');
    const has = Object.hasOwn(labels, key);
    const values = (e.values ?? []).map(String);
    if (e.operator === 'In' && !(has && values.includes(labels[key] ?? ''))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[key] ?? '')) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * A metav1.LabelSelector as field errors print it (json.Marshal: `matchLabels`,
 * `matchExpressions` and each requirement's `values` are omitted when empty).
 */
export function renderSelector(selector: LabelSelector): string {
  const fields: [string, JSONValue][] = [];
  const labels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  if (Object.keys(labels).length > 0) fields.push(['matchLabels', jsonStringMapValue(labels)]);
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (exprs.length > 0)
    fields.push([
      'matchExpressions',
      exprs.map((e) => {
        const requirement: [string, JSONValue][] = [
          ['key', String(e.key ?? '')],
          ['operator', String(e.operator ?? '')],
        ];
        if (Array.isArray(e.values) && e.values.length > 0)
          requirement.push(['values', e.values.map(String)]);
        return { fields: requirement };
      }),
    ]);
  return goJSON({ fields });
}

/** A template's labels as strings: the map itself when they are (as nearly always), not a copy. */
function asLabels(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  let strings = true;
  for (const k in value) if (typeof value[k] !== 'string') strings = false;
  if (strings) return value as Record<string, string>;
  const out: Record<string, string> = {};
  for (const k in value) out[k] = String(value[k]);
  return out;
}

/** The number of requirements of a selector: its labels and its expressions. */
function requirementCount(selector: LabelSelector): number {
  let count = (selector.matchExpressions ?? []).length;
  for (const _ in selector.matchLabels) count++;
  return count;
}

/** An IntOrString as field errors print it (its MarshalJSON: a number, or a quoted string). */
const intOrPercentText = (v: IntOrString) => (typeof v === 'string' ? jsonQuote(v) : String(v));

/** ValidatePositiveIntOrPercent; values print as IntOrString marshals them. */
function validateIntOrPercent(v: IntOrString | undefined, path: string): FieldErrors {
  if (typeof v === 'string') {
    const messages = isValidPercent(v);
    return messages.length === 0 ? [] : messages.map((m) => invalidRaw(path, jsonQuote(v), m));
  }
  if (typeof v === 'number' && v < 0)
    return [invalid(path, v, 'must be greater than or equal to 0')];
  return [];
}

function percentOrInt(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^[0-9]+%$/.test(v) ? Number(v.slice(0, -1)) : 0;
}

/**
 * The internal apps.DeploymentStrategy as field errors print it (json.Marshal of a type without
 * JSON tags; an absent IntOrString is its zero value, 0).
 */
function renderStrategy(
  strategy: NonNullable<NonNullable<Deployment['spec']>['strategy']>,
): string {
  const ru = strategy.rollingUpdate;
  const intOrString = (v: IntOrString | undefined): JSONValue =>
    typeof v === 'string' ? v : typeof v === 'number' ? v : 0;
  const rollingUpdate: JSONValue = ru
    ? {
        fields: [
          ['MaxUnavailable', intOrString(ru.maxUnavailable)],
          ['MaxSurge', intOrString(ru.maxSurge)],
        ],
      }
    : null;
  return goJSON({
    fields: [
      ['Type', String(strategy.type ?? '')],
      ['RollingUpdate', rollingUpdate],
    ],
  });
}

/** ValidateNonnegativeField of spec.replicas, the first check of both specs. */
function validateReplicas(spec: { replicas?: number }): FieldErrors {
  return typeof spec.replicas === 'number' && spec.replicas < 0
    ? [invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0')]
    : [];
}

/** The selector and template checks shared by Deployments and ReplicaSets. */
function validateSelectorAndTemplate(
  spec: Deployment['spec'] & object,
  kindWord: string,
  kind: string,
): FieldErrors {
  const errs: FieldErrors = [];
  const selector = isRecord(spec.selector) ? (spec.selector as LabelSelector) : undefined;
  let usable = true;
  if (!selector) errs.push(required('spec.selector'));
  else {
    const selectorErrors = validateLabelSelector(selector, 'spec.selector');
    errs.push(...selectorErrors);
    usable = selectorErrors.length === 0;
    if (requirementCount(selector) === 0)
      errs.push(
        invalidRaw(
          'spec.selector',
          renderSelector(selector),
          `empty selector is invalid for ${kindWord}`,
        ),
      );
  }
  const template = spec.template ?? {};
  const labels = template.metadata?.labels;
  if (!usable && selector)
    errs.push(invalidRaw('spec.selector', renderSelector(selector), 'invalid label selector'));
  else {
    const empty = selector !== undefined && requirementCount(selector) === 0;
    // A missing selector selects nothing (labels.Nothing), so it never matches the template.
    if (!empty && (!selector || !selectorMatches(selector, asLabels(labels))))
      errs.push(
        invalidRaw(
          'spec.template.metadata.labels',
          renderLabels(labels),
          '`selector` does not match template `labels`',
        ),
      );
    errs.push(...validatePodTemplate(template, 'spec.template'));
    const restart = template.spec?.restartPolicy;
    if (restart !== 'Always')
      errs.push(
        notSupportedRaw('spec.template.spec.restartPolicy', goQuote(String(restart ?? '')), [
          'Always',
        ]),
      );
    if (template.spec?.activeDeadlineSeconds !== undefined)
      errs.push(
        forbidden(
          'spec.template.spec.activeDeadlineSeconds',
          `activeDeadlineSeconds in ${kind} is not Supported`,
        ),
      );
  }
  return errs;
}

/** ValidateDeployment (and, on update, the selector immutability of apps/v1). */
export function validateDeployment(d: Deployment, old?: Deployment): FieldErrors {
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain);
  const spec = d.spec ?? {};
  errs.push(...validateReplicas(spec));
  errs.push(...validateSelectorAndTemplate(spec, 'deployment', 'ReplicaSet'));
  const strategy = spec.strategy ?? {};
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined)
      errs.push(
        forbidden(
          'spec.strategy.rollingUpdate',
          "may not be specified when strategy `type` is 'Recreate'",
        ),
      );
  } else if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    // The paths written out: made from a constant, they were strings built for every Deployment.
    const maxUnavailable = 'spec.strategy.rollingUpdate.maxUnavailable';
    errs.push(...validateIntOrPercent(ru.maxUnavailable, maxUnavailable));
    errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
    if (percentOrInt(ru.maxUnavailable) === 0 && percentOrInt(ru.maxSurge) === 0)
      errs.push(
        invalidRaw(
          maxUnavailable,
          intOrPercentText(ru.maxUnavailable ?? 0),
          'may not be 0 when `maxSurge` is 0',
        ),
      );
    if (typeof ru.maxUnavailable === 'string' && percentOrInt(ru.maxUnavailable) > 100)
      errs.push(
        invalidRaw(maxUnavailable, jsonQuote(ru.maxUnavailable), 'must not be greater than 100%'),
      );
  } else {
    errs.push(
      notSupportedRaw('spec.strategy', renderStrategy(strategy), ['Recreate', 'RollingUpdate']),
    );
  }
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (minReady < 0)
    errs.push(invalid('spec.minReadySeconds', minReady, 'must be greater than or equal to 0'));
  if (typeof spec.revisionHistoryLimit === 'number' && spec.revisionHistoryLimit < 0)
    errs.push(
      invalid(
        'spec.revisionHistoryLimit',
        spec.revisionHistoryLimit,
        'must be greater than or equal to 0',
      ),
    );
  if (typeof spec.progressDeadlineSeconds === 'number') {
    if (spec.progressDeadlineSeconds < 0)
      errs.push(
        invalid(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than or equal to 0',
        ),
      );
    if (spec.progressDeadlineSeconds <= minReady)
      errs.push(
        invalid(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
  }
  if (old?.spec?.selector && !equalJSON(old.spec.selector, spec.selector))
    errs.push(
      invalidRaw(
        'spec.selector',
        spec.selector ? renderSelector(spec.selector) : 'null',
        'field is immutable',
      ),
    );
  return errs;
}

/** ValidateReplicaSet. */
export function validateReplicaSet(rs: ReplicaSet, old?: ReplicaSet): FieldErrors {
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain);
  const spec = rs.spec ?? {};
  // ValidateReplicaSetSpec: replicas, then minReadySeconds, then the selector and template.
  errs.push(...validateReplicas(spec));
  if (typeof spec.minReadySeconds === 'number' && spec.minReadySeconds < 0)
    errs.push(
      invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'),
    );
  errs.push(...validateSelectorAndTemplate(spec, 'deployment', 'ReplicaSet'));
  if (old?.spec?.selector && !equalJSON(old.spec.selector, spec.selector))
    errs.push(
      invalidRaw(
        'spec.selector',
        spec.selector ? renderSelector(spec.selector) : 'null',
        'field is immutable',
      ),
    );
  return errs;
}
