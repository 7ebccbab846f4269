/**
 * The typed protocol between the page and the engine worker: both ends import it. Requests and
 * replies are discriminated unions on `type`; each reply carries the `id` of its request so that
 * the client can drop replies older than its latest request.
 *
 * Messages stay small: the page gets a summary of the simulated cluster (what the panels and the
 * graph draw), never the whole cluster. Later requests (`rules` for one node's text, `trace`,
 * `dns`) are added as members of `EngineRequest` / `EngineReply`, answered from the worker's
 * latest simulation.
 */
import type {
  Diagnostic,
  IPFamily,
  ProxyMode,
  Protocol,
  ServiceType,
  SimulateOptions,
  SourcePosition,
  TrafficPolicy,
} from '../engine/model';
import type { AnswerOf, EngineQuery, QueryKind } from './queries';

export type { AnswerOf, EngineQuery, QueryKind } from './queries';

/** One port of a Service, as `kubectl get service` shows it (`80:30080/TCP`). */
export interface ServicePortSummary {
  name: string;
  protocol: Protocol;
  port: number;
  targetPort: number | string;
  nodePort?: number;
}

/** One endpoint address and port, from the Service's EndpointSlices. */
export interface EndpointSummary {
  ip: string;
  port: number;
  portName: string;
  protocol: Protocol;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  /** `namespace/name` of the pod behind the endpoint, when the slice names one. */
  pod?: string;
}

export interface ServiceSummary {
  /** `namespace/name` */
  key: string;
  namespace: string;
  name: string;
  type: ServiceType;
  clusterIPs: string[];
  /** `None` for a headless Service, as kubectl prints it. */
  clusterIP: string;
  externalName?: string;
  externalIPs: string[];
  loadBalancerIngress: string[];
  externalTrafficPolicy?: TrafficPolicy;
  ipFamilies: IPFamily[];
  selector?: Record<string, string>;
  ports: ServicePortSummary[];
  endpoints: EndpointSummary[];
  /** Where the Service was written in the editor's text; absent for built-in objects. */
  source?: SourcePosition;
}

export interface PodSummary {
  key: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  nodeName?: string;
  podIPs: string[];
  phase?: string;
  ready: boolean;
  terminating: boolean;
  /** The Deployment, ReplicaSet or other owner that made the pod, as `Kind/name`. */
  owner?: string;
  source?: SourcePosition;
  /** For a pod a controller made: the Deployment (or ReplicaSet) whose template it came from. */
  template?: { kind: 'Deployment' | 'ReplicaSet'; key: string; source: SourcePosition };
}

export interface NodeSummary {
  name: string;
  internalIPs: string[];
  podCIDRs: string[];
  unschedulable: boolean;
  ready: boolean;
  source?: SourcePosition;
}

/** Pods by state, as a node of a large cluster's graph counts them. */
export interface PodCounts {
  ready: number;
  notReady: number;
  terminating: number;
}

/** Where an object the page was not sent starts in the editor's text (for cursor selection). */
export interface OmittedStart {
  kind: 'pod' | 'deployment';
  key: string;
  line: number;
  column: number;
}

/**
 * What the page knows of a large cluster's pods beyond the first `podsSentLimit` (summarize.ts):
 * the graph draws such a cluster's nodes with counts, and the few panels that need one of the
 * other pods ask for it with the `pods` query.
 */
export interface OmittedPods {
  /** Every pod of the cluster, `pods` included. */
  total: number;
  /** The pods outside kube-system, `pods` included. */
  outsideKubeSystem: number;
  /** Every pod counted by `spec.nodeName` ('' when unscheduled), in the order first seen. */
  byNode: [string, PodCounts][];
  /** The omitted pods written in the text, and the Deployments of the others. */
  starts: OmittedStart[];
}

/** What the page draws of one simulation. */
export interface SimulationSummary {
  services: ServiceSummary[];
  /** The cluster's pods; a large cluster's first `podsSentLimit` only (see `omittedPods`). */
  pods: PodSummary[];
  /** Present when `pods` is not every pod of the cluster. */
  omittedPods?: OmittedPods;
  nodes: NodeSummary[];
  /** True when the input had no Node and the default three-node cluster is assumed. */
  defaultNodes: boolean;
  proxyMode: ProxyMode;
  diagnostics: Diagnostic[];
}

export interface SimulateRequest {
  type: 'simulate';
  id: number;
  input: string;
  options: SimulateOptions;
}

/** A question about the latest simulation (answered after any pending `simulate`). */
export interface QueryRequest {
  type: 'query';
  id: number;
  query: EngineQuery;
}

/** Every request the page sends to the worker. */
export type EngineRequest = SimulateRequest | QueryRequest;

/** The lists of a summary that may be sent in chunks (a large cluster's). */
export type SummaryListName = 'services' | 'pods' | 'nodes' | 'diagnostics';

/** For each chunked list: the ids of its chunks, in order. */
export type SummaryChunks = Partial<Record<SummaryListName, number[]>>;

export interface SimulatedReply {
  type: 'simulated';
  id: number;
  /** The summary; the lists named in `chunks` are empty here and made of those chunks. */
  summary: SimulationSummary;
  /** Time the engine took, in milliseconds. */
  durationMs: number;
  /**
   * A large cluster's long lists, as chunks posted before this reply (or with an earlier one:
   * the page keeps the chunks of the latest reply, and an unchanged chunk is not sent again).
   */
  chunks?: SummaryChunks;
}

/**
 * One chunk of a long list of a summary (up to `summaryChunkSize` items), as JSON text: each is
 * its own message, so that receiving a large cluster's summary is many short tasks on the page.
 * Chunk ids are unique for the life of a worker.
 */
export interface SummaryChunkReply {
  type: 'chunk';
  chunk: number;
  json: string;
}

/** The engine threw: an engine bug (user mistakes arrive as diagnostics in `simulated`). */
export interface CrashedReply {
  type: 'crashed';
  id: number;
  error: string;
}

export interface AnsweredReply<K extends QueryKind = QueryKind> {
  type: 'answered';
  id: number;
  answer: AnswerOf<K>;
}

/** A query that could not be answered: no simulation yet, or the engine threw while answering. */
export interface UnansweredReply {
  type: 'unanswered';
  id: number;
  error: string;
}

/** Every reply the worker sends to the page. */
export type EngineReply =
  SimulatedReply | SummaryChunkReply | CrashedReply | AnsweredReply | UnansweredReply;
