/**
 * Engine timings (parse, admission, controllers) for the classroom scenario (every shipped
 * scenario applied together, as a teacher would load them) and for generated clusters of 1,000
 * and 10,000 Services with 5 pods each. One JSON line per scale, medians of several runs.
 * Targets on a 2-core machine: classroom under 2 ms, 10,000 Services under 500 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { simulate } from '../src/engine';
import { generateClusterYaml } from './generate';
import { measure } from './measure';

const scenarioDir = join(import.meta.dirname, '..', 'src', 'scenarios');
const classroom = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(scenarioDir, f), 'utf8'))
  .join('\n---\n');

/**
 * Process CPU time in ms: on a loaded machine it stays close to what a quiet one would take.
 * It counts every thread of the process, V8's parallel GC and compiler threads included, so it
 * can exceed the wall time of a phase.
 */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** CPU time at each call of the simulation's clock (its phase boundaries). */
let cpuMarks: number[] = [];
const clock = () => {
  cpuMarks.push(cpu());
  return performance.now();
};

/** CPU time between the clock's calls `from` and `to` (0 when the engine did not call it). */
const cpuBetween = (from: number, to: number) =>
  cpuMarks.length > to ? (cpuMarks[to] ?? 0) - (cpuMarks[from] ?? 0) : 0;

function timeSimulation(input: string, seed: number) {
  const start = performance.now();
  const cpuStart = cpu();
  cpuMarks = [];
  const simulation = simulate(input, { clock, seed });
  const total = performance.now() - start;
  const cpuTotal = cpu() - cpuStart;
  const t = simulation.timings ?? { parse: 0, admission: 0, controllers: 0 };
  return {
    parse: t.parse,
    admission: t.admission,
    controllers: t.controllers,
    total,
    cpu: cpuTotal,
    // The phases the targets are about (parse, admission, controllers), in CPU time.
    parseCpu: cpuBetween(0, 1),
    admissionCpu: cpuBetween(1, 2),
    controllersCpu: cpuBetween(2, 3),
    engineCpu: cpuBetween(0, 3),
  };
}

/**
 * `warmup` runs are not timed. The classroom case takes a few ms, and over its first hundred or
 * so runs V8's background compiler threads (counted in process CPU time) still optimise the
 * engine: without a longer warm-up its CPU figures measure the JIT more than the engine. A user
 * typing in the editor reaches that state after a few dozen keystrokes.
 */
/** Issue 2's targets: classroom under 2 ms, 10,000 Services under 500 ms; 1,000 is for scale only. */
const cases: { name: string; input: string; runs: number; warmup: number; target?: number }[] = [
  { name: 'classroom', input: classroom, runs: 50, warmup: 200, target: 2 },
  {
    name: '1000-services',
    input: generateClusterYaml({ services: 1000, replicas: 5 }),
    runs: 9,
    warmup: 1,
  },
  {
    name: '10000-services',
    input: generateClusterYaml({ services: 10000, replicas: 5 }),
    runs: 5,
    warmup: 1,
    target: 500,
  },
];

/** The same input with every document's text changed, so that the parse cache misses (a paste). */
function fresh(input: string, run: number): string {
  return `# run ${run}\n${input.replaceAll('\n---\n', `\n---\n# run ${run}\n`)}`;
}

for (const c of cases) {
  let run = 0;
  // paste: a text the engine has not seen (parse cache cold, JIT warm); keystroke: the same text
  // again, where unchanged documents come from the parse cache.
  const paste = measure(c.runs, c.warmup, () => timeSimulation(fresh(c.input, run++), 1));
  const keystroke = measure(c.runs, c.warmup, () => timeSimulation(c.input, 1));
  const figures = (prefix: string, m: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(m).map(([k, v]) => [`${prefix}${k[0]?.toUpperCase()}${k.slice(1)}Ms`, v]),
    );
  console.log(
    JSON.stringify({
      bench: 'engine',
      case: c.name,
      bytes: c.input.length,
      runs: c.runs,
      warmupRuns: c.warmup,
      ...figures('paste', paste),
      ...figures('keystroke', keystroke),
      ...(c.target === undefined
        ? {}
        : { targetMs: c.target, ok: paste.total < c.target && keystroke.total < c.target }),
      loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    }),
  );
}
