/**
 * Pods as the text records them. A pod a ReplicaSet made is not in the text; to change it, the
 * what-ifs write it as `kubectl get pod -o yaml` would show it (name, labels, node, IP, status)
 * with the template of its ReplicaSet or Deployment, and without an owner reference: the
 * ReplicaSet adopts it, since its labels match (pkg/controller/replicaset claimPods).
 */
import type { PodSummary } from '../../worker/protocol';
import { findObject, type FoundObject, type Manifest } from './objects';
import type { Json } from './yamlText';

/** What `kubectl delete pod` stamps, with the default grace period: the playground's now + 30 s. */
export const deletionTimestamp = '2025-01-11T12:00:30Z';
export const deletionGracePeriodSeconds = 30;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The ReplicaSet or Deployment of the text that made the pod, if the text has it. */
export function findPodOwner(text: string, pod: PodSummary): FoundObject | undefined {
  const [kind, name] = pod.owner?.split('/') ?? [];
  if (kind !== 'ReplicaSet' || !name) return undefined;
  const rs = findObject(text, { kind: 'ReplicaSet', namespace: pod.namespace, name });
  if (rs) return rs;
  const hash = pod.labels['pod-template-hash'];
  const deployment = hash && name.endsWith(`-${hash}`) ? name.slice(0, -hash.length - 1) : '';
  return deployment
    ? findObject(text, { kind: 'Deployment', namespace: pod.namespace, name: deployment })
    : undefined;
}

/** The pod's own document, when the text has one. */
export function findPod(text: string, pod: PodSummary): FoundObject | undefined {
  return findObject(text, { kind: 'Pod', namespace: pod.namespace, name: pod.name });
}

export interface PodChange {
  terminating?: boolean;
  ready?: boolean;
}

/** The Ready condition set to `ready`, other conditions kept. */
export function withReady(conditions: unknown, ready: boolean): Json[] {
  const list = Array.isArray(conditions) ? (conditions as Json[]) : [];
  const others = list.filter((c) => record(c)?.type !== 'Ready');
  return [...others, { type: 'Ready', status: ready ? 'True' : 'False' }];
}

/** The manifest of a pod that the text does not hold yet, from its owner's template. */
export function podManifest(pod: PodSummary, owner: Manifest, change: PodChange): Json {
  const template = record(record(owner.spec)?.template);
  const spec = record(template?.spec) ?? {};
  const [firstIP] = pod.podIPs;
  const metadata: Record<string, Json> = {
    name: pod.name,
    ...(pod.namespace !== 'default' ? { namespace: pod.namespace } : {}),
    labels: pod.labels,
    ...(change.terminating ? { deletionTimestamp, deletionGracePeriodSeconds } : {}),
  };
  const status: Record<string, Json> = {
    phase: 'Running',
    ...(firstIP ? { podIP: firstIP } : {}),
    ...(pod.podIPs.length > 1 ? { podIPs: pod.podIPs.map((ip) => ({ ip })) } : {}),
    conditions: withReady(undefined, change.ready ?? pod.ready),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: {
      ...(spec as Record<string, Json>),
      ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
    },
    status,
  };
}
