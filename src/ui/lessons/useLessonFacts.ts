/**
 * The facts a lesson step's checks read: the summary and the latest batch from the store, and
 * the answers to the step's DNS lookups, asked of the engine worker whenever the simulation on
 * screen changes. The checks themselves are pure (src/lessons).
 */
import { useContext, useEffect, useState } from 'react';
import type { LessonFacts, LessonStep, LookupFact } from '../../lessons';
import { selectBatch, selectSummary } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { SimulationSummary } from '../../worker/protocol';
import { EngineClientContext } from '../panels/engineQuery';

type Lookups = Record<string, LookupFact>;
const noLookups: Lookups = {};

/** A lookup's pod: `namespace/name`, or a pod's name in any namespace. */
function podKey(summary: SimulationSummary, from: string | undefined): string | undefined {
  if (from === undefined) return undefined;
  return (summary.pods.find((p) => p.key === from) ?? summary.pods.find((p) => p.name === from))
    ?.key;
}

export function useLessonFacts(step: LessonStep | undefined): LessonFacts | undefined {
  const client = useContext(EngineClientContext);
  const summary = useAppStore(selectSummary);
  const batch = useAppStore(selectBatch);
  const [answers, setAnswers] = useState<{ summary?: SimulationSummary; lookups: Lookups }>({
    lookups: noLookups,
  });
  const specs = step?.lookups;

  useEffect(() => {
    if (!client || !summary || !specs || specs.length === 0) return;
    let current = true;
    void Promise.all(
      specs.map(async (spec) => {
        const from = podKey(summary, spec.from);
        const outcome = await client.query({
          kind: 'dns',
          lookup: { name: spec.name, type: 'A', ...(from ? { from } : {}) },
        });
        const lookup = outcome.type === 'answered' ? outcome.answer.lookup : undefined;
        const fact: LookupFact = lookup
          ? { outcome: lookup.problem ?? lookup.outcome, addresses: lookup.addresses }
          : { outcome: 'no answer', addresses: [] };
        return [spec.id, fact] as const;
      }),
    ).then((entries) => {
      if (current) setAnswers({ summary, lookups: Object.fromEntries(entries) });
    });
    return () => {
      current = false;
    };
  }, [client, summary, specs]);

  if (!summary) return undefined;
  // Answers computed for an older simulation are not shown as this one's.
  const lookups = answers.summary === summary ? answers.lookups : noLookups;
  return { summary, batch, lookups };
}
