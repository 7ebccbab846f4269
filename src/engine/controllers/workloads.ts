/**
 * The workload controllers, in the order a fresh cluster settles: node IPAM, Deployment ->
 * ReplicaSet -> Pods, the scheduler and the kubelets, then the ReplicaSet and Deployment
 * statuses. What they make depends on the Nodes, Deployments, ReplicaSets and Pods alone (and
 * on their relative order), never on Services or endpoints: see settleWorkloadsOnce in
 * ./reuse.ts, which keeps a result for a run whose workload input is unchanged.
 */
import { equalJSON } from '../admission/json';
import { objectKey } from '../keys';
import type {
  ClusterSettings,
  Deployment,
  Finding,
  KubeObject,
  Node,
  ObjectMeta,
  Pod,
  ReplicaSet,
} from '../model';
import { rsKey, syncDeployments, type DeploymentMade } from './deployment';
import { cleanupDeployments } from './deploymentCleanup';
import { findingsLog } from './groups';
import { runKubelets } from './kubelet';
import { namespaceOf, PodIndex } from './labels';
import { preFilterExcludedReason } from './nodeAffinity';
import { allocateNodeCIDRs } from './nodeIpam';
import { nodePortsReason } from './nodePorts';
import { controllerOf } from './owners';
import { syncReplicaSets, type MadePods, type ReplicaSetSync } from './replicaSet';
import { deriveUID } from './random';
import type { Origins } from './origins';
import { schedulePods, type Unschedulable } from './scheduler';
import { settleStatuses, type Statuses } from './statuses';

type WithMeta = KubeObject & { metadata: ObjectMeta };

/** The API server gives every object a uid; one the input lacks is derived from its key. */
export function withUID<T extends WithMeta>(seed: number, object: T): T {
  if (object.metadata?.uid) return object;
  return { ...object, metadata: { ...object.metadata, uid: deriveUID(seed, objectKey(object)) } };
}

/**
 * An object a controller creates: a uid, and the creation time of the object that caused it.
 * The object is fresh (built by the controller in this run), so it is stamped in place; a stored
 * object the controller updated keeps its own uid and creation time.
 */
export function created<T extends WithMeta>(
  seed: number,
  object: T,
  cause: ObjectMeta | undefined,
): T {
  const at = cause?.creationTimestamp;
  if (at && !object.metadata.creationTimestamp) object.metadata.creationTimestamp = at;
  if (!object.metadata.uid) object.metadata.uid = deriveUID(seed, objectKey(object));
  return object;
}

const podKey = (pod: Pod) => `${namespaceOf(pod)}/${pod.metadata?.name ?? ''}`;

/** Which object a pod's scheduling problem is reported on: the pod, or the template it came from. */
interface Blame {
  object: string;
  prefix: string;
}

function schedulingPath(u: Unschedulable): string {
  const spec = u.pod.spec ?? {};
  if (u.reasons.some((r) => r.includes('affinity/selector')))
    return spec.nodeSelector ? 'spec.nodeSelector' : 'spec.affinity';
  // NodeAffinity's PreFilter: the pod's matchFields name no node.
  if (u.reasons.includes(preFilterExcludedReason)) return 'spec.affinity';
  if (u.reasons.some((r) => r.includes('taint'))) return 'spec.tolerations';
  if (u.reasons.includes(nodePortsReason)) return 'spec.containers';
  return 'spec';
}

/** What a pod's creation order and blame are read from: its ReplicaSet and that one's Deployment. */
interface Lineage {
  deploymentByKey: Map<string, Deployment>;
  /** Position of a stored object (or of a copy of one) among the workload objects. */
  orderOf(object: KubeObject): number | undefined;
}

/** The object a created pod stems from: the Deployment of its ReplicaSet, else the ReplicaSet. */
function rootOf(rs: ReplicaSet, lineage: Lineage): Deployment | ReplicaSet {
  const rsOwner = controllerOf(rs.metadata);
  const deployment =
    rsOwner?.kind === 'Deployment'
      ? lineage.deploymentByKey.get(`${namespaceOf(rs)}/${rsOwner.name ?? ''}`)
      : undefined;
  return deployment ?? rs;
}

/**
 * orderOf for `objects`: by identity, and by key for a copy (a pod adopted, an object given a
 * uid), the key map built only when one is asked for.
 */
function positions(objects: readonly KubeObject[]): (object: KubeObject) => number | undefined {
  const byObject = new Map(objects.map((o, i) => [o, i]));
  let byKey: Map<string, number> | undefined;
  return (object) =>
    byObject.get(object) ??
    (byKey ??= new Map(objects.map((o, i) => [objectKey(o), i]))).get(objectKey(object));
}

/**
 * The pods in creation order, with their origins: a given pod at its own position, a created
 * one just after the object it stems from (stable: equal ranks keep the controller's order).
 */
function inCreationOrder(
  sync: ReplicaSetSync,
  lineage: Lineage,
): { pods: Pod[]; origins: Origins } {
  const { pods, createdBy, origins } = sync;
  const firstCreated = pods.length - createdBy.length;
  const ranks = new Float64Array(pods.length);
  for (let i = 0; i < firstCreated; i++) ranks[i] = lineage.orderOf(pods[i] as Pod) ?? 0;
  const rootRank = new Map<ReplicaSet, number>();
  for (let i = firstCreated; i < pods.length; i++) {
    const rs = createdBy[i - firstCreated] as ReplicaSet;
    let rank = rootRank.get(rs);
    if (rank === undefined) {
      rank = (lineage.orderOf(rootOf(rs, lineage)) ?? 0) + 0.5;
      rootRank.set(rs, rank);
    }
    ranks[i] = rank;
  }
  // Usually already in order (pods come from their owners in the owners' order): no sort then.
  let sorted = true;
  for (let i = 1; i < pods.length && sorted; i++)
    sorted = (ranks[i - 1] as number) <= (ranks[i] as number);
  if (sorted) return { pods: [...pods], origins: origins.slice() };
  const indexes = Array.from(pods.keys());
  indexes.sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
  return {
    pods: indexes.map((i) => pods[i] as Pod),
    origins: Uint8Array.from(indexes, (i) => origins[i] as number),
  };
}

/**
 * Which object each pod's problems are reported on, by pod key: a given pod itself, a created
 * one the template of its Deployment (or ReplicaSet). Built only when some pod has a problem.
 */
function blameByPod(sync: ReplicaSetSync, lineage: Lineage): Map<string, Blame> {
  const blame = new Map<string, Blame>();
  const { pods, createdBy } = sync;
  const firstCreated = pods.length - createdBy.length;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i] as Pod;
    if (i < firstCreated) {
      blame.set(podKey(pod), { object: objectKey(pod), prefix: '' });
      continue;
    }
    const root = rootOf(createdBy[i - firstCreated] as ReplicaSet, lineage);
    blame.set(podKey(pod), { object: objectKey(root), prefix: 'spec.template.' });
  }
  return blame;
}

/**
 * The final version of each pod of `pods`: the list itself when none changed (most pods were
 * completed in place), so that each ReplicaSet's status counts its list as made, and what the
 * next run is lent stays the very same.
 */
function finalsOf(pods: Pod[], finals: ReadonlyMap<Pod, Pod>): Pod[] {
  if (finals.size === 0) return pods;
  let out = pods;
  for (let i = 0; i < pods.length; i++) {
    const final = finals.get(pods[i] as Pod);
    if (final === undefined) continue;
    if (out === pods) out = [...pods];
    out[i] = final;
  }
  return out;
}

/** The workload objects as stored, in creation order (their relative order decides pod order). */
export interface WorkloadInput {
  settings: ClusterSettings;
  seed: number;
  /** Nodes, Deployments, ReplicaSets and Pods, in the order the API server stores them. */
  objects: readonly KubeObject[];
}

export interface Workloads {
  nodes: Node[];
  nodesByName: Map<string, Node>;
  pods: Pod[];
  /** The final pods, indexed by label for the Service controllers. */
  index: PodIndex;
  replicaSets: ReplicaSet[];
  deployments: Deployment[];
  /** What the scheduler and kubelets found, in the order they found it (no duplicates). */
  findings: Finding[];
  /** What each Deployment made, by `namespace/name`: lent to the next run. */
  deploymentsMade: ReadonlyMap<string, DeploymentMade>;
  /** What each ReplicaSet created, by rsKey, as the run left it: reused by the next run. */
  made: ReadonlyMap<string, MadePods>;
  /** The ReplicaSet and Deployment statuses, by key, and what each was computed from. */
  statuses: Statuses;
}

/**
 * Runs the workload controllers over `input.objects` (already sanitized). `previous`, a run under
 * the same settings and seed, lends the pods its ReplicaSets created and its statuses wherever
 * this run would make them equal (then the very same objects).
 */
export function settleWorkloads(input: WorkloadInput, previous?: Workloads): Workloads {
  const { seed, settings, objects } = input;
  const groups = {
    nodes: [] as Node[],
    deployments: [] as Deployment[],
    replicaSets: [] as ReplicaSet[],
    pods: [] as Pod[],
  };
  for (const o of objects) {
    if (o.kind === 'Node') groups.nodes.push(o as Node);
    else if (o.kind === 'Deployment') groups.deployments.push(o as Deployment);
    else if (o.kind === 'ReplicaSet') groups.replicaSets.push(o as ReplicaSet);
    else if (o.kind === 'Pod') groups.pods.push(o as Pod);
  }
  const { findings, report } = findingsLog();
  const nodes = allocateNodeCIDRs(groups.nodes, settings.podSubnets);
  const nodesByName = new Map<string, Node>(nodes.map((n) => [n.metadata?.name ?? '', n]));

  // Deployment controller, then ReplicaSet controller.
  const deployments = groups.deployments.map((d) => withUID(seed, d));
  const givenRS = groups.replicaSets.map((rs) => withUID(seed, rs));
  const givenRSKeys = new Set(givenRS.map(rsKey));
  const deploymentByKey = new Map(
    deployments.map((d) => [`${namespaceOf(d)}/${d.metadata?.name ?? ''}`, d]),
  );
  const synced = syncDeployments(deployments, givenRS, previous?.deploymentsMade);
  /** A made ReplicaSet stored as the previous run's equal one. */
  const storedAs = new Map<ReplicaSet, ReplicaSet>();
  // Each ReplicaSet's key, made once by syncDeployments (what follows keeps every name).
  const rsKeys = synced.keys;
  const replicaSets = synced.replicaSets.map((rs, i) => {
    const key = rsKeys[i] as string;
    if (givenRSKeys.has(key) || synced.lent.has(rs)) return rs;
    const owner = controllerOf(rs.metadata);
    const deployment = owner
      ? deploymentByKey.get(`${namespaceOf(rs)}/${owner.name ?? ''}`)
      : undefined;
    const made = created(seed, rs, deployment?.metadata);
    // The previous run's equal ReplicaSet: what was computed from it is found by identity.
    const before = previous?.statuses.replicaSets.get(key)?.from;
    if (before === undefined || !equalJSON(before, made)) return made;
    storedAs.set(made, before as ReplicaSet);
    return before as ReplicaSet;
  });
  const givenPods = groups.pods.map((p) => withUID(seed, p));
  const rsSync = syncReplicaSets(replicaSets, rsKeys, givenPods, seed, previous?.made);
  // For the next run: what each Deployment made, with its ReplicaSet as this run stores it
  // (this run's own map, updated in place).
  const deploymentsMade: Map<string, DeploymentMade> = synced.made;
  if (storedAs.size > 0)
    for (const [key, m] of deploymentsMade) {
      const stored = storedAs.get(m.replicaSet);
      if (stored !== undefined) deploymentsMade.set(key, { ...m, replicaSet: stored });
    }
  // Pods exist in the order they were created: a controller's pods right after its owner.
  const lineage: Lineage = { deploymentByKey, orderOf: positions(objects) };
  const { pods, origins } = inCreationOrder(rsSync, lineage);
  let blame: Map<string, Blame> | undefined;
  const blameOf = (pod: Pod) => (blame ??= blameByPod(rsSync, lineage)).get(podKey(pod));

  // Scheduler and kubelets.
  const scheduled = schedulePods(pods, nodes, origins);
  for (const u of scheduled.unschedulable) {
    const b = blameOf(u.pod);
    if (b) report(b.object, b.prefix + schedulingPath(u), u.message, 'default-scheduler');
  }
  const kubelet = runKubelets(
    scheduled.pods,
    nodes,
    new Map(scheduled.unschedulable.map((u) => [u.pod, u.message])),
    scheduled.origins,
  );
  for (const p of kubelet.problems) {
    const b = blameOf(p.pod);
    if (b) report(b.object, b.prefix + p.path, p.message, 'kubelet');
  }
  const finalPods = kubelet.pods;
  // The scheduler and the kubelets keep the pods' order: each pod's final version, where it
  // is another object (most pods were completed in place, or kept). Every pod a ReplicaSet
  // made or owns is one of `pods`.
  const finals = new Map<Pod, Pod>();
  for (let i = 0; i < pods.length; i++)
    if (finalPods[i] !== pods[i]) finals.set(pods[i] as Pod, finalPods[i] as Pod);
  // Each ReplicaSet's pods as this run leaves them (this run's own map, updated in place).
  const made: Map<string, MadePods> = rsSync.made;
  if (finals.size > 0)
    for (const [key, m] of made) {
      const pods = finalsOf(m.pods, finals);
      if (pods !== m.pods) made.set(key, { ...m, pods });
    }

  // Statuses of ReplicaSets and Deployments.
  const {
    replicaSets: finalRS,
    deployments: finalDeployments,
    statuses,
  } = settleStatuses({
    replicaSets,
    keys: rsKeys,
    owned: (rs) => finalsOf(rsSync.owned.get(rs) ?? [], finals),
    syncs: synced.syncs,
    previous: previous?.statuses,
  });

  // Old ReplicaSets beyond the revision history (their pods are all gone: they have none).
  const removed = cleanupDeployments(synced.syncs, finalDeployments, finalRS, rsKeys);
  const keptRS =
    removed.size === 0 ? finalRS : finalRS.filter((_, i) => !removed.has(rsKeys[i] as string));

  return {
    nodes,
    nodesByName,
    pods: finalPods,
    index: PodIndex.of(finalPods),
    replicaSets: keptRS,
    deployments: finalDeployments,
    findings,
    deploymentsMade,
    made,
    statuses,
  };
}
