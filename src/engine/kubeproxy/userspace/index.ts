/**
 * kube-proxy's userspace mode, removed in Kubernetes v1.26 (KEP-2104): kube-proxy itself accepted
 * connections for each Service port and opened a new one to an endpoint, chosen round-robin
 * (pkg/proxy/userspace/roundrobin.go in v1.25), sticky per client IP with ClientIP affinity.
 * The kernel only redirected Service traffic to kube-proxy, so there are no kube-proxy rules to
 * show and the pod sees the node, not the client, as the source.
 */
import type { Cluster } from '../../model';
import { parseIP, type Family } from '../../net/ip';
import { computeProxyState } from '../common/proxyState';
import {
  sameAddress,
  type ModeSampleResult,
  type ModeTraceResult,
  type TracePacket,
} from '../../trace/modeTrace';
import { addToSample, emptySample } from '../../trace/modeTrace';

/** The one line the rules views print in userspace mode. */
export const userspaceNotice =
  '# kube-proxy mode "userspace" was removed in Kubernetes v1.26: the kube-proxy process proxies Service traffic itself (round robin), so there are no kube-proxy rules in the kernel to show.\n';

interface Portal {
  address: string;
  port: number;
  protocol: string;
  service: string;
  endpoints: string[];
  sticky: boolean;
}

/** Every address and port kube-proxy listened for, with the ready endpoints it proxied to (pkg/proxy/userspace/proxier.go in v1.25). */
export function computeUserspacePortals(
  cluster: Cluster,
  nodeName: string,
  family: Family,
): Portal[] {
  const state = computeProxyState(cluster, nodeName, family);
  const nodeIPs = state.context.interfaceAddresses.filter((a) => parseIP(a)?.family === family);
  const out: Portal[] = [];
  for (const { info, endpoints } of state.ports) {
    const eps = endpoints.filter((e) => e.ready).map((e) => e.endpoint);
    const base = {
      protocol: info.protocol,
      service: info.nameString,
      endpoints: eps,
      sticky: info.sessionAffinityClientIP,
    };
    for (const address of [info.clusterIP, ...info.externalIPs, ...info.loadBalancerVIPs]) {
      out.push({ ...base, address, port: info.port });
    }
    if (info.nodePort !== 0)
      for (const address of nodeIPs) out.push({ ...base, address, port: info.nodePort });
  }
  return out;
}

/** Round-robin position per Service port and affinity per client, kept across a batch (roundrobin.go LoadBalancerRR). */
export interface UserspaceState {
  next: Map<string, number>;
  affinity: Map<string, string>;
}

export function createUserspaceState(): UserspaceState {
  return { next: new Map(), affinity: new Map() };
}

/** Where the kube-proxy process sends a new connection; without state, every endpoint it may pick. */
export function traceUserspace(
  cluster: Cluster,
  nodeName: string,
  packet: TracePacket,
  state?: UserspaceState,
): ModeTraceResult {
  const family = parseIP(packet.destination)?.family ?? 4;
  const portal = computeUserspacePortals(cluster, nodeName, family).find(
    (p) =>
      p.protocol === packet.protocol &&
      p.port === packet.port &&
      sameAddress(p.address, packet.destination),
  );
  if (!portal) return { verdict: 'NO_MATCH', endpoints: [], masquerade: false, hops: [] };
  const hop = {
    table: 'userspace',
    chain: 'kube-proxy',
    rule: `${portal.service} (${portal.protocol} ${portal.address}:${portal.port})`,
  };
  if (portal.endpoints.length === 0)
    return { verdict: 'REJECT', endpoints: [], masquerade: false, hops: [hop] };
  let endpoints = portal.endpoints;
  if (state) {
    const key = `${portal.service}/${portal.protocol}`;
    const sticky = portal.sticky ? state.affinity.get(`${key}|${packet.source}`) : undefined;
    let chosen = sticky && portal.endpoints.includes(sticky) ? sticky : undefined;
    if (!chosen) {
      const i = (state.next.get(key) ?? 0) % portal.endpoints.length;
      chosen = portal.endpoints[i] ?? '';
      state.next.set(key, i + 1);
      if (portal.sticky) state.affinity.set(`${key}|${packet.source}`, chosen);
    }
    endpoints = [chosen];
  }
  return {
    verdict: 'DNAT',
    endpoints,
    masquerade: true,
    hops: [{ ...hop, rule: `${hop.rule} -> ${endpoints.join(', ')} (round robin)` }],
  };
}

export function sampleUserspace(
  cluster: Cluster,
  nodeName: string,
  packet: TracePacket,
  count: number,
): ModeSampleResult {
  const sample = emptySample();
  const state = createUserspaceState();
  const n = Math.max(0, Math.min(1_000_000, Math.floor(Number(count) || 0)));
  for (let i = 0; i < n; i++) addToSample(sample, traceUserspace(cluster, nodeName, packet, state));
  return sample;
}
