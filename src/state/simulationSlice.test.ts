import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../engine/model';
import type { SimulationSummary } from '../worker/protocol';
import { createAppStore } from './store';

function summary(name: string, diagnostics: Diagnostic[] = []): SimulationSummary {
  return {
    services: [],
    pods: [],
    nodes: [{ name, internalIPs: [], podCIDRs: [], unschedulable: false, ready: true }],
    defaultNodes: false,
    proxyMode: 'iptables',
    diagnostics,
  };
}

const syntaxError: Diagnostic = {
  severity: 'error',
  message: 'bad indentation',
  document: 0,
  path: '',
  line: 3,
  column: 2,
  source: 'yaml',
};

describe('the simulation slice', () => {
  it('keeps the last good summary while the latest text has errors, with their diagnostics', () => {
    const store = createAppStore({ text: '', scenario: null });
    store.getState().receiveSimulation(summary('good'), 1);
    store.getState().receiveSimulation(summary('bad', [syntaxError]), 1);
    const state = store.getState();
    expect(state.summary?.nodes[0]?.name).toBe('good');
    expect(state.summaryIsStale).toBe(true);
    expect(state.diagnostics).toEqual([syntaxError]);
  });

  it('shows a first summary even when it has errors', () => {
    const store = createAppStore({ text: '', scenario: null });
    store.getState().receiveSimulation(summary('bad', [syntaxError]), 1);
    expect(store.getState().summary?.nodes[0]?.name).toBe('bad');
  });

  it('keeps the summary after an engine crash', () => {
    const store = createAppStore({ text: '', scenario: null });
    store.getState().receiveSimulation(summary('good'), 1);
    store.getState().receiveCrash('TypeError: boom');
    expect(store.getState()).toMatchObject({ status: 'crashed', summaryIsStale: true });
    expect(store.getState().summary?.nodes[0]?.name).toBe('good');
  });
});
