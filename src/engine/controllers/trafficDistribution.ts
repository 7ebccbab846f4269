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

/** The trafficDistribution values the preferClose heuristic serves. */
const closeDistributions = new Set(['PreferClose', 'PreferSameZone', 'PreferSameNode']);

/** trafficdist's preferCloseHeuristic: zone hints, and node hints too for PreferSameNode. */
export interface CloseHeuristic {
  nodeHints: boolean;
}

/**
 * The heuristic trafficDistribution asks for, when it sets the hints (else they are removed):
 * none under the topology annotation, whose own heuristic takes precedence
 * (reconciler.go validTrafficDistribution).
 */
export function closeHeuristic(service: Service): CloseHeuristic | undefined {
  const value = service.spec?.trafficDistribution;
  if (value === undefined || !closeDistributions.has(value)) return undefined;
  if (hintsEnabled(service.metadata?.annotations)) return undefined;
  return { nodeHints: value === 'PreferSameNode' };
}

/** preferCloseHeuristic.needsUpdate: a ready endpoint's zone or node hint is missing, wrong or stale. */
export function needsCloseHints(slice: EndpointSlice, h: CloseHeuristic): boolean {
  return (slice.endpoints ?? []).some((e) => {
    if (e.conditions?.ready !== true) return false;
    const zones = e.hints?.forZones ?? [];
    const nodes = e.hints?.forNodes ?? [];
    if (e.zone !== undefined ? zones.length !== 1 || zones[0]?.name !== e.zone : zones.length > 0)
      return true;
    const wantsNode = h.nodeHints && e.nodeName !== undefined;
    return wantsNode ? nodes.length !== 1 || nodes[0]?.name !== e.nodeName : nodes.length > 0;
  });
}

/**
 * trafficdist.ReconcileHints with the preferClose heuristic
 * (staging/src/k8s.io/endpointslice/trafficdist/trafficdist.go at
 * 19952a2b7bd575ccb22c510976f5676530dad49a): each ready endpoint with a zone is hinted for
 * its own zone and, for PreferSameNode, each with a node for its own node.
 */
export function addCloseHints(slices: readonly EndpointSlice[], h: CloseHeuristic): void {
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready !== true) continue;
      const { zone, nodeName } = endpoint;
      const forNodes = h.nodeHints && nodeName !== undefined ? [{ name: nodeName }] : undefined;
      if (zone === undefined && !forNodes) delete endpoint.hints;
      else
        endpoint.hints = {
          ...(zone !== undefined ? { forZones: [{ name: zone }] } : {}),
          ...(forNodes ? { forNodes } : {}),
        };
    }
  }
}
