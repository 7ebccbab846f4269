/** A simulated scenario for the shell's tests, and a helper that runs one line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../../src/engine';
import type { Simulation } from '../../../src/engine/model';
import { runShell } from '../../../src/engine/shell/terminal/runShell';
import type { ShellContext, ShellResult } from '../../../src/engine/shell/terminal/types';

const cache = new Map<string, Simulation>();

export function scenario(name: string): Simulation {
  let simulation = cache.get(name);
  if (!simulation) {
    const text = readFileSync(
      join(__dirname, '..', '..', '..', 'src', 'scenarios', `${name}.yaml`),
      'utf8',
    );
    simulation = simulate(text, { seed: 1 });
    cache.set(name, simulation);
  }
  return simulation;
}

export function podNames(simulation: Simulation, prefix: string): string[] {
  return simulation.cluster.pods
    .map((p) => p.metadata.name ?? '')
    .filter((n) => n.startsWith(prefix))
    .sort();
}

export interface Ran extends ShellResult {
  stdout: string;
  stderr: string;
}

export function run(
  simulation: Simulation,
  input: string,
  context: ShellContext = { type: 'local' },
  stdin?: string,
): Ran {
  const outcome = runShell(simulation, {
    input,
    context,
    seed: 1,
    ...(stdin === undefined ? {} : { stdin }),
  });
  if (outcome.type !== 'done') throw new Error(`"${input}" did not finish: ${outcome.type}`);
  const text = (stream: 'stdout' | 'stderr') =>
    outcome.output
      .filter((c) => c.stream === stream)
      .map((c) => c.text)
      .join('');
  return { ...outcome, stdout: text('stdout'), stderr: text('stderr') };
}
