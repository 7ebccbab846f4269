import { describe, expect, it } from 'vitest';
import type { EngineReply, EngineRequest, SimulationSummary } from './protocol';
import { createEngineClient, type WorkerLike } from './engineClient';

const summary: SimulationSummary = {
  services: [],
  pods: [],
  nodes: [],
  defaultNodes: true,
  proxyMode: 'iptables',
  diagnostics: [],
  applied: [],
};

/** A worker that records requests and answers when the test says so. */
class FakeWorker implements WorkerLike {
  requests: EngineRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<EngineReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: EngineRequest): void {
    this.requests.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: EngineReply): void {
    this.onmessage?.({ data: message } as MessageEvent<EngineReply>);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createEngineClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  return { client, workers };
}

describe('createEngineClient', () => {
  it('resolves the latest request with its summary', async () => {
    const { client, workers } = setup();
    const result = client.simulate('a');
    workers[0]?.reply({ type: 'simulated', id: 1, summary, durationMs: 1 });
    await expect(result).resolves.toEqual({ type: 'simulated', summary, durationMs: 1 });
  });

  it('drops replies to requests that are no longer the latest', async () => {
    const { client, workers } = setup();
    const first = client.simulate('a');
    const second = client.simulate('ab');
    workers[0]?.reply({ type: 'simulated', id: 1, summary, durationMs: 1 });
    await expect(first).resolves.toEqual({ type: 'stale' });
    workers[0]?.reply({ type: 'simulated', id: 2, summary, durationMs: 1 });
    await expect(second).resolves.toMatchObject({ type: 'simulated' });
  });

  it('settles older requests as stale when the worker skipped them', async () => {
    const { client, workers } = setup();
    const first = client.simulate('a');
    const second = client.simulate('ab');
    workers[0]?.reply({ type: 'simulated', id: 2, summary, durationMs: 1 });
    await expect(first).resolves.toEqual({ type: 'stale' });
    await expect(second).resolves.toMatchObject({ type: 'simulated' });
  });

  it('reports a crash and restarts the worker for the next request', async () => {
    const { client, workers } = setup();
    const result = client.simulate('a');
    workers[0]?.reply({ type: 'crashed', id: 1, error: 'TypeError: boom' });
    await expect(result).resolves.toEqual({ type: 'crashed', error: 'TypeError: boom' });
    expect(workers[0]?.terminated).toBe(true);
    const next = client.simulate('b');
    expect(workers).toHaveLength(2);
    workers[1]?.reply({ type: 'simulated', id: 2, summary, durationMs: 1 });
    await expect(next).resolves.toMatchObject({ type: 'simulated' });
  });

  it('resends the latest request to a fresh worker when an older one crashed', async () => {
    const { client, workers } = setup();
    const first = client.simulate('a');
    const second = client.simulate('ab');
    workers[0]?.reply({ type: 'crashed', id: 1, error: 'boom' });
    await expect(first).resolves.toEqual({ type: 'stale' });
    expect(workers[1]?.requests).toEqual([{ type: 'simulate', id: 2, input: 'ab', options: {} }]);
    workers[1]?.reply({ type: 'simulated', id: 2, summary, durationMs: 1 });
    await expect(second).resolves.toMatchObject({ type: 'simulated' });
  });

  it('fails the waiting request when the worker cannot start', async () => {
    const { client, workers } = setup();
    const result = client.simulate('a');
    workers[0]?.onerror?.({ message: 'failed to load', preventDefault() {} } as ErrorEvent);
    await expect(result).resolves.toEqual({ type: 'crashed', error: 'failed to load' });
  });

  it('answers queries by their own ids, unaffected by newer simulations', async () => {
    const { client, workers } = setup();
    void client.simulate('a');
    const rules = client.query({ kind: 'rules', node: 'node-1' });
    void client.simulate('ab');
    const answer = { node: 'node-1', mode: 'iptables' as const, texts: [] };
    workers[0]?.reply({ type: 'answered', id: 1, answer });
    await expect(rules).resolves.toEqual({ type: 'answered', answer });
  });

  it('fails waiting queries when the engine crashes', async () => {
    const { client, workers } = setup();
    void client.simulate('a');
    const rules = client.query({ kind: 'rules', node: 'node-1' });
    workers[0]?.reply({ type: 'crashed', id: 1, error: 'boom' });
    await expect(rules).resolves.toEqual({ type: 'unanswered', error: 'boom' });
  });
});
