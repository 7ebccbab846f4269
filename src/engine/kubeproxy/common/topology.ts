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

/** Whether topology hints apply to this Service on this node (pkg/proxy/topology.go canUseTopology). */
function canUseTopology(
  endpoints: readonly EndpointInfo[],
  info: ServicePortInfo,
  nodeName: string,
  nodeLabels: Readonly<Record<string, string>>,
): boolean {
  const hints = info.hintsAnnotation;
  if (info.trafficDistribution === undefined && hints !== 'Auto' && hints !== 'auto') return false;
  const zone = nodeLabels[zoneLabel];
  if (!zone) return false;
  let hasEndpointForZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    if (ep.nodeHints?.has(nodeName)) hasEndpointForZone = true;
    if (!ep.zoneHints || ep.zoneHints.size === 0) return false;
    if (ep.zoneHints.has(zone)) hasEndpointForZone = true;
  }
  return hasEndpointForZone;
}

/** Whether an endpoint is meant for this node's zone or this node (pkg/proxy/topology.go availableForTopology). */
function availableForTopology(
  ep: EndpointInfo,
  nodeName: string,
  nodeLabels: Readonly<Record<string, string>>,
): boolean {
  if (ep.nodeHints && ep.nodeHints.size > 0) return ep.nodeHints.has(nodeName);
  const zone = nodeLabels[zoneLabel];
  return !!ep.zoneHints && !!zone && ep.zoneHints.has(zone);
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
  let useTopology = false;
  let useServingTerminating = false;
  const cluster = usesClusterEndpoints(info);
  if (cluster) {
    useTopology = canUseTopology(endpoints, info, nodeName, nodeLabels);
    clusterEndpoints = endpoints.filter(
      (ep) => ep.ready && (!useTopology || availableForTopology(ep, nodeName, nodeLabels)),
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
  if (!useTopology && !useServingTerminating) {
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
