/**
 * The rest of the Endpoints controller cases of kubernetes/kubernetes
 * pkg/controller/endpoint/endpoints_controller_test.go at
 * 003e86297d18a8538c9da3619871393f9703bf70 (reference-index file 21178886159) that the engine can
 * play: TestSyncEndpointsNewNoSubsets, TestSyncEndpointsItemsEmptySelectorSelectsAll,
 * TestEndpointPortFromServicePort and TestEndpointSubsetsEqualIgnoreResourceVersion.
 *
 * As in endpoints.test.ts, upstream's `selector: {}` is written `foo: bar` (an empty selector is
 * stored as none by the API server) and selects the same pods.
 */
import { describe, expect, it } from 'vitest';
import { runControllers } from '../../../src/engine/controllers';
import { computeEndpoints } from '../../../src/engine/controllers/endpoints';
import { subsetsEqualIgnoreResourceVersion } from '../../../src/engine/controllers/endpointsCompare';
import { defaultClusterSettings } from '../../../src/engine/settings';
import type { EndpointSubset, Endpoints } from '../../../src/engine/model';
import { testPod, testService } from './fixtures';

const headless = { 'service.kubernetes.io/headless': '' };

describe('Endpoints controller syncs (endpoints_controller_test.go)', () => {
  it('creates an Endpoints without subsets when no pod matches (TestSyncEndpointsNewNoSubsets)', () => {
    const svc = testService({ ports: [{ port: 80 }] });
    const out = runControllers({ settings: defaultClusterSettings, seed: 1, objects: [svc] });
    const mine = out.endpoints.filter((e) => e.metadata.namespace === 'test');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.metadata).toMatchObject({ name: 'foo', namespace: 'test', labels: headless });
    expect(mine[0]?.subsets).toBeUndefined();
  });

  it('fills a stored empty Endpoints with the one ready pod (TestSyncEndpointsItemsEmptySelectorSelectsAll)', () => {
    const stored: Endpoints = {
      kind: 'Endpoints',
      metadata: { name: 'foo', namespace: 'test', resourceVersion: '1' },
      subsets: [],
    };
    const svc = testService({ ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
    const ep = computeEndpoints(svc, [testPod(0)], stored);
    expect(ep.metadata).toEqual({
      name: 'foo',
      namespace: 'test',
      resourceVersion: '1',
      labels: headless,
    });
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: '1.2.3.4',
            nodeName: '',
            targetRef: { kind: 'Pod', namespace: 'test', name: 'pod0' },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });
});

describe('endpointPortFromServicePort (TestEndpointPortFromServicePort)', () => {
  for (const [name, appProtocol] of [
    ['empty app protocol', undefined],
    ['http app protocol', 'http'],
  ] as const) {
    it(`copies the Service port's appProtocol: ${name}`, () => {
      const svc = testService({
        ports: [
          {
            name: 'test',
            port: 80,
            targetPort: 8080,
            protocol: 'TCP',
            ...(appProtocol ? { appProtocol } : {}),
          },
        ],
      });
      const [port] = computeEndpoints(svc, [testPod(0)], undefined).subsets?.[0]?.ports ?? [];
      expect(port).toEqual({
        name: 'test',
        port: 8080,
        protocol: 'TCP',
        ...(appProtocol ? { appProtocol } : {}),
      });
    });
  }
});

describe('endpointSubsetsEqualIgnoreResourceVersion (TestEndpointSubsetsEqualIgnoreResourceVersion)', () => {
  const es1: EndpointSubset = {
    addresses: [
      {
        ip: '1.1.1.1',
        targetRef: { kind: 'Pod', name: 'pod1-1', namespace: 'ns', resourceVersion: '1' },
      },
    ],
    notReadyAddresses: [
      {
        ip: '1.1.1.2',
        targetRef: { kind: 'Pod', name: 'pod1-2', namespace: 'ns2', resourceVersion: '2' },
      },
    ],
    ports: [{ port: 8081, protocol: 'TCP' }],
  };
  const es2: EndpointSubset = {
    addresses: [
      {
        ip: '2.2.2.1',
        targetRef: { kind: 'Pod', name: 'pod2-1', namespace: 'ns', resourceVersion: '3' },
      },
    ],
    notReadyAddresses: [
      {
        ip: '2.2.2.2',
        targetRef: { kind: 'Pod', name: 'pod2-2', namespace: 'ns2', resourceVersion: '4' },
      },
    ],
    ports: [{ port: 8082, protocol: 'TCP' }],
  };
  /** A deep copy of `s`, changed by `mutate`. */
  const changed = (s: EndpointSubset, mutate: (copy: EndpointSubset) => void): EndpointSubset => {
    const copy = structuredClone(s);
    mutate(copy);
    return copy;
  };
  const firstReady = (s: EndpointSubset) => s.addresses?.[0] as { ip: string; targetRef?: object };
  const cases: [string, EndpointSubset[], boolean][] = [
    ['Subsets removed', [es1], false],
    [
      'Ready Pod IP changed',
      [changed(es1, (s) => void (firstReady(s).ip = '1.1.1.10')), es2],
      false,
    ],
    [
      'NotReady Pod IP changed',
      [es1, changed(es2, (s) => void ((s.notReadyAddresses?.[0] ?? { ip: '' }).ip = '2.2.2.10'))],
      false,
    ],
    [
      'Pod ResourceVersion changed',
      [
        es1,
        changed(es2, (s) => {
          const ref = s.addresses?.[0]?.targetRef;
          if (ref) ref.resourceVersion = '100';
        }),
      ],
      true,
    ],
    [
      'Pod ResourceVersion removed',
      [
        es1,
        changed(es2, (s) => {
          const ref = s.addresses?.[0]?.targetRef;
          if (ref) ref.resourceVersion = '';
        }),
      ],
      true,
    ],
    [
      'Ports changed',
      [es1, changed(es1, (s) => void ((s.ports?.[0] ?? { port: 0 }).port = 8082))],
      false,
    ],
  ];
  for (const [name, other, equal] of cases) {
    it(`${name}: ${equal ? 'equal' : 'different'}`, () => {
      expect(subsetsEqualIgnoreResourceVersion([es1, es2], other)).toBe(equal);
    });
  }
});
