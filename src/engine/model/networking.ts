/** discovery.k8s.io/v1 EndpointSlice and networking.k8s.io/v1 ServiceCIDR. */
import type { ObjectMeta, ObjectReference, Protocol } from './meta';

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface Endpoint {
  addresses?: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name?: string }[]; forNodes?: { name?: string }[] };
  deprecatedTopology?: Record<string, string>;
}

export interface EndpointSlicePort {
  name?: string;
  protocol?: Protocol;
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice {
  apiVersion?: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: ObjectMeta;
  addressType?: AddressType;
  endpoints?: Endpoint[] | null;
  ports?: EndpointSlicePort[] | null;
}

export interface ServiceCIDR {
  apiVersion?: 'networking.k8s.io/v1';
  kind: 'ServiceCIDR';
  metadata: ObjectMeta;
  spec?: { cidrs?: string[] };
  status?: { conditions?: unknown[] };
}
