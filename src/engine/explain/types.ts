/** Why a pod is, or is not, an endpoint of a Service: the answer the Endpoints panel shows. */

/** What one controller made of the pod: listed ready, listed not ready, listed terminating, or left out. */
export type EndpointPresence = 'ready' | 'not-ready' | 'terminating' | 'absent';

/**
 * One reason, with a stable code (for tests and styling) and a sentence for the person. `effect`
 * says which controller's result it explains: the Endpoints controller, the EndpointSlice
 * controller, or both.
 */
export interface EndpointReason {
  code:
    | 'label-mismatch'
    | 'terminal-phase'
    | 'no-ip'
    | 'no-ip-of-family'
    | 'terminating'
    | 'not-ready'
    | 'named-port-missing'
    | 'node-not-found'
    | 'publish-not-ready'
    | 'selected';
  message: string;
  effect: 'endpoints' | 'endpointslice' | 'both';
}

export interface PodEndpointExplanation {
  /** `namespace/name` of the pod. */
  pod: string;
  nodeName?: string;
  podIPs: string[];
  /** The Service's selector matches the pod's labels. */
  selected: boolean;
  /** What the Endpoints controller made of the pod (read from the computed Endpoints object). */
  endpoints: EndpointPresence;
  /** What the EndpointSlice controller made of it (read from the computed EndpointSlices). */
  endpointSlice: EndpointPresence;
  /** The Service port names the pod does not resolve (named targetPort missing). */
  missingPorts: string[];
  reasons: EndpointReason[];
}

export interface ServiceEndpointExplanation {
  /** `namespace/name` of the Service. */
  service: string;
  /** How the Service gets endpoints: from its selector, from objects written by hand, or none. */
  source: 'selector' | 'manual' | 'external-name';
  /** The selector as `key=value` pairs. */
  selector: [string, string][];
  /**
   * The pods of the Service's namespace: every selected one first, then the others, closest
   * first (fewest selector pairs missed), at most `unselectedLimit` of them.
   */
  pods: PodEndpointExplanation[];
  /** How many pods of the namespace the selector does not match (listed or not). */
  unselectedCount: number;
}
