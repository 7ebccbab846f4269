/**
 * Engine timings (parse, admission, controllers) for the classroom scenario (every shipped
 * scenario applied together, as a teacher would load them) and for generated clusters of 1,000
 * and 10,000 Services with 5 pods each. One JSON line per scale, medians of several runs, for
 * three kinds of run: a paste (every document new to the engine), a keystroke in a Service and
 * a keystroke in a Deployment (one document changed since the run before; the engine reuses
 * what the change does not touch). Targets on a 2-core machine: classroom under 2 ms, 10,000
 * Services under 500 ms; `ok` holds when all three meet the target.
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

/**
 * A keystroke: one document edited, in turn with the original text, so that every run differs
 * from the run before it (what the engine keeps between runs is only ever the previous run's).
 */
function typing(input: string, edit: (text: string, run: number) => string) {
  return (run: number) => {
    if (run % 2 === 1) return input;
    const edited = edit(input, run);
    if (edited === input) throw new Error('the edit changes nothing');
    return edited;
  };
}

/** Edits in the middle of the input: a Service's port, and a Deployment's replica count. */
function middle(input: string, pattern: RegExp, replace: (match: string) => string): string {
  const matches = [...input.matchAll(new RegExp(pattern, 'g'))];
  const m = matches[matches.length >> 1];
  if (!m || m.index === undefined) throw new Error(`no ${String(pattern)} in the input`);
  return input.slice(0, m.index) + replace(m[0]) + input.slice(m.index + m[0].length);
}
/** A digit typed after the port number: a text the engine has not seen for a few runs. */
const serviceEdit = (t: string, run: number) =>
  middle(t, /\n {2}- (name: \w+\n {4})?port: \d+/, (m) => `${m}${(run % 9) + 1}`);
const deploymentEdit = (t: string) =>
  middle(t, /\n {2}replicas: \d+/, (m) => m.replace(/\d+$/, (n) => String(Number(n) + 1)));

for (const c of cases) {
  let run = 0;
  // paste: a text the engine has not seen (parse cache cold, JIT warm); the edits: one document
  // changed since the previous run.
  // The paste also changes the seed: the controllers keep the previous run's results for an
  // unchanged input, which a paste of new objects would not find either.
  const paste = measure(c.runs, c.warmup, () => {
    run += 1;
    return timeSimulation(fresh(c.input, run), run);
  });
  const service = typing(c.input, serviceEdit);
  const serviceFigures = measure(c.runs, c.warmup, () => timeSimulation(service(run++), 1));
  const deployment = typing(c.input, deploymentEdit);
  const deploymentFigures = measure(c.runs, c.warmup, () => timeSimulation(deployment(run++), 1));
  const figures = (prefix: string, m: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(m).map(([k, v]) => [`${prefix}${k[0]?.toUpperCase()}${k.slice(1)}Ms`, v]),
    );
  const totals = [paste.total, serviceFigures.total, deploymentFigures.total];
  const target = c.target;
  console.log(
    JSON.stringify({
      bench: 'engine',
      case: c.name,
      bytes: c.input.length,
      runs: c.runs,
      warmupRuns: c.warmup,
      ...figures('paste', paste),
      ...figures('serviceEdit', serviceFigures),
      ...figures('deploymentEdit', deploymentFigures),
      ...(target === undefined ? {} : { targetMs: target, ok: totals.every((t) => t < target) }),
      loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    }),
  );
}
