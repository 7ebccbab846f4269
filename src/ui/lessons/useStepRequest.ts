/**
 * The step's “send” button: resolves the request it names against the cluster on screen, puts it
 * in the request bar, and sends it (the traffic slice's effect asks the worker, as for the bar).
 */
import { resolveRequestTarget } from '../../lessons/requestTarget';
import type { StepRequest } from '../../lessons';
import { selectSummary } from '../../state/selectors';
import { externalClients } from '../../state/trafficSlice';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';

export interface StepRequestAction {
  /** Why it cannot be sent now (no nodePort yet...), or undefined. */
  problem: string | undefined;
  send(): void;
}

export function useStepRequest(request: StepRequest | undefined): StepRequestAction | undefined {
  const store = useAppStoreApi();
  const summary = useAppStore(selectSummary);
  if (!request || !summary) return undefined;
  const target = resolveRequestTarget(summary, request, externalClients[0] ?? '203.0.113.10');
  return {
    problem: target.ok ? undefined : target.message,
    send: () => {
      if (!target.ok) return;
      const state = store.getState();
      state.setRequestSource(target.source);
      state.setRequestDestination(target.destination);
      state.setRequestCount(request.count);
      state.sendRequests();
    },
  };
}
