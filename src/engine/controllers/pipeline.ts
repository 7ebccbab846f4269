/**
 * runControllers: what kube-controller-manager, kube-scheduler, the kubelets and a
 * load-balancer implementation make of the stored objects once the cluster has settled.
 * Input objects are never modified: every change is made on a copy.
 */
import { objectKey } from '../keys';
import type {
  Deployment,
  EndpointSlice,
  Endpoints,
  Finding,
  KubeObject,
  Node,
  ObjectMeta,
  Pod,
  ReplicaSet,
  Service,
} from '../model';
import { rsKey, syncDeployments } from './deployment';
import { deploymentStatus } from './deploymentStatus';
import { computeEndpoints } from './endpoints';
import {
  computeEndpointSlices,
  endpointSliceControllerName,
  managedByLabel,
  serviceNameLabel,
} from './endpointSlice';
import { mirrorEndpoints, mirroringControllerName } from './endpointSliceMirroring';
import { groupByKind, type ControllerInput, type ControllerOutput } from './groups';
import { runKubelets } from './kubelet';
import { namespaceOf, PodIndex, serviceSelector } from './labels';
import { assignLoadBalancerIPs } from './loadBalancer';
import { allocateNodeCIDRs } from './nodeIpam';
import { controllerOf } from './owners';
import { replicaSetStatus, syncReplicaSets, type ReplicaSetSync } from './replicaSet';
import { deriveUID, seededRandom } from './random';
import { sanitizeMeta } from './sanitize';
import { schedulePods, type Unschedulable } from './scheduler';

type WithMeta = KubeObject & { metadata: ObjectMeta };

/** The API server gives every object a uid; one the input lacks is derived from its key. */
function withUID<T extends WithMeta>(seed: number, object: T): T {
  if (object.metadata?.uid) return object;
  return { ...object, metadata: { ...object.metadata, uid: deriveUID(seed, objectKey(object)) } };
}

/**
 * An object a controller creates: a uid, and the creation time of the object that caused it.
 * The object is fresh (built by the controller in this run), so it is stamped in place.
 */
function created<T extends WithMeta>(seed: number, object: T, cause: ObjectMeta | undefined): T {
  const at = cause?.creationTimestamp;
  if (at) object.metadata.creationTimestamp = at;
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
  if (u.reasons.some((r) => r.includes('taint'))) return 'spec.tolerations';
  return 'spec';
}

/** What a pod's creation order and blame are read from: its ReplicaSet and that one's Deployment. */
interface Lineage {
  rsByKey: Map<string, ReplicaSet>;
  deploymentByKey: Map<string, Deployment>;
  /** Position of each stored object by objectKey. */
  order: Map<string, number>;
}

/** The object a created pod stems from: the Deployment of its ReplicaSet, else the ReplicaSet. */
function rootOf(rs: ReplicaSet, lineage: Lineage): Deployment | ReplicaSet | undefined {
  // Looked up by key, as the pod's owner reference names it (the pod's namespace is its RS's).
  const owner = lineage.rsByKey.get(rsKey(rs));
  const rsOwner = owner ? controllerOf(owner.metadata) : undefined;
  const deployment =
    rsOwner?.kind === 'Deployment'
      ? lineage.deploymentByKey.get(`${namespaceOf(rs)}/${rsOwner.name ?? ''}`)
      : undefined;
  return deployment ?? owner;
}

/**
 * The pods in creation order: a given pod at its own position, a created one just after the
 * object it stems from (stable: equal ranks keep the controller's order).
 */
function inCreationOrder(sync: ReplicaSetSync, lineage: Lineage): Pod[] {
  const { pods, createdBy } = sync;
  const firstCreated = pods.length - createdBy.length;
  const ranks = new Float64Array(pods.length);
  for (let i = 0; i < firstCreated; i++)
    ranks[i] = lineage.order.get(objectKey(pods[i] as Pod)) ?? 0;
  const rootRank = new Map<ReplicaSet, number>();
  for (let i = firstCreated; i < pods.length; i++) {
    const rs = createdBy[i - firstCreated] as ReplicaSet;
    let rank = rootRank.get(rs);
    if (rank === undefined) {
      const root = rootOf(rs, lineage);
      rank = root ? (lineage.order.get(objectKey(root)) ?? 0) + 0.5 : 0;
      rootRank.set(rs, rank);
    }
    ranks[i] = rank;
  }
  const indexes = Array.from(pods.keys());
  indexes.sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
  return indexes.map((i) => pods[i] as Pod);
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
    if (root) blame.set(podKey(pod), { object: objectKey(root), prefix: 'spec.template.' });
  }
  return blame;
}

export function runControllers(input: ControllerInput): ControllerOutput {
  const { seed, settings } = input;
  const objects = input.objects.map(sanitizeMeta);
  const groups = groupByKind(objects);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const report = (object: string, path: string, message: string, source: string) => {
    const key = `${object}\u0000${path}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ severity: 'warning', object, path, message, source });
  };

  const nodes = allocateNodeCIDRs(groups.nodes, settings.podSubnets);
  const nodesByName = new Map<string, Node>(nodes.map((n) => [n.metadata?.name ?? '', n]));

  // Deployment controller, then ReplicaSet controller.
  const deployments = groups.deployments.map((d) => withUID(seed, d));
  const givenRS = groups.replicaSets.map((rs) => withUID(seed, rs));
  const givenRSKeys = new Set(givenRS.map(rsKey));
  const deploymentByKey = new Map(
    deployments.map((d) => [`${namespaceOf(d)}/${d.metadata?.name ?? ''}`, d]),
  );
  const synced = syncDeployments(deployments, givenRS);
  const replicaSets = synced.replicaSets.map((rs) => {
    if (givenRSKeys.has(rsKey(rs))) return rs;
    const owner = controllerOf(rs.metadata);
    const deployment = owner
      ? deploymentByKey.get(`${namespaceOf(rs)}/${owner.name ?? ''}`)
      : undefined;
    return created(seed, rs, deployment?.metadata);
  });
  const givenPods = groups.pods.map((p) => withUID(seed, p));
  const rsSync = syncReplicaSets(replicaSets, givenPods, seed);
  const rsByKey = new Map(replicaSets.map((rs) => [rsKey(rs), rs]));
  // Pods exist in the order they were created: a controller's pods right after its owner.
  const order = new Map(objects.map((o, i) => [objectKey(o), i]));
  const lineage: Lineage = { rsByKey, deploymentByKey, order };
  const pods = inCreationOrder(rsSync, lineage);
  const fresh = new Set(rsSync.created);
  let blame: Map<string, Blame> | undefined;
  const blameOf = (pod: Pod) => (blame ??= blameByPod(rsSync, lineage)).get(podKey(pod));

  // Scheduler and kubelets.
  const scheduled = schedulePods(pods, nodes, fresh);
  for (const u of scheduled.unschedulable) {
    const b = blameOf(u.pod);
    if (b) report(b.object, b.prefix + schedulingPath(u), u.message, 'default-scheduler');
  }
  const kubelet = runKubelets(
    scheduled.pods,
    nodes,
    new Map(scheduled.unschedulable.map((u) => [u.pod, u.message])),
    fresh,
  );
  for (const p of kubelet.problems) {
    const b = blameOf(p.pod);
    if (b) report(b.object, b.prefix + p.path, p.message, 'kubelet');
  }
  const finalPods = kubelet.pods;
  // A pod this run created was completed in place: it is its own final version. Any other is
  // found by key (created pods' generated names never collide with given ones).
  const givenByKey = new Map<string, Pod>();
  for (const p of finalPods) if (!fresh.has(p)) givenByKey.set(podKey(p), p);
  const finalOf = (p: Pod) => (fresh.has(p) ? p : givenByKey.get(podKey(p)));

  // Statuses of ReplicaSets and Deployments.
  const finalRS: ReplicaSet[] = replicaSets.map((rs) => {
    const owned: Pod[] = [];
    for (const p of rsSync.owned.get(rsKey(rs)) ?? []) {
      const final = finalOf(p);
      if (final !== undefined) owned.push(final);
    }
    return replicaSetStatus(rs, owned);
  });
  const finalRSByKey = new Map(finalRS.map((rs) => [rsKey(rs), rs]));
  const finalDeployments = synced.syncs.map((s) => deploymentStatus(s, finalRSByKey));

  // Load balancers.
  const lb = assignLoadBalancerIPs(groups.services.map((s) => withUID(seed, s)));
  for (const p of lb.problems)
    report(objectKey(p.service), p.path, p.message, 'metallb-controller');
  const services = lb.services;

  // Endpoints, EndpointSlices, mirroring.
  const index = new PodIndex(finalPods);
  const givenEndpoints = groups.endpoints.map((e) => withUID(seed, e));
  const endpointsByKey = new Map(
    givenEndpoints.map((e) => [`${namespaceOf(e)}/${e.metadata?.name ?? ''}`, e]),
  );
  const servicesByKey = new Map(
    services.map((s) => [`${namespaceOf(s)}/${s.metadata?.name ?? ''}`, s]),
  );
  const sliceNames = new Map<string, Set<string>>();
  const takenIn = (ns: string) => {
    let set = sliceNames.get(ns);
    if (!set) sliceNames.set(ns, (set = new Set()));
    return set;
  };
  const reusable = new Map<string, EndpointSlice[]>();
  const keptSlices: EndpointSlice[] = [];
  for (const slice of groups.endpointSlices) {
    const ns = namespaceOf(slice);
    takenIn(ns).add(slice.metadata?.name ?? '');
    const managedBy = slice.metadata?.labels?.[managedByLabel];
    const owner = slice.metadata?.labels?.[serviceNameLabel];
    if (
      owner !== undefined &&
      (managedBy === endpointSliceControllerName || managedBy === mirroringControllerName)
    ) {
      const key = `${managedBy}/${ns}/${owner}`;
      reusable.set(key, [...(reusable.get(key) ?? []), slice]);
    } else keptSlices.push(slice);
  }

  const computedEndpoints = new Map<string, Endpoints>();
  const computedSlices: EndpointSlice[] = [];
  for (const service of services) {
    const ns = namespaceOf(service);
    const name = service.metadata?.name ?? '';
    const key = `${ns}/${name}`;
    const pairs = serviceSelector(service.spec?.selector);
    const reuseKey = `${endpointSliceControllerName}/${key}`;
    if (service.spec?.type === 'ExternalName' || pairs === undefined) {
      keptSlices.push(...(reusable.get(reuseKey) ?? []));
      continue;
    }
    const selected = index.selectSet(ns, pairs);
    const endpoints = computeEndpoints(service, selected, endpointsByKey.get(key));
    computedEndpoints.set(key, created(seed, endpoints, service.metadata));
    const reuse = new Map<EndpointSlice['addressType'] & string, string[]>();
    for (const s of reusable.get(reuseKey) ?? []) {
      const t = s.addressType ?? 'IPv4';
      reuse.set(t, [...(reuse.get(t) ?? []), s.metadata?.name ?? '']);
    }
    const result = computeEndpointSlices(service, selected, nodesByName, {
      random: seededRandom(seed, `EndpointSlice/${key}`),
      taken: takenIn(ns),
      reuse,
    });
    if (result.error) {
      report(
        objectKey(service),
        'spec.selector',
        `Error updating Endpoint Slices for Service ${key}: ${result.error}`,
        'endpointslice-controller',
      );
    }
    for (const slice of result.slices) computedSlices.push(created(seed, slice, service.metadata));
  }
  const endpoints = givenEndpoints.map(
    (e) => computedEndpoints.get(`${namespaceOf(e)}/${e.metadata?.name ?? ''}`) ?? e,
  );
  for (const [key, e] of computedEndpoints) if (!endpointsByKey.has(key)) endpoints.push(e);

  for (const e of givenEndpoints) {
    const key = `${namespaceOf(e)}/${e.metadata?.name ?? ''}`;
    if (computedEndpoints.has(key)) continue;
    const mirrored = mirrorEndpoints(e, servicesByKey.get(key), {
      random: seededRandom(seed, `EndpointSliceMirroring/${key}`),
      taken: takenIn(namespaceOf(e)),
      reuse: (reusable.get(`${mirroringControllerName}/${key}`) ?? []).map(
        (s) => s.metadata?.name ?? '',
      ),
    });
    for (const w of mirrored.warnings)
      report(objectKey(e), 'subsets', w, 'endpointslicemirroring-controller');
    for (const slice of mirrored.slices) computedSlices.push(created(seed, slice, e.metadata));
  }

  return {
    ...groups,
    nodes,
    pods: finalPods,
    deployments: finalDeployments,
    replicaSets: finalRS,
    services: services as Service[],
    endpoints,
    endpointSlices: [...keptSlices, ...computedSlices],
    findings,
  };
}
