/**
 * The Deployment controller: each Deployment gets a ReplicaSet named
 * `<deployment>-<pod-template-hash>` for its current pod template, and a status summed from
 * its ReplicaSets (pkg/controller/deployment).
 */
import { equalJSON } from '../admission/json';
import type {
  Deployment,
  IntOrString,
  ObjectMeta,
  OwnerReference,
  PodTemplateSpec,
  ReplicaSet,
} from '../model';
import { copyOf, define, withField } from './copy';
import { labelSelectorPairs, matchesLabelSelector, namespaceOf, selectsAnything } from './labels';
import { controllerOf, newControllerRef, refersTo, withOwner } from './owners';
import { canonicalHash, canonicalJSON, fnv32aFrom, safeEncodeString } from './random';

export const podTemplateHashLabel = 'pod-template-hash';
const revisionAnnotation = 'deployment.kubernetes.io/revision';
const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
/** Annotations SetNewReplicaSetAnnotations does not copy from the Deployment. */
const skippedAnnotations = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  'deprecated.deployment.rollback.to',
]);

/**
 * ComputeHash (pkg/controller/controller_utils.go at 1f8996f8cec98af38ab4cba237421b28c1cef9a3):
 * FNV-32a of the pod template, then SafeEncodeString of its decimal form.
 * Upstream hashes the spew dump of the Go struct; that byte stream cannot be reproduced from
 * YAML, so the playground hashes canonical JSON instead: same alphabet and shape, other digits.
 */
/**
 * canonicalHash of each template seen. A Deployment admitted before keeps its template object
 * from run to run (admission shares it, and nothing modifies it), so a keystroke hashes only
 * the templates of the documents that changed.
 */
const templateHashes = new WeakMap<object, number>();

function templateHash(template: PodTemplateSpec | undefined): number {
  if (typeof template !== 'object' || template === null) return canonicalHash(template ?? {});
  let hash = templateHashes.get(template);
  if (hash === undefined) templateHashes.set(template, (hash = canonicalHash(template)));
  return hash;
}

export function computeHash(template: PodTemplateSpec | undefined, collisionCount = 0): string {
  // fnv32a(canonicalJSON(template) + collisionCount), hashed without building the text.
  const hash = templateHash(template);
  return safeEncodeString(
    String(collisionCount > 0 ? fnv32aFrom(hash, String(collisionCount)) : hash),
  );
}

/**
 * generateReplicaSetName (pkg/controller/deployment/sync.go): `<deployment>-<hash>`, the
 * Deployment's name cut so that the whole fits a DNS subdomain (253), unless nothing of it
 * would be left.
 */
export function replicaSetName(deploymentName: string, hash: string): string {
  const room = 253 - hash.length - 1;
  const base =
    room > 0 && deploymentName.length > room ? deploymentName.slice(0, room) : deploymentName;
  return [base, '-', hash].join('');
}

export function replicasOf(spec: { replicas?: number } | undefined): number {
  const n = spec?.replicas;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 1;
}

/** The number of a percentage written as digits and `%` (read twice per Deployment per run). */
function percentOf(text: string): number | undefined {
  const digits = text.length - 1;
  if (digits < 1 || text.charCodeAt(digits) !== 0x25) return undefined;
  for (let i = 0; i < digits; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return Number(text.slice(0, digits));
}

/**
 * intstr.GetScaledValueFromIntOrPercent of intstr.ValueOrDefault(value, 0): percentages round up
 * for surge, down for unavailable; an unset value is 0.
 */
function scaled(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return Math.max(0, Math.trunc(value));
  const percent = percentOf(value);
  if (percent === undefined) return 0;
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * ResolveFenceposts (pkg/controller/deployment/util/deployment_util.go): maxSurge and
 * maxUnavailable of the rolling update against the desired replicas; both zero makes
 * unavailable 1.
 */
export function fenceposts(deployment: Deployment): { surge: number; unavailable: number } {
  const replicas = replicasOf(deployment.spec);
  const rolling = deployment.spec?.strategy?.rollingUpdate;
  const surge = scaled(rolling?.maxSurge, replicas, true);
  let unavailable = scaled(rolling?.maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function isRollingUpdate(deployment: Deployment): boolean {
  return deployment.spec?.strategy?.type === 'RollingUpdate';
}

/** MaxSurge (deployment_util.go): 0 unless the strategy is RollingUpdate. */
export function maxSurge(deployment: Deployment): number {
  return isRollingUpdate(deployment) ? fenceposts(deployment).surge : 0;
}

/**
 * MaxUnavailable (deployment_util.go): 0 unless the strategy is RollingUpdate with replicas,
 * and never more than the replicas.
 */
export function maxUnavailable(deployment: Deployment): number {
  const replicas = replicasOf(deployment.spec);
  if (!isRollingUpdate(deployment) || replicas === 0) return 0;
  return Math.min(fenceposts(deployment).unavailable, replicas);
}

function withoutHash(template: PodTemplateSpec | undefined): string {
  const labels = Object.fromEntries(
    Object.entries(template?.metadata?.labels ?? {}).filter(([k]) => k !== podTemplateHashLabel),
  );
  return canonicalJSON({ ...template, metadata: { ...template?.metadata, labels } });
}

function ownedReplicaSets(deployment: Deployment, candidates: readonly ReplicaSet[]): ReplicaSet[] {
  return candidates.filter((rs) => {
    const ref = controllerOf(rs.metadata);
    if (ref) return refersTo(ref, 'Deployment', deployment.metadata);
    // ClaimObject adopts no orphan being deleted.
    if (rs.metadata?.deletionTimestamp) return false;
    return matchesLabelSelector(deployment.spec?.selector, rs.metadata?.labels);
  });
}

export interface DeploymentSync {
  deployment: Deployment;
  /** `namespace/name` of the ReplicaSet of the current template, when there is one. */
  newReplicaSet?: string;
  /** `namespace/name` of every ReplicaSet the Deployment owns. */
  owned: string[];
  /** How many names of the template's hash were taken (status.collisionCount), when any. */
  collisionCount?: number;
}

export function rsKey(rs: ReplicaSet): string {
  return `${namespaceOf(rs)}/${rs.metadata?.name ?? ''}`;
}

/** A revision annotation as strconv.ParseInt reads it: 0 when missing, NaN when not an integer. */
function revisionNumber(text: string | undefined): number {
  if (text === undefined) return 0;
  return /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
}

/** Revision (deployment_util.go): the annotation's integer, 0 without one, NaN when not one. */
export function revisionOf(rs: ReplicaSet): number {
  return revisionNumber(rs.metadata?.annotations?.[revisionAnnotation]);
}

function annotationsFor(deployment: Deployment, revision: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {})) {
    if (!skippedAnnotations.has(k)) out[k] = String(v);
  }
  const replicas = replicasOf(deployment.spec);
  out[desiredReplicasAnnotation] = String(replicas);
  out[maxReplicasAnnotation] = String(replicas + maxSurge(deployment));
  out[revisionAnnotation] = String(revision);
  return out;
}

/** What a new ReplicaSet's spec is made of: its template's labels (its own labels too) and the spec. */
interface NewSpec {
  hash: string;
  labels: Record<string, string>;
  spec: NonNullable<ReplicaSet['spec']>;
}

/**
 * The spec of the ReplicaSet made for a Deployment's spec and template hash. A Deployment
 * admitted before keeps its spec object from run to run, so a keystroke makes only the specs of
 * the Deployments that changed; the spec is shared by every run's ReplicaSet, and nothing
 * modifies it (the controllers copy what they change).
 */
const newSpecs = new WeakMap<object, NewSpec>();

function newSpecFor(deployment: Deployment, hash: string): NewSpec {
  // Input read without admission may hold anything there: only objects are remembered.
  const key = typeof deployment.spec === 'object' ? deployment.spec : undefined;
  const known = key ? newSpecs.get(key) : undefined;
  if (known?.hash === hash) return known;
  const template = deployment.spec?.template ?? {};
  const labels: Record<string, string> = copyOf(template.metadata?.labels);
  labels[podTemplateHashLabel] = hash;
  const selector = deployment.spec?.selector ?? {};
  const minReadySeconds = deployment.spec?.minReadySeconds;
  const spec: NonNullable<ReplicaSet['spec']> = { replicas: replicasOf(deployment.spec) };
  if (minReadySeconds) spec.minReadySeconds = minReadySeconds;
  const matchLabels: Record<string, string> = {};
  for (const [k, v] of labelSelectorPairs(selector)) define(matchLabels, k, v);
  matchLabels[podTemplateHashLabel] = hash;
  spec.selector = withField(selector, 'matchLabels', matchLabels);
  const templateMeta = copyOf(template.metadata);
  templateMeta.labels = labels;
  spec.template = withField(template, 'metadata', templateMeta);
  const made = { hash, labels, spec };
  if (key) newSpecs.set(key, made);
  return made;
}

function newReplicaSetFor(deployment: Deployment, hash: string, revision: number): ReplicaSet {
  const { labels, spec } = newSpecFor(deployment, hash);
  const meta: ObjectMeta = {
    name: replicaSetName(deployment.metadata?.name ?? '', hash),
    namespace: namespaceOf(deployment),
    labels,
    annotations: annotationsFor(deployment, revision),
    ownerReferences: [deploymentRef(deployment)],
    generation: 1,
  };
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta, spec };
}

/**
 * FindActiveOrLatest (deployment_util.go) among the old ReplicaSets of a paused Deployment with
 * no new one, which scale() sizes to the Deployment: the one with replicas, else the newest;
 * -1 when several have replicas (scaled proportionally upstream; kept as they are here).
 */
function activeOrLatest(replicaSets: readonly ReplicaSet[], indexes: readonly number[]): number {
  const active = indexes.filter((i) => replicasOf(replicaSets[i]?.spec) > 0);
  if (active.length > 1) return -1;
  if (active.length === 1) return active[0] as number;
  let latest = -1;
  for (const i of indexes) {
    const at = replicaSets[i]?.metadata?.creationTimestamp ?? '';
    if (latest === -1 || at >= (replicaSets[latest]?.metadata?.creationTimestamp ?? '')) latest = i;
  }
  return latest;
}

/**
 * An owned ReplicaSet as the Deployment controller leaves it: scaled to `replicas`
 * (scaleReplicaSet, which also sets the desired-replicas and max-replicas annotations); for the
 * new one (`newRevision` > 0), the Deployment's annotations copied, its revision raised to
 * `newRevision` when lower (the one it had kept in revision-history) and minReadySeconds synced
 * (getNewReplicaSet, SetNewReplicaSetAnnotations). The API server counts a spec change in the
 * generation.
 */
function syncedReplicaSet(
  deployment: Deployment,
  rs: ReplicaSet,
  replicas: number,
  newRevision: number,
): ReplicaSet {
  const spec = copyOf(rs.spec);
  const annotations: Record<string, string> = copyOf(rs.metadata?.annotations);
  if (newRevision > 0) {
    for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {}))
      if (!skippedAnnotations.has(k)) define(annotations, k, String(v));
    const old = annotations[revisionAnnotation];
    // A revision that is not an integer is left alone, as SetNewReplicaSetAnnotations leaves it.
    const current = old === '' ? 0 : revisionNumber(old);
    if (current < newRevision) {
      annotations[revisionAnnotation] = String(newRevision);
      if (old !== undefined) {
        const history = annotations[revisionHistoryAnnotation];
        annotations[revisionHistoryAnnotation] = history ? `${history},${old}` : old;
      }
    }
    const minReadySeconds = deployment.spec?.minReadySeconds;
    if (minReadySeconds) spec.minReadySeconds = minReadySeconds;
    else delete spec.minReadySeconds;
  }
  if (replicasOf(rs.spec) !== replicas) {
    spec.replicas = replicas;
    annotations[desiredReplicasAnnotation] = String(replicasOf(deployment.spec));
    annotations[maxReplicasAnnotation] = String(replicasOf(deployment.spec) + maxSurge(deployment));
  }
  const metadata = copyOf(rs.metadata);
  if (Object.keys(annotations).length > 0 || rs.metadata?.annotations)
    metadata.annotations = annotations;
  if (!equalJSON(spec, rs.spec)) metadata.generation = (rs.metadata?.generation ?? 1) + 1;
  return { ...rs, metadata, spec };
}

/** The Deployment with its revision annotation set (copies; the stored object is not changed). */
function withRevision(deployment: Deployment, revision: string): Deployment {
  const annotations: Record<string, string> = copyOf(deployment.metadata?.annotations);
  annotations[revisionAnnotation] = revision;
  const metadata = copyOf(deployment.metadata);
  metadata.annotations = annotations;
  return withField(deployment, 'metadata', metadata);
}

/** The controller reference a ReplicaSet the Deployment adopts gets. */
function deploymentRef(deployment: Deployment): OwnerReference {
  return newControllerRef({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: deployment.metadata,
  });
}

/**
 * What a Deployment that owned no given ReplicaSet made, where its ReplicaSet's name was free
 * at the first try: a later run with an equal Deployment (same seed), owning none either and
 * finding that name free, makes the very same, so it is lent the earlier run's objects (the
 * ReplicaSet as that run stored it).
 */
export interface DeploymentMade {
  deployment: Deployment;
  sync: DeploymentSync;
  replicaSet: ReplicaSet;
}

/**
 * syncDeployment / getNewReplicaSet (pkg/controller/deployment/sync.go at
 * 737067c1d67d6118c3c3abf58b4f00e67a2409df): adopt orphan ReplicaSets the selector matches,
 * find the one whose template equals the Deployment's (ignoring pod-template-hash), create it
 * when missing (not while paused), give it the desired replicas and scale the others to zero,
 * as a finished rollout leaves them. Returns every ReplicaSet, given and new, in order.
 */
export function syncDeployments(
  deployments: readonly Deployment[],
  given: readonly ReplicaSet[],
  previous?: ReadonlyMap<string, DeploymentMade>,
): {
  replicaSets: ReplicaSet[];
  /** The rsKey of each of `replicaSets`. */
  keys: string[];
  syncs: DeploymentSync[];
  /** What each Deployment made as DeploymentMade describes, by `namespace/name`. */
  made: Map<string, DeploymentMade>;
  /** The ReplicaSets lent by `previous`, as it stored them. */
  lent: Set<ReplicaSet>;
} {
  const made = new Map<string, DeploymentMade>();
  const lent = new Set<ReplicaSet>();
  const replicaSets = [...given];
  const byNamespace = new Map<string, number[]>();
  replicaSets.forEach((rs, i) => {
    const ns = namespaceOf(rs);
    const list = byNamespace.get(ns);
    if (list) list.push(i);
    else byNamespace.set(ns, [i]);
  });
  // Each ReplicaSet's key, made once: it names the ReplicaSet in every sync and in `names`.
  const keys = replicaSets.map(rsKey);
  const names = new Set(keys);
  const syncs: DeploymentSync[] = [];

  for (const deployment of deployments) {
    const namespace = namespaceOf(deployment);
    const selector = deployment.spec?.selector;
    const templateLabels = deployment.spec?.template?.metadata?.labels;
    const selects = selectsAnything(selector);
    if (!selects || !matchesLabelSelector(selector, templateLabels)) {
      syncs.push({ deployment, owned: [] });
      continue;
    }
    const indexes = byNamespace.get(namespace) ?? [];
    const ownedIdx = indexes.filter((i) => {
      const rs = replicaSets[i];
      return rs !== undefined && ownedReplicaSets(deployment, [rs]).length === 1;
    });
    const key = `${namespace}/${deployment.metadata?.name ?? ''}`;
    const before = ownedIdx.length === 0 ? previous?.get(key) : undefined;
    const lentKey = before ? rsKey(before.replicaSet) : '';
    if (before && !names.has(lentKey) && equalJSON(before.deployment, deployment)) {
      names.add(lentKey);
      replicaSets.push(before.replicaSet);
      keys.push(lentKey);
      lent.add(before.replicaSet);
      syncs.push(before.sync);
      made.set(key, before);
      continue;
    }
    const want = ownedIdx.length > 0 ? withoutHash(deployment.spec?.template) : '';
    let newIndex = ownedIdx.find((i) => withoutHash(replicaSets[i]?.spec?.template) === want);
    // MaxRevision of the old ReplicaSets (FindOldReplicaSets: every owned one but the new); a
    // revision that is not an integer counts as none.
    let maxRevision = 0;
    for (const i of ownedIdx)
      if (i !== newIndex)
        maxRevision = Math.max(maxRevision, revisionOf(replicaSets[i] as ReplicaSet) || 0);
    const scaledUp =
      newIndex ?? (deployment.spec?.paused ? activeOrLatest(replicaSets, ownedIdx) : undefined);
    for (const i of ownedIdx) {
      const rs = replicaSets[i] as ReplicaSet;
      const meta = controllerOf(rs.metadata)
        ? rs.metadata
        : withOwner(rs.metadata ?? {}, deploymentRef(deployment));
      const replicas =
        i === scaledUp ? replicasOf(deployment.spec) : scaledUp === -1 ? replicasOf(rs.spec) : 0;
      replicaSets[i] = syncedReplicaSet(
        deployment,
        { ...rs, metadata: meta },
        replicas,
        i === newIndex ? maxRevision + 1 : 0,
      );
    }
    const ownedNone = ownedIdx.length === 0;
    let collisions = 0;
    if (newIndex === undefined && !deployment.spec?.paused) {
      let hash = computeHash(deployment.spec?.template);
      const prefix = `${namespace}/`;
      const name = deployment.metadata?.name ?? '';
      let rsKeyOfHash = prefix + replicaSetName(name, hash);
      while (names.has(rsKeyOfHash)) {
        collisions++;
        hash = computeHash(deployment.spec?.template, collisions);
        rsKeyOfHash = prefix + replicaSetName(name, hash);
      }
      const rs = newReplicaSetFor(deployment, hash, maxRevision + 1);
      names.add(rsKeyOfHash);
      keys.push(rsKeyOfHash);
      newIndex = replicaSets.push(rs) - 1;
      ownedIdx.push(newIndex);
    }
    const newReplicaSet = newIndex === undefined ? undefined : replicaSets[newIndex];
    // SetDeploymentRevision: the new ReplicaSet's revision; without one, the Deployment's own.
    const revision = newReplicaSet?.metadata?.annotations?.[revisionAnnotation];
    const annotated: Deployment =
      revision !== undefined ? withRevision(deployment, revision) : deployment;
    const owned = ownedIdx.map((i) => keys[i] as string);
    const sync: DeploymentSync =
      newIndex === undefined
        ? { deployment: annotated, owned }
        : { deployment: annotated, newReplicaSet: keys[newIndex] as string, owned };
    if (collisions > 0) sync.collisionCount = collisions;
    syncs.push(sync);
    if (ownedNone && collisions === 0 && newReplicaSet)
      made.set(key, { deployment, sync, replicaSet: newReplicaSet });
  }
  return { replicaSets, keys, syncs, made, lent };
}
