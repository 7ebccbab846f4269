/**
 * Admission defaults and allocates its own copy of a request, which shares with the request
 * every part it does not write to (src/engine/admission/writable.ts): a request must come out
 * of admission as it went in. Here every parsed value and request is frozen before it is
 * admitted, so a write to a shared part throws, and the result must equal a fresh engine's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateClusterYaml } from '../../../bench/generate';
import type * as Engine from '../../../src/engine';

const dir = join(import.meta.dirname, '../../../src/scenarios');
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'));

/** Documents that reach every default and allocation of the kinds copied in part. */
const defaulted = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: rolling
  labels: {app: rolling}
spec:
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1}
  selector:
    matchLabels: {app: rolling}
  template:
    metadata:
      labels: {app: rolling}
    spec:
      hostNetwork: true
      initContainers:
      - name: init
        image: busybox
        ports: [{containerPort: 9000}]
      containers:
      - name: app
        image: registry.example/app:latest
        ports: [{containerPort: 8080, name: http}, {containerPort: 8443, protocol: TCP}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: plain
spec:
  selector:
    matchLabels: {app: plain}
  template:
    metadata:
      labels: {app: plain}
    spec:
      containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  containers: [{name: app, image: nginx@sha256:abc, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata:
  name: lb
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  sessionAffinity: ClientIP
  selector: {app: rolling}
  ports: [{port: 80, targetPort: http}, {port: 53, protocol: UDP}, {port: 53, name: dns-tcp}]
---
apiVersion: v1
kind: Service
metadata:
  name: fixed
spec:
  clusterIP: 10.96.0.50
  ipFamilyPolicy: PreferDualStack
  ports: [{port: 80, nodePort: 0}]
---
apiVersion: v1
kind: Service
metadata:
  name: fixed
spec:
  type: NodePort
  ports: [{port: 80, nodePort: 30080}]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings}
  data: {a: b}
- apiVersion: v1
  kind: Node
  metadata: {name: extra-node, labels: {zone: b}}
`;

/** Freezes a parsed value and everything in it. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

async function freshEngine(): Promise<typeof Engine> {
  vi.resetModules();
  return import('../../../src/engine');
}

describe('admission leaves a request as it was written', () => {
  it.each([
    ['the scenarios', scenarios.join('\n---\n')],
    ['a generated cluster', generateClusterYaml({ services: 20, replicas: 2, nodes: 3 })],
    ['documents with every default', defaulted],
  ])('for %s', async (_name, text) => {
    const engine = await freshEngine();
    // The engine's own parse cache (the same modules) hands these values and requests to its run.
    const { parseDocuments } = await import('../../../src/engine/parse');
    const { readObjects } = await import('../../../src/engine/objects');
    const documents = parseDocuments(text);
    for (const doc of documents) deepFreeze(doc.value);
    for (const request of readObjects(documents).objects) deepFreeze(request.object);
    const frozen = engine.simulate(text);
    expect(JSON.stringify(frozen)).toBe(JSON.stringify((await freshEngine()).simulate(text)));
  });
});
