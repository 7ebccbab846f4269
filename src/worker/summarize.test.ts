import { describe, expect, it, vi } from 'vitest';
import { simulate } from '../engine';
import { answerPods } from './queries/pods';
import type { SimulationSummary } from './protocol';
import { podsSentLimit, SummaryPacker, summarize } from './summarize';

const selectorless = `apiVersion: v1
kind: Service
metadata:
  name: database
spec:
  ports:
  - name: pg
    port: 5432
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: database-1
  labels:
    kubernetes.io/service-name: database
addressType: IPv4
ports:
- name: pg
  port: 5432
endpoints:
- addresses: ["192.168.1.100"]
- addresses: ["192.168.1.101"]
  conditions: { ready: false }
`;

describe('summarize', () => {
  it('gives each Service the endpoints of its EndpointSlices', () => {
    const summary = summarize(simulate(selectorless));
    const database = summary.services.find((s) => s.key === 'default/database');
    expect(database?.ports).toEqual([
      { name: 'pg', protocol: 'TCP', port: 5432, targetPort: 5432 },
    ]);
    expect(database?.endpoints.map((e) => [e.ip, e.port, e.ready])).toEqual([
      ['192.168.1.100', 5432, true],
      ['192.168.1.101', 5432, false],
    ]);
    expect(database?.source).toEqual({ document: 0, line: 1, column: 1 });
  });

  it('lists the default nodes and the built-in Services', () => {
    const summary = summarize(simulate(''));
    expect(summary.defaultNodes).toBe(true);
    expect(summary.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(summary.services.map((s) => s.key)).toContain('default/kubernetes');
    expect(summary.services.find((s) => s.key === 'default/kubernetes')?.source).toBeUndefined();
  });

  it('keeps messages small: no field of the summary holds whole objects', () => {
    const summary = summarize(simulate(selectorless));
    expect(JSON.stringify(summary).length).toBeLessThan(4000);
  });
});

describe('summarize, kubectl warnings', () => {
  it('reports the API server’s warnings at the object they are about', () => {
    const text = `apiVersion: v1
kind: Endpoints
metadata:
  name: legacy
subsets:
- addresses:
  - ip: 192.168.1.100
  ports:
  - port: 3306
`;
    const warnings = summarize(simulate(text)).diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toMatchObject([
      {
        message:
          'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
        line: 1,
        source: 'kubectl',
      },
    ]);
  });

  it('points a pod a Deployment made at the Deployment written in the text', () => {
    const summary = summarize(
      simulate(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: c
        image: nginx
`),
    );
    const pods = summary.pods.filter((p) => p.key.startsWith('default/web-'));
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.source).toBeUndefined();
      expect(pod.template).toEqual({
        kind: 'Deployment',
        key: 'default/web',
        source: { document: 0, line: 1, column: 1 },
      });
    }
  });
});

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
      - name: c
        image: nginx
`;

describe('summarize, a large cluster', () => {
  const text = [deployment('web', podsSentLimit), deployment('api', 200)].join('---\n');
  const simulation = simulate(text);
  const summary = summarize(simulation);

  it('lists its first pods, and counts every pod by node', () => {
    expect(summary.pods).toHaveLength(podsSentLimit);
    const omitted = summary.omittedPods;
    expect(omitted?.total).toBe(simulation.cluster.pods.length);
    expect(omitted?.outsideKubeSystem).toBe(podsSentLimit + 200);
    const counted = (omitted?.byNode ?? []).reduce(
      (sum, [, c]) => sum + c.ready + c.notReady + c.terminating,
      0,
    );
    expect(counted).toBe(simulation.cluster.pods.length);
    expect(omitted?.byNode.map(([name]) => name).sort()).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('gives where the Deployments of the pods it does not list start', () => {
    expect(summary.omittedPods?.starts).toEqual([
      { kind: 'deployment', key: 'default/api', line: 17, column: 1 },
    ]);
  });

  it('answers the pods query with the pods it does not list', () => {
    const last = simulation.cluster.pods.at(-1)?.metadata.name ?? '';
    const { pods } = answerPods(simulation, { kind: 'pods', keys: [`default/${last}`] });
    expect(pods.map((p) => [p.key, p.template?.key])).toEqual([[`default/${last}`, 'default/api']]);
    const onNode = answerPods(simulation, { kind: 'pods', node: 'node-2' }).pods;
    expect(onNode.length).toBe(
      simulation.cluster.pods.filter((p) => p.spec?.nodeName === 'node-2').length,
    );
  });

  it('lists every pod of a small cluster', () => {
    const small = summarize(simulate(deployment('web', 10)));
    expect(small.omittedPods).toBeUndefined();
    expect(small.pods).toHaveLength(12);
  });
});

describe('summarize, from run to run', () => {
  const services = (n: number, port: number) =>
    Array.from(
      { length: n },
      (_, i) => `apiVersion: v1
kind: Service
metadata:
  name: s${i}
spec:
  selector:
    app: s${i}
  ports:
  - port: ${i === 1 ? port : 80}
`,
    ).join('---\n');

  it('keeps the summary of a Service the edit did not touch, and remakes the others', async () => {
    const before = summarize(simulate(services(3, 80)));
    const after = summarize(simulate(services(3, 81)));
    const byKey = (s: SimulationSummary, key: string) => s.services.find((x) => x.key === key);
    expect(byKey(after, 'default/s0')).toBe(byKey(before, 'default/s0'));
    expect(byKey(after, 'default/s1')).not.toBe(byKey(before, 'default/s1'));
    // Equal to the summary of engine and worker modules that never ran.
    vi.resetModules();
    const engine = await import('../engine');
    const worker = await import('./summarize');
    expect(after).toEqual(worker.summarize(engine.simulate(services(3, 81))));
  });

  it('remakes the summary of a Service whose endpoints changed', () => {
    summarize(simulate(services(2, 80)));
    const pod = `---
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app: s0
spec:
  containers:
  - name: c
    image: nginx
`;
    const after = summarize(simulate(`${services(2, 80)}${pod}`));
    const s0 = after.services.find((s) => s.key === 'default/s0');
    expect(s0?.endpoints.map((e) => e.pod)).toEqual(['default/p']);
  });

  it('gives a kept Service the position of its document when lines move', () => {
    const line = (summary: SimulationSummary) =>
      summary.services.find((s) => s.key === 'default/s1')?.source?.line ?? 0;
    const before = line(summarize(simulate(services(2, 80))));
    // A comment line above the first document: the second one's text is the same, one line down.
    expect(line(summarize(simulate(`# a comment\n${services(2, 80)}`)))).toBe(before + 1);
  });
});

describe('SummaryPacker', () => {
  const list = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ i, tag }));
  // An empty cluster's summary: its lists (two Services, two pods) are not chunked at size 2.
  const base = summarize(simulate(''));

  it('sends again only the chunks whose text changed, whether its items are the same objects or not', () => {
    const packer = new SummaryPacker(2);
    const items = list(5, 'a');
    const first = packer.pack({ ...base, nodes: items as never });
    expect(first.fresh).toHaveLength(3);
    // The very same objects: nothing to send.
    expect(packer.pack({ ...base, nodes: [...items] as never }).fresh).toHaveLength(0);
    // Equal copies: nothing to send either.
    const copies = items.map((x) => ({ ...x }));
    expect(packer.pack({ ...base, nodes: copies as never }).fresh).toHaveLength(0);
    // One item changed (a new object): its chunk only.
    const edited = [...copies];
    edited[3] = { i: 3, tag: 'b' };
    const third = packer.pack({ ...base, nodes: edited as never });
    expect(third.fresh.map((c) => JSON.parse(c.json))).toEqual([
      [
        { i: 2, tag: 'a' },
        { i: 3, tag: 'b' },
      ],
    ]);
  });
});

describe('summarize, a large cluster from run to run', () => {
  it('counts the pods of each run as a fresh worker would', async () => {
    const text = (api: number) =>
      [deployment('web', podsSentLimit), deployment('api', api)].join('---\n');
    summarize(simulate(text(200)));
    const same = summarize(
      simulate(`${text(200)}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n`),
    );
    const more = summarize(simulate(text(201)));
    vi.resetModules();
    const engine = await import('../engine');
    const worker = await import('./summarize');
    expect(more.omittedPods).toEqual(worker.summarize(engine.simulate(text(201))).omittedPods);
    expect(more.omittedPods?.total).toBe((same.omittedPods?.total ?? 0) + 1);
  });
});
