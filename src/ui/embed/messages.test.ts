import { describe, expect, it } from 'vitest';
import { parseHostMessage, protocolName, toRequestResult } from './messages';
import type { RequestBatch } from '../../worker/queries/requests';

const envelope = { protocol: protocolName, version: 1 };

describe('parseHostMessage', () => {
  it("ignores other scripts' messages", () => {
    expect(parseHostMessage('hello')).toEqual({ kind: 'ignore' });
    expect(parseHostMessage({ type: 'load', yaml: 'x' })).toEqual({ kind: 'ignore' });
    expect(parseHostMessage(null)).toEqual({ kind: 'ignore' });
  });

  it('reads load, send and ping', () => {
    expect(
      parseHostMessage({ ...envelope, id: 'a', type: 'load', yaml: 'kind: Pod', seed: 3 }),
    ).toEqual({
      kind: 'message',
      message: { ...envelope, id: 'a', type: 'load', yaml: 'kind: Pod', seed: 3 },
    });
    expect(
      parseHostMessage({
        ...envelope,
        type: 'send',
        request: { service: 'web', via: 'nodePort', node: 'node-2', port: 80, extra: 1 },
        count: 100,
      }),
    ).toEqual({
      kind: 'message',
      message: {
        ...envelope,
        type: 'send',
        request: { service: 'web', via: 'nodePort', node: 'node-2', port: 80 },
        count: 100,
      },
    });
    expect(parseHostMessage({ ...envelope, type: 'ping' })).toEqual({
      kind: 'message',
      message: { ...envelope, type: 'ping' },
    });
  });

  it('answers malformed messages of this protocol with an error', () => {
    const error = (data: object) => parseHostMessage({ ...envelope, id: 'x', ...data });
    expect(error({ version: 2, type: 'ping' })).toMatchObject({
      kind: 'error',
      id: 'x',
      message: expect.stringMatching(/version 1 of the API; the message is version 2/),
    });
    expect(error({ type: 'load' })).toMatchObject({
      kind: 'error',
      message: 'load needs yaml: the YAML text.',
    });
    expect(error({ type: 'send', request: { service: 'web' }, count: 5 })).toMatchObject({
      kind: 'error',
      message: 'count must be 1, 10 or 100.',
    });
    expect(error({ type: 'send', request: { service: 'web', via: 'teleport' } })).toMatchObject({
      kind: 'error',
    });
    expect(error({ type: 'eval', code: '1' })).toMatchObject({
      kind: 'error',
      message: 'Unknown message type "eval" (load, send or ping).',
    });
  });
});

describe('toRequestResult', () => {
  it('counts what happened to a batch', () => {
    const request = (verdict: 'DNAT' | 'DROP', pod?: string) => ({
      index: 0,
      client: '203.0.113.10',
      destination: '192.168.1.13:30080',
      port: 30080,
      protocol: 'TCP' as const,
      legs: [],
      decisions: [],
      hops: [],
      verdict,
      masquerade: verdict === 'DNAT',
      ...(pod
        ? { pod, endpoint: '10.244.0.2:8080', podNode: 'node-1', sourceSeen: '192.168.1.13' }
        : {}),
    });
    const batch: RequestBatch = {
      mode: 'iptables',
      input: {
        source: { type: 'external', ip: '203.0.113.10' },
        destination: { kind: 'nodePort', host: '192.168.1.13', port: 30080 },
        count: 2,
        seed: 1,
      },
      requests: [request('DNAT', 'default/hello'), request('DROP')],
      distribution: [
        { endpoint: '10.244.0.2:8080', pod: 'default/hello', node: 'node-1', count: 1 },
      ],
      verdicts: { DNAT: 1, DROP: 1 },
    };
    expect(toRequestResult(batch)).toEqual({
      mode: 'iptables',
      from: '203.0.113.10',
      to: '192.168.1.13:30080',
      sent: 2,
      reached: 1,
      dropped: 1,
      rejected: 0,
      other: 0,
      distribution: [
        { endpoint: '10.244.0.2:8080', pod: 'default/hello', node: 'node-1', count: 1 },
      ],
      first: {
        verdict: 'DNAT',
        masquerade: true,
        endpoint: '10.244.0.2:8080',
        pod: 'default/hello',
        node: 'node-1',
        sourceSeen: '192.168.1.13',
      },
    });
  });
});
