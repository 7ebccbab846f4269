/**
 * Hints on a Service's EndpointSlice endpoints: which heuristic sets them
 * (staging/src/k8s.io/endpointslice/reconciler.go validTrafficDistribution and hintsEnabled
 * in utils.go) and the one for trafficDistribution.
 */
import type { EndpointSlice, Service } from '../model';

const topologyAwareHintsAnnotation = 'service.kubernetes.io/topology-aware-hints';
const topologyModeAnnotation = 'service.kubernetes.io/topology-mode';

/**
 * hintsEnabled (staging/src/k8s.io/endpointslice/utils.go): the topology-aware-hints
 * annotation, else topology-mode, is Auto or auto.
 */
export function hintsEnabled(annotations: Readonly<Record<string, string>> | undefined): boolean {
  const a = annotations ?? {};
  const value = Object.hasOwn(a, topologyAwareHintsAnnotation)
    ? a[topologyAwareHintsAnnotation]
    : a[topologyModeAnnotation];
  return value === 'Auto' || value === 'auto';
}

/** Whether trafficDistribution's preferClose heuristic sets the hints (else they are removed). */
export function preferClose(service: Service): boolean {
  return (
    service.spec?.trafficDistribution === 'PreferClose' &&
    !hintsEnabled(service.metadata?.annotations)
  );
}

/** preferCloseHeuristic.needsUpdate: a ready endpoint's zone hint is missing, wrong or stale. */
export function needsPreferCloseHints(slice: EndpointSlice): boolean {
  return (slice.endpoints ?? []).some((e) => {
    if (e.conditions?.ready !== true) return false;
    const zones = e.hints?.forZones ?? [];
    if (e.zone) return zones.length !== 1 || zones[0]?.name !== e.zone;
    return zones.length > 0 || (e.hints?.forNodes ?? []).length > 0;
  });
}

/**
 * trafficdist.ReconcileHints with the preferClose heuristic
 * (staging/src/k8s.io/endpointslice/trafficdist/trafficdist.go at
 * 19952a2b7bd575ccb22c510976f5676530dad49a): each ready endpoint with a zone is hinted for
 * its own zone. Only PreferClose is a valid trafficDistribution here (PreferSameZone and
 * PreferSameNode are behind a gate this cluster does not enable, as its validation says).
 */
export function addPreferCloseHints(slices: readonly EndpointSlice[]): void {
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready !== true) continue;
      if (endpoint.zone) endpoint.hints = { forZones: [{ name: endpoint.zone }] };
      else delete endpoint.hints;
    }
  }
}
