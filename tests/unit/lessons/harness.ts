/** Runs a lesson step against the real engine, in Node: the facts the page would gather. */
import { simulate } from '../../../src/engine';
import { computeRequestBatch } from '../../../src/engine/trace/requests';
import { resolveRequestTarget } from '../../../src/lessons/requestTarget';
import { runChecks, type CheckOutcome } from '../../../src/lessons/steps';
import type { LessonFacts, LessonStep, LookupFact } from '../../../src/lessons/types';
import { answerDns } from '../../../src/worker/queries/dns';
import type { RequestBatch } from '../../../src/worker/queries/requests';
import { summarize } from '../../../src/worker/summarize';

export const client = '203.0.113.10';

export function factsFor(text: string, step: LessonStep, send = true): LessonFacts {
  const simulation = simulate(text, { seed: 1 });
  const summary = summarize(simulation);
  let batch: RequestBatch | null = null;
  if (send && step.request) {
    const target = resolveRequestTarget(summary, step.request, client);
    // A request the cluster cannot address yet (no nodePort before the learner adds it) is not sent.
    if (target.ok) {
      batch = computeRequestBatch(simulation.cluster, {
        source: target.source,
        destination: target.destination,
        count: step.request.count,
        seed: 1,
      });
    }
  }
  const lookups: Record<string, LookupFact> = {};
  for (const lookup of step.lookups ?? []) {
    const from = summary.pods.find((p) => p.key === lookup.from || p.name === lookup.from);
    const answer = answerDns(simulation, {
      kind: 'dns',
      lookup: { name: lookup.name, type: 'A', ...(from ? { from: from.key } : {}) },
    });
    if (answer.lookup) {
      lookups[lookup.id] = { outcome: answer.lookup.outcome, addresses: answer.lookup.addresses };
    }
  }
  return { summary, batch, lookups };
}

/** The ids of the checks that pass and of those that fail. */
export function outcome(text: string, step: LessonStep, send = true) {
  const results: CheckOutcome[] = runChecks(step, factsFor(text, step, send));
  return {
    passed: results.filter((r) => r.pass).map((r) => r.id),
    failed: results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.detail}`),
  };
}
