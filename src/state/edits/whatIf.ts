/**
 * The what-if actions, each an edit of the YAML text (the text stays the one source of truth):
 * pure functions from the text and what the graph shows to the new text and a message that says,
 * in kubectl's words, what happened.
 */
import type { ProxyMode, TrafficPolicy } from '../../engine/model';
import type { NodeSummary, PodSummary, ServiceSummary } from '../../worker/protocol';
import { appendDocument, findObject, removeObject, setField, type FoundObject } from './objects';
import {
  deletionGracePeriodSeconds,
  deletionTimestamp,
  findPod,
  findPodOwner,
  podManifest,
  withReady,
  type PodChange,
} from './pods';
import type { Json } from './yamlText';

export type EditOutcome =
  { ok: true; text: string; message: string } | { ok: false; message: string };

/** What a node what-if needs to know of the cluster on screen. */
export interface ClusterView {
  nodes: NodeSummary[];
  pods: PodSummary[];
  defaultNodes: boolean;
}

const refused = (message: string): EditOutcome => ({ ok: false, message });

function statusOf(found: FoundObject): Record<string, unknown> {
  const status = found.object.status;
  return typeof status === 'object' && status !== null ? (status as Record<string, unknown>) : {};
}

/** Writes the change on the pod's own document, or writes the pod out from its owner's template. */
function changePod(
  text: string,
  pod: PodSummary,
  change: PodChange,
  comment: string,
): string | undefined {
  const written = findPod(text, pod);
  if (!written) {
    const owner = findPodOwner(text, pod);
    if (!owner) return undefined;
    return appendDocument(text, podManifest(pod, owner.object, change), comment);
  }
  let out = text;
  const refresh = () => findPod(out, pod) ?? written;
  if (change.terminating) {
    out = setField(out, refresh(), ['metadata', 'deletionTimestamp'], deletionTimestamp);
    out = setField(
      out,
      refresh(),
      ['metadata', 'deletionGracePeriodSeconds'],
      deletionGracePeriodSeconds,
    );
  }
  if (change.ready !== undefined) {
    const status = statusOf(written);
    const [ip] = pod.podIPs;
    if (!status.phase) out = setField(out, refresh(), ['status', 'phase'], 'Running');
    if (!status.podIP && !status.podIPs && ip)
      out = setField(out, refresh(), ['status', 'podIP'], ip);
    out = setField(
      out,
      refresh(),
      ['status', 'conditions'],
      withReady(status.conditions, change.ready),
    );
  }
  return out;
}

const ownerName = (pod: PodSummary) => pod.owner?.split('/')[1] ?? '';

/**
 * `kubectl delete pod`: the pod is Terminating for its grace period (deletionTimestamp set), and
 * its ReplicaSet, counting only active pods, creates a replacement. A pod without a controller
 * is simply removed from the text.
 */
export function deletePod(text: string, pod: PodSummary): EditOutcome {
  if (pod.terminating) return refused(`pod "${pod.name}" is already terminating`);
  if (!pod.owner) {
    const written = findPod(text, pod);
    if (!written) return refused(`pod "${pod.name}" is built in: the text does not hold it`);
    return {
      ok: true,
      text: removeObject(text, written),
      message: `pod "${pod.name}" deleted; no controller owns it, so nothing replaces it`,
    };
  }
  const comment = `what-if: kubectl delete pod ${pod.name} (Terminating for ${deletionGracePeriodSeconds}s; its ReplicaSet creates a replacement)`;
  const out = changePod(text, pod, { terminating: true }, comment);
  if (out === undefined) return refused(`pod "${pod.name}" belongs to a built-in ${pod.owner}`);
  return {
    ok: true,
    text: out,
    message: `pod "${pod.name}" deleted: Terminating for its ${deletionGracePeriodSeconds}s grace period; ReplicaSet ${ownerName(pod)} creates a replacement`,
  };
}

/** The pod's Ready condition set to False (or back to True), as its kubelet would report it. */
export function setPodReady(text: string, pod: PodSummary, ready: boolean): EditOutcome {
  const comment = `what-if: pod ${pod.name} with its Ready condition ${ready ? 'True' : 'False'} (adopted by its ReplicaSet)`;
  const out = changePod(text, pod, { ready }, comment);
  if (out === undefined)
    return refused(`pod "${pod.name}" belongs to a built-in ${pod.owner ?? 'object'}`);
  return {
    ok: true,
    text: out,
    message: `pod "${pod.name}" ${ready ? 'ready' : 'not ready'}: its endpoints are ${ready ? 'ready' : 'not ready'}`,
  };
}

/** The Deployment (or bare ReplicaSet) of the text that owns the pod. */
export function scalableOf(text: string, pod: PodSummary): FoundObject | undefined {
  return findPodOwner(text, pod);
}

/** The replicas a Deployment or ReplicaSet asks for (1 when not given, as defaulting sets). */
export function replicasOf(found: FoundObject): number {
  const spec = found.object.spec as { replicas?: unknown } | undefined;
  return typeof spec?.replicas === 'number' ? spec.replicas : 1;
}

/** `kubectl scale --replicas=N`. */
export function scale(text: string, found: FoundObject, replicas: number): EditOutcome {
  const n = Math.max(0, Math.floor(replicas));
  const kind = String(found.object.kind).toLowerCase();
  const name = String(found.object.metadata?.name ?? '');
  return {
    ok: true,
    text: setField(text, found, ['spec', 'replicas'], n),
    message: `${kind}.apps/${name} scaled to ${n}`,
  };
}

/** The Nodes the playground assumes, written out as `kubectl get node -o yaml` shows them. */
function nodeManifests(nodes: NodeSummary[]): Json[] {
  return nodes.map((node) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, labels: { 'kubernetes.io/hostname': node.name } },
    spec: { ...(node.podCIDRs[0] ? { podCIDR: node.podCIDRs[0] } : {}) },
    status: {
      addresses: [
        ...node.internalIPs.map((address) => ({ type: 'InternalIP', address })),
        { type: 'Hostname', address: node.name },
      ],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
}

function withNodes(text: string, cluster: ClusterView): string {
  if (!cluster.defaultNodes) return text;
  return nodeManifests(cluster.nodes).reduce<string>(
    (out, node, i) =>
      appendDocument(
        out,
        node,
        i === 0 ? 'what-if: the three nodes the playground assumed, written out' : undefined,
      ),
    text,
  );
}

/** Keeps a running pod where it is: written with its node (a bound pod is not rescheduled). */
function pin(text: string, pod: PodSummary): string | undefined {
  const written = findPod(text, pod);
  if (written) {
    const spec = written.object.spec as { nodeName?: unknown } | undefined;
    return spec?.nodeName || !pod.nodeName
      ? text
      : setField(text, written, ['spec', 'nodeName'], pod.nodeName);
  }
  const owner = findPodOwner(text, pod);
  return owner
    ? appendDocument(
        text,
        podManifest(pod, owner.object, {}),
        `pod ${pod.name} keeps running on ${pod.nodeName ?? ''}`,
      )
    : undefined;
}

/** `kubectl cordon` (spec.unschedulable: true): the pods running there stay; new ones go elsewhere. */
export function cordon(text: string, node: NodeSummary, cluster: ClusterView): EditOutcome {
  let out = withNodes(text, cluster);
  const found = findObject(out, { kind: 'Node', name: node.name });
  if (!found) return refused(`node "${node.name}" is not in the text`);
  out = setField(out, found, ['spec', 'unschedulable'], true);
  const moved: string[] = [];
  for (const pod of cluster.pods.filter((p) => p.nodeName === node.name && !p.terminating)) {
    const pinned = pin(out, pod);
    if (pinned === undefined) moved.push(pod.key);
    else out = pinned;
  }
  const note = moved.length
    ? ` (the playground places built-in pods afresh, so ${moved.join(', ')} moved)`
    : '';
  return { ok: true, text: out, message: `node/${node.name} cordoned${note}` };
}

/** `kubectl uncordon`. */
export function uncordon(text: string, node: NodeSummary): EditOutcome {
  const found = findObject(text, { kind: 'Node', name: node.name });
  if (!found) return refused(`node "${node.name}" is not in the text`);
  return {
    ok: true,
    text: setField(text, found, ['spec', 'unschedulable'], undefined),
    message: `node/${node.name} uncordoned`,
  };
}

/**
 * `kubectl drain`: cordon, then evict every pod a controller owns (each Terminating; its
 * ReplicaSet replaces it on another node). Like kubectl without --force, it refuses to evict
 * pods that declare no controller.
 */
export function drain(text: string, node: NodeSummary, cluster: ClusterView): EditOutcome {
  const cordoned = cordon(text, node, cluster);
  if (!cordoned.ok) return cordoned;
  const pods = cluster.pods.filter((p) => p.nodeName === node.name && !p.terminating);
  const bare = pods.filter((p) => !p.owner);
  if (bare.length > 0) {
    return {
      ok: true,
      text: cordoned.text,
      message: `node/${node.name} cordoned; error: unable to drain node "${node.name}": cannot delete Pods that declare no controller (use --force to override): ${bare.map((p) => p.key).join(', ')}`,
    };
  }
  let out = cordoned.text;
  const evicted: string[] = [];
  for (const pod of pods) {
    const next = changePod(
      out,
      pod,
      { terminating: true },
      `what-if: evicted by kubectl drain ${node.name}`,
    );
    if (next === undefined) continue;
    out = next;
    evicted.push(pod.name);
  }
  const list = evicted.map((name) => `pod/${name} evicted`).join(', ');
  return {
    ok: true,
    text: out,
    message: `node/${node.name} cordoned${list ? `; ${list}` : ''}; node/${node.name} drained`,
  };
}

/** Switches a Service's externalTrafficPolicy between Cluster and Local. */
export function setExternalTrafficPolicy(
  text: string,
  service: ServiceSummary,
  policy: TrafficPolicy,
): EditOutcome {
  const external =
    service.type === 'NodePort' ||
    service.type === 'LoadBalancer' ||
    service.externalIPs.length > 0;
  if (!external) {
    return refused(
      `service "${service.name}": externalTrafficPolicy applies to NodePort and LoadBalancer Services and externalIPs`,
    );
  }
  const found = findObject(text, {
    kind: 'Service',
    namespace: service.namespace,
    name: service.name,
  });
  if (!found) return refused(`service "${service.name}" is built in: the text does not hold it`);
  return {
    ok: true,
    text: setField(text, found, ['spec', 'externalTrafficPolicy'], policy),
    message: `service/${service.name} patched: externalTrafficPolicy ${policy}`,
  };
}

/** kube-proxy's `mode`, in the text's KubeProxyConfiguration (added when there is none). */
export function setProxyMode(text: string, mode: ProxyMode): EditOutcome {
  const found = findObject(text, { kind: 'KubeProxyConfiguration' });
  const out = found
    ? setField(text, found, ['mode'], mode)
    : appendDocument(
        text,
        { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', mode },
        'what-if: kube-proxy mode',
      );
  return { ok: true, text: out, message: `kube-proxy mode: ${mode}` };
}
