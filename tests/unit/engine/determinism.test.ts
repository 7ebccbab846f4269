/**
 * The engine reuses work between runs (parsed documents, admitted objects, ReplicaSet specs), so
 * a run must never change what a later run reads: the same text must give the same simulation
 * after any number of other runs in between.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';

const dir = join(import.meta.dirname, '../../../src/scenarios');
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);

const snapshot = (text: string) => JSON.stringify(simulate(text));

/** An edit that touches every kind of work the engine may reuse: a Deployment, a Service, a Pod. */
function edited(text: string): string {
  return text
    .replace(/replicas: (\d+)/g, (_, n: string) => `replicas: ${Number(n) + 1}`)
    .replace(/port: (\d+)/, (_, n: string) => `port: ${Number(n) + 1}`)
    .replace(/app: /g, 'app: x');
}

describe('simulate across runs', () => {
  it.each(scenarios)('gives %s the same result before and after other runs', (_name, text) => {
    const first = snapshot(text);
    simulate(edited(text));
    simulate(`${text}\n---\n${scenarios.map(([, t]) => t).join('\n---\n')}`);
    expect(snapshot(text)).toBe(first);
  });

  it('gives every scenario together the same result twice in a row', () => {
    const all = scenarios.map(([, t]) => t).join('\n---\n');
    expect(snapshot(all)).toBe(snapshot(all));
  });
});
