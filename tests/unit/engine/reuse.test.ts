/**
 * The controllers reuse the previous run's results where their input is unchanged
 * (src/engine/controllers/reuse.ts). A run after any sequence of edits must give exactly what a
 * fresh engine, which has never run, gives for the same text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateClusterYaml } from '../../../bench/generate';
import type * as Engine from '../../../src/engine';

const dir = join(import.meta.dirname, '../../../src/scenarios');
const classroom = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('\n---\n');

/** A fresh copy of the engine module: nothing kept from any earlier run. */
async function freshEngine(): Promise<typeof Engine> {
  vi.resetModules();
  return import('../../../src/engine');
}

/**
 * A generated cluster, a pod bound to a node, and a Deployment whose pods only a node labelled
 * `zone: b` can run.
 */
const generated = `${generateClusterYaml({ services: 40, replicas: 3, nodes: 4 })}---
apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeName: node-1
  containers:
  - name: app
    image: registry.example/app:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: zoned
spec:
  replicas: 2
  selector:
    matchLabels:
      app: zoned
  template:
    metadata:
      labels:
        app: zoned
    spec:
      nodeSelector:
        zone: b
      containers:
      - name: app
        image: registry.example/app:1
`;

/** Edits a person makes, each applied to the text before it. */
const edits: [string, (text: string) => string][] = [
  ['a Service port', (t) => t.replace('port: 80\n', 'port: 81\n')],
  ['a targetPort', (t) => t.replace('targetPort: http', 'targetPort: 9090')],
  ['a Deployment image', (t) => t.replace('app:1', 'app:2')],
  ['a Deployment scaled', (t) => t.replace('replicas: 3', 'replicas: 4')],
  ['a comment', (t) => `# a note\n${t}`],
  ['a selector', (t) => t.replace('    app: svc-7\n  ports', '    app: svc-8\n  ports')],
  [
    'a document inserted first',
    (t) => `kind: Namespace\napiVersion: v1\nmetadata:\n  name: extra\n---\n${t}`,
  ],
  [
    'a Node label',
    (t) => t.replace('  name: node-2\n', '  name: node-2\n  labels:\n    zone: b\n'),
  ],
  ['another Deployment scaled', (t) => t.replace(/(name: svc-1\nspec:\n {2}replicas:) 3/, '$1 5')],
  // The zoned pods stay on node-2, after one more pod there: their addresses change.
  ['a pod moved', (t) => t.replace('nodeName: node-1', 'nodeName: node-2')],
  [
    'a Service removed',
    (t) =>
      t.replace(
        /kind: Service\nmetadata:\n {2}name: svc-3\n/,
        'kind: ConfigMap\nmetadata:\n  name: svc-3\n',
      ),
  ],
  ['nothing', (t) => t],
  ['the edits undone', () => generated],
];

describe('runs after edits equal a fresh engine', () => {
  it('for a generated cluster, after each edit in turn', async () => {
    const warm = await freshEngine();
    let text = generated;
    warm.simulate(text);
    for (const [name, edit] of edits) {
      text = edit(text);
      const got = JSON.stringify(warm.simulate(text));
      const cold = await freshEngine();
      expect(got, name).toBe(JSON.stringify(cold.simulate(text)));
    }
  });

  it('for every scenario together, after a run of the generated cluster and an edit', async () => {
    const warm = await freshEngine();
    warm.simulate(classroom);
    warm.simulate(generated);
    const edited = classroom.replace('replicas: 3', 'replicas: 2').replace('port: 80', 'port: 82');
    for (const text of [classroom, edited, classroom]) {
      const got = JSON.stringify(warm.simulate(text));
      expect(got).toBe(JSON.stringify((await freshEngine()).simulate(text)));
    }
  });

  it('admits a Service again, or makes a ReplicaSet again, when a value or name it took is taken first, or its range changes', async () => {
    const warm = await freshEngine();
    const first = warm.simulate(generated).cluster;
    const svc = (name: string) => first.services.find((s) => s.metadata?.name === name);
    const clusterIP = svc('svc-5')?.spec?.clusterIP ?? '';
    const rsName = first.replicaSets.find((rs) => rs.metadata?.name?.startsWith('svc-2-'))?.metadata
      ?.name;
    expect(rsName).toBeDefined();
    const podName = first.pods.find((p) => p.metadata?.name?.startsWith('svc-3-'))?.metadata?.name;
    expect(podName).toBeDefined();
    const nodePort = svc('svc-0')?.spec?.ports?.[0]?.nodePort ?? 0;
    expect(clusterIP).not.toBe('');
    expect(nodePort).toBeGreaterThan(0);
    // Applied before the others, these take svc-5's ClusterIP and svc-0's NodePort.
    const blockers = `apiVersion: v1
kind: Service
metadata:
  name: takes-the-ip
spec:
  clusterIP: ${clusterIP}
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: takes-the-port
spec:
  type: NodePort
  ports:
  - port: 80
    nodePort: ${nodePort}
---
`;
    // Anywhere in the text, this takes the name svc-2's Deployment gives its ReplicaSet.
    const rsBlocker = `---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${rsName}
spec:
  replicas: 0
  selector:
    matchLabels:
      app: other
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: app
        image: registry.example/app:1
`;
    // A bare pod (selected by no ReplicaSet) with the name of one svc-3's ReplicaSet made.
    const podBlocker = `---
apiVersion: v1
kind: Pod
metadata:
  name: ${podName}
spec:
  containers:
  - name: app
    image: registry.example/app:1
`;
    const texts = [
      blockers + generated,
      generated,
      generated + rsBlocker,
      generated,
      generated + podBlocker,
      generated,
      generated.replace('serviceSubnet: 10.96.0.0/12', 'serviceSubnet: 10.100.0.0/16'),
      generated,
    ];
    for (const text of texts) {
      const got = warm.simulate(text);
      expect(JSON.stringify(got)).toBe(JSON.stringify((await freshEngine()).simulate(text)));
    }
    const moved = warm.simulate(blockers + generated).cluster.services;
    expect(moved.find((s) => s.metadata?.name === 'svc-5')?.spec?.clusterIP).not.toBe(clusterIP);
  });

  it('reuses the workload controllers and a Service’s slices only when nothing they read changed', async () => {
    const engine = await freshEngine();
    const first = engine.simulate(generated).cluster;
    const portEdit = engine.simulate(generated.replace('port: 80\n', 'port: 81\n')).cluster;
    // A Service edited: the same pods (the workload controllers' result kept)...
    expect(portEdit.pods).toBe(first.pods);
    // ...the edited Service's slice made again, another Service's kept.
    const slice = (c: typeof first, service: string) =>
      c.endpointSlices.find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service);
    expect(slice(portEdit, 'svc-0')).not.toBe(slice(first, 'svc-0'));
    expect(slice(portEdit, 'svc-1')).toBe(slice(first, 'svc-1'));
    const scaled = engine.simulate(generated.replace('replicas: 3', 'replicas: 4')).cluster;
    expect(scaled.pods).not.toBe(portEdit.pods);
    expect(scaled.pods).toHaveLength(first.pods.length + 1);
  });

  it('stores the object a first apply stored before only at the same sequence number, with its warnings', async () => {
    // A headless Service with session affinity: the API server warns that it is ignored.
    const warned = `apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  clusterIP: None
  sessionAffinity: ClientIP
  selector:
    app: svc-1
  ports:
  - port: 80
`;
    const text = `${generated}---\n${warned}`;
    const engine = await freshEngine();
    const first = engine.simulate(text);
    const again = engine.simulate(text.replace('replicas: 3', 'replicas: 4'));
    // Unchanged documents at the same sequence numbers: the very objects stored before...
    const stored = (s: typeof first, name: string) =>
      s.cluster.services.find((o) => o.metadata?.name === name);
    expect(stored(again, 'svc-9')).toBe(stored(first, 'svc-9'));
    // ...with the same warnings.
    const applied = (s: typeof first) => s.applied.find((a) => a.name === 'sticky');
    expect(applied(again)?.warnings).toEqual([
      'spec.SessionAffinity is ignored for headless services',
    ]);
    // A document inserted first moves every other one to the next sequence number.
    const inserted = `kind: Namespace\napiVersion: v1\nmetadata:\n  name: extra\n---\n${text}`;
    const moved = engine.simulate(inserted);
    expect(stored(moved, 'svc-9')).not.toBe(stored(first, 'svc-9'));
    expect(JSON.stringify(moved)).toBe(JSON.stringify((await freshEngine()).simulate(inserted)));
    expect(JSON.stringify(engine.simulate(text))).toBe(JSON.stringify(first));
  });
});
