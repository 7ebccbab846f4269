import { describe, expect, it } from 'vitest';
import { simulate } from '../engine';
import { answerPods } from './queries/pods';
import { podsSentLimit, summarize } from './summarize';

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
