/**
 * More Endpoints controller cases from kubernetes/kubernetes
 * pkg/controller/endpoint/endpoints_controller_test.go at
 * 003e86297d18a8538c9da3619871393f9703bf70 (reference-index file 21178886159), run through
 * computeEndpoints with the stored Endpoints as `current`:
 * TestLastTriggerChangeTimeAnnotation (and _AnnotationOverridden, _AnnotationCleared),
 * TestSyncEndpointsItemsPreexistingIdentical, TestSyncEndpointsExistingNilSubsets,
 * TestSyncEndpointsExistingEmptySubsets, TestSyncEndpointsHeadlessServiceLabel,
 * TestSyncEndpointsWithPodResourceVersionUpdateOnly, TestSyncServiceAddresses and the
 * starting-annotation cases of TestSyncServiceOverCapacity.
 */
import { describe, expect, it } from 'vitest';
import { computeEndpoints } from '../../../src/engine/controllers/endpoints';
import type { EndpointAddress, Endpoints } from '../../../src/engine/model';
import type { PodOptions } from './fixtures';
import { testPod, testService } from './fixtures';

type Phase = NonNullable<PodOptions['phase']> | 'Unknown';

const trigger = 'endpoints.kubernetes.io/last-change-trigger-time';
const overCapacity = 'endpoints.kubernetes.io/over-capacity';
const triggerTime = '2018-01-01T00:00:00Z';
const oldTriggerTime = '2017-12-31T23:00:00Z';
const stored = (meta: Partial<Endpoints['metadata']> = {}, subsets?: Endpoints['subsets']) =>
  ({
    kind: 'Endpoints',
    metadata: { name: 'foo', namespace: 'test', resourceVersion: '1', ...meta },
    ...(subsets ? { subsets } : {}),
  }) as Endpoints;
const other = [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }];
const port8080 = { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' as const }] };
const address = (id: number): EndpointAddress => ({
  ip: `1.2.3.${4 + id}`,
  nodeName: '',
  targetRef: { kind: 'Pod', namespace: 'test', name: `pod${id}` },
});

describe('last-change-trigger-time (TestLastTriggerChangeTimeAnnotation*)', () => {
  it("sets the annotation to the Service's creationTimestamp on its first sync", () => {
    const svc = testService(port8080, { creationTimestamp: triggerTime });
    const ep = computeEndpoints(svc, [testPod(0)], stored({}, other));
    expect(ep.metadata.annotations).toEqual({ [trigger]: triggerTime });
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets).toEqual([
      { addresses: [address(0)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('overrides an older annotation (TestLastTriggerChangeTimeAnnotation_AnnotationOverridden)', () => {
    const svc = testService(port8080, { creationTimestamp: triggerTime });
    const current = stored({ annotations: { [trigger]: oldTriggerTime } }, other);
    expect(computeEndpoints(svc, [testPod(0)], current).metadata.annotations).toEqual({
      [trigger]: triggerTime,
    });
  });

  it('clears it when neither the Service nor a pod has a time (TestLastTriggerChangeTimeAnnotation_AnnotationCleared)', () => {
    const current = stored({ annotations: { [trigger]: triggerTime } }, other);
    const ep = computeEndpoints(testService(port8080), [testPod(0)], current);
    expect(ep.metadata.annotations).toBeUndefined();
  });

  it("takes a later Ready transition of a selected pod (the tracker's pod trigger time)", () => {
    const pod = testPod(0);
    const ready = pod.status?.conditions?.[0];
    if (ready) Object.assign(ready, { lastTransitionTime: '2018-01-01T00:00:05Z' });
    const svc = testService(port8080, { creationTimestamp: triggerTime });
    expect(computeEndpoints(svc, [pod], undefined).metadata.annotations).toEqual({
      [trigger]: '2018-01-01T00:00:05Z',
    });
  });
});

describe('the trigger time as Go prints it (time.RFC3339Nano, in UTC)', () => {
  const at = (created: string, ready?: string) => {
    const pod = testPod(0);
    const condition = pod.status?.conditions?.[0];
    if (condition && ready) Object.assign(condition, { lastTransitionTime: ready });
    const svc = testService(port8080, { creationTimestamp: created });
    return computeEndpoints(svc, [pod], undefined).metadata.annotations?.[trigger];
  };
  it('converts an offset to UTC before comparing', () => {
    expect(at('2018-01-01T01:00:00+02:00', '2017-12-31T23:30:00Z')).toBe('2017-12-31T23:30:00Z');
    expect(at('2018-01-01T03:00:00+02:00', '2017-12-31T23:30:00Z')).toBe('2018-01-01T01:00:00Z');
  });
  it('keeps a fraction without its trailing zeros', () => {
    expect(at('2018-01-01T00:00:00Z', '2018-01-01T00:00:00.500Z')).toBe('2018-01-01T00:00:00.5Z');
  });
});

describe('an Endpoints already up to date is not written', () => {
  it('leaves an identical Endpoints as stored (TestSyncEndpointsItemsPreexistingIdentical)', () => {
    const current = stored({}, [
      { addresses: [address(0)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    const svc = testService(port8080, { creationTimestamp: triggerTime });
    const ep = computeEndpoints(svc, [testPod(0)], current);
    expect(ep).toEqual(current);
    expect(ep).not.toBe(current);
    expect(ep.metadata.labels).toBeUndefined();
  });

  for (const [name, subsets] of [
    ['TestSyncEndpointsExistingNilSubsets', undefined],
    ['TestSyncEndpointsExistingEmptySubsets', []],
  ] as const) {
    it(`leaves an Endpoints without subsets when no pod matches (${name})`, () => {
      const current = stored({}, subsets ? [...subsets] : undefined);
      const ep = computeEndpoints(testService({ ports: [{ port: 80 }] }), [], current);
      expect(ep).toEqual(current);
    });
  }

  it('keeps the headless label it already has (TestSyncEndpointsHeadlessServiceLabel)', () => {
    const current = stored({ labels: { 'service.kubernetes.io/headless': '' } }, []);
    expect(computeEndpoints(testService({ ports: [{ port: 80 }] }), [], current)).toEqual(current);
  });

  it("ignores the targetRefs' resourceVersion (TestSyncEndpointsWithPodResourceVersionUpdateOnly)", () => {
    const withVersion = (id: number, rv: string) => {
      const a = address(id);
      return { ...a, targetRef: { ...a.targetRef, resourceVersion: rv } };
    };
    const current = stored({}, [
      {
        addresses: [withVersion(0, '1')],
        notReadyAddresses: [withVersion(1, '2')],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    const pods = [testPod(0), testPod(1, { ready: false })];
    expect(computeEndpoints(testService(port8080), pods, current)).toEqual(current);
  });

  it('rewrites it when only the labels differ (TestSyncEndpointsItemsPreexistingLabelsChange)', () => {
    const current = stored({ labels: { foo: 'bar' } }, [
      { addresses: [address(0)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    const svc = testService(port8080, { labels: { baz: 'blah' } });
    expect(computeEndpoints(svc, [testPod(0)], current).metadata.labels).toEqual({
      baz: 'blah',
      'service.kubernetes.io/headless': '',
    });
  });
});

describe('ready and not-ready addresses by phase (TestSyncServiceAddresses)', () => {
  const cases: [string, Phase, boolean, boolean, boolean, number, number][] = [
    ['pod running phase', 'Running', true, false, false, 1, 0],
    ['pod running phase being deleted', 'Running', true, true, false, 0, 0],
    ['pod unknown phase container ready', 'Unknown', true, false, false, 1, 0],
    ['pod unknown phase container ready being deleted', 'Unknown', true, true, false, 0, 0],
    ['pod pending phase container ready', 'Pending', true, false, false, 1, 0],
    ['pod pending phase container ready being deleted', 'Pending', true, true, false, 0, 0],
    ['pod unknown phase container not ready', 'Unknown', false, false, false, 0, 1],
    ['pod pending phase container not ready', 'Pending', false, false, false, 0, 1],
    ['pod failed phase', 'Failed', false, false, false, 0, 0],
    ['pod succeeded phase', 'Succeeded', false, false, false, 0, 0],
    ['pod running phase and tolerate unready', 'Running', false, false, true, 1, 0],
    ['pod running phase and tolerate unready being deleted', 'Running', false, true, true, 1, 0],
    ['pod unknown phase and tolerate unready', 'Unknown', false, false, true, 1, 0],
    ['pod unknown phase and tolerate unready being deleted', 'Unknown', false, true, true, 1, 0],
    ['pod pending phase and tolerate unready', 'Pending', false, false, true, 1, 0],
    ['pod pending phase and tolerate unready being deleted', 'Pending', false, true, true, 1, 0],
    ['pod failed phase and tolerate unready', 'Failed', false, false, true, 0, 0],
    ['pod succeeded phase and tolerate unready endpoints', 'Succeeded', false, false, true, 0, 0],
  ];
  for (const [name, phase, ready, terminating, tolerate, wantReady, wantNotReady] of cases) {
    it(name, () => {
      const pod = testPod(0, { ready, terminating, ips: ['10.1.1.1'] });
      if (pod.status) pod.status.phase = phase;
      const svc = testService({
        publishNotReadyAddresses: tolerate,
        type: 'ClusterIP',
        clusterIP: '1.1.1.1',
        ports: [{ port: 80 }],
      });
      const ep = computeEndpoints(svc, [pod], undefined);
      const count = (key: 'addresses' | 'notReadyAddresses') =>
        (ep.subsets ?? []).reduce((n, s) => n + (s[key]?.length ?? 0), 0);
      expect([count('addresses'), count('notReadyAddresses')]).toEqual([wantReady, wantNotReady]);
    });
  }
});

describe('the over-capacity annotation on a stored Endpoints (TestSyncServiceOverCapacity)', () => {
  const capacity = 1000;
  const cases: [string, string | undefined, number, number, number, boolean][] = [
    [
      'annotation removed below capacity',
      'truncated',
      capacity - 1,
      capacity - 1,
      capacity - 1,
      false,
    ],
    [
      'annotation was set to warning previously, annotation removed at capacity',
      'warning',
      capacity,
      capacity,
      capacity,
      false,
    ],
    [
      'annotation was set to warning previously but still over capacity',
      'warning',
      capacity + 1,
      capacity + 1,
      capacity,
      true,
    ],
    ['annotation removed at capacity', 'truncated', capacity, capacity, capacity, false],
    [
      'no endpoints change, annotation value corrected',
      'invalid',
      capacity + 1,
      capacity + 1,
      capacity,
      true,
    ],
  ];
  for (const [name, starting, existing, desired, wantReady, annotated] of cases) {
    it(name, () => {
      const pods = Array.from({ length: desired }, (_, i) =>
        testPod(i, { ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`] }),
      );
      const svc = testService({ ports: [{ port: 80 }] });
      const addresses = pods.slice(0, existing).map((p) => ({
        ip: p.status?.podIP ?? '',
        nodeName: '',
        targetRef: { kind: 'Pod', namespace: 'test', name: p.metadata.name ?? '' },
      }));
      const current = stored(starting ? { annotations: { [overCapacity]: starting } } : {}, [
        { addresses },
      ]);
      const ep = computeEndpoints(svc, pods, current);
      const ready = (ep.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
      expect(ready).toBe(wantReady);
      expect(ep.metadata.annotations?.[overCapacity]).toBe(annotated ? 'truncated' : undefined);
    });
  }
});
