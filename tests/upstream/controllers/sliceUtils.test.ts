/**
 * The rest of kubernetes/kubernetes staging/src/k8s.io/endpointslice/utils_test.go
 * (reference-index file 3052721559, at 168c15a3b35450e758894a9153649e49e7515ee4):
 * - TestNewEndpointSlice, the five cases endpointSliceSync.test.ts leaves, as the labels of the
 *   placeholder slice of the Service (ClusterIP 1.1.1.1, one port, selector foo=bar);
 * - TestSetEndpointSliceLabels, all thirteen rows, played as a reconcile with a stored slice that
 *   carries the row's labels and already lists the one pod: the slice is rewritten with the
 *   expected labels when upstream reports an update, and kept as it is otherwise (a change of
 *   the headless label alone is no update);
 * - Test_hintsEnabled, through the trafficDistribution heuristic, which the topology
 *   annotations switch off when they enable hints.
 */
import { describe, expect, it } from 'vitest';
import {
  computeEndpointSlices,
  podToEndpoint,
  type SliceNaming,
} from '../../../src/engine/controllers/endpointSlice';
import { seededRandom } from '../../../src/engine/controllers/random';
import { closeHeuristic } from '../../../src/engine/controllers/trafficDistribution';
import type { EndpointSlice, Node, Service } from '../../../src/engine/model';
import { testNode, testPod, testService } from './fixtures';

const managedBy = 'endpointslice.kubernetes.io/managed-by';
const serviceName = 'kubernetes.io/service-name';
const headless = 'service.kubernetes.io/headless';
const managed = { [serviceName]: 'foo', [managedBy]: 'endpointslice-controller.k8s.io' };
const nodes = new Map<string, Node>([['node-1', testNode('node-1')]]);
const naming = (existing: EndpointSlice[] = []): SliceNaming => ({
  random: seededRandom(1, 'test'),
  taken: new Set(existing.map((s) => s.metadata.name ?? '')),
  existing,
});
/** The Service of both tests: ClusterIP 1.1.1.1 unless `clusterIP` says otherwise. */
const service = (labels?: Record<string, string>, clusterIP = '1.1.1.1'): Service =>
  testService(
    { clusterIP, ports: [{ port: 80, targetPort: 80 }], ipFamilies: ['IPv4'] },
    { uid: 'test-foo', ...(labels ? { labels } : {}) },
  );

describe('newEndpointSlice (TestNewEndpointSlice)', () => {
  const cases: [string, Service, Record<string, string>][] = [
    ['Service without labels', service(), managed],
    ['Service with labels', service({ foo: 'bar' }), { ...managed, foo: 'bar' }],
    [
      'Headless Service with labels',
      service({ foo: 'bar' }, 'None'),
      { ...managed, [headless]: '', foo: 'bar' },
    ],
    [
      'Service with multiple labels',
      service({ foo: 'bar', foo2: 'bar2' }),
      { ...managed, foo: 'bar', foo2: 'bar2' },
    ],
    [
      'Evil service hijacking endpoint slices labels',
      service({ [serviceName]: 'bad', [managedBy]: 'actor', foo: 'bar' }),
      { ...managed, foo: 'bar' },
    ],
  ];
  for (const [name, svc, labels] of cases) {
    it(name, () => {
      const [slice] = computeEndpointSlices(svc, [], nodes, naming()).slices;
      expect(slice?.metadata).toMatchObject({
        generateName: 'foo-',
        namespace: 'test',
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name: 'foo',
            uid: 'test-foo',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      });
      expect(slice?.metadata.labels).toEqual(labels);
      expect(slice?.addressType).toBe('IPv4');
    });
  }
});

describe('setEndpointSliceLabels (TestSetEndpointSliceLabels)', () => {
  const pod = testPod(1, { nodeName: 'node-1', ports: 0 });
  /** A stored slice with `labels` that already lists the pod on port 80. */
  const stored = (svc: Service, labels?: Record<string, string>): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'foo-1',
      namespace: 'test',
      ...(labels ? { labels } : {}),
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: 'foo',
          uid: 'test-foo',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: [podToEndpoint(pod, nodes.get('node-1'), svc, 'IPv4')],
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
  });
  const withHeadless = { ...managed, [headless]: '' };
  const reserved = { [serviceName]: 'bad', [managedBy]: 'actor' };
  const cases: [
    string,
    Record<string, string> | undefined,
    Service,
    Record<string, string>,
    boolean,
  ][] = [
    ['Service without labels and empty endpoint slice', undefined, service(), managed, false],
    [
      'Headless service with labels and empty endpoint slice',
      undefined,
      service({ foo: 'bar' }, 'None'),
      { ...withHeadless, foo: 'bar' },
      true,
    ],
    [
      'Headless service without labels and empty endpoint slice',
      undefined,
      service(undefined, 'None'),
      withHeadless,
      false,
    ],
    [
      'Non Headless service with Headless label and empty endpoint slice',
      undefined,
      service({ [headless]: '' }),
      managed,
      false,
    ],
    [
      'Headless Service change to ClusterIP Service with headless label',
      withHeadless,
      service({ [headless]: '' }),
      managed,
      false,
    ],
    ['Headless Service change to ClusterIP Service', withHeadless, service(), managed, false],
    [
      'Headless service and endpoint slice with same labels',
      { ...managed, foo: 'bar' },
      service({ foo: 'bar' }, 'None'),
      { ...withHeadless, foo: 'bar' },
      false,
    ],
    [
      'Service with labels and empty endpoint slice',
      undefined,
      service({ foo: 'bar' }),
      { ...managed, foo: 'bar' },
      true,
    ],
    [
      'Slice with labels and service without labels',
      { ...managed, foo: 'bar' },
      service(),
      managed,
      true,
    ],
    [
      'Slice with headless label and service with ClusterIP',
      withHeadless,
      service(),
      managed,
      false,
    ],
    [
      'Slice with reserved labels and service with labels',
      managed,
      service({ foo: 'bar' }),
      { ...managed, foo: 'bar' },
      true,
    ],
    [
      'Evil service trying to hijack slice labels only well-known slice labels',
      managed,
      service({ ...reserved, [headless]: 'invalid' }),
      managed,
      false,
    ],
    [
      'Evil service trying to hijack slice labels with updates',
      managed,
      service({ ...reserved, foo: 'bar' }),
      { ...managed, foo: 'bar' },
      true,
    ],
  ];
  for (const [name, labels, svc, expected, updated] of cases) {
    it(`${name}: ${updated ? 'rewritten' : 'kept'}`, () => {
      const slice = stored(svc, labels);
      const [out] = computeEndpointSlices(svc, [pod], nodes, naming([slice])).slices;
      if (updated) {
        expect(out?.metadata.name).toBe('foo-1');
        expect(out?.metadata.labels).toEqual(expected);
      } else expect(out).toEqual(slice);
    });
  }
});

describe('hintsEnabled (Test_hintsEnabled)', () => {
  const hints = 'service.kubernetes.io/topology-aware-hints';
  const mode = 'service.kubernetes.io/topology-mode';
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['empty annotations', undefined, false],
    ['different annotations', { 'topology-hints': 'enabled' }, false],
    ['hints annotation == enabled', { [hints]: 'enabled' }, false],
    ['hints annotation == aUto', { [hints]: 'aUto' }, false],
    ['hints annotation == auto', { [hints]: 'auto' }, true],
    ['hints annotation == Auto', { [hints]: 'Auto' }, true],
    ['hints annotation == disabled', { [hints]: 'disabled' }, false],
    ['mode annotation == enabled', { [mode]: 'enabled' }, false],
    ['mode annotation == aUto', { [mode]: 'aUto' }, false],
    ['mode annotation == auto', { [mode]: 'auto' }, true],
    ['mode annotation == Auto', { [mode]: 'Auto' }, true],
    ['mode annotation == disabled', { [mode]: 'disabled' }, false],
    [
      'mode annotation == disabled, hints annotation == auto',
      { [mode]: 'disabled', [hints]: 'auto' },
      true,
    ],
    [
      'mode annotation == auto, hints annotation == disabled',
      { [mode]: 'auto', [hints]: 'disabled' },
      false,
    ],
  ];
  for (const [name, annotations, enabled] of cases) {
    it(`${name}: ${enabled ? 'enabled' : 'not enabled'}`, () => {
      const svc = testService(
        { trafficDistribution: 'PreferClose' },
        annotations ? { annotations } : {},
      );
      // Hints from the annotation take precedence over trafficDistribution's heuristic.
      expect(closeHeuristic(svc) === undefined).toBe(enabled);
    });
  }
});
