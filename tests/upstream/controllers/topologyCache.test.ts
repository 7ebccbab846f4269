/**
 * The topology cache of kubernetes/kubernetes staging/src/k8s.io/endpointslice/topologycache,
 * topologycache_test.go at 5c72df728125530f15a519dacc9c308084dc586b (reference-index file
 * 5568568566): TestAddHints (the slices and their hints; the events the controller records are
 * not part of what the engine prints) and TestSetNodes (each zone's CPU ratio, or none when the
 * nodes do not allow hints). TestTopologyCacheRace tests locking only. And utils_test.go at
 * 030880a5dc5449403c6d1f0aa146a7dc21d6c6dc (reference-index file 564284391):
 * Test_redistributeHints, Test_getGivingAndReceivingZones and Test_getHintsByZone.
 */
import { describe, expect, it } from 'vitest';
import {
  addTopologyHints,
  givingAndReceiving,
  hintsByZone,
  redistribute,
  zoneRatios,
  type Allocation,
  type ZoneRatios,
} from '../../../src/engine/controllers/topologyHints';
import type { Endpoint, EndpointSlice, Node } from '../../../src/engine/model';

const endpoint = (address: string, zone: string, ready: boolean | undefined, hint?: string) =>
  ({
    addresses: [address],
    zone,
    conditions: ready === undefined ? {} : { ready },
    ...(hint ? { hints: { forZones: [{ name: hint }] } } : {}),
  }) as Endpoint;
const slice = (...endpoints: Endpoint[]) => ({ endpoints }) as EndpointSlice;
const ratios = (entries: Record<string, number>): ZoneRatios => new Map(Object.entries(entries));

describe('AddHints (TestAddHints)', () => {
  it('empty: nothing to hint', () => {
    expect(addTopologyHints({ create: [], update: [], unchanged: [] }, undefined)).toEqual({
      create: [],
      update: [],
      unchanged: [],
    });
  });

  it('slice to create, no zone ratios: no hints', () => {
    const si = { create: [slice(endpoint('10.1.2.3', 'zone-a', true))], update: [], unchanged: [] };
    expect(addTopologyHints(si, undefined).create).toEqual([
      slice(endpoint('10.1.2.3', 'zone-a', true)),
    ]);
  });

  it('slice to create with 2 endpoints, zone ratios require 3: no hints', () => {
    const si = {
      create: [slice(endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true))],
      update: [],
      unchanged: [],
    };
    const out = addTopologyHints(si, ratios({ 'zone-a': 0.3, 'zone-b': 0.4, 'zone-c': 0.3 }));
    expect(out.create).toEqual([
      slice(endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true)),
    ]);
    expect(out.update).toEqual([]);
  });

  it('slice to create with 2 endpoints, zone ratios only require 2: each its own zone', () => {
    const si = {
      create: [slice(endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true))],
      update: [],
      unchanged: [],
    };
    expect(addTopologyHints(si, ratios({ 'zone-a': 0.45, 'zone-b': 0.55 })).create).toEqual([
      slice(
        endpoint('10.1.2.3', 'zone-a', true, 'zone-a'),
        endpoint('10.1.2.4', 'zone-b', true, 'zone-b'),
      ),
    ]);
  });

  it('slice to create with 2 ready, 1 unready, 1 unknown endpoints: only the ready ones hinted', () => {
    const si = {
      create: [
        slice(
          endpoint('10.1.2.3', 'zone-a', true),
          endpoint('10.1.2.4', 'zone-b', true),
          endpoint('10.1.2.5', 'zone-b', false),
          endpoint('10.1.2.6', 'zone-b', undefined),
        ),
      ],
      update: [],
      unchanged: [],
    };
    expect(addTopologyHints(si, ratios({ 'zone-a': 0.45, 'zone-b': 0.55 })).create).toEqual([
      slice(
        endpoint('10.1.2.3', 'zone-a', true, 'zone-a'),
        endpoint('10.1.2.4', 'zone-b', true, 'zone-b'),
        endpoint('10.1.2.5', 'zone-b', false),
        endpoint('10.1.2.6', 'zone-b', undefined),
      ),
    ]);
  });

  it('slices to create and update within 3 zone threshold: zone-a gives one to zone-b', () => {
    const si = {
      create: [
        slice(endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true)),
        slice(
          endpoint('10.1.3.3', 'zone-c', true),
          endpoint('10.1.3.4', 'zone-c', true),
          endpoint('10.1.3.4', 'zone-a', true),
        ),
      ],
      update: [
        slice(endpoint('10.2.2.3', 'zone-a', true), endpoint('10.2.2.4', 'zone-a', true)),
        slice(
          endpoint('10.2.3.3', 'zone-b', true),
          endpoint('10.2.3.4', 'zone-c', true),
          endpoint('10.2.3.4', 'zone-a', true),
        ),
      ],
      unchanged: [],
    };
    const out = addTopologyHints(si, ratios({ 'zone-a': 0.35, 'zone-b': 0.35, 'zone-c': 0.3 }));
    expect(out.create).toEqual([
      slice(
        endpoint('10.1.2.3', 'zone-a', true, 'zone-b'),
        endpoint('10.1.2.4', 'zone-b', true, 'zone-b'),
      ),
      slice(
        endpoint('10.1.3.3', 'zone-c', true, 'zone-c'),
        endpoint('10.1.3.4', 'zone-c', true, 'zone-c'),
        endpoint('10.1.3.4', 'zone-a', true, 'zone-a'),
      ),
    ]);
    expect(out.update).toEqual([
      slice(
        endpoint('10.2.2.3', 'zone-a', true, 'zone-a'),
        endpoint('10.2.2.4', 'zone-a', true, 'zone-a'),
      ),
      slice(
        endpoint('10.2.3.3', 'zone-b', true, 'zone-b'),
        endpoint('10.2.3.4', 'zone-c', true, 'zone-c'),
        endpoint('10.2.3.4', 'zone-a', true, 'zone-a'),
      ),
    ]);
  });
});

describe('SetNodes (TestSetNodes)', () => {
  interface NodeInfo {
    zone: string;
    cpu: string;
    ready: 'True' | 'False';
    labels?: Record<string, string>;
  }
  const node = ({ zone, cpu, ready, labels }: NodeInfo, i: number): Node => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `node-${i}`,
      labels: { ...labels, ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}) },
    },
    status: { allocatable: { cpu }, conditions: [{ type: 'Ready', status: ready }] },
  });
  const a1: NodeInfo = { zone: 'zone-a', cpu: '1000m', ready: 'True' };
  const b1: NodeInfo = { zone: 'zone-b', cpu: '1000m', ready: 'True' };
  const controlPlane = { 'node-role.kubernetes.io/control-plane': '' };
  const cases: [string, NodeInfo[], Record<string, number> | undefined][] = [
    ['empty', [], undefined],
    ['single node', [a1], undefined],
    ['single zone', [a1, a1], undefined],
    ['2 zones', [a1, b1], { 'zone-a': 0.5, 'zone-b': 0.5 }],
    ['2 zones, unready node in 1, ready node in 1', [{ ...a1, ready: 'False' }, b1], undefined],
    [
      '2 zones, control plane node in 1, ready node in 1',
      [a1, { ...b1, labels: controlPlane }],
      undefined,
    ],
    [
      '2 zones, unready node in 1, ready node in 2',
      [a1, b1, { ...b1, ready: 'False' }],
      { 'zone-a': 0.5, 'zone-b': 0.5 },
    ],
    [
      '2 zones, control plane node in 1, ready node in 2',
      [a1, b1, { ...b1, labels: controlPlane }],
      { 'zone-a': 0.5, 'zone-b': 0.5 },
    ],
    [
      '3 zones, 4 nodes in 1, 2 nodes in 1, 1 node in 1',
      [
        a1,
        a1,
        a1,
        { ...a1, cpu: '2000m' },
        { ...b1, cpu: '3000m' },
        { ...b1, cpu: '1500m' },
        { zone: 'zone-c', cpu: '500m', ready: 'True' },
      ],
      { 'zone-a': 0.5, 'zone-b': 0.45, 'zone-c': 0.05 },
    ],
  ];
  for (const [name, nodes, expected] of cases) {
    it(name, () => {
      const got = zoneRatios(nodes.map(node));
      expect(got === undefined ? undefined : Object.fromEntries(got)).toEqual(expected);
    });
  }
});

describe('redistributeHints (Test_redistributeHints)', () => {
  const hinted = (zone: string) => endpoint('', zone, true, zone);
  const cases: [
    string,
    EndpointSlice[],
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
  ][] = [
    ['empty', [], {}, {}, {}],
    [
      'single endpoint',
      [slice(hinted('zone-a'))],
      { 'zone-a': 1 },
      { 'zone-b': 1 },
      { 'zone-a': -1, 'zone-b': 1 },
    ],
    [
      'endpoints from 1 zone redistributed to 2 other zones',
      [slice(hinted('zone-a'), hinted('zone-a'), hinted('zone-a'))],
      { 'zone-a': 2 },
      { 'zone-b': 1, 'zone-c': 1 },
      { 'zone-a': -2, 'zone-b': 1, 'zone-c': 1 },
    ],
  ];
  for (const [name, slices, giving, receiving, expected] of cases) {
    it(name, () => {
      const changes = redistribute(
        slices,
        new Map(Object.entries(giving)),
        new Map(Object.entries(receiving)),
      );
      expect(Object.fromEntries(changes)).toEqual(expected);
    });
  }
});

describe('getGivingAndReceivingZones (Test_getGivingAndReceivingZones)', () => {
  const desired = (entries: Record<string, number>) =>
    new Map(
      Object.entries(entries).map(([z, d]) => [
        z,
        { minimum: 0, maximum: 0, desired: d } as Allocation,
      ]),
    );
  const cases: [
    string,
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
  ][] = [
    ['empty', {}, {}, {}, {}],
    [
      'simple allocation with no need for rebalancing',
      { 'zone-a': 1.2, 'zone-b': 1.1, 'zone-c': 1.0 },
      { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      {},
      {},
    ],
    [
      'preference for same zone even when giving an extra endpoint would result in slightly better distribution',
      { 'zone-a': 5.1, 'zone-b': 5.1, 'zone-c': 5.8 },
      { 'zone-a': 16 },
      { 'zone-a': 10 },
      { 'zone-b': 5, 'zone-c': 5 },
    ],
    [
      'when 2 zones need < 1 endpoint, give to zone that needs endpoint most',
      { 'zone-a': 5.0, 'zone-b': 5.6, 'zone-c': 5.4 },
      { 'zone-a': 16 },
      { 'zone-a': 11 },
      { 'zone-b': 6, 'zone-c': 5 },
    ],
    [
      'when 2 zones have extra endpoints, give from zone with most extra',
      { 'zone-a': 5.0, 'zone-b': 5.6, 'zone-c': 5.4 },
      { 'zone-b': 8, 'zone-c': 8 },
      { 'zone-b': 2, 'zone-c': 3 },
      { 'zone-a': 5 },
    ],
    [
      'ensure function can handle unexpected data (more allocated than allocations)',
      { 'zone-a': 5.0, 'zone-b': 5.0, 'zone-c': 5.0 },
      { 'zone-a': 6, 'zone-b': 6, 'zone-c': 6 },
      {},
      {},
    ],
    [
      'ensure function can handle unexpected data (negative allocations)',
      { 'zone-a': -5.0, 'zone-b': -5.0, 'zone-c': -5.0 },
      { 'zone-a': 6, 'zone-b': 6, 'zone-c': 6 },
      {},
      {},
    ],
    [
      'ensure function can handle unexpected data (negative allocated)',
      { 'zone-a': 5.0, 'zone-b': 5.0, 'zone-c': 5.0 },
      { 'zone-a': -4, 'zone-b': -3, 'zone-c': -2 },
      {},
      {},
    ],
    [
      'ensure function can handle unexpected data (negative for 1 zone)',
      { 'zone-a': 5.0, 'zone-b': 5.0, 'zone-c': 5.0 },
      { 'zone-a': -40, 'zone-b': 20, 'zone-c': 20 },
      { 'zone-b': 15, 'zone-c': 15 },
      { 'zone-a': 30 },
    ],
  ];
  for (const [name, allocations, allocated, giving, receiving] of cases) {
    it(name, () => {
      const [g, r] = givingAndReceiving(desired(allocations), new Map(Object.entries(allocated)));
      expect([Object.fromEntries(g), Object.fromEntries(r)]).toEqual([giving, receiving]);
    });
  }
});

describe('getHintsByZone (Test_getHintsByZone)', () => {
  const maxima = (entries: Record<string, number>) =>
    new Map(
      Object.entries(entries).map(([z, m]) => [
        z,
        { minimum: 0, maximum: m, desired: 0 } as Allocation,
      ]),
    );
  const hint = (zone: string, to: string, ready: boolean | undefined = true) =>
    endpoint('', zone, ready, to);
  const cases: [
    string,
    EndpointSlice,
    Record<string, number>,
    Record<string, number>,
    Record<string, number> | undefined,
  ][] = [
    ['empty', slice(), {}, {}, {}],
    [
      'single zone hint',
      slice(hint('zone-a', 'zone-a')),
      { 'zone-a': 3 },
      { 'zone-a': 1 },
      { 'zone-a': 1 },
    ],
    [
      'single zone hint with 1 unready endpoint and 1 unknown endpoint',
      slice(
        hint('zone-a', 'zone-a'),
        hint('zone-a', 'zone-a', false),
        endpoint('', 'zone-a', undefined, 'zone-a'),
      ),
      { 'zone-a': 3 },
      { 'zone-a': 1 },
      { 'zone-a': 1 },
    ],
    [
      'multiple zone hints',
      slice(hint('zone-a', 'zone-a'), hint('zone-a', 'zone-b'), hint('zone-b', 'zone-b')),
      { 'zone-a': 3, 'zone-b': 3, 'zone-c': 3 },
      { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      { 'zone-a': 1, 'zone-b': 2 },
    ],
    [
      'invalid by zones that no longer requires any allocations',
      slice(hint('zone-a', 'zone-non-existent')),
      { 'zone-a': 3 },
      { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      undefined,
    ],
    [
      'invalid by endpoints with nil hints',
      slice(endpoint('', 'zone-a', true)),
      { 'zone-a': 3 },
      {},
      undefined,
    ],
    [
      'invalid by endpoint with no hints',
      slice({ ...endpoint('', 'zone-a', true), hints: { forZones: [] } }),
      { 'zone-a': 3 },
      {},
      undefined,
    ],
    [
      'invalid by hints that would make minimum allocations impossible',
      slice(hint('zone-a', 'zone-a'), hint('zone-a', 'zone-a')),
      { 'zone-a': 2 },
      { 'zone-a': 1 },
      undefined,
    ],
  ];
  for (const [name, s, allocations, allocated, expected] of cases) {
    it(name, () => {
      const got = hintsByZone(s, new Map(Object.entries(allocated)), maxima(allocations));
      expect(got === undefined ? undefined : Object.fromEntries(got)).toEqual(expected);
    });
  }
});
