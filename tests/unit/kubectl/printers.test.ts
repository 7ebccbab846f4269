/**
 * Table rows of the API server's printers, transcribed from upstream's expectations:
 * kubernetes/kubernetes pkg/printers/internalversion/printers_test.go at commit
 * 5c75e9e917bbdd0689512886cc7a61e6facab2fc (read from the aojea/kubernetes mirror):
 * TestPrintServiceLoadBalancer, TestPrintPod, TestPrintNodeExternalIP, TestPrintNodeInternalIP.
 */
import { describe, expect, it } from 'vitest';
import { nodeTable, podTable, serviceRow } from '../../../src/engine/kubectl/columns';
import type { Node, Pod, Service } from '../../../src/engine/model';

const now = Date.UTC(2025, 0, 11);

function service(
  name: string,
  clusterIP: string,
  ports: [number, 'TCP' | 'UDP' | 'SCTP'][],
  ingress: { ip?: string; hostname?: string }[] = [],
  selector?: Record<string, string>,
): Service {
  return {
    kind: 'Service',
    metadata: { name },
    spec: {
      clusterIPs: [clusterIP],
      type: 'LoadBalancer',
      ports: ports.map(([port, protocol]) => ({ port, protocol })),
      ...(selector ? { selector } : {}),
    },
    ...(ingress.length > 0 ? { status: { loadBalancer: { ingress } } } : {}),
  };
}

describe('printService (TestPrintServiceLoadBalancer)', () => {
  it('joins several load-balancer IPs', () => {
    const s = service('service1', '1.2.3.4', [[80, 'TCP']], [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }]);
    expect(serviceRow(s, now, false).slice(0, 6)).toEqual([
      'service1',
      'LoadBalancer',
      '1.2.3.4',
      '2.3.4.5,3.4.5.6',
      '80/TCP',
      '<unknown>',
    ]);
  });

  it('shows <pending> without an ingress, and every port', () => {
    const s = service('service2', '1.3.4.5', [
      [80, 'TCP'],
      [8090, 'UDP'],
      [8000, 'TCP'],
      [7777, 'SCTP'],
    ]);
    expect(serviceRow(s, now, false).slice(0, 6)).toEqual([
      'service2',
      'LoadBalancer',
      '1.3.4.5',
      '<pending>',
      '80/TCP,8090/UDP,8000/TCP,7777/SCTP',
      '<unknown>',
    ]);
  });

  it('shows a single ingress IP', () => {
    const s = service(
      'service3',
      '1.4.5.6',
      [
        [80, 'TCP'],
        [8090, 'UDP'],
        [8000, 'TCP'],
      ],
      [{ ip: '2.3.4.5' }],
    );
    expect(serviceRow(s, now, false).slice(0, 6)).toEqual([
      'service3',
      'LoadBalancer',
      '1.4.5.6',
      '2.3.4.5',
      '80/TCP,8090/UDP,8000/TCP',
      '<unknown>',
    ]);
  });

  it('elides a long list of external IPs to 16 bytes', () => {
    const s = service(
      'service4',
      '1.5.6.7',
      [
        [80, 'TCP'],
        [8090, 'UDP'],
        [8000, 'TCP'],
      ],
      [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }],
    );
    expect(serviceRow(s, now, false).slice(0, 6)).toEqual([
      'service4',
      'LoadBalancer',
      '1.5.6.7',
      '2.3.4.5,3.4.5...',
      '80/TCP,8090/UDP,8000/TCP',
      '<unknown>',
    ]);
  });

  it('keeps the whole list and adds the selector with -o wide', () => {
    const s = service(
      'service4',
      '1.5.6.7',
      [
        [80, 'TCP'],
        [8090, 'UDP'],
        [8000, 'TCP'],
      ],
      [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }],
      { foo: 'bar' },
    );
    expect(serviceRow(s, now, true)).toEqual([
      'service4',
      'LoadBalancer',
      '1.5.6.7',
      '2.3.4.5,3.4.5.6,5.6.7.8',
      '80/TCP,8090/UDP,8000/TCP',
      '<unknown>',
      'foo=bar',
    ]);
  });
});

function pod(name: string, statuses: NonNullable<Pod['status']>['containerStatuses']): Pod {
  return {
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{}, {}] },
    status: { phase: 'podPhase' as 'Running', containerStatuses: statuses ?? [] },
  };
}

describe('printPod (TestPrintPod)', () => {
  const row = (p: Pod) => podTable.row(p, now).slice(0, 5);

  it('counts ready running containers and sums restarts', () => {
    const p = pod('test1', [
      { ready: true, restartCount: 3, state: { running: {} } },
      { restartCount: 3 },
    ]);
    expect(row(p)).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>']);
  });

  it('lets a waiting container reason overwrite the phase', () => {
    const p = pod('test2', [
      { ready: true, restartCount: 3, state: { running: {} } },
      { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
    ]);
    expect(row(p)).toEqual(['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>']);
  });

  it('lets the first container overwrite the others', () => {
    const p = pod('test3', [
      { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
      { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 },
    ]);
    expect(row(p)).toEqual(['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>']);
  });

  it('does not count a ready container that is not running', () => {
    const p = pod('test4', [
      { ready: true, restartCount: 3, state: { running: {} } },
      { ready: true, restartCount: 3 },
    ]);
    expect(row(p)).toEqual(['test4', '1/2', 'podPhase', '6', '<unknown>']);
  });
});

describe('printNode (TestPrintNodeExternalIP, TestPrintNodeInternalIP)', () => {
  const node = (name: string, addresses: [string, string][]): Node => ({
    kind: 'Node',
    metadata: { name },
    status: { addresses: addresses.map(([type, address]) => ({ type, address })) },
  });
  const unknown = ['<unknown>', '<unknown>', '<unknown>'];

  it('shows the first ExternalIP and InternalIP', () => {
    expect(nodeTable.row(node('foo1', [['ExternalIP', '1.1.1.1']]), now)).toEqual([
      'foo1',
      'Unknown',
      '<none>',
      '<unknown>',
      '',
      '<none>',
      '1.1.1.1',
      ...unknown,
    ]);
    expect(nodeTable.row(node('foo2', [['InternalIP', '1.1.1.1']]), now)).toEqual([
      'foo2',
      'Unknown',
      '<none>',
      '<unknown>',
      '',
      '1.1.1.1',
      '<none>',
      ...unknown,
    ]);
    expect(
      nodeTable.row(
        node('foo3', [
          ['ExternalIP', '2.2.2.2'],
          ['InternalIP', '3.3.3.3'],
          ['ExternalIP', '4.4.4.4'],
        ]),
        now,
      ),
    ).toEqual(['foo3', 'Unknown', '<none>', '<unknown>', '', '3.3.3.3', '2.2.2.2', ...unknown]);
    expect(
      nodeTable.row(
        node('foo3', [
          ['InternalIP', '2.2.2.2'],
          ['ExternalIP', '3.3.3.3'],
          ['InternalIP', '4.4.4.4'],
        ]),
        now,
      ),
    ).toEqual(['foo3', 'Unknown', '<none>', '<unknown>', '', '2.2.2.2', '3.3.3.3', ...unknown]);
  });
});
