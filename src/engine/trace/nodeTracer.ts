/**
 * One new connection through one node's kube-proxy rules, in the cluster's proxy mode, with the
 * state a batch of connections keeps from one to the next: the seeded random source of
 * iptables `statistic` and nftables `numgen` choices, the `-m recent` / dynamic-set affinity
 * history, and the IPVS schedulers' and userspace proxy's round-robin state. Every answer comes
 * from the mode's tracer walking the rules the engine generated.
 */
import type { Cluster } from '../model';
import { computeIptablesRules, type IptablesRuleSet } from '../kubeproxy/iptables';
import { computeIpvsState, type IpvsState } from '../kubeproxy/ipvs/proxier';
import { createSchedulerState, type SchedulerState } from '../kubeproxy/ipvs/scheduler';
import { computeNftablesTable, type NftTable } from '../kubeproxy/nftables';
import { nodeInterfaceAddresses } from '../kubeproxy/common/node';
import { findNode } from '../kubeproxy/common/proxyState';
import { createUserspaceState, traceUserspace, type UserspaceState } from '../kubeproxy/userspace';
import { parseIP, type Family } from '../net/ip';
import { arrivalOf, type Arrival } from './arrival';
import { traceIpvs } from './ipvs';
import type { ModeTraceResult, TracePacket } from './modeTrace';
import { traceNftables, type NftDynamicSets } from './nftables';
import { traceIptables, type AffinityHistory } from './tracer';

export type NodeTraceResult = ModeTraceResult;

export interface NodeTracer {
  /** Traces the `sequence`-th connection of the batch arriving at `nodeName`. */
  trace(nodeName: string, packet: TracePacket, sequence: number): NodeTraceResult;
}

interface NodeState {
  iptables?: IptablesRuleSet;
  history: AffinityHistory;
  ipvs?: IpvsState;
  scheduler: SchedulerState;
  nftables?: NftTable;
  dynamicSets: NftDynamicSets;
  userspace: UserspaceState;
  /** Where each source's packets come in (arrivalOf), looked up once per source. */
  arrivals: Map<string, Arrival>;
}

/** A tracer for one batch: rules are computed once per node and family, state is kept per node. */
export function createNodeTracer(cluster: Cluster, random: () => number): NodeTracer {
  const states = new Map<string, NodeState>();
  const stateOf = (nodeName: string, family: Family): NodeState => {
    const key = `${nodeName}\u0000${family}`;
    let state = states.get(key);
    if (!state) {
      state = {
        history: new Map(),
        scheduler: createSchedulerState(),
        dynamicSets: new Map(),
        userspace: createUserspaceState(),
        arrivals: new Map(),
      };
      states.set(key, state);
    }
    return state;
  };
  return {
    trace(nodeName, sent, sequence) {
      const family: Family = parseIP(sent.destination)?.family ?? 4;
      const state = stateOf(nodeName, family);
      let arrival = state.arrivals.get(sent.source);
      if (!arrival)
        state.arrivals.set(sent.source, (arrival = arrivalOf(cluster, nodeName, sent.source)));
      const packet: TracePacket = { ...sent, ...arrival };
      switch (cluster.proxy.mode) {
        case 'ipvs':
          state.ipvs ??= computeIpvsState(cluster, nodeName, family);
          return traceIpvs(state.ipvs, packet, {
            scheduler: state.scheduler,
            sourcePort: 40000 + sequence,
          });
        case 'nftables':
          state.nftables ??= computeNftablesTable(cluster, nodeName, family);
          return traceNftables(state.nftables, packet, {
            localAddresses: nodeInterfaceAddresses(findNode(cluster, nodeName)),
            random,
            dynamicSets: state.dynamicSets,
          });
        case 'userspace':
          return traceUserspace(cluster, nodeName, packet, state.userspace);
        default: {
          state.iptables ??= computeIptablesRules(cluster, nodeName, family);
          const result = traceIptables(state.iptables, packet, { random, history: state.history });
          return {
            verdict: result.verdict,
            endpoints: result.endpoints,
            masquerade: result.masquerade,
            hops: result.hops,
          };
        }
      }
    },
  };
}
