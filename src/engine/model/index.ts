/** The engine's data model: Kubernetes objects as the API serves them, and what the engine returns. */
import type { Deployment, ReplicaSet } from './apps';
import type { ClusterConfiguration, KubeProxyConfiguration, ProxyMode } from './config';
import type { ConfigMap, Endpoints, Namespace, Node, Pod, Service } from './core';
import type { EndpointSlice, ServiceCIDR } from './networking';

export type * from './apps';
export type * from './config';
export type * from './core';
export type * from './meta';
export type * from './networking';

/** Every kind the engine reads from its input. */
export type KubeObject =
  | Namespace
  | Node
  | Pod
  | Service
  | Endpoints
  | ConfigMap
  | Deployment
  | ReplicaSet
  | EndpointSlice
  | ServiceCIDR
  | KubeProxyConfiguration
  | ClusterConfiguration;

export type Kind = KubeObject['kind'];

/** A zero-based document index and one-based line and column, as editors show them. */
export interface SourcePosition {
  document: number;
  line: number;
  column: number;
}

/** Finds where a field of an object was written; `path` is a field path such as `spec.ports[0].nodePort`. */
export type Locate = (path: string) => SourcePosition | undefined;

/** An object read from the input, with the way back to its text. */
export interface SourcedObject {
  object: KubeObject;
  /** Order of the object in the input (documents in order, `List` items in order). */
  order: number;
  /** The file the object came from, as `kubectl apply -f` names it (CLI), or undefined (editor). */
  file?: string;
  locate: Locate;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem found in the input: the message the real component would print, and where.
 * `path` is the field path within the object (empty for a YAML syntax error).
 */
export interface Diagnostic {
  severity: Severity;
  message: string;
  document: number;
  path: string;
  line: number;
  column: number;
  /** Who reports it, e.g. `yaml`, `api-server`, `kubectl`, `kube-proxy`, `coredns`. */
  source: string;
  /** The object it is about, as `kind/namespace/name`, when there is one. */
  object?: string;
}

/** What `kubectl apply` reports for one object of the input. */
export interface ApplyResult {
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  file?: string;
  outcome: 'created' | 'configured' | 'unchanged' | 'rejected';
  /** For `rejected`: the error kubectl prints (e.g. `The Service "web" is invalid: ...`). */
  error?: string;
  /**
   * For `rejected`: what kubectl prints for this object instead when several objects of the same
   * run fail (each error through MultipleErrors, e.g. `Error from server (Invalid): error when
   * creating "web.yaml": Service "web" is invalid: [a, b]`).
   */
  aggregatedError?: string;
  /** Warnings the API server returned (printed by kubectl as `Warning: ...`). */
  warnings?: string[];
}

/** Cluster-wide settings, resolved from ClusterConfiguration and kubeadm's defaults. */
export interface ClusterSettings {
  /** Service CIDRs (one per family), e.g. ['10.96.0.0/12']. */
  serviceSubnets: string[];
  /** Pod CIDRs (one per family), e.g. ['10.244.0.0/16']. */
  podSubnets: string[];
  dnsDomain: string;
  nodePortRange: { base: number; size: number };
}

/** KubeProxyConfiguration with kube-proxy's defaults applied. */
export interface ProxySettings {
  mode: ProxyMode;
  clusterCIDRs: string[];
  detectLocalMode: string;
  /** The interface of BridgeInterface mode and the name prefix of InterfaceNamePrefix mode ("" when unset). */
  detectLocal: { bridgeInterface: string; interfaceNamePrefix: string };
  nodePortAddresses: string[];
  iptables: { masqueradeBit: number; masqueradeAll: boolean; localhostNodePorts: boolean };
  ipvs: { scheduler: string; excludeCIDRs: string[]; strictARP: boolean };
  nftables: { masqueradeBit: number; masqueradeAll: boolean };
  conntrack: { tcpBeLiberal: boolean };
  /** Node kernel features (CLI `--no-nfacct`, `--no-random-fully`). */
  nfacct: boolean;
  randomFully: boolean;
}

/** The stored objects of a cluster, by kind, as informers list them. */
export interface ClusterObjects {
  namespaces: Namespace[];
  nodes: Node[];
  pods: Pod[];
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  services: Service[];
  endpoints: Endpoints[];
  endpointSlices: EndpointSlice[];
  serviceCIDRs: ServiceCIDR[];
  configMaps: ConfigMap[];
}

/** The state of the cluster after admission, controllers and the scheduler have acted. */
export interface Cluster extends ClusterObjects {
  settings: ClusterSettings;
  proxy: ProxySettings;
  /** True when the input had no Node and the default three-node cluster is assumed. */
  defaultNodes: boolean;
}

export interface SimulateOptions {
  /** Read the input as a snapshot of what the API server stores (DESIGN.md, `--admitted`). */
  admitted?: boolean;
  /** Seed of every random choice (pod name suffixes, iptables `statistic` sampling). */
  seed?: number;
  /** File name per document range, for `kubectl apply -f` messages (CLI). */
  file?: string;
  nfacct?: boolean;
  randomFully?: boolean;
  /** A millisecond clock; when given, the Simulation reports how long each phase took (benchmarks). */
  clock?: () => number;
}

/** Milliseconds spent in each phase of a simulation (only with SimulateOptions.clock). */
export interface PhaseTimings {
  parse: number;
  admission: number;
  controllers: number;
}

export interface Simulation {
  cluster: Cluster;
  diagnostics: Diagnostic[];
  applied: ApplyResult[];
  /** Where each stored object was written: `kind/namespace/name` -> position of its document. */
  sources: Record<string, SourcePosition>;
  timings?: PhaseTimings;
}

/** A problem a component found with a stored object; the engine turns it into a Diagnostic. */
export interface Finding {
  severity: Severity;
  /** `kind/namespace/name` of the object (see objectKey). */
  object: string;
  path: string;
  message: string;
  source: string;
}
