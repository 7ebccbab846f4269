/**
 * Simulation.sources: where each stored object starts, by key, in the order of the keys' first
 * objects, the last object of a key deciding its place.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';

const service = (port: number) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.0.50
  ports:
  - port: ${port}`;

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: c
    image: busybox`;

describe('simulate sources', () => {
  it('places each stored object where its document starts', () => {
    const sources = simulate(`${service(80)}\n---\n${pod}`).sources;
    expect(sources['Service/default/web']).toEqual({ document: 0, line: 1, column: 1 });
    expect(sources['Pod/default/client']).toEqual({ document: 1, line: 10, column: 1 });
  });

  it('leaves out the built-in objects, which no document holds', () => {
    const sources = simulate(service(80)).sources;
    expect(Object.keys(sources)).toEqual(['Service/default/web']);
  });

  it('places a key stored twice by its last object, in the order of its first', () => {
    const text = `${service(80)}\n---\n${pod}\n---\n${service(81)}`;
    const sources = simulate(text, { admitted: true }).sources;
    const keys = Object.keys(sources).filter((k) => !k.startsWith('Node/'));
    expect(keys).toEqual(['Service/default/web', 'Pod/default/client']);
    expect(sources['Service/default/web']?.document).toBe(2);
  });
});
