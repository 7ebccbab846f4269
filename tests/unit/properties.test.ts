/**
 * Property tests of the cluster model: random object sets never make the engine throw, and
 * every ready endpoint is a ready pod whose labels match its Service's selector.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine';
import { runControllers } from '../../src/engine/controllers';
import { parseDocuments } from '../../src/engine/parse';
import type { KubeObject, Pod, Simulation } from '../../src/engine/model';
import { defaultClusterSettings } from '../../src/engine/settings';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const labelKeys = ['app', 'tier', 'env'];
const labelValues = ['a', 'b', 'c'];
const labels = fc.dictionary(fc.constantFrom(...labelKeys), fc.constantFrom(...labelValues), {
  maxKeys: 2,
});
const names = fc.constantFrom('x', 'y', 'z', 'w');
const namespaces = fc.constantFrom('default', 'default', 'other');
const portName = fc.constantFrom('http', 'web', 'metrics');
const targetPort = fc.oneof(fc.integer({ min: 1, max: 65535 }), portName);

const condition = fc.record({
  type: fc.constantFrom('Ready', 'PodScheduled'),
  status: fc.constantFrom('True', 'False', 'Unknown'),
});
const podStatus = fc.option(
  fc.record(
    {
      phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
      podIP: fc.constantFrom('10.244.0.9', '10.244.1.77', 'fd00::5', 'bogus'),
      conditions: fc.array(condition, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const pod = fc.record({
  name: names,
  namespace: namespaces,
  labels,
  nodeName: fc.option(fc.constantFrom('node-1', 'node-2', 'node-9'), { nil: undefined }),
  hostNetwork: fc.boolean(),
  terminating: fc.boolean(),
  hostname: fc.option(fc.constantFrom('h1', 'h2'), { nil: undefined }),
  subdomain: fc.option(names, { nil: undefined }),
  nodeSelector: fc.option(
    fc.dictionary(
      fc.constantFrom('kubernetes.io/hostname', 'disk'),
      fc.constantFrom('node-2', 'ssd'),
      { maxKeys: 1 },
    ),
    { nil: undefined },
  ),
  ports: fc.array(
    fc.record({
      name: portName,
      containerPort: fc.integer({ min: 1, max: 65535 }),
      protocol: fc.constantFrom('TCP', 'UDP'),
    }),
    { maxLength: 2 },
  ),
  status: podStatus,
});

const service = fc.record({
  name: names,
  namespace: namespaces,
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
  headless: fc.boolean(),
  selector: fc.option(labels, { nil: undefined }),
  publishNotReadyAddresses: fc.boolean(),
  ports: fc.array(
    fc.record({
      name: portName,
      port: fc.integer({ min: 1, max: 65535 }),
      targetPort,
      protocol: fc.constantFrom('TCP', 'UDP'),
    }),
    { maxLength: 2 },
  ),
});

const deployment = fc.record({
  name: names,
  namespace: namespaces,
  labels,
  replicas: fc.integer({ min: 0, max: 4 }),
});

function podObject(p: ValueOf<typeof pod>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      ...(p.terminating ? { deletionTimestamp: '2025-01-02T00:00:00Z' } : {}),
    },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: p.ports.map((x, i) => ({ ...x, name: `${x.name}${i}` })),
        },
      ],
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      ...(p.hostname ? { hostname: p.hostname } : {}),
      ...(p.subdomain ? { subdomain: p.subdomain } : {}),
      ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}),
    },
    ...(p.status ? { status: p.status as Pod['status'] } : {}),
  } as KubeObject;
}

function serviceObject(s: ValueOf<typeof service>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.name, namespace: s.namespace },
    spec: {
      type: s.type,
      ...(s.type === 'ExternalName' ? { externalName: 'example.com' } : {}),
      ...(s.headless && s.type === 'ClusterIP' ? { clusterIP: 'None' } : {}),
      ...(s.selector ? { selector: s.selector } : {}),
      publishNotReadyAddresses: s.publishNotReadyAddresses,
      ports: s.ports.map((x, i) => ({ ...x, name: `${x.name}${i}` })),
    },
  } as KubeObject;
}

function deploymentObject(d: ValueOf<typeof deployment>): KubeObject {
  const matchLabels = Object.keys(d.labels).length ? d.labels : { app: d.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: d.name, namespace: d.namespace },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels },
      template: {
        metadata: { labels: matchLabels },
        spec: {
          containers: [
            { name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] },
          ],
        },
      },
    },
  } as KubeObject;
}

const cluster = fc.record({
  pods: fc.array(pod, { maxLength: 8 }),
  services: fc.array(service, { maxLength: 4 }),
  deployments: fc.array(deployment, { maxLength: 2 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});

/** Freezes a value and everything in it. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

const toYaml = (objects: KubeObject[]) => objects.map((o) => JSON.stringify(o)).join('\n---\n');

function isReady(pod: Pod | undefined): boolean {
  return pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

function checkReadyEndpoints(sim: Simulation): void {
  const pods = new Map(
    sim.cluster.pods.map((p) => [
      `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`,
      p,
    ]),
  );
  const services = new Map(
    sim.cluster.services.map((s) => [
      `${s.metadata.namespace ?? 'default'}/${s.metadata.name ?? ''}`,
      s,
    ]),
  );
  for (const slice of sim.cluster.endpointSlices) {
    if (
      slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] !==
      'endpointslice-controller.k8s.io'
    )
      continue;
    const ns = slice.metadata.namespace ?? 'default';
    const svc = services.get(`${ns}/${slice.metadata.labels['kubernetes.io/service-name'] ?? ''}`);
    expect(svc).toBeDefined();
    for (const endpoint of slice.endpoints ?? []) {
      if (!endpoint.conditions?.ready || svc?.spec?.publishNotReadyAddresses) continue;
      const p = pods.get(
        `${endpoint.targetRef?.namespace ?? ''}/${endpoint.targetRef?.name ?? ''}`,
      );
      expect(p, 'a ready endpoint names an existing pod').toBeDefined();
      expect(isReady(p), 'a ready endpoint is a ready pod').toBe(true);
      expect(p?.metadata.namespace ?? 'default').toBe(ns);
      for (const [k, v] of Object.entries(svc?.spec?.selector ?? {}))
        expect(p?.metadata.labels?.[k]).toBe(v);
    }
  }
  for (const ep of sim.cluster.endpoints) {
    const ns = ep.metadata.namespace ?? 'default';
    const svc = services.get(`${ns}/${ep.metadata.name ?? ''}`);
    if (!svc?.spec?.selector || svc.spec.publishNotReadyAddresses) continue;
    for (const subset of ep.subsets ?? []) {
      for (const a of subset.addresses ?? []) {
        const p = pods.get(`${a.targetRef?.namespace ?? ''}/${a.targetRef?.name ?? ''}`);
        expect(isReady(p)).toBe(true);
        for (const [k, v] of Object.entries(svc.spec.selector))
          expect(p?.metadata.labels?.[k]).toBe(v);
      }
    }
  }
}

describe('properties of the cluster model', () => {
  it('never throws on random object sets, and every ready endpoint is a ready, selected pod', () => {
    fc.assert(
      fc.property(cluster, ({ pods, services, deployments, seed }) => {
        const objects = [
          ...deployments.map(deploymentObject),
          ...pods.map(podObject),
          ...services.map(serviceObject),
        ];
        const sim = simulate(toYaml(objects), { seed });
        checkReadyEndpoints(sim);
      }),
      { numRuns: 150 },
    );
  });

  it('modifies no parsed document: admission and the controllers work on their own copies', () => {
    // Admission shares the parts of a request it does not write to, and later runs share what
    // earlier ones stored: a write to a parsed value would change the parse cache under every
    // run after it. Here the values are frozen before their first admission (a write throws,
    // or is reported), and the run must equal one over the same objects left unfrozen (each
    // document's text made new by a comment at the end of its one line).
    let run = 0;
    fc.assert(
      fc.property(cluster, ({ pods, services, deployments, seed }) => {
        run += 1;
        const objects = [
          ...deployments.map(deploymentObject),
          ...pods.map(podObject),
          ...services.map(serviceObject),
        ];
        const text = objects.map((o) => `${JSON.stringify(o)} # frozen ${run}`).join('\n---\n');
        const unfrozen = simulate(text.replaceAll(' # frozen ', ' # unfrozen '), { seed });
        for (const doc of parseDocuments(text)) deepFreeze(doc.value);
        expect(JSON.stringify(simulate(text, { seed }))).toBe(JSON.stringify(unfrozen));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws when the controllers read objects no API server would have admitted', () => {
    const junk = fc.anything({ maxDepth: 3, withNullPrototype: false });
    const field = (keys: string[]) =>
      fc.record(Object.fromEntries(keys.map((k) => [k, junk])), { requiredKeys: [] });
    const specJunk = field([
      'selector',
      'ports',
      'containers',
      'initContainers',
      'template',
      'replicas',
      'nodeName',
      'podCIDR',
      'podCIDRs',
      'taints',
      'tolerations',
      'type',
      'clusterIP',
      'ipFamilies',
      'nodeSelector',
      'affinity',
      'hostname',
      'subdomain',
      'hostNetwork',
      'readinessGates',
      'publishNotReadyAddresses',
      'loadBalancerIP',
      'loadBalancerClass',
      'unschedulable',
      'strategy',
    ]);
    const statusJunk = field([
      'phase',
      'podIP',
      'podIPs',
      'conditions',
      'addresses',
      'loadBalancer',
      'hostIP',
    ]);
    const kinds = fc.constantFrom(
      'Pod',
      'Service',
      'Deployment',
      'ReplicaSet',
      'Endpoints',
      'EndpointSlice',
      'Node',
    );
    const object = fc.record({
      kind: kinds,
      metadata: fc.oneof(
        fc.record(
          {
            name: fc.oneof(names, junk),
            namespace: fc.oneof(namespaces, junk),
            labels: fc.oneof(labels, junk),
          },
          { requiredKeys: [] },
        ),
        fc.constant({}),
      ),
      spec: fc.oneof(junk, specJunk),
      status: fc.oneof(junk, statusJunk),
      subsets: fc.oneof(
        junk,
        fc.array(
          fc.record(
            { addresses: junk, notReadyAddresses: junk, ports: junk },
            { requiredKeys: [] },
          ),
        ),
      ),
      endpoints: junk,
      ports: junk,
    });
    fc.assert(
      fc.property(fc.array(object, { maxLength: 8 }), fc.integer(), (objects, seed) => {
        const out = runControllers({
          settings: defaultClusterSettings,
          seed,
          objects: objects as unknown as KubeObject[],
        });
        expect(Array.isArray(out.pods)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
