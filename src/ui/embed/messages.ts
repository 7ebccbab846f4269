/**
 * The postMessage API between a host page and an embed (README, "Embedding"): typed, versioned
 * messages. A host sends `load` (a YAML document), `send` (requests) or `ping`; the embed answers
 * `ready`, `loaded`, `result` or `error`, each with the host's `id`. Everything a host sends is
 * untrusted: it is checked here, and a document goes through `restore` before the store sees it.
 */
import type { ProxyMode } from '../../engine/model';
import { targetVias, type RequestTarget } from '../../lessons/requestTarget';
import type { SimulationSummary } from '../../worker/protocol';
import type { RequestBatch } from '../../worker/queries/requests';

export const protocolName = 'kube-service-playground';
/** The version this build speaks; a host's message of a newer version is refused with an error. */
export const protocolVersion = 1;

interface Envelope {
  protocol: typeof protocolName;
  version: number;
  /** The host's name for the message, echoed in the answer. */
  id?: string;
}

export interface LoadMessage extends Envelope {
  type: 'load';
  yaml: string;
  seed?: number;
}

export interface SendMessage extends Envelope {
  type: 'send';
  request: RequestTarget;
  count: 1 | 10 | 100;
}

export interface PingMessage extends Envelope {
  type: 'ping';
}

export type HostMessage = LoadMessage | SendMessage | PingMessage;

/** What the cluster on screen holds. */
export interface ClusterCounts {
  proxyMode: ProxyMode;
  /** Services written in the YAML (not the built-in ones). */
  services: number;
  pods: number;
  /** Ready endpoint addresses of the YAML's Services. */
  readyEndpoints: number;
  errors: number;
  warnings: number;
}

/** The outcome of a batch of requests, and its counts. */
export interface RequestResult {
  mode: ProxyMode;
  from: string;
  /** The address and port the requests were sent to, or the DNS name. */
  to: string;
  sent: number;
  /** Requests that reached a pod or an endpoint. */
  reached: number;
  dropped: number;
  rejected: number;
  /** Requests no kube-proxy rule decided (NO_MATCH) or that were accepted by a rule. */
  other: number;
  /** Requests per endpoint reached, in order of first arrival. */
  distribution: { endpoint: string; pod?: string; node?: string; count: number }[];
  /** The first request, as the Trace panel shows it. */
  first?: {
    verdict: string;
    endpoint?: string;
    pod?: string;
    node?: string;
    sourceSeen?: string;
    masquerade: boolean;
    stoppedBecause?: string;
  };
  problem?: string;
}

interface Reply {
  protocol: typeof protocolName;
  version: typeof protocolVersion;
  /** The embed's `id` parameter, so that a host with several embeds can tell them apart. */
  embed?: string;
  id?: string;
}

export type EmbedMessage =
  | (Reply & { type: 'ready'; counts: ClusterCounts })
  | (Reply & { type: 'loaded'; counts: ClusterCounts; notes: string[] })
  | (Reply & { type: 'result'; result: RequestResult })
  | (Reply & { type: 'error'; message: string });

export type ParsedMessage =
  | { kind: 'ignore' }
  | { kind: 'error'; id: string | undefined; message: string }
  | { kind: 'message'; message: HostMessage };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shortText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function readTarget(value: unknown): RequestTarget | string {
  if (!isRecord(value)) return 'request must be an object with a service.';
  const { service, from, via, node, port } = value;
  if (!shortText(service, 253)) return 'request.service must be a Service name.';
  const target: RequestTarget = { service };
  if (from !== undefined) {
    if (!shortText(from, 253)) return 'request.from must be "external", an address or a pod.';
    target.from = from;
  }
  if (via !== undefined) {
    const known = targetVias.find((v) => v === via);
    if (!known) return `request.via must be one of ${targetVias.join(', ')}.`;
    target.via = known;
  }
  if (node !== undefined) {
    if (!shortText(node, 253)) return 'request.node must be a node name.';
    target.node = node;
  }
  if (port !== undefined) {
    const ok =
      (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) ||
      shortText(port, 63);
    if (!ok) return 'request.port must be a port number or name.';
    target.port = port;
  }
  return target;
}

/**
 * Reads a message event's data. Data that is not this protocol's (another script's messages) is
 * ignored; this protocol's data that is malformed is an error the host is told about.
 */
export function parseHostMessage(data: unknown): ParsedMessage {
  if (!isRecord(data) || data.protocol !== protocolName) return { kind: 'ignore' };
  const id = shortText(data.id, 100) ? data.id : undefined;
  const error = (message: string): ParsedMessage => ({ kind: 'error', id, message });
  if (data.id !== undefined && id === undefined)
    return error('id must be a string of 1 to 100 characters.');
  const { version } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return error('version must be a whole number (this embed speaks version 1).');
  }
  if (version > protocolVersion) {
    return error(
      `This embed speaks version ${protocolVersion} of the API; the message is version ${version}.`,
    );
  }
  const envelope = { protocol: protocolName, version, ...(id ? { id } : {}) } as const;
  switch (data.type) {
    case 'ping':
      return { kind: 'message', message: { ...envelope, type: 'ping' } };
    case 'load': {
      if (typeof data.yaml !== 'string') return error('load needs yaml: the YAML text.');
      const { seed } = data;
      if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0)) {
        return error('seed must be a whole number.');
      }
      return {
        kind: 'message',
        message: {
          ...envelope,
          type: 'load',
          yaml: data.yaml,
          ...(seed !== undefined ? { seed } : {}),
        },
      };
    }
    case 'send': {
      const request = readTarget(data.request);
      if (typeof request === 'string') return error(request);
      const count = data.count ?? 1;
      if (count !== 1 && count !== 10 && count !== 100) return error('count must be 1, 10 or 100.');
      return { kind: 'message', message: { ...envelope, type: 'send', request, count } };
    }
    default:
      return error(`Unknown message type "${String(data.type)}" (load, send or ping).`);
  }
}

export function toClusterCounts(summary: SimulationSummary): ClusterCounts {
  const own = summary.services.filter((s) => s.source);
  const ready = new Set<string>();
  for (const service of own) {
    for (const e of service.endpoints) if (e.ready) ready.add(`${service.key} ${e.ip}`);
  }
  return {
    proxyMode: summary.proxyMode,
    services: own.length,
    pods:
      summary.omittedPods?.outsideKubeSystem ??
      summary.pods.filter((p) => p.namespace !== 'kube-system').length,
    readyEndpoints: ready.size,
    errors: summary.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: summary.diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export function toRequestResult(batch: RequestBatch): RequestResult {
  const { input, requests, verdicts } = batch;
  const first = requests[0];
  const { source, destination } = input;
  const reached = requests.filter((r) => r.pod !== undefined || r.endpoint !== undefined).length;
  const dropped = verdicts.DROP ?? 0;
  const rejected = verdicts.REJECT ?? 0;
  return {
    mode: batch.mode,
    from: source.type === 'external' ? source.ip : source.pod,
    to: `${destination.host}:${destination.port}`,
    sent: requests.length,
    reached,
    dropped,
    rejected,
    other: requests.length - reached - dropped - rejected,
    distribution: batch.distribution.map((d) => ({
      endpoint: d.endpoint,
      count: d.count,
      ...(d.pod ? { pod: d.pod } : {}),
      ...(d.node ? { node: d.node } : {}),
    })),
    ...(first
      ? {
          first: {
            verdict: first.verdict,
            masquerade: first.masquerade,
            ...(first.endpoint ? { endpoint: first.endpoint } : {}),
            ...(first.pod ? { pod: first.pod } : {}),
            ...(first.podNode ? { node: first.podNode } : {}),
            ...(first.sourceSeen ? { sourceSeen: first.sourceSeen } : {}),
            ...(first.stoppedAt ? { stoppedBecause: first.stoppedAt.reason } : {}),
          },
        }
      : {}),
    ...(batch.problem ? { problem: batch.problem } : {}),
  };
}
