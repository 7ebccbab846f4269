/**
 * Topology Aware Hints, from kubernetes/kubernetes staging/src/k8s.io/endpointslice
 * reconciler_test.go (reference-index file 15565491229, at
 * 023307e2fce5a78d1ee6383f39dacea96557ed3f): TestReconcileTopology (the cases with the topology
 * cache, which kube-controller-manager always has) and the case of TestReconcile_TrafficDistribution
 * where the topology annotation takes precedence over trafficDistribution. Three zones of ten
 * ready nodes with 100m of CPU each; pod i*100+j on node j of zone i.
 *
 * Upstream leaves open which endpoint a zone gives away ("pod-3 is just an example"): it walks
 * Go maps. The engine takes zones in name order and endpoints in slice order, so the counts
 * below are upstream's and the chosen endpoints are the engine's.
 */
import { describe, expect, it } from 'vitest';
import {
  computeEndpointSlices,
  podToEndpoint,
  type SliceNaming,
} from '../../../src/engine/controllers/endpointSlice';
import { seededRandom } from '../../../src/engine/controllers/random';
import type { EndpointSlice, Node, Pod, Service } from '../../../src/engine/model';
import { testPod, testService } from './fixtures';

const zoneLabel = 'topology.kubernetes.io/zone';
const readyNode = (name: string, zone: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { [zoneLabel]: zone } },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '100m' } },
});
const svc = (annotations: Record<string, string>, spec: Service['spec'] = {}): Service =>
  testService(
    {
      ports: [{ name: 'foo', port: 80, targetPort: 80, protocol: 'TCP' }],
      ipFamilies: ['IPv4'],
      ...spec,
    },
    { uid: 'test-foo', annotations },
  );
const hintsAnnotation = 'service.kubernetes.io/topology-aware-hints';
const owner = {
  apiVersion: 'v1',
  kind: 'Service',
  name: 'foo',
  uid: 'test-foo',
  controller: true,
  blockOwnerDeletion: true,
};

/** Hints by zone and the endpoints hinted for a zone not their own. */
function hintCounts(slices: EndpointSlice[]) {
  const byZone: Record<string, number> = {};
  let crossZone = 0;
  for (const slice of slices) {
    for (const e of slice.endpoints ?? []) {
      const zones = e.hints?.forZones ?? [];
      const hint = zones.length === 1 ? (zones[0]?.name ?? '') : '';
      byZone[hint] = (byZone[hint] ?? 0) + 1;
      if (hint !== '' && hint !== e.zone) crossZone++;
    }
  }
  return { byZone, crossZone };
}

describe('hints from the topology annotation (TestReconcileTopology)', () => {
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  const nodes = new Map<string, Node>();
  const pods: Pod[] = [];
  zones.forEach((zone, i) => {
    for (let j = 0; j < 10; j++) {
      const name = `node-${zone}-${j}`;
      nodes.set(name, readyNode(name, zone));
      const n = i * 100 + j;
      pods.push(testPod(n, { nodeName: name, ips: [`1.2.3.${4 + n}`] }));
    }
  });
  const at = (...indexes: number[]) => indexes.map((i) => pods[i] as Pod);
  const slicePods: Record<string, Pod[]> = {
    'zone-a-b': at(7, 8, 16, 17, 18),
    'zone-a-c': at(5, 6, 25, 26),
    'zone-c': at(27, 28, 29),
  };
  const stored = (name: string): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: 'test',
      ownerReferences: [owner],
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': 'foo',
      },
    },
    addressType: 'IPv4',
    ports: [{ name: 'foo', port: 80, protocol: 'TCP' }],
    endpoints: (slicePods[name] ?? []).map((p) =>
      podToEndpoint(p, nodes.get(p.spec?.nodeName ?? ''), svc({}), 'IPv4'),
    ),
  });
  const reconcile = (annotation: string, names: string[]) => {
    const existing = names.map(stored);
    const out = computeEndpointSlices(
      svc({ [hintsAnnotation]: annotation }),
      names.flatMap((n) => slicePods[n] ?? []),
      nodes,
      {
        random: seededRandom(1, 'test'),
        taken: new Set(names),
        existing,
      } satisfies SliceNaming,
    ).slices;
    return { existing, out };
  };

  it('enabling topologyCache, hintsAnnotation == auto: one hint per zone, two across zones', () => {
    const { existing, out } = reconcile('auto', ['zone-c']);
    expect(out).toHaveLength(1);
    expect(hintCounts(out)).toEqual({
      byZone: { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      crossZone: 2,
    });
    // The slice is updated for its hints.
    expect(out[0]?.metadata.generation).toBe(1);
    expect(out[0]).not.toEqual(existing[0]);
  });

  it('topology enabled, hintsAnnotation==auto, ratio beyond threshold: no hints, nothing written', () => {
    const { existing, out } = reconcile('auto', ['zone-a-c']);
    expect(out).toEqual(existing);
  });

  it('topology enabled, hintsAnnotation==Auto, more slices and endpoints: three hints per zone', () => {
    const { out } = reconcile('Auto', ['zone-a-c', 'zone-a-b']);
    expect(out.map((s) => s.metadata.name)).toEqual(['zone-a-c', 'zone-a-b']);
    expect(hintCounts(out)).toEqual({
      byZone: { 'zone-a': 3, 'zone-b': 3, 'zone-c': 3 },
      crossZone: 1,
    });
    expect(out.map((s) => s.metadata.generation)).toEqual([1, 1]);
  });

  it('topology enabled, hintsAnnotation==disabled, more slices and endpoints: no hints, nothing written', () => {
    const { existing, out } = reconcile('disabled', ['zone-a-c', 'zone-a-b']);
    expect(out).toEqual(existing);
  });
});

describe('the topology annotation over trafficDistribution (TestReconcile_TrafficDistribution)', () => {
  const nodes = new Map<string, Node>(
    ['a', 'b', 'c'].map((z, i) => [`node-${i}`, readyNode(`node-${i}`, `zone-${z}`)]),
  );
  const onNode = [0, 1, 1, 1, 2, 2];
  const pods = onNode.map((node, i) => testPod(i, { nodeName: `node-${node}` }));

  it('trafficDistribution=PreferClose, topologyAnnotation=Auto: two hints per zone, one across', () => {
    const service = svc({ [hintsAnnotation]: 'Auto' }, { trafficDistribution: 'PreferClose' });
    const { slices } = computeEndpointSlices(service, pods, nodes, {
      random: seededRandom(1, 'test'),
      taken: new Set(),
    });
    expect(hintCounts(slices)).toEqual({
      byZone: { 'zone-a': 2, 'zone-b': 2, 'zone-c': 2 },
      crossZone: 1,
    });
  });

  it('without ready nodes in two zones, no hints (insufficient node info)', () => {
    const oneZone = new Map<string, Node>([['node-0', readyNode('node-0', 'zone-a')]]);
    const service = svc({ [hintsAnnotation]: 'Auto' });
    const { slices } = computeEndpointSlices(
      service,
      pods.map((p) => ({ ...p, spec: { ...p.spec, nodeName: 'node-0' } })),
      oneZone,
      { random: seededRandom(1, 'test'), taken: new Set() },
    );
    expect(hintCounts(slices)).toEqual({ byZone: { '': 6 }, crossZone: 0 });
  });
});
