/**
 * kube-proxy iptables mode: full `iptables-save` generation for one node at 100 Services with
 * about 200 endpoints, at 1,000 and 10,000 Services x 5 endpoints, and the resync after one
 * Service changed at 10,000 (only the changed Service's rules are recomputed). One JSON line per
 * case, medians of several runs. Targets: 100 under 5 ms, 10,000 under 1 s, one change under 20 ms.
 */
import { performance } from 'node:perf_hooks';
import type { Cluster, EndpointSlice, Node, Service } from '../src/engine';
import { resolveProxySettings, defaultClusterSettings } from '../src/engine/settings';
import { createIptablesProxier, renderIptablesSave } from '../src/engine/kubeproxy/iptables';
import { measure } from './measure';

/** About 100 pods per node, as bench/generate.ts lays clusters out (at least 3 nodes). */
let nodeCount = 3;

function node(i: number): Node {
  return {
    kind: 'Node',
    metadata: { name: `node-${i + 1}` },
    spec: { podCIDR: `10.244.${i}.0/24` },
    status: { addresses: [{ type: 'InternalIP', address: `192.168.1.${11 + i}` }] },
  };
}

function service(i: number, generation = 0): Service {
  const nodePort = i % 4 === 0;
  return {
    kind: 'Service',
    metadata: { namespace: 'default', name: `svc-${i}`, resourceVersion: String(generation) },
    spec: {
      type: nodePort ? 'NodePort' : 'ClusterIP',
      clusterIP: `10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
      ports: [
        {
          name: 'http',
          port: 80,
          protocol: 'TCP',
          targetPort: 8080,
          ...(nodePort ? { nodePort: 30000 + (i % 2768) } : {}),
        },
      ],
    },
  };
}

function slice(i: number, endpoints: number, generation = 0): EndpointSlice {
  return {
    kind: 'EndpointSlice',
    metadata: {
      namespace: 'default',
      name: `svc-${i}-abcde`,
      labels: { 'kubernetes.io/service-name': `svc-${i}` },
      resourceVersion: String(generation),
    },
    addressType: 'IPv4',
    endpoints: Array.from({ length: endpoints }, (_, e) => {
      const n = i * endpoints + e + generation;
      return {
        addresses: [`10.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${(n % nodeCount) + 1}`,
      };
    }),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

function cluster(services: number, endpoints: number): Cluster {
  nodeCount = Math.max(3, Math.ceil((services * endpoints) / 100));
  return {
    settings: defaultClusterSettings,
    proxy: resolveProxySettings([], defaultClusterSettings, {}, []),
    namespaces: [],
    nodes: Array.from({ length: nodeCount }, (_, i) => node(i)),
    defaultNodes: false,
    pods: [],
    deployments: [],
    replicaSets: [],
    services: Array.from({ length: services }, (_, i) => service(i)),
    endpoints: [],
    endpointSlices: Array.from({ length: services }, (_, i) => slice(i, endpoints)),
    serviceCIDRs: [],
    configMaps: [],
  };
}

function full(c: Cluster) {
  const start = performance.now();
  const text = renderIptablesSave(createIptablesProxier('node-1', 4).sync(c));
  return { ms: performance.now() - start, bytes: text.length };
}

const cases: { name: string; services: number; endpoints: number; runs: number; target: number }[] =
  [
    {
      name: 'iptables-save 100 services x 2 endpoints',
      services: 100,
      endpoints: 2,
      runs: 30,
      target: 5,
    },
    {
      name: 'iptables-save 1000 services x 5 endpoints',
      services: 1000,
      endpoints: 5,
      runs: 9,
      target: 100,
    },
    {
      name: 'iptables-save 10000 services x 5 endpoints',
      services: 10000,
      endpoints: 5,
      runs: 5,
      target: 1000,
    },
  ];

for (const c of cases) {
  const input = cluster(c.services, c.endpoints);
  const result = measure(c.runs, Math.min(20, c.runs), () => full(input));
  console.log(
    JSON.stringify({
      bench: 'kubeproxy-iptables',
      case: c.name,
      medianMs: result.ms,
      targetMs: c.target,
      bytes: result.bytes,
    }),
  );
}

{
  const base = cluster(10000, 5);
  const proxier = createIptablesProxier('node-1', 4);
  renderIptablesSave(proxier.sync(base));
  let generation = 0;
  const result = measure(15, 3, () => {
    generation++;
    const changed = 1234;
    const services = base.services.slice();
    services[changed] = service(changed, generation);
    const endpointSlices = base.endpointSlices.slice();
    endpointSlices[changed] = slice(changed, 5, generation);
    const next: Cluster = { ...base, services, endpointSlices };
    const start = performance.now();
    const ruleSet = proxier.sync(next);
    const synced = performance.now();
    const text = renderIptablesSave(ruleSet);
    const rendered = performance.now();
    return {
      ms: rendered - start,
      syncMs: synced - start,
      renderMs: rendered - synced,
      bytes: text.length,
    };
  });
  console.log(
    JSON.stringify({
      bench: 'kubeproxy-iptables',
      case: 'one service changed at 10000 services (resync and text)',
      medianMs: result.ms,
      targetMs: 20,
      syncMs: result.syncMs,
      textRenderMs: result.renderMs,
      bytes: result.bytes,
    }),
  );
}
