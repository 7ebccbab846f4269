import { describe, expect, it } from 'vitest';
import {
  createIptablesProxier,
  renderIptablesSave,
  renderTables,
} from '../../../src/engine/kubeproxy/iptables';
import { clusterOf, fixtureHeader, testNodeName } from '../../upstream/iptables/harness';

/** A small deterministic generator (mulberry32), so the edit sequence is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function service(i: number, variant: number): string {
  const type = ['ClusterIP', 'NodePort', 'LoadBalancer'][variant % 3] ?? 'ClusterIP';
  const local =
    variant % 4 === 3
      ? '  externalTrafficPolicy: Local\n  healthCheckNodePort: 3100' + i + '\n'
      : '';
  const lb =
    type === 'LoadBalancer' ? `status:\n  loadBalancer:\n    ingress: [{ip: 1.2.${i}.4}]\n` : '';
  const ports =
    type === 'ClusterIP'
      ? `{name: p, port: 80, protocol: TCP}`
      : `{name: p, port: 80, protocol: TCP, nodePort: ${30000 + i}}`;
  return `---
apiVersion: v1
kind: Service
metadata: {namespace: ns, name: svc${i}}
spec:
  type: ${type}
  clusterIP: 172.30.1.${i}
  ports: [${ports}]
${type === 'ClusterIP' ? '' : local}${lb}`;
}

function slice(i: number, count: number, offset: number): string {
  const eps = Array.from(
    { length: count },
    (_, e) => `{addresses: [10.1.${i}.${e + offset}], nodeName: ${e % 2 ? 'test-node' : 'other'}}`,
  );
  return `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns, name: svc${i}-1, labels: {kubernetes.io/service-name: svc${i}}}
addressType: IPv4
endpoints: [${eps.join(', ')}]
ports: [{name: p, port: 80, protocol: TCP}]
`;
}

describe('incremental resync', () => {
  it('prints, after every edit, what a fresh proxier prints, and its cached text matches its tables', () => {
    const next = random(7);
    const state = Array.from({ length: 12 }, (_, i) => ({
      present: true,
      variant: i,
      endpoints: i % 4,
      offset: 1,
    }));
    const proxier = createIptablesProxier(testNodeName, 4);
    for (let step = 0; step < 60; step++) {
      const i = Math.floor(next() * state.length);
      const s = state[i];
      if (!s) continue;
      const action = Math.floor(next() * 4);
      if (action === 0) s.present = !s.present;
      else if (action === 1) s.variant = Math.floor(next() * 8);
      else if (action === 2) s.endpoints = Math.floor(next() * 4);
      else s.offset = 1 + Math.floor(next() * 3);
      const yaml =
        fixtureHeader() +
        state
          .map((x, n) => (x.present ? service(n, x.variant) + slice(n, x.endpoints, x.offset) : ''))
          .join('');
      const cluster = clusterOf(yaml);
      const incremental = proxier.sync(cluster);
      const text = renderIptablesSave(incremental);
      expect(renderTables(incremental), `step ${step}`).toBe(text);
      const fresh = renderIptablesSave(createIptablesProxier(testNodeName, 4).sync(cluster));
      expect(text, `step ${step}`).toBe(fresh);
    }
  });
});

describe('patched proxy state (a few objects replaced in place)', () => {
  it('matches a fresh computation when one Service and one EndpointSlice are replaced', () => {
    const yaml =
      fixtureHeader() +
      Array.from({ length: 6 }, (_, i) => service(i, i) + slice(i, 2, 1)).join('');
    const base = clusterOf(yaml);
    const proxier = createIptablesProxier(testNodeName, 4);
    proxier.sync(base);
    const edits: ((services: typeof base.services, slices: typeof base.endpointSlices) => void)[] =
      [
        (services) => {
          const s = services[2];
          if (s) services[2] = { ...s, spec: { ...s.spec, sessionAffinity: 'ClientIP' } };
        },
        (_, slices) => {
          const s = slices[3];
          if (s)
            slices[3] = { ...s, endpoints: [{ addresses: ['10.9.9.9'], nodeName: 'test-node' }] };
        },
        (_, slices) => {
          const s = slices[4];
          if (s) slices[4] = { ...s, metadata: { ...s.metadata, labels: {} } };
        },
      ];
    let services = base.services;
    let slices = base.endpointSlices;
    for (const edit of edits) {
      services = services.slice();
      slices = slices.slice();
      edit(services, slices);
      const cluster = { ...base, services, endpointSlices: slices };
      const text = renderIptablesSave(proxier.sync(cluster));
      expect(text).toBe(renderIptablesSave(createIptablesProxier(testNodeName, 4).sync(cluster)));
    }
  });
});
