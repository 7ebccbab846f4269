/**
 * How a panel asks the engine worker a question about the latest simulation: the page's engine
 * client comes through a context (main.tsx provides it), and `useEngineQuery` asks again whenever
 * the question or the simulation on screen changes, keeping the previous answer on screen while
 * the next one is computed.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { selectSummary } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { EngineClient } from '../../worker/engineClient';
import type { AnswerOf, EngineQuery, QueryKind } from '../../worker/protocol';

export const EngineClientContext = createContext<EngineClient | null>(null);

export interface QueryState<K extends QueryKind> {
  answer: AnswerOf<K> | undefined;
  error: string | undefined;
  pending: boolean;
}

/** Asks `query` (null: nothing to ask) and follows the simulation; replies to older asks are dropped. */
export function useEngineQuery<K extends QueryKind>(
  query: (EngineQuery & { kind: K }) | null,
): QueryState<K> {
  const client = useContext(EngineClientContext);
  const summary = useAppStore(selectSummary);
  const key = query ? JSON.stringify(query) : '';
  const [state, setState] = useState<{ key: string; answer?: AnswerOf<K>; error?: string }>({
    key: '',
  });

  useEffect(() => {
    if (!client || key === '') return;
    let current = true;
    void client.query<K>(JSON.parse(key) as EngineQuery & { kind: K }).then((outcome) => {
      if (!current) return;
      if (outcome.type === 'answered') setState({ key, answer: outcome.answer });
      else setState({ key, error: outcome.error });
    });
    return () => {
      current = false;
    };
  }, [client, key, summary]);

  if (!client) return { answer: undefined, error: 'The engine is not connected.', pending: false };
  return {
    answer: key === '' ? undefined : state.answer,
    error: state.key === key ? state.error : undefined,
    pending: key !== '' && state.key !== key,
  };
}
