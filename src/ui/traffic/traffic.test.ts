import { describe, expect, it } from 'vitest';
import type { PodSummary, ServiceSummary } from '../../worker/protocol';
import type { RequestBatch, TracedRequest } from '../../worker/queries/requests';
import { hopTarget } from './hopTarget';
import { legMs, PacketPlayer } from './packetPlayer';

const pod = { key: 'default/hello', podIPs: ['10.244.0.2'] } as PodSummary;
const service = {
  key: 'default/hello',
  clusterIPs: ['10.96.0.20'],
  loadBalancerIngress: [],
  externalIPs: [],
} as unknown as ServiceSummary;

describe('hopTarget', () => {
  const at = (rule: string, table = 'nat', chain = 'KUBE-SEP-X') =>
    hopTarget({ node: 'node-3', table, chain, rule }, [pod], [service]);

  it('selects the pod a KUBE-SEP DNAT sends to', () => {
    expect(
      at(
        '-A KUBE-SEP-X -m comment --comment default/hello -m tcp -p tcp -j DNAT --to-destination 10.244.0.2:8080',
      ),
    ).toEqual({ kind: 'pod', key: 'default/hello' });
  });

  it('selects the Service a rule comment names, with or without a port name', () => {
    expect(
      at('-A KUBE-SVC-X -m comment --comment "default/hello:http -> 10.9.9.9:80" -j KUBE-SEP-Y'),
    ).toEqual({
      kind: 'service',
      key: 'default/hello',
    });
  });

  it('selects the node for rules that belong to no Service', () => {
    expect(
      at('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'),
    ).toEqual({
      kind: 'node',
      key: 'node-3',
    });
  });

  it('selects the Service of an IPVS virtual server', () => {
    expect(at('-> 10.244.0.9:80 Masq 1', 'ipvs', 'TCP  10.96.0.20:80 rr')).toEqual({
      kind: 'service',
      key: 'default/hello',
    });
  });
});

describe('PacketPlayer', () => {
  const request = {
    index: 0,
    pod: 'default/hello',
    legs: [
      {
        from: { type: 'client', address: '203.0.113.10' },
        to: { type: 'node', name: 'node-3' },
        phase: 'request',
        note: 'KUBE-SVC-X → 10.244.0.2:8080',
      },
      {
        from: { type: 'node', name: 'node-3' },
        to: { type: 'pod', pod: 'default/hello', node: 'node-1' },
        phase: 'request',
        note: 'sees 192.168.1.13',
      },
      {
        from: { type: 'pod', pod: 'default/hello', node: 'node-1' },
        to: { type: 'node', name: 'node-3' },
        phase: 'response',
      },
    ],
  } as unknown as TracedRequest;
  const batch = { requests: [request, request], distribution: [] } as unknown as RequestBatch;

  it('moves each packet leg by leg, counting arrivals at the pod and showing notes as it passes', () => {
    const player = new PacketPlayer();
    player.launch(batch, 1);
    expect(player.inFlight()).toHaveLength(1);
    player.advance(legMs * 1.5);
    expect(player.callouts.get('node:node-3')?.text).toBe('KUBE-SVC-X → 10.244.0.2:8080');
    player.advance(legMs * 0.6);
    expect(player.counters.get('pod:default/hello')?.count).toBe(1);
    player.advance(legMs * 4);
    expect(player.counters.get('pod:default/hello')?.count).toBe(2);
    expect(player.flights).toHaveLength(0);
  });

  it('stands still when not advanced (pause), and a step moves every packet one leg on', () => {
    const player = new PacketPlayer();
    player.launch({ ...batch, requests: [request] }, 1);
    player.advance(0);
    expect(player.inFlight()[0]?.leg.phase).toBe('request');
    player.advance(legMs * 2);
    expect(player.inFlight()[0]?.leg.phase).toBe('response');
  });
});
