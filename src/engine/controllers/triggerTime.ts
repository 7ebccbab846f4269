/**
 * The `endpoints.kubernetes.io/last-change-trigger-time` annotation the Endpoints and
 * EndpointSlice controllers write on the objects they create or update
 * (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go at
 * 16913111deb1a4c4ff76f4ba7ffd9ebef397a303).
 */
import type { Pod, Service } from '../model';

export const triggerTimeAnnotation = 'endpoints.kubernetes.io/last-change-trigger-time';

/** getPodTriggerTime: the lastTransitionTime of the pod's Ready condition (NaN when none). */
function podTriggerTime(pod: Pod): number {
  const conditions = pod.status?.conditions;
  if (!Array.isArray(conditions)) return NaN;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (c?.type === 'Ready') {
      const at = (c as { lastTransitionTime?: unknown }).lastTransitionTime;
      return typeof at === 'string' ? Date.parse(at) : NaN;
    }
  }
  return NaN;
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
  const created = service.metadata?.creationTimestamp;
  let latest = typeof created === 'string' ? Date.parse(created) : NaN;
  for (let i = 0; i < pods.length; i++) {
    const at = podTriggerTime(pods[i] as Pod);
    if (at > latest || (Number.isNaN(latest) && !Number.isNaN(at))) latest = at;
  }
  return Number.isNaN(latest) ? undefined : formatRFC3339Nano(latest);
}
