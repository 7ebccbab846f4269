import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import type { Cluster } from '../../../src/engine/model';
import { computeRequestBatch } from '../../../src/engine/trace/requests';

const scenario = (name: string) =>
  readFileSync(new URL(`../../../src/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const client = { type: 'external', ip: '203.0.113.10' } as const;

function nodePortOf(cluster: Cluster, name: string): number {
  const service = cluster.services.find((s) => s.metadata?.name === name);
  return service?.spec?.ports?.[0]?.nodePort ?? 0;
}

function nodeIP(cluster: Cluster, name: string): string {
  const node = cluster.nodes.find((n) => n.metadata?.name === name);
  return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

describe('computeRequestBatch', () => {
  it('says where it simplifies: the load balancer node choice, and the source a same-node pod sees', () => {
    const { cluster } = simulate(scenario('cross-node'));
    const toNode1 = computeRequestBatch(cluster, {
      source: client,
      destination: { kind: 'nodePort', host: nodeIP(cluster, 'node-1'), port: 30080 },
      count: 1,
      seed: 1,
    }).requests[0];
    expect(toNode1?.podNode).toBe('node-1');
    expect(toNode1?.simplifications?.join(' ')).toContain('bridge');
    const toNode3 = computeRequestBatch(cluster, {
      source: client,
      destination: { kind: 'nodePort', host: nodeIP(cluster, 'node-3'), port: 30080 },
      count: 1,
      seed: 1,
    }).requests[0];
    expect(toNode3?.simplifications).toBeUndefined();

    const lb = simulate(scenario('load-balancer')).cluster;
    const ingress = lb.services.find((s) => s.metadata?.name === 'shop')?.status?.loadBalancer
      ?.ingress?.[0]?.ip;
    const viaLB = computeRequestBatch(lb, {
      source: client,
      destination: { kind: 'loadBalancer', host: ingress ?? '', port: 443 },
      count: 1,
      seed: 1,
    }).requests[0];
    expect(viaLB?.simplifications?.join(' ')).toContain('load balancer');
  });

  it('forwards a request to node-3 on to the pod on node-1, masqueraded with node-3 address', () => {
    const { cluster } = simulate(scenario('cross-node'));
    const batch = computeRequestBatch(cluster, {
      source: client,
      destination: { kind: 'nodePort', host: nodeIP(cluster, 'node-3'), port: 30080 },
      count: 1,
      seed: 1,
    });
    const [request] = batch.requests;
    expect(request).toMatchObject({
      verdict: 'DNAT',
      pod: 'default/hello',
      podNode: 'node-1',
      masquerade: true,
      sourceSeen: nodeIP(cluster, 'node-3'),
    });
    const places = request?.legs.filter((l) => l.phase === 'request').map((l) => l.to);
    expect(places).toEqual([
      { type: 'node', name: 'node-3' },
      { type: 'node', name: 'node-1' },
      { type: 'pod', pod: 'default/hello', node: 'node-1' },
    ]);
    expect(request?.legs.at(-1)?.to).toEqual({ type: 'client', address: client.ip });
    expect(request?.hops.every((h) => h.node === 'node-3')).toBe(true);
    expect(request?.hops.some((h) => h.rule.includes('-j DNAT --to-destination'))).toBe(true);
  });

  it('drops a request to a node without a local pod under externalTrafficPolicy Local, and keeps the client address elsewhere', () => {
    const { cluster } = simulate(scenario('external-traffic-local'));
    const podNodes = new Set(
      cluster.pods.filter((p) => p.metadata?.labels?.app === 'echo').map((p) => p.spec?.nodeName),
    );
    const outcomes = cluster.nodes.map((node) => {
      const name = node.metadata?.name ?? '';
      const [request] = computeRequestBatch(cluster, {
        source: client,
        destination: { kind: 'nodePort', host: nodeIP(cluster, name), port: 30090 },
        count: 1,
        seed: 1,
      }).requests;
      return { name, request };
    });
    for (const { name, request } of outcomes) {
      if (podNodes.has(name)) {
        expect(request).toMatchObject({ verdict: 'DNAT', podNode: name, sourceSeen: client.ip });
      } else {
        expect(request?.verdict).toBe('DROP');
        expect(request?.stoppedAt?.place).toEqual({ type: 'node', name });
        expect(request?.stoppedAt?.rule?.rule).toMatch(/-j DROP/);
      }
    }
    expect(outcomes.filter((o) => o.request?.verdict === 'DROP')).toHaveLength(1);
  });

  it('sends 100 requests with ClientIP affinity to one pod', () => {
    const { cluster } = simulate(scenario('session-affinity'));
    const batch = computeRequestBatch(cluster, {
      source: client,
      destination: {
        kind: 'nodePort',
        host: nodeIP(cluster, 'node-2'),
        port: nodePortOf(cluster, 'cart'),
      },
      count: 100,
      seed: 7,
    });
    expect(batch.distribution).toHaveLength(1);
    expect(batch.distribution[0]?.count).toBe(100);
  });

  it('spreads 100 requests over every pod under iptables random choice, and round-robins evenly in IPVS mode', () => {
    const text = scenario('my-webapp');
    const send = (cluster: Cluster) =>
      computeRequestBatch(cluster, {
        source: client,
        destination: {
          kind: 'nodePort',
          host: nodeIP(cluster, 'node-1'),
          port: nodePortOf(cluster, 'my-webapp-nodeport'),
        },
        count: 99,
        seed: 3,
      });
    const random = send(simulate(text).cluster);
    expect(random.distribution).toHaveLength(3);
    expect(new Set(random.distribution.map((d) => d.count)).size).toBeGreaterThan(1);
    const ipvs = send(
      simulate(
        `${text}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n`,
      ).cluster,
    );
    expect(ipvs.mode).toBe('ipvs');
    expect(ipvs.distribution.map((d) => d.count)).toEqual([33, 33, 33]);
  });

  it('looks a Service name up through the pod search list first, at a CoreDNS pod', () => {
    const { cluster } = simulate(scenario('my-webapp'));
    const pod = cluster.pods.find((p) => p.metadata?.name?.startsWith('my-webapp-'));
    const batch = computeRequestBatch(cluster, {
      source: { type: 'pod', pod: `default/${pod?.metadata?.name ?? ''}` },
      destination: { kind: 'dnsName', host: 'my-webapp-clusterip', port: 80 },
      count: 1,
      seed: 1,
    });
    const [request] = batch.requests;
    expect(request?.dns).toMatchObject({
      answeredName: 'my-webapp-clusterip.default.svc.cluster.local.',
      outcome: 'answer',
    });
    expect(request?.dns?.server).toMatch(/^kube-system\/coredns-/);
    expect(request?.legs[0]?.phase).toBe('dns-query');
    expect(
      request?.hops.filter((h) => h.leg === 'dns').some((h) => h.rule.includes('kube-dns')),
    ).toBe(true);
    expect(request?.verdict).toBe('DNAT');
    expect(request?.pod).toMatch(/^default\/my-webapp-/);
  });

  it('goes through the load balancer, and refuses a ClusterIP from outside the cluster', () => {
    const { cluster } = simulate(scenario('load-balancer'));
    const service = cluster.services.find((s) => s.spec?.type === 'LoadBalancer');
    const vip = service?.status?.loadBalancer?.ingress?.[0]?.ip ?? '';
    const port = service?.spec?.ports?.[0]?.port ?? 0;
    const batch = computeRequestBatch(cluster, {
      source: client,
      destination: { kind: 'loadBalancer', host: vip, port },
      count: 10,
      seed: 1,
    });
    expect(batch.requests[0]?.legs[0]?.to).toMatchObject({ type: 'loadBalancer', address: vip });
    expect(batch.verdicts.DNAT).toBe(10);
    const refused = computeRequestBatch(cluster, {
      source: client,
      destination: { kind: 'clusterIP', host: service?.spec?.clusterIP ?? '', port },
      count: 1,
      seed: 1,
    });
    expect(refused.requests[0]?.stoppedAt?.reason).toMatch(/only from inside the cluster/);
  });
});
