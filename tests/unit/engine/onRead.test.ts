/**
 * The v1 Endpoints of a simulation are made when first read (src/engine/onRead.ts): only the
 * command line, the YAML view and the Endpoints panel print them. Read at any time, even after
 * later runs have reused what this run left, they are what the run would have made at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateClusterYaml } from '../../../bench/generate';
import type * as Engine from '../../../src/engine';
import { defineOnRead, once, withProperties } from '../../../src/engine/onRead';

const dir = join(import.meta.dirname, '../../../src/scenarios');
const classroom = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('\n---\n');

async function freshEngine(): Promise<typeof Engine> {
  vi.resetModules();
  return import('../../../src/engine');
}

describe('values made on read', () => {
  it('once computes its value on the first call only', () => {
    let calls = 0;
    const value = once(() => ({ n: ++calls }));
    expect(calls).toBe(0);
    expect(value()).toBe(value());
    expect(calls).toBe(1);
  });

  it('defineOnRead makes the value on the first read, and spreads, keys and JSON see it', () => {
    let calls = 0;
    const object = defineOnRead({ a: 1, list: [] as number[], b: 2 }, 'list', () => {
      calls++;
      return [1, 2];
    });
    expect(calls).toBe(0);
    expect(Object.keys(object)).toEqual(['a', 'list', 'b']);
    expect({ ...object }).toEqual({ a: 1, list: [1, 2], b: 2 });
    expect(JSON.stringify(object)).toBe('{"a":1,"list":[1,2],"b":2}');
    expect(object.list).toBe(object.list);
    expect(calls).toBe(1);
    object.list = [3];
    expect(object.list).toEqual([3]);
  });

  it('withProperties copies without reading, and leaves out the named key', () => {
    let calls = 0;
    const from = defineOnRead({ list: [] as number[], findings: ['x'] }, 'list', () => {
      calls++;
      return [7];
    });
    const copy = withProperties({ first: true }, from, 'findings');
    expect(calls).toBe(0);
    expect(Object.keys(copy)).toEqual(['first', 'list']);
    expect(copy.list).toEqual([7]);
    expect(from.list).toBe(copy.list);
    expect(calls).toBe(1);
  });
});

describe("a simulation's v1 Endpoints", () => {
  it('are not made by the run itself', async () => {
    const { simulate } = await freshEngine();
    const sim = simulate(classroom, { seed: 3 });
    expect(Object.getOwnPropertyDescriptor(sim.cluster, 'endpoints')?.get).toBeTypeOf('function');
    expect(sim.cluster.endpoints.length).toBeGreaterThan(0);
    expect(Object.getOwnPropertyDescriptor(sim.cluster, 'endpoints')?.get).toBeUndefined();
  });

  it("keep the cluster's keys in the API's kind order", async () => {
    const { simulate } = await freshEngine();
    expect(Object.keys(simulate(classroom).cluster)).toEqual([
      'settings',
      'proxy',
      'namespaces',
      'nodes',
      'pods',
      'deployments',
      'replicaSets',
      'services',
      'endpoints',
      'endpointSlices',
      'serviceCIDRs',
      'configMaps',
      'defaultNodes',
    ]);
  });

  it.each([
    ['the classroom', classroom],
    ['a generated cluster', generateClusterYaml({ services: 30, replicas: 3, nodes: 4 })],
  ])('of %s, read after later runs, are those the run made', async (_, text) => {
    const edited = text.replace(/replicas: \d+/, 'replicas: 4').replace(/port: (\d+)/, 'port: 1$1');
    const { simulate } = await freshEngine();
    const first = simulate(text, { seed: 5 });
    // Later runs reuse what the first one left (pods, and each Service's unmade Endpoints).
    const second = simulate(edited, { seed: 5 });
    const third = simulate(text, { seed: 5 });
    const late = [third, second, first].map((s) => JSON.stringify(s.cluster.endpoints));

    const fresh = await freshEngine();
    expect(late[2]).toBe(JSON.stringify(fresh.simulate(text, { seed: 5 }).cluster.endpoints));
    expect(late[1]).toBe(JSON.stringify(fresh.simulate(edited, { seed: 5 }).cluster.endpoints));
    expect(late[0]).toBe(late[2]);
  });
});
