/**
 * Test objects shaped like the helpers of upstream's controller tests (testPod / newPod /
 * newServicePortsAddressType), rebuilt here as plain objects.
 */
import type { Node, Pod, Service } from '../../../src/engine/model';

export interface PodOptions {
  namespace?: string;
  ready?: boolean;
  ports?: number;
  ips?: string[];
  nodeName?: string;
  terminating?: boolean;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  labels?: Record<string, string>;
}

/** Pod `pod<id>` with label foo=bar, named container ports port<j> = 8080+j and IP 1.2.3.<4+id>. */
export function testPod(id: number, options: PodOptions = {}): Pod {
  const ips = options.ips ?? [`1.2.3.${4 + id}`];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `pod${id}`,
      namespace: options.namespace ?? 'test',
      labels: options.labels ?? { foo: 'bar' },
      ...(options.terminating ? { deletionTimestamp: '2018-01-01T00:00:00Z' } : {}),
    },
    spec: {
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
      containers: [
        {
          ports: Array.from({ length: options.ports ?? 1 }, (_, j) => ({
            name: `port${j}`,
            containerPort: 8080 + j,
          })),
        },
      ],
    },
    status: {
      ...(options.phase ? { phase: options.phase } : {}),
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
      podIP: ips[0] ?? '',
      podIPs: ips.map((ip) => ({ ip })),
    },
  };
}

export function testService(
  spec: Service['spec'],
  meta: Partial<Service['metadata']> = {},
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'foo', namespace: 'test', ...meta },
    spec: { selector: { foo: 'bar' }, ...spec },
  };
}

export function testNode(name: string, labels: Record<string, string> = {}): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}
