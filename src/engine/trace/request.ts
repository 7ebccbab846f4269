/**
 * The trace of a whole request, for the graph: client -> (load balancer) -> receiving node ->
 * that node's kube-proxy decision -> (another node) -> pod, with the source address the pod
 * sees. Every decision comes from the packet tracer walking the generated rules.
 */
import type { Cluster, Node, Pod } from '../model';
import { computeIptablesRules } from '../kubeproxy/iptables';
import { computeServicePorts } from '../kubeproxy/common/servicePort';
import { nodeInterfaceAddresses, nodePrimaryIP } from '../kubeproxy/common/node';
import { canonicalIP, parseIP, type Family } from '../net/ip';
import { arrivalOf } from './arrival';
import { traceIptables, type TracePacket, type TraceResult } from './tracer';

/** Who sends the request. */
export type RequestClient =
  | { type: 'external'; ip: string }
  | { type: 'pod'; namespace: string; name: string }
  | { type: 'node'; name: string };

export interface RequestInput {
  client: RequestClient;
  destination: string;
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** For a load balancer IP: the node the load balancer sends to (default: the first eligible node). */
  via?: string;
}

/** One box on the request's path. */
export type RequestStep =
  | { type: 'client'; address: string; label: string }
  | { type: 'load-balancer'; address: string; label: string }
  | { type: 'node'; name: string; address: string | undefined; decision: TraceResult }
  | {
      type: 'pod';
      endpoint: string;
      node: string | undefined;
      pod: string | undefined;
      sourceSeen: string;
    };

export interface RequestTrace {
  /** The path, in order: client, load balancer (if any), receiving node, then one pod per possible endpoint. */
  steps: RequestStep[];
  /** The receiving node's decision (DNAT, ACCEPT, DROP, REJECT, NO_MATCH). */
  decision: TraceResult | undefined;
  /** Why the request got nowhere, when it did not start (unknown pod, no node...). */
  problem?: string;
}

function nodeName(n: Node): string {
  return n.metadata?.name ?? '';
}

function podIPOf(pod: Pod, family: Family): string | undefined {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p?.ip)];
  return ips.find((ip): ip is string => typeof ip === 'string' && parseIP(ip)?.family === family);
}

function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon === -1 ? endpoint : endpoint.slice(0, colon);
}

/** Which node owns a local address (node IPs and load balancer IPs are answered by the node that receives them). */
function nodeOwning(cluster: Cluster, address: string): Node | undefined {
  const canonical = canonicalIP(address);
  return cluster.nodes.find((n) => nodeInterfaceAddresses(n).slice(2).includes(canonical));
}

/** The nodes a load balancer may send a VIP's traffic to: for externalTrafficPolicy Local, those with a ready local endpoint (the health check answers 200). */
function loadBalancerNodes(cluster: Cluster, vip: string, port: number, family: Family): Node[] {
  for (const service of cluster.services) {
    for (const info of computeServicePorts(service, family)) {
      if (!info.loadBalancerVIPs.includes(canonicalIP(vip)) || info.port !== port) continue;
      if (!info.externalPolicyLocal) return cluster.nodes;
      const withEndpoints = new Set<string>();
      for (const slice of cluster.endpointSlices) {
        if (slice.metadata?.namespace !== info.portName.namespace) continue;
        if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== info.portName.name) continue;
        for (const ep of slice.endpoints ?? []) {
          if (ep?.nodeName && (ep.conditions?.ready ?? true)) withEndpoints.add(ep.nodeName);
        }
      }
      return cluster.nodes.filter((n) => withEndpoints.has(nodeName(n)));
    }
  }
  return [];
}

/** Traces a request from its client to the pods that can answer it (the graph's animation path). */
export function computeRequestTrace(cluster: Cluster, input: RequestInput): RequestTrace {
  const family: Family = parseIP(input.destination)?.family ?? 4;
  const steps: RequestStep[] = [];
  let source: string | undefined;
  let receiving: Node | undefined;
  const client = input.client;
  if (client.type === 'pod') {
    const pod = cluster.pods.find(
      (p) => p.metadata?.namespace === client.namespace && p.metadata?.name === client.name,
    );
    if (!pod)
      return {
        steps,
        decision: undefined,
        problem: `pod ${client.namespace}/${client.name} not found`,
      };
    source = podIPOf(pod, family);
    receiving = cluster.nodes.find((n) => nodeName(n) === pod.spec?.nodeName);
    if (!source || !receiving) {
      return {
        steps,
        decision: undefined,
        problem: `pod ${client.namespace}/${client.name} has no ${family === 4 ? 'IPv4' : 'IPv6'} address or no node`,
      };
    }
    steps.push({
      type: 'client',
      address: source,
      label: `pod ${client.namespace}/${client.name}`,
    });
  } else if (client.type === 'node') {
    receiving = cluster.nodes.find((n) => nodeName(n) === client.name);
    source = receiving ? nodePrimaryIP(receiving, family) : undefined;
    if (!receiving || !source)
      return {
        steps,
        decision: undefined,
        problem: `node ${client.name} not found or has no address`,
      };
    steps.push({ type: 'client', address: source, label: `node ${client.name}` });
  } else {
    source = client.ip;
    steps.push({ type: 'client', address: source, label: 'external client' });
    receiving = nodeOwning(cluster, input.destination);
    if (!receiving) {
      const candidates = loadBalancerNodes(cluster, input.destination, input.port, family);
      const chosen =
        candidates.find((n) => nodeName(n) === input.via) ?? candidates[0] ?? cluster.nodes[0];
      if (candidates.length > 0) {
        steps.push({
          type: 'load-balancer',
          address: input.destination,
          label: `load balancer -> ${chosen ? nodeName(chosen) : '?'}`,
        });
      }
      receiving = chosen;
    }
    if (!receiving) return { steps, decision: undefined, problem: 'the cluster has no node' };
  }

  const name = nodeName(receiving);
  const ruleSet = computeIptablesRules(cluster, name, family);
  const packet: TracePacket = {
    source,
    destination: input.destination,
    port: input.port,
    protocol: input.protocol ?? 'TCP',
    ...arrivalOf(cluster, name, source),
  };
  const decision = traceIptables(ruleSet, packet);
  const receivingIP = nodePrimaryIP(receiving, family);
  steps.push({ type: 'node', name, address: receivingIP, decision });
  if (decision.verdict === 'DNAT') {
    for (const endpoint of decision.endpoints) {
      const ip = canonicalIP(hostOf(endpoint));
      const pod = cluster.pods.find((p) => {
        const podIP = podIPOf(p, family);
        return podIP !== undefined && canonicalIP(podIP) === ip;
      });
      const podNode = pod?.spec?.nodeName ?? endpointNode(cluster, ip);
      // Masqueraded traffic leaves with the address of the node that rewrote it.
      const sourceSeen = decision.masquerade ? (receivingIP ?? source) : source;
      steps.push({
        type: 'pod',
        endpoint,
        node: podNode,
        pod: pod ? `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}` : undefined,
        sourceSeen,
      });
    }
  }
  return { steps, decision };
}

function endpointNode(cluster: Cluster, ip: string): string | undefined {
  for (const slice of cluster.endpointSlices) {
    for (const ep of slice.endpoints ?? []) {
      if (ep?.addresses?.some((a) => canonicalIP(a) === ip)) return ep.nodeName;
    }
  }
  return undefined;
}
