/**
 * The ReplicaSet controller: adopt the orphan pods the selector matches, create the missing
 * ones from the template as `<replicaset>-<5 chars>`, delete the surplus, and report the
 * counts in status (pkg/controller/replicaset/replica_set.go at
 * 3e4a7900d75552087b6d82edb80ac44be8f71d67).
 */
import type { ObjectMeta, OwnerReference, Pod, PodSpec, ReplicaSet } from '../model';
import { replicasOf } from './deployment';
import { matchesLabelSelector, namespaceOf, PodIndex, selectsAnything } from './labels';
import { copyOf, withStatus } from './copy';
import { controllerOf, newControllerRef, refersTo, withOwner } from './owners';
import { isPodReady, isPodTerminal, isTerminating } from './podUtil';
import { equalJSON } from '../admission/json';
import { podSpecDefaults } from '../admission/podDefaults';
import { Origin, type Origins } from './origins';
import { deriveUID, generateName, seededRandom, TakenNames } from './random';
import { podsToDelete, type Candidate } from './podsToDelete';

/** FilterActivePods: neither terminal nor being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !isTerminating(pod);
}

/**
 * What every pod a ReplicaSet creates shares (GetPodFromTemplate,
 * pkg/controller/controller_utils.go): one frozen copy of the template's labels, annotations and
 * finalizers and of the owner reference, read by every pod (nothing writes a pod's metadata after
 * creation; freezing makes sure of it).
 */
interface PodTemplateParts {
  generateName: string;
  namespace: string;
  creationTimestamp: string | undefined;
  labels: Readonly<Record<string, string>> | undefined;
  annotations: Readonly<Record<string, string>> | undefined;
  ownerReferences: readonly OwnerReference[];
  /** The template's finalizers (getPodsFinalizers), when it has some. */
  finalizers: readonly string[] | undefined;
  spec: PodSpec;
}

/**
 * The frozen copy of each label or annotation map read: a ReplicaSet made for an unchanged
 * Deployment keeps its template's maps from run to run (see newSpecFor), and so its pods
 * share the same frozen copies (nothing modifies the maps they are copied from).
 */
const frozenCopies = new WeakMap<object, Readonly<Record<string, string>>>();

function frozenCopy(map: Record<string, string>): Readonly<Record<string, string>> {
  // Input read without admission may hold anything there: only objects are remembered.
  if (typeof map !== 'object') return Object.freeze(copyOf(map));
  let copy = frozenCopies.get(map);
  if (!copy) frozenCopies.set(map, (copy = Object.freeze(copyOf(map))));
  return copy;
}

function podTemplateParts(rs: ReplicaSet): PodTemplateParts {
  const template = rs.spec?.template ?? {};
  const labels = template.metadata?.labels;
  const annotations = template.metadata?.annotations;
  const finalizers = template.metadata?.finalizers;
  const ref = newControllerRef({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: rs.metadata,
  });
  return {
    generateName: `${rs.metadata?.name ?? ''}-`,
    namespace: namespaceOf(rs),
    creationTimestamp: rs.metadata?.creationTimestamp || undefined,
    labels: labels ? frozenCopy(labels) : undefined,
    annotations: annotations ? frozenCopy(annotations) : undefined,
    ownerReferences: Object.freeze([Object.freeze(ref)]),
    finalizers:
      Array.isArray(finalizers) && finalizers.length > 0
        ? Object.freeze(finalizers.slice())
        : undefined,
    spec: podSpecDefaults(template.spec ?? {}),
  };
}

/**
 * A pod of the ReplicaSet: its own metadata and spec objects (the scheduler and the kubelet
 * complete them in place), the rest shared with its siblings. Keys in the API's order; the
 * generation the API server gives every pod it creates (podStrategy.PrepareForCreate).
 */
function newPod(parts: PodTemplateParts, name: string, seed: number): Pod {
  const { generateName, namespace, creationTimestamp, labels, annotations, finalizers } = parts;
  const uid = deriveUID(seed, `Pod/${namespace}/${name}`);
  // The frozen shared maps are typed mutable by ObjectMeta; nothing writes them.
  const ownerReferences = parts.ownerReferences as OwnerReference[];
  let metadata: ObjectMeta;
  // The usual metadata as one literal (keys added after it would be kept apart); else key by key.
  if (creationTimestamp && labels && !annotations && !finalizers)
    metadata = {
      name,
      generateName,
      namespace,
      uid,
      generation: 1,
      creationTimestamp,
      labels: labels as Record<string, string>,
      ownerReferences,
    };
  else {
    metadata = { name, generateName, namespace, uid, generation: 1 };
    if (creationTimestamp) metadata.creationTimestamp = creationTimestamp;
    if (labels) metadata.labels = labels as Record<string, string>;
    if (annotations) metadata.annotations = annotations as Record<string, string>;
    metadata.ownerReferences = ownerReferences;
    if (finalizers) metadata.finalizers = finalizers as string[];
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: copyOf(parts.spec) };
}

/**
 * The pods a ReplicaSet created, all of them (it selected no pod that existed), in their final
 * form once the run ends, with the names generated for them and whether generating met a taken
 * name. A later run whose ReplicaSet is equal, under the same seed, creates these same pods: it
 * takes them again (see ReplicaSetSync.reused).
 */
export interface MadePods {
  rs: ReplicaSet;
  pods: Pod[];
  names: string[];
  clean: boolean;
}

export interface ReplicaSetSync {
  /** Pods after the controller acted: the given ones (adopted or not, minus deleted surplus), then the new ones. */
  pods: Pod[];
  /** Each ReplicaSet (of those synced) -> the pods it owns. */
  owned: Map<ReplicaSet, Pod[]>;
  /**
   * The pods this run created (the tail of `pods`), and for each the ReplicaSet that created it.
   * They are this run's own objects: later controllers may complete their spec and status in place.
   */
  created: Pod[];
  createdBy: ReplicaSet[];
  /** What each ReplicaSet created (by rsKey), for the next run. */
  made: Map<string, MadePods>;
  /**
   * The origin of each of `pods`: given, created, or reused (one of `created` taken from the
   * previous run's MadePods, as that run left it, bound and with a status, to be scheduled and
   * run again as if new; an equal result keeps the object).
   */
  origins: Origins;
}

/**
 * syncReplicaSet for every ReplicaSet, in creation order (manageReplicas and claimPods); `keys`
 * holds the rsKey of each.
 */
export function syncReplicaSets(
  replicaSets: readonly ReplicaSet[],
  keys: readonly string[],
  given: readonly Pod[],
  seed: number,
  previous?: ReadonlyMap<string, MadePods>,
): ReplicaSetSync {
  const index = new PodIndex(given);
  const order = new Map(given.map((p, i) => [p, i]));
  const replaced = new Map<Pod, Pod>();
  const deleted = new Set<Pod>();
  const originalOf = new Map<Pod, Pod>();
  const created: Pod[] = [];
  const createdBy: ReplicaSet[] = [];
  const owned = new Map<ReplicaSet, Pod[]>();
  const made = new Map<string, MadePods>();
  /** The origin of each of `created`: created, or reused. */
  const createdOrigins: number[] = [];
  const names = new Map<string, TakenNames>();
  const namesIn = (ns: string) => {
    let set = names.get(ns);
    if (!set) {
      set = new TakenNames(index.inNamespace(ns).map((p) => p.metadata?.name ?? ''));
      names.set(ns, set);
    }
    return set;
  };

  for (let r = 0; r < replicaSets.length; r++) {
    const rs = replicaSets[r] as ReplicaSet;
    const key = keys[r] as string;
    const namespace = namespaceOf(rs);
    const selector = rs.spec?.selector;
    const selects = selectsAnything(selector);
    const mine: Candidate[] = [];
    // Claiming pods when the namespace has some (a pasted cluster has none to claim).
    if (selects && index.inNamespace(namespace).length > 0) {
      const ref = newControllerRef({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: rs.metadata,
      });
      for (const original of index.select(namespace, selector)) {
        if (deleted.has(original)) continue;
        const pod = replaced.get(original) ?? original;
        const controller = controllerOf(pod.metadata);
        if (controller && !refersTo(controller, 'ReplicaSet', rs.metadata)) continue;
        if (!controller) {
          // ClaimObject adopts neither for a ReplicaSet being deleted nor a pod being deleted
          // or finished (claimPods is given the active pods alone).
          if (rs.metadata?.deletionTimestamp || !isPodActive(pod)) continue;
          const adopted = { ...pod, metadata: withOwner(pod.metadata ?? {}, ref) };
          replaced.set(original, adopted);
          originalOf.set(adopted, original);
          mine.push({ pod: adopted, order: order.get(original) ?? 0 });
        } else mine.push({ pod, order: order.get(original) ?? 0 });
      }
    }
    const active = mine.filter((m) => isPodActive(m.pod));
    const desired = replicasOf(rs.spec);
    const templateMatches = matchesLabelSelector(selector, rs.spec?.template?.metadata?.labels);
    const pods = mine.map((m) => m.pod);
    if (active.length > desired) {
      const surplus = podsToDelete(active, active.length - desired, rs, replicaSets, index);
      const gone = new Set(surplus.map((m) => m.pod));
      for (const m of surplus) deleted.add(originalOf.get(m.pod) ?? m.pod);
      owned.set(
        rs,
        pods.filter((p) => !gone.has(p)),
      );
      continue;
    }
    if (selects && templateMatches && !rs.metadata?.deletionTimestamp && desired > active.length) {
      const taken = namesIn(namespace);
      const before = mine.length === 0 ? previous?.get(key) : undefined;
      let making: MadePods;
      if (
        before?.clean &&
        before.pods.length === desired &&
        equalJSON(before.rs, rs) &&
        !taken.holdsAny(before.names)
      ) {
        for (const name of before.names) taken.add(name);
        making = before;
      } else {
        const random = seededRandom(seed, `ReplicaSet/${namespace}/${rs.metadata?.name ?? ''}`);
        const parts = podTemplateParts(rs);
        const generated = taken.recording(() => {
          // Made at its length: the list is kept, for the next run, as long as the pods.
          const out = new Array<Pod>(desired - active.length);
          for (let i = 0; i < out.length; i++)
            out[i] = newPod(parts, generateName(random, parts.generateName, taken), seed);
          return out;
        });
        making = {
          rs,
          pods: generated.value,
          names: generated.added,
          clean: generated.clean && mine.length === 0,
        };
      }
      const origin = making === before ? Origin.reused : Origin.created;
      for (const pod of making.pods) {
        created.push(pod);
        createdBy.push(rs);
        createdOrigins.push(origin);
      }
      made.set(key, making);
      // Owning only the pods it made: their list, not a copy (nothing changes either).
      owned.set(rs, pods.length === 0 ? making.pods : [...pods, ...making.pods]);
      continue;
    }
    owned.set(rs, pods);
  }

  const kept = given.filter((p) => !deleted.has(p)).map((p) => replaced.get(p) ?? p);
  const origins: Origins = new Uint8Array(kept.length + created.length);
  origins.set(createdOrigins, kept.length);
  return { pods: [...kept, ...created], owned, created, createdBy, made, origins };
}

/**
 * calculateStatus (pkg/controller/replicaset/replica_set_utils.go): counts over the active
 * pods it owns; available = ready (minReadySeconds has long passed in the playground's clock);
 * terminatingReplicas, the owned pods being deleted that have not finished (FilterTerminatingPods:
 * DeploymentReplicaSetTerminatingReplicas, beta and on since 1.35), always written, zero too.
 * A status the input gave is kept.
 */
export function replicaSetStatus(rs: ReplicaSet, pods: readonly Pod[]): ReplicaSet {
  if (rs.status && Object.keys(rs.status).length > 0) return rs;
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
  // Counted in one pass, without a list per count: every ReplicaSet, every run.
  let replicas = 0;
  let fully = 0;
  let ready = 0;
  let terminating = 0;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i] as Pod;
    if (isPodTerminal(pod)) continue;
    if (isTerminating(pod)) {
      terminating++;
      continue;
    }
    replicas++;
    if (hasLabels(pod, templateLabels)) fully++;
    if (isPodReady(pod)) ready++;
  }
  const observedGeneration = rs.metadata?.generation ?? 1;
  // The usual status as one literal, in the API's key order; else key by key (zeros left out).
  let status: NonNullable<ReplicaSet['status']>;
  if (fully > 0 && ready > 0)
    status = {
      replicas,
      fullyLabeledReplicas: fully,
      readyReplicas: ready,
      availableReplicas: ready,
      terminatingReplicas: terminating,
      observedGeneration,
    };
  else {
    status = { replicas };
    if (fully > 0) status.fullyLabeledReplicas = fully;
    if (ready > 0) {
      status.readyReplicas = ready;
      status.availableReplicas = ready;
    }
    status.terminatingReplicas = terminating;
    status.observedGeneration = observedGeneration;
  }
  return withStatus(rs, status);
}

function hasLabels(pod: Pod, pairs: readonly [string, unknown][]): boolean {
  const labels = pod.metadata?.labels;
  for (let i = 0; i < pairs.length; i++) {
    const [k, v] = pairs[i] as [string, unknown];
    if (labels?.[k] !== v) return false;
  }
  return true;
}
