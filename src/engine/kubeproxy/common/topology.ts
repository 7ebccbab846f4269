/**
 * Which endpoints serve which traffic on a node: the traffic policies, the terminating-endpoint
 * fallback and topology hints (pkg/proxy/topology.go).
 */
import type { EndpointInfo } from './endpoints';
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from './servicePort';

export interface CategorizedEndpoints {
  /** Endpoints for `Cluster` policy traffic (empty when no traffic uses them). */
  clusterEndpoints: EndpointInfo[];
  /** Endpoints for `Local` policy traffic (empty when no traffic uses them). */
  localEndpoints: EndpointInfo[];
  /** Every endpoint this node can send traffic to (one KUBE-SEP chain each). */
  allReachableEndpoints: EndpointInfo[];
  /** Whether the Service has usable endpoints anywhere in the cluster. */
  hasAnyEndpoints: boolean;
}

const zoneLabel = 'topology.kubernetes.io/zone';

/** How cluster-policy traffic is narrowed by the endpoints' hints on this node, if at all. */
type TopologyMode = '' | 'PreferSameZone' | 'PreferSameNode';

/**
 * The topology mode the hints call for (pkg/proxy/topology.go topologyModeFromHints, with the
 * PreferSameTrafficDistribution gate on, its default): same node when every ready endpoint
 * has a node hint and one is for this node; else same zone when every ready endpoint has a zone
 * hint and one is for this node's zone; else none. The Service's own fields are not read: the
 * EndpointSlice controller hints only where the Service asks, and a given slice is read as is.
 */
function topologyModeFromHints(
  endpoints: readonly EndpointInfo[],
  nodeName: string,
  zone: string,
): TopologyMode {
  let hasReady = false;
  let allNodeHinted = true;
  let hintedForNode = false;
  let allZoneHinted = true;
  let hintedForZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    hasReady = true;
    if (!ep.nodeHints || ep.nodeHints.size === 0) allNodeHinted = false;
    else if (ep.nodeHints.has(nodeName)) hintedForNode = true;
    if (!ep.zoneHints || ep.zoneHints.size === 0) allZoneHinted = false;
    else if (ep.zoneHints.has(zone)) hintedForZone = true;
  }
  if (!hasReady) return '';
  if (allNodeHinted && hintedForNode) return 'PreferSameNode';
  if (allZoneHinted && hintedForZone) return 'PreferSameZone';
  return '';
}

/** Whether an endpoint serves this node under the mode (pkg/proxy/topology.go availableForTopology). */
function availableForTopology(
  ep: EndpointInfo,
  mode: TopologyMode,
  nodeName: string,
  zone: string,
): boolean {
  if (mode === 'PreferSameNode') return !!ep.nodeHints?.has(nodeName);
  if (mode === 'PreferSameZone') return !!ep.zoneHints?.has(zone);
  return true;
}

/**
 * Splits a Service port's endpoints into the cluster-policy and local-policy sets this node
 * uses, with the serving-and-terminating fallback (pkg/proxy/topology.go CategorizeEndpoints).
 */
export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[],
  info: ServicePortInfo,
  nodeName: string,
  nodeLabels: Readonly<Record<string, string>>,
): CategorizedEndpoints {
  let clusterEndpoints: EndpointInfo[] = [];
  let localEndpoints: EndpointInfo[] = [];
  let hasAnyEndpoints = false;
  let mode: TopologyMode = '';
  let useServingTerminating = false;
  const cluster = usesClusterEndpoints(info);
  if (cluster) {
    const zone = nodeLabels[zoneLabel] ?? '';
    mode = topologyModeFromHints(endpoints, nodeName, zone);
    clusterEndpoints = endpoints.filter(
      (ep) => ep.ready && availableForTopology(ep, mode, nodeName, zone),
    );
    if (clusterEndpoints.length === 0) {
      clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    }
    if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
  }
  if (!usesLocalEndpoints(info)) {
    return {
      clusterEndpoints,
      localEndpoints,
      allReachableEndpoints: clusterEndpoints,
      hasAnyEndpoints,
    };
  }
  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  if (hasLocalReady) {
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }
  if (!cluster) {
    return {
      clusterEndpoints,
      localEndpoints,
      allReachableEndpoints: localEndpoints,
      hasAnyEndpoints,
    };
  }
  if (mode === '' && !useServingTerminating) {
    return {
      clusterEndpoints,
      localEndpoints,
      allReachableEndpoints: clusterEndpoints,
      hasAnyEndpoints,
    };
  }
  const merged = new Map<string, EndpointInfo>();
  for (const ep of clusterEndpoints) merged.set(ep.endpoint, ep);
  for (const ep of localEndpoints) merged.set(ep.endpoint, ep);
  return {
    clusterEndpoints,
    localEndpoints,
    allReachableEndpoints: [...merged.values()],
    hasAnyEndpoints,
  };
}
