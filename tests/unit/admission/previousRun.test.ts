/**
 * Admission takes what it knew of a request in the run before (src/engine/admission/index.ts,
 * Run): found at its place, or by its store key when documents moved, and only for that very
 * request. A changed document at the same place or under the same key is admitted afresh.
 */
import { describe, expect, it } from 'vitest';
import { createApiServer } from '../../../src/engine/admission';
import type { KubeObject, SourcedObject } from '../../../src/engine/model';
import { defaultClusterSettings } from '../../../src/engine/settings';

function deployment(name: string, replicas: number): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    },
  } as KubeObject;
}

const defaultNamespace: SourcedObject = {
  object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
  order: -1,
  locate: () => undefined,
};

/** One run of the API server over the requests, in order: what it stores. */
function run(requests: KubeObject[]): KubeObject[] {
  const api = createApiServer(defaultClusterSettings);
  api.apply(defaultNamespace, { builtIn: true });
  requests.forEach((object, order) => api.apply({ object, order, locate: () => undefined }));
  return api.stored().map((s) => s.object);
}

const replicas = (stored: KubeObject[], name: string) =>
  (stored.find((o) => o.metadata?.name === name) as { spec: { replicas: number } }).spec.replicas;

const spec = (stored: KubeObject[], name: string) =>
  (stored.find((o) => o.metadata?.name === name) as { spec: unknown }).spec;

/** A Deployment whose request writes some of the fields apply stamps, among others. */
function written(name: string): KubeObject {
  const object = deployment(name, 2);
  object.metadata = { resourceVersion: '7', name, uid: 'given', labels: { tier: 'web' } };
  return object;
}

describe('admission across runs', () => {
  it('takes the admitted object of the very request at the same place', () => {
    const a = deployment('a', 1);
    const b = deployment('b', 2);
    const first = run([a, b]);
    const again = run([a, b]);
    expect(again[1]).toBe(first[1]);
    expect(again[2]).toBe(first[2]);
  });

  it('admits afresh another request at the same place or under the same key', () => {
    const a = deployment('a', 1);
    const b = deployment('b', 2);
    run([a, b]);
    // Another request at the place of `a`, and one with the key of `b` at another place.
    const edited = run([deployment('a', 3), deployment('c', 4), deployment('b', 5)]);
    expect(replicas(edited, 'a')).toBe(3);
    expect(replicas(edited, 'b')).toBe(5);
  });

  it('finds the requests of the run before by their keys when documents moved', () => {
    const a = deployment('a', 1);
    const b = deployment('b', 2);
    const first = run([a, b]);
    const swapped = run([deployment('c', 3), b, a]);
    // Stamped anew at other sequence numbers, around the very same admitted spec.
    expect(spec(swapped, 'a')).toBe(spec(first, 'a'));
    expect(spec(swapped, 'b')).toBe(spec(first, 'b'));
    expect(swapped.map((o) => o.metadata?.resourceVersion)).toEqual(['1', '2', '3', '4']);
    expect(replicas(swapped, 'a')).toBe(1);
  });

  it('stamps an object admitted before anew at another sequence number, as written', () => {
    const a = deployment('a', 1);
    const b = written('b');
    run([a, b]);
    const moved = run([deployment('c', 3), a, b]);
    run([deployment('x', 1)]);
    const fresh = run([deployment('c', 3), deployment('a', 1), written('b')]);
    expect(spec(moved, 'a')).not.toBe(spec(fresh, 'a'));
    expect(JSON.stringify(moved)).toBe(JSON.stringify(fresh));
  });

  it('finds where the requests of the run before resume after a block of new ones', () => {
    const before = Array.from({ length: 200 }, (_, i) => deployment(`old-${i}`, 1));
    const first = run(before);
    const added = Array.from({ length: 150 }, (_, i) => deployment(`new-${i}`, 1));
    const again = run([...added, ...before]);
    // Looked up by key only now and then past the new ones, and found at its place after that.
    expect(spec(again, 'old-199')).toBe(spec(first, 'old-199'));
  });
});
