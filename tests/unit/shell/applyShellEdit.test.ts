import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { applyShellEdit } from '../../../src/ui/terminal/applyShellEdit';
import type { PodSummary } from '../../../src/worker/protocol';

const text = `# my app
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3 # three of them
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

const pod: PodSummary = {
  key: 'default/web-5d8f7c9b4-abcde',
  namespace: 'default',
  name: 'web-5d8f7c9b4-abcde',
  labels: { app: 'web', 'pod-template-hash': '5d8f7c9b4' },
  nodeName: 'node-1',
  podIPs: ['10.244.0.5'],
  ready: true,
  terminating: false,
  owner: 'ReplicaSet/web-5d8f7c9b4',
};

const docs = (t: string) => t.split(/^---$/m).map((d) => load(d) as Record<string, unknown>);

describe('applyShellEdit', () => {
  it('scale sets spec.replicas and keeps the comments', () => {
    const applied = applyShellEdit(
      text,
      {
        type: 'scale',
        target: { kind: 'Deployment', namespace: 'default', name: 'web' },
        replicas: 5,
        message: 'deployment.apps/web scaled\n',
      },
      [],
    );
    expect(applied).toMatchObject({ ok: true, stdout: 'deployment.apps/web scaled\n' });
    if (!applied.ok) return;
    expect(applied.text).toContain('  replicas: 5 # three of them\n');
    expect(applied.text.startsWith('# my app\n')).toBe(true);
  });

  it('refuses what the text does not hold (a built-in object)', () => {
    const applied = applyShellEdit(
      text,
      {
        type: 'scale',
        target: { kind: 'Deployment', namespace: 'kube-system', name: 'coredns' },
        replicas: 1,
        message: '',
      },
      [],
    );
    expect(applied).toEqual({
      ok: false,
      stderr: `error: deployment "coredns" is built into the playground's cluster, not written in the YAML: the terminal cannot change it\n`,
    });
  });

  it("delete removes a Service's document, and marks a controller's pod Terminating", () => {
    const applied = applyShellEdit(
      text,
      {
        type: 'delete',
        targets: [
          {
            ref: { kind: 'Service', namespace: 'default', name: 'web' },
            message: 'service "web" deleted\n',
          },
          {
            ref: { kind: 'Pod', namespace: 'default', name: pod.name },
            message: `pod "${pod.name}" deleted\n`,
          },
        ],
      },
      [pod],
    );
    expect(applied).toMatchObject({
      ok: true,
      stdout: `service "web" deleted\npod "${pod.name}" deleted\n`,
    });
    if (!applied.ok) return;
    const kinds = docs(applied.text).map((d) => d.kind);
    expect(kinds).toEqual(['Deployment', 'Pod']);
    expect(docs(applied.text)[1]).toMatchObject({
      metadata: { name: pod.name, deletionTimestamp: expect.any(String) },
    });
  });

  it("label writes metadata.labels, and writes a controller's pod out with its new labels", () => {
    const service = applyShellEdit(
      text,
      {
        type: 'label',
        target: { kind: 'Service', namespace: 'default', name: 'web' },
        labels: { app: 'web', tier: 'front' },
        message: 'service/web labeled\n',
      },
      [],
    );
    expect(service.ok && docs(service.text)[1]).toMatchObject({
      metadata: { labels: { app: 'web', tier: 'front' } },
    });
    const labelled = applyShellEdit(
      text,
      {
        type: 'label',
        target: { kind: 'Pod', namespace: 'default', name: pod.name },
        labels: { app: 'other' },
        message: `pod/${pod.name} labeled\n`,
      },
      [pod],
    );
    expect(labelled.ok && docs(labelled.text)[2]).toMatchObject({
      kind: 'Pod',
      metadata: { name: pod.name, labels: { app: 'other' } },
      spec: { nodeName: 'node-1' },
    });
  });

  it('apply appends new objects, replaces changed ones and leaves equal ones unchanged', () => {
    const service = docs(text)[1] ?? {};
    const applied = applyShellEdit(
      text,
      {
        type: 'apply',
        objects: [
          {
            ref: { kind: 'Service', namespace: 'default', name: 'web' },
            resourceName: 'service/web',
            outcome: 'configured',
            manifest: service,
          },
          {
            ref: { kind: 'Deployment', namespace: 'default', name: 'web' },
            resourceName: 'deployment.apps/web',
            outcome: 'configured',
            manifest: { ...(docs(text)[0] ?? {}), spec: { replicas: 1 } },
          },
          {
            ref: { kind: 'Service', namespace: 'default', name: 'new' },
            resourceName: 'service/new',
            outcome: 'created',
            manifest: {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'new' },
              spec: { ports: [{ port: 81 }] },
            },
          },
        ],
      },
      [],
    );
    expect(applied).toMatchObject({
      ok: true,
      stdout: 'service/web unchanged\ndeployment.apps/web configured\nservice/new created\n',
    });
    if (!applied.ok) return;
    expect(docs(applied.text).map((d) => [d.kind, (d.metadata as { name: string }).name])).toEqual([
      ['Deployment', 'web'],
      ['Service', 'web'],
      ['Service', 'new'],
    ]);
    expect(docs(applied.text)[0]).toMatchObject({ spec: { replicas: 1 } });
  });
});
