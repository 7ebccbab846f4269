import { describe, expect, it } from 'vitest';
import type { EngineReply, EngineRequest, NodeSummary, SimulationSummary } from './protocol';
import { createEngineClient, type EngineClientOptions, type WorkerLike } from './engineClient';
import { SummaryPacker } from './summarize';

const summary: SimulationSummary = {
  services: [],
  pods: [],
  nodes: [],
  defaultNodes: true,
  proxyMode: 'iptables',
  diagnostics: [],
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

function setup(options: EngineClientOptions = {}) {
  const workers: FakeWorker[] = [];
  const client = createEngineClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  }, options);
  return { client, workers };
}

/** Posts `summary` through a packer, as the worker does: its chunks, then the reply. */
function post(
  worker: FakeWorker | undefined,
  packer: SummaryPacker,
  id: number,
  s: SimulationSummary,
) {
  const { summary: packed, chunks, fresh } = packer.pack(s);
  for (const chunk of fresh) worker?.reply(chunk);
  worker?.reply({
    type: 'simulated',
    id,
    summary: packed,
    durationMs: 1,
    ...(chunks ? { chunks } : {}),
  });
  return fresh.length;
}

const node = (name: string): NodeSummary => ({
  name,
  internalIPs: [],
  podCIDRs: [],
  unschedulable: false,
  ready: true,
});

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

  it('puts a large summary together from its chunks, and reuses the ones it holds', async () => {
    const { client, workers } = setup();
    const packer = new SummaryPacker(2);
    const large = { ...summary, nodes: ['a', 'b', 'c', 'd', 'e'].map(node) };
    const first = client.simulate('a');
    expect(post(workers[0], packer, 1, large)).toBe(3);
    const outcome = await first;
    expect(outcome).toEqual({ type: 'simulated', summary: large, durationMs: 1 });

    // One node changed: one chunk is sent again; the others come from the page's copy.
    const edited = { ...large, nodes: large.nodes.map((n) => (n.name === 'd' ? node('D') : n)) };
    const second = client.simulate('ab');
    expect(post(workers[0], packer, 2, edited)).toBe(1);
    await expect(second).resolves.toEqual({ type: 'simulated', summary: edited, durationMs: 1 });

    // Unchanged: nothing is sent, and the list is the very same array.
    const third = client.simulate('abc');
    expect(post(workers[0], packer, 3, edited)).toBe(0);
    const before = (await second) as { summary: SimulationSummary };
    const after = (await third) as { summary: SimulationSummary };
    expect(after.summary.nodes).toBe(before.summary.nodes);
  });

  it('restarts a worker busy with stale work, and asks its questions again', async () => {
    let time = 0;
    const { client, workers } = setup({ restartBusyAfterMs: 1000, now: () => time });
    const first = client.simulate('huge');
    const rules = client.query({ kind: 'rules', node: 'node-1' });
    time = 500;
    void client.simulate('huge1');
    expect(workers).toHaveLength(1);
    time = 1600;
    const third = client.simulate('huge12');
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.requests.map((r) => r.type)).toEqual(['query', 'simulate']);
    // A late message of the old worker is ignored.
    workers[0]?.reply({ type: 'simulated', id: 1, summary, durationMs: 1 });
    workers[1]?.reply({ type: 'simulated', id: 3, summary, durationMs: 1 });
    await expect(first).resolves.toEqual({ type: 'stale' });
    await expect(third).resolves.toMatchObject({ type: 'simulated' });
    const answer = { node: 'node-1', mode: 'iptables' as const, texts: [] };
    workers[1]?.reply({ type: 'answered', id: 1, answer });
    await expect(rules).resolves.toEqual({ type: 'answered', answer });
  });
});
