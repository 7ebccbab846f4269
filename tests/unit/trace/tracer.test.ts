import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { sampleIptables, traceIptables, computeRequestTrace } from '../../../src/engine/trace';
import { fixtureHeader, ruleSetOf, testNodeName } from '../../upstream/iptables/harness';

const yaml = `${fixtureHeader()}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: sticky}
spec:
  clusterIP: 172.30.0.60
  ports: [{name: p, port: 80, protocol: TCP}]
  sessionAffinity: ClientIP
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: sticky-1, labels: {kubernetes.io/service-name: sticky}}
addressType: IPv4
endpoints: [{addresses: [10.180.0.1]}, {addresses: [10.180.0.2]}, {addresses: [10.180.0.3]}]
ports: [{name: p, port: 8080, protocol: TCP}]
`;

describe('traceIptables', () => {
  const packet = {
    source: '10.0.0.2',
    destination: '172.30.0.60',
    port: 80,
    protocol: 'TCP',
  } as const;
  it('lists every branch of the random choice; affinity checks do not match without history', () => {
    const r = traceIptables(ruleSetOf(yaml), packet);
    expect(r.verdict).toBe('DNAT');
    expect(r.endpoints).toEqual(['10.180.0.1:8080', '10.180.0.2:8080', '10.180.0.3:8080']);
    expect(r.hops.some((h) => h.rule.includes('--rcheck'))).toBe(false);
    expect(r.hops[0]).toEqual({
      table: 'nat',
      chain: 'PREROUTING',
      rule: '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    });
  });
  it('is NO_MATCH for traffic no kube-proxy rule decides', () => {
    const r = traceIptables(ruleSetOf(yaml), { ...packet, destination: '10.9.9.9' });
    expect(r).toMatchObject({ verdict: 'NO_MATCH', endpoints: [], masquerade: false });
  });
});

describe('sampleIptables', () => {
  const packet = {
    source: '10.0.0.2',
    destination: '172.30.0.60',
    port: 80,
    protocol: 'TCP',
  } as const;
  it('keeps ClientIP affinity from packet to packet', () => {
    const result = sampleIptables(ruleSetOf(yaml), packet, 50, 7);
    expect(Object.values(result.endpoints)).toEqual([50]);
  });
  it('spreads packets over endpoints without affinity, deterministically for a seed', () => {
    const plain = yaml.replace('sessionAffinity: ClientIP', 'sessionAffinity: None');
    const a = sampleIptables(ruleSetOf(plain), packet, 3000, 3);
    const b = sampleIptables(ruleSetOf(plain), packet, 3000, 3);
    expect(a).toEqual(b);
    for (const n of Object.values(a.endpoints)) expect(n).toBeGreaterThan(800);
  });
});

describe('computeRequestTrace', () => {
  it('follows an external client to a node port and on to the pods, with the source they see', () => {
    const nodePort = `${yaml}
---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: np}
spec:
  type: NodePort
  clusterIP: 172.30.0.61
  ports: [{name: p, port: 80, protocol: TCP, nodePort: 30080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: np-1, labels: {kubernetes.io/service-name: np}}
addressType: IPv4
endpoints: [{addresses: [10.180.0.9], nodeName: other}]
ports: [{name: p, port: 80, protocol: TCP}]
`;
    const { cluster } = simulate(nodePort, { admitted: true });
    const trace = computeRequestTrace(cluster, {
      client: { type: 'external', ip: '203.0.113.2' },
      destination: '192.168.0.2',
      port: 30080,
    });
    expect(trace.steps.map((s) => s.type)).toEqual(['client', 'node', 'pod']);
    expect(trace.steps[1]).toMatchObject({ type: 'node', name: testNodeName });
    expect(trace.steps[2]).toMatchObject({
      endpoint: '10.180.0.9:80',
      node: 'other',
      sourceSeen: '192.168.0.2',
    });
  });
});
