/**
 * A batch of requests for the graph, in any proxy mode: each request's path as legs (client ->
 * load balancer -> receiving node -> that node's kube-proxy decision -> maybe another node ->
 * pod, and back), its verdict, where it stopped and the rule that stopped it, the rules it
 * matched on each node (exactly the tracer's hops), and the source address the pod sees. A
 * request by name first looks the name up through the source pod's search list (a DNS leg to a
 * CoreDNS pod and back). Every decision is the tracer's; this module only routes between nodes.
 */
import type { Cluster, Pod, ProxyMode } from '../model';
import { computeDnsRequest, computeDnsServer, type DnsServer } from '../coredns';
import { nodeInterfaceAddresses, nodePrimaryIP } from '../kubeproxy/common/node';
import { computeServicePorts } from '../kubeproxy/common/servicePort';
import { canonicalIP, parseIP, type Family } from '../net/ip';
import type { Verdict } from './tracer';
import { createNodeTracer, type NodeTraceResult, type NodeTracer } from './nodeTracer';
import { seededRandom } from './sample';

/** Who sends: a client outside the cluster (any address; the app uses documentation ranges, RFC 5737), or a pod (`namespace/name`). */
export type RequestSource = { type: 'external'; ip: string } | { type: 'pod'; pod: string };

export type RequestDestinationKind =
  'nodePort' | 'clusterIP' | 'dnsName' | 'loadBalancer' | 'externalIP';

export interface RequestDestination {
  kind: RequestDestinationKind;
  /** An IP address; for `dnsName`, the name as the application gives it (`web`, `web.shop`...). */
  host: string;
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** For a load balancer or an externalIP: the node it sends to (default: the LB spreads over the eligible nodes). */
  via?: string;
}

export interface RequestBatchInput {
  source: RequestSource;
  destination: RequestDestination;
  /** 1, 10 or 100 (at most 1,000). */
  count: number;
  seed: number;
}

/** A place on the graph a packet passes. */
export type Place =
  | { type: 'client'; address: string }
  | { type: 'loadBalancer'; address: string; service: string | undefined }
  | { type: 'node'; name: string }
  | { type: 'pod'; pod: string; node: string | undefined }
  | { type: 'outside'; address: string };

/** A rule a request matched on a node (for iptables, exactly a hop of the tracer). */
export interface RequestHop {
  node: string;
  table: string;
  chain: string;
  rule: string;
  /** `dns` for the name lookup before the request. */
  leg: 'dns' | 'request';
}

export type LegPhase = 'dns-query' | 'dns-answer' | 'request' | 'response';

/** One move of the packet from one place to the next. */
export interface RequestLeg {
  from: Place;
  to: Place;
  phase: LegPhase;
  /** What happens at `to` as the packet arrives (the chain and chosen endpoint, the address the pod sees...). */
  note?: string;
  /** The packet ends at `to`: dropped, rejected, or no rule and nowhere to go. */
  stop?: Exclude<Verdict, 'DNAT' | 'ACCEPT'> | 'ACCEPT';
}

/** One node's kube-proxy decision on the request. */
export interface NodeDecision {
  node: string;
  leg: 'dns' | 'request';
  verdict: Verdict;
  /** The chain that chose (KUBE-SVC-..., KUBE-EXT-..., an IPVS virtual server...). */
  chain: string | undefined;
  endpoint: string | undefined;
  masquerade: boolean;
  hops: RequestHop[];
}

export interface DnsLookupSummary {
  name: string;
  /** The candidate names tried, in order (the search list). */
  tried: string[];
  answeredName: string | undefined;
  addresses: string[];
  outcome: string;
  nameserver: string | undefined;
  /** The CoreDNS pod that answered (`namespace/name`). */
  server: string | undefined;
}

export interface TracedRequest {
  index: number;
  /** The client's address. */
  client: string;
  /** The address and port the request is sent to (after the DNS lookup). */
  destination: string | undefined;
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  dns?: DnsLookupSummary;
  legs: RequestLeg[];
  decisions: NodeDecision[];
  /** Every matched rule, in order, on every node. */
  hops: RequestHop[];
  verdict: Verdict;
  endpoint?: string;
  pod?: string;
  podNode?: string;
  /** The source address the pod sees (the node's when masqueraded). */
  sourceSeen?: string;
  masquerade: boolean;
  /** Where the request stopped when it reached no pod, and the rule that stopped it. */
  stoppedAt?: { place: Place; rule: RequestHop | undefined; reason: string };
  /** Where this request's path is modelled more simply than a real network behaves, in words. */
  simplifications?: string[];
}

export interface EndpointCount {
  endpoint: string;
  pod: string | undefined;
  node: string | undefined;
  count: number;
}

export interface RequestBatch {
  mode: ProxyMode;
  input: RequestBatchInput;
  requests: TracedRequest[];
  /** Requests per endpoint reached, in order of first arrival. */
  distribution: EndpointCount[];
  verdicts: Partial<Record<Verdict, number>>;
  /** Why the batch could not be sent (unknown pod, a ClusterIP from outside...). */
  problem?: string;
}

const nameOf = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';
const keyOf = (o: { metadata?: { namespace?: string; name?: string } }) =>
  `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`;

function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon === -1 ? endpoint : endpoint.slice(0, colon);
}

function podIPs(pod: Pod): string[] {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p?.ip)];
  return ips.filter((ip): ip is string => typeof ip === 'string' && parseIP(ip) !== undefined);
}

/** Addresses of the cluster, indexed once per batch: which pod or node answers an address. */
interface AddressBook {
  podByIP: Map<string, Pod>;
  nodeByIP: Map<string, string>;
}

function computeAddressBook(cluster: Cluster): AddressBook {
  const podByIP = new Map<string, Pod>();
  for (const pod of cluster.pods) {
    if (pod.spec?.hostNetwork) continue;
    for (const ip of podIPs(pod)) podByIP.set(canonicalIP(ip), pod);
  }
  const nodeByIP = new Map<string, string>();
  for (const node of cluster.nodes) {
    for (const ip of nodeInterfaceAddresses(node).slice(2))
      nodeByIP.set(canonicalIP(ip), nameOf(node));
  }
  return { podByIP, nodeByIP };
}

/** The place an endpoint address is: a pod, a node (host network), or outside the cluster. */
function placeOf(book: AddressBook, address: string): Place {
  const ip = canonicalIP(address);
  const pod = book.podByIP.get(ip);
  if (pod) return { type: 'pod', pod: keyOf(pod), node: pod.spec?.nodeName };
  const node = book.nodeByIP.get(ip);
  if (node) return { type: 'node', name: node };
  return { type: 'outside', address };
}

/** The nodes a load balancer sends a VIP's traffic to: for externalTrafficPolicy Local, those whose health check passes (a ready local endpoint). */
function loadBalancerNodes(cluster: Cluster, vip: string, port: number, family: Family): string[] {
  const all = cluster.nodes.map(nameOf);
  for (const service of cluster.services) {
    for (const info of computeServicePorts(service, family)) {
      if (info.port !== port || !info.loadBalancerVIPs.includes(canonicalIP(vip))) continue;
      if (!info.externalPolicyLocal) return all;
      const ready = new Set<string>();
      for (const slice of cluster.endpointSlices) {
        if (slice.metadata?.namespace !== info.portName.namespace) continue;
        if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== info.portName.name) continue;
        for (const ep of slice.endpoints ?? []) {
          if (ep?.nodeName && (ep.conditions?.ready ?? true)) ready.add(ep.nodeName);
        }
      }
      return all.filter((n) => ready.has(n));
    }
  }
  return all;
}

function serviceOfVIP(cluster: Cluster, vip: string, family: Family): string | undefined {
  for (const service of cluster.services) {
    for (const info of computeServicePorts(service, family)) {
      if (info.loadBalancerVIPs.includes(canonicalIP(vip))) return keyOf(service);
    }
  }
  return undefined;
}

/** The chain whose rule chose the endpoint: the last chain before the one that rewrote the packet. */
function decidingChain(result: NodeTraceResult): string | undefined {
  const hops = result.hops;
  const last = hops.findLastIndex(
    (h) => h.table === 'ipvs' || /-j DNAT|dnat (ip6? )?to|-> /.test(h.rule),
  );
  const at = hops[last];
  if (!at) return undefined;
  if (at.table === 'ipvs') return at.chain;
  for (let i = last - 1; i >= 0; i--) {
    const chain = hops[i]?.chain;
    if (chain && chain !== at.chain && chain !== 'KUBE-MARK-MASQ') return chain;
  }
  return at.chain;
}

/** The rule that dropped or rejected the packet: the last matched rule that says so. */
function stoppingRule(hops: RequestHop[], verdict: Verdict): RequestHop | undefined {
  const word = verdict === 'DROP' ? /\bDROP\b|\bdrop\b/ : /\bREJECT\b|\breject\b|unreachable/;
  return hops.findLast((h) => word.test(h.rule)) ?? hops[hops.length - 1];
}

interface Context {
  cluster: Cluster;
  tracer: NodeTracer;
  random: () => number;
  book: AddressBook;
  dns: DnsServer | undefined;
}

interface Walk {
  legs: RequestLeg[];
  decisions: NodeDecision[];
  hops: RequestHop[];
}

function decide(
  ctx: Context,
  walk: Walk,
  node: string,
  packet: { source: string; destination: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' },
  sequence: number,
  leg: 'dns' | 'request',
): { result: NodeTraceResult; decision: NodeDecision } {
  const result = ctx.tracer.trace(node, packet, sequence);
  const hops = result.hops.map((h) => ({
    node,
    table: h.table,
    chain: h.chain,
    rule: h.rule,
    leg,
  }));
  walk.hops.push(...hops);
  const decision: NodeDecision = {
    node,
    leg,
    verdict: result.verdict,
    chain: decidingChain(result),
    endpoint: result.endpoints[0],
    masquerade: result.masquerade,
    hops,
  };
  walk.decisions.push(decision);
  return { result, decision };
}

function decisionNote(d: NodeDecision): string {
  if (d.verdict === 'DNAT') return `${d.chain ?? d.node} → ${d.endpoint ?? '?'}`;
  return d.verdict === 'NO_MATCH' ? 'no kube-proxy rule matched' : d.verdict;
}

/** A path back: each leg of `forward`, reversed, in reverse order. */
function reversed(forward: RequestLeg[], phase: LegPhase): RequestLeg[] {
  return forward
    .slice()
    .reverse()
    .map((leg) => ({ from: leg.to, to: leg.from, phase }));
}

/** Where the packet goes from `node` after the node's rules: the endpoint's pod (through its node), or on to the node that owns the address. */
interface Delivery {
  reached: Place | undefined;
  sourceSeen: string;
  masquerade: boolean;
  final: NodeDecision | undefined;
  stoppedAt?: TracedRequest['stoppedAt'];
}

/**
 * Sends one packet that has arrived at `node` (from `from`), following the tracer's decision:
 * to the chosen endpoint, or (no kube-proxy rule) on to the node or pod that owns the address.
 */
function forward(
  ctx: Context,
  walk: Walk,
  from: Place,
  node: string,
  packet: { source: string; destination: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' },
  sequence: number,
  leg: 'dns' | 'request',
  phase: LegPhase,
  depth = 0,
): Delivery {
  const arrival: RequestLeg = { from, to: { type: 'node', name: node }, phase };
  walk.legs.push(arrival);
  const { result, decision } = decide(ctx, walk, node, packet, sequence, leg);
  arrival.note = decisionNote(decision);
  const family: Family = parseIP(packet.destination)?.family ?? 4;
  const nodeIP = nodePrimaryIP(
    ctx.cluster.nodes.find((n) => nameOf(n) === node),
    family,
  );
  const here: Place = { type: 'node', name: node };
  if (result.verdict === 'DROP' || result.verdict === 'REJECT') {
    const rule = stoppingRule(decision.hops, result.verdict);
    arrival.stop = result.verdict;
    arrival.note = `${result.verdict}: ${rule ? rule.rule : ''}`.trim();
    return {
      reached: undefined,
      sourceSeen: packet.source,
      masquerade: result.masquerade,
      final: decision,
      stoppedAt: { place: here, rule, reason: `${result.verdict} on ${node}` },
    };
  }
  let target: string | undefined;
  if (result.verdict === 'DNAT' && result.endpoints[0]) target = hostOf(result.endpoints[0]);
  else target = packet.destination;
  const masquerade = result.masquerade;
  const sourceSeen = masquerade ? (nodeIP ?? packet.source) : packet.source;
  const place = placeOf(ctx.book, target);
  if (result.verdict !== 'DNAT') {
    // No kube-proxy rule decided: the node routes the packet as addressed.
    if (place.type === 'node' && place.name !== node && depth < 2) {
      return forward(ctx, walk, here, place.name, packet, sequence, leg, phase, depth + 1);
    }
    if (place.type === 'pod') {
      arrival.note = 'no kube-proxy rule: routed to the pod as addressed';
    } else {
      arrival.stop = result.verdict === 'ACCEPT' ? 'ACCEPT' : 'NO_MATCH';
      const reason =
        result.verdict === 'ACCEPT'
          ? `accepted on ${node} by kube-proxy (answered by the node itself)`
          : place.type === 'node'
            ? `no kube-proxy rule matched on ${node}: nothing listens on ${target}:${packet.port}`
            : `no kube-proxy rule matched on ${node}: ${target} is not in the cluster`;
      return {
        reached: undefined,
        sourceSeen,
        masquerade,
        final: decision,
        stoppedAt: { place: here, rule: decision.hops[decision.hops.length - 1], reason },
      };
    }
  }
  if (place.type === 'pod' && place.node && place.node !== node) {
    walk.legs.push({ from: here, to: { type: 'node', name: place.node }, phase });
    walk.legs.push({
      from: { type: 'node', name: place.node },
      to: place,
      phase,
      note: `sees ${sourceSeen}`,
    });
  } else if (place.type === 'node' && place.name === node) {
    arrival.note = `${arrival.note ?? ''} (host network)`.trim();
  } else {
    walk.legs.push({ from: here, to: place, phase, note: `sees ${sourceSeen}` });
  }
  return { reached: place, sourceSeen, masquerade, final: decision };
}

function findPod(cluster: Cluster, key: string): Pod | undefined {
  return cluster.pods.find((p) => keyOf(p) === key);
}

function dnsLeg(
  ctx: Context,
  walk: Walk,
  pod: Pod,
  podPlace: Place,
  clientIP: string,
  name: string,
  sequence: number,
): {
  address: string | undefined;
  summary: DnsLookupSummary;
  stopped?: TracedRequest['stoppedAt'];
} {
  ctx.dns ??= computeDnsServer(ctx.cluster);
  const request = computeDnsRequest(ctx.dns, ctx.cluster, pod, name);
  const { lookup, hop } = request;
  const family: Family = parseIP(clientIP)?.family ?? 4;
  const answered = lookup.answeredBy === undefined ? undefined : lookup.steps[lookup.answeredBy];
  const address = lookup.addresses.find((a) => parseIP(a)?.family === family);
  const summary: DnsLookupSummary = {
    name,
    tried: lookup.steps.map((s) => s.name),
    answeredName: answered?.name,
    addresses: lookup.addresses,
    outcome: lookup.outcome,
    nameserver: lookup.nameserver,
    server: undefined,
  };
  const node = pod.spec?.nodeName;
  if (!hop || !node || !lookup.nameserver) return { address, summary };
  const start = walk.legs.length;
  const delivery = forward(
    ctx,
    walk,
    podPlace,
    node,
    { source: clientIP, destination: lookup.nameserver, port: 53, protocol: 'UDP' },
    sequence,
    'dns',
    'dns-query',
  );
  const queryLegs = walk.legs.slice(start);
  if (!delivery.reached)
    return {
      address: undefined,
      summary,
      ...(delivery.stoppedAt ? { stopped: delivery.stoppedAt } : {}),
    };
  if (delivery.reached.type === 'pod') summary.server = delivery.reached.pod;
  const answer = reversed(queryLegs, 'dns-answer');
  const lastAnswer = answer[answer.length - 1];
  if (lastAnswer) {
    lastAnswer.note = address
      ? `${answered?.name ?? name} → ${address}`
      : `${name}: ${lookup.outcome}`;
  }
  walk.legs.push(...answer);
  if (!address) {
    return {
      address,
      summary,
      stopped: { place: podPlace, rule: undefined, reason: `DNS: ${name} ${lookup.outcome}` },
    };
  }
  return { address, summary };
}

function traceOne(ctx: Context, input: RequestBatchInput, index: number): TracedRequest {
  const { source, destination } = input;
  const protocol = destination.protocol ?? 'TCP';
  const walk: Walk = { legs: [], decisions: [], hops: [] };
  const base = { index, port: destination.port, protocol, ...walk, masquerade: false };
  let client: string;
  let start: Place;
  let node: string | undefined;
  let dns: DnsLookupSummary | undefined;
  const simplifications: string[] = [];
  let host = destination.host;
  const failed = (reason: string, place: Place, clientIP: string): TracedRequest => ({
    ...base,
    client: clientIP,
    destination: undefined,
    verdict: 'NO_MATCH',
    stoppedAt: { place, rule: undefined, reason },
  });

  if (source.type === 'pod') {
    const pod = findPod(ctx.cluster, source.pod);
    const family: Family = parseIP(host)?.family ?? 4;
    const ip = pod ? podIPs(pod).find((a) => parseIP(a)?.family === family) : undefined;
    start = { type: 'pod', pod: source.pod, node: pod?.spec?.nodeName };
    node = pod?.spec?.nodeName;
    if (!pod || !ip || !node)
      return failed(`pod ${source.pod} has no address or no node`, start, '');
    client = ip;
    if (destination.kind === 'dnsName') {
      const looked = dnsLeg(ctx, walk, pod, start, ip, destination.host, index);
      dns = looked.summary;
      if (looked.stopped || !looked.address) {
        return {
          ...base,
          client,
          destination: undefined,
          dns,
          verdict: 'NO_MATCH',
          stoppedAt: looked.stopped ?? {
            place: start,
            rule: undefined,
            reason: `DNS: ${host} has no address`,
          },
        };
      }
      host = looked.address;
    }
  } else {
    client = source.ip;
    start = { type: 'client', address: client };
    const family: Family = parseIP(host)?.family ?? 4;
    if (destination.kind === 'dnsName' || destination.kind === 'clusterIP') {
      return failed(
        destination.kind === 'dnsName'
          ? 'cluster DNS names resolve only inside the cluster: send from a pod'
          : 'a ClusterIP is reachable only from inside the cluster (pods and nodes): send from a pod',
        start,
        client,
      );
    }
    node = ctx.book.nodeByIP.get(canonicalIP(host));
    if (!node) {
      const candidates =
        destination.kind === 'loadBalancer'
          ? loadBalancerNodes(ctx.cluster, host, destination.port, family)
          : ctx.cluster.nodes.map(nameOf);
      const via = candidates.find((n) => n === destination.via);
      const spread =
        destination.kind === 'loadBalancer'
          ? candidates[Math.floor(ctx.random() * candidates.length)]
          : candidates[0];
      node = via ?? spread;
      if (node && !via) {
        simplifications.push(
          destination.kind === 'loadBalancer'
            ? `The load balancer's choice of ${node} is modelled as random among the nodes that pass its health check; a real load balancer uses its own algorithm.`
            : `Traffic to the externalIP ${host} is assumed to arrive at ${node}; in a real network the routers decide which node receives it.`,
        );
      }
      if (!node) {
        return failed(`no node passes the load balancer's health check for ${host}`, start, client);
      }
      if (destination.kind === 'loadBalancer') {
        const lb: Place = {
          type: 'loadBalancer',
          address: host,
          service: serviceOfVIP(ctx.cluster, host, family),
        };
        walk.legs.push({ from: start, to: lb, phase: 'request', note: `→ ${node}` });
        start = lb;
      }
    }
  }

  const delivery = forward(
    ctx,
    walk,
    start,
    node,
    { source: client, destination: host, port: destination.port, protocol },
    index,
    'request',
    'request',
  );
  const result: TracedRequest = {
    ...base,
    client,
    destination: host,
    ...(dns ? { dns } : {}),
    legs: walk.legs,
    decisions: walk.decisions,
    hops: walk.hops,
    verdict: delivery.final?.verdict ?? 'NO_MATCH',
    masquerade: delivery.masquerade,
    ...(simplifications.length ? { simplifications } : {}),
  };
  if (!delivery.reached) {
    if (delivery.stoppedAt) result.stoppedAt = delivery.stoppedAt;
    if (result.verdict === 'REJECT') {
      // The rejecting node answers the client (ICMP port unreachable / TCP reset).
      const requestLegs = walk.legs.filter((l) => l.phase === 'request');
      const back = reversed(requestLegs, 'response');
      const first = back[0];
      if (first) first.note = 'ICMP port unreachable';
      result.legs = [...walk.legs, ...back];
    }
    return result;
  }
  const requestLegs = walk.legs.filter((l) => l.phase === 'request');
  result.legs = [...walk.legs, ...reversed(requestLegs, 'response')];
  const endpoint = delivery.final?.verdict === 'DNAT' ? delivery.final.endpoint : undefined;
  if (endpoint) result.endpoint = endpoint;
  if (delivery.reached.type === 'pod') {
    result.pod = delivery.reached.pod;
    if (delivery.reached.node) result.podNode = delivery.reached.node;
  } else if (delivery.reached.type === 'node') {
    result.podNode = delivery.reached.name;
  }
  result.sourceSeen = delivery.sourceSeen;
  if (result.masquerade && result.podNode !== undefined && result.podNode === node) {
    simplifications.push(
      `The pod runs on the node that masqueraded the request, so it is shown seeing the node's address ${delivery.sourceSeen}; with a bridge network it would see the bridge's address on that node.`,
    );
    result.simplifications = simplifications;
  }
  return result;
}

/** Sends `count` requests from one source to one destination, as the cluster's kube-proxy mode handles them. */
export function computeRequestBatch(cluster: Cluster, input: RequestBatchInput): RequestBatch {
  const count = Math.max(1, Math.min(1000, Math.floor(Number(input.count) || 1)));
  const random = seededRandom(Number(input.seed) || 1);
  const ctx: Context = {
    cluster,
    tracer: createNodeTracer(cluster, random),
    random,
    book: computeAddressBook(cluster),
    dns: undefined,
  };
  const batch: RequestBatch = {
    mode: cluster.proxy.mode,
    input: { ...input, count },
    requests: [],
    distribution: [],
    verdicts: {},
  };
  if (input.source.type === 'pod' && !findPod(cluster, input.source.pod)) {
    batch.problem = `pod ${input.source.pod} not found`;
    return batch;
  }
  if (cluster.nodes.length === 0) {
    batch.problem = 'the cluster has no node';
    return batch;
  }
  const counts = new Map<string, EndpointCount>();
  for (let i = 0; i < count; i++) {
    const request = traceOne(ctx, batch.input, i);
    batch.requests.push(request);
    batch.verdicts[request.verdict] = (batch.verdicts[request.verdict] ?? 0) + 1;
    const reached = request.endpoint ?? (request.pod ? request.destination : undefined);
    if (reached) {
      const entry = counts.get(reached) ?? {
        endpoint: reached,
        pod: request.pod,
        node: request.podNode,
        count: 0,
      };
      entry.count++;
      counts.set(reached, entry);
    }
  }
  batch.distribution = [...counts.values()];
  return batch;
}
