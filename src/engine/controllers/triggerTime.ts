/**
 * The `endpoints.kubernetes.io/last-change-trigger-time` annotation the Endpoints and
 * EndpointSlice controllers write on the objects they create or update
 * (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go at
 * 16913111deb1a4c4ff76f4ba7ffd9ebef397a303).
 */
import type { Pod, Service } from '../model';

export const triggerTimeAnnotation = 'endpoints.kubernetes.io/last-change-trigger-time';

/** getPodTriggerTime: the lastTransitionTime of the pod's Ready condition, as written. */
function podTriggerTime(pod: Pod): unknown {
  const conditions = pod.status?.conditions;
  if (!Array.isArray(conditions)) return undefined;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (c?.type === 'Ready') return (c as { lastTransitionTime?: unknown }).lastTransitionTime;
  }
  return undefined;
}

/**
 * A timestamp as the API server prints one (`2006-01-02T15:04:05Z`): such strings order as
 * their times do, so most comparisons need no parsing (this runs for every pod of every
 * Service, so the shape is checked by its separators only).
 */
function isPlainUTC(t: string): boolean {
  return (
    t.length === 20 &&
    t.charCodeAt(4) === 45 &&
    t.charCodeAt(7) === 45 &&
    t.charCodeAt(10) === 84 &&
    t.charCodeAt(13) === 58 &&
    t.charCodeAt(16) === 58 &&
    t.charCodeAt(19) === 90
  );
}

/** time.Time.UTC().Format(time.RFC3339Nano): no fraction when it is zero, no trailing zeros. */
function formatRFC3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}

/**
 * ComputeEndpointLastChangeTriggerTime, for a cluster that has synced each change in turn: a
 * Service seen for the first time triggers at its creationTimestamp, and each later sync at
 * the Ready transition of the pod that changed, so the settled objects carry the latest of
 * the Service's creationTimestamp and its pods' Ready lastTransitionTime. Undefined when
 * neither is known (the controller then clears the annotation).
 */
export function lastChangeTriggerTime(service: Service, pods: readonly Pod[]): string | undefined {
  let plain = '';
  let other = NaN;
  for (let i = -1; i < pods.length; i++) {
    const at = i < 0 ? service.metadata?.creationTimestamp : podTriggerTime(pods[i] as Pod);
    if (typeof at !== 'string' || at === '') continue;
    if (isPlainUTC(at)) {
      if (at > plain) plain = at;
      continue;
    }
    const ms = Date.parse(at);
    if (ms > other || (Number.isNaN(other) && !Number.isNaN(ms))) other = ms;
  }
  if (Number.isNaN(other)) return plain || undefined;
  if (plain && Date.parse(plain) >= other) return plain;
  return formatRFC3339Nano(other);
}
