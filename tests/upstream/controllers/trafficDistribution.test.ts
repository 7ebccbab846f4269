/**
 * The hints trafficDistribution puts on a Service's EndpointSlice endpoints: TestReconcileHints
 * of kubernetes/kubernetes staging/src/k8s.io/endpointslice/trafficdist/trafficdist_test.go
 * (commit 413af836b381b763957b3bfe1c77070028915b5d), and the PreferSameZone / PreferSameNode
 * heuristic of trafficdist.go at 19952a2b7bd575ccb22c510976f5676530dad49a (PreferSameNode
 * adds a node hint beside the zone hint), through the engine and kube-proxy.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import {
  addCloseHints,
  closeHeuristic,
  needsCloseHints,
} from '../../../src/engine/controllers/trafficDistribution';
import { computeIptablesSave } from '../../../src/engine/kubeproxy/iptables';
import type { Endpoint, EndpointSlice, Service } from '../../../src/engine/model';

const endpoint = (ip: string, zone: string, node: string, more: Partial<Endpoint> = {}) =>
  ({
    addresses: [ip],
    zone,
    nodeName: node,
    conditions: { ready: true },
    ...more,
  }) as Endpoint;

const slice = (...endpoints: Endpoint[]) => ({ endpoints }) as EndpointSlice;
/** The heuristic, failing the test when there is none. */
function heuristicOf(s: Service) {
  const h = closeHeuristic(s);
  if (!h) throw new Error('expected a heuristic');
  return h;
}

const service = (trafficDistribution?: string, annotations?: Record<string, string>) =>
  ({
    metadata: { name: 'web', ...(annotations ? { annotations } : {}) },
    spec: trafficDistribution ? { trafficDistribution } : {},
  }) as Service;

describe('TestReconcileHints (trafficdist_test.go)', () => {
  it('sets zone hints with PreferClose on every ready endpoint', () => {
    const h = heuristicOf(service('PreferClose'));
    expect(h).toEqual({ nodeHints: false });
    const s = slice(
      endpoint('10.0.0.1', 'zone-a', 'node-1'),
      endpoint('10.0.0.2', 'zone-b', 'node-2'),
    );
    addCloseHints([s], h);
    expect(s.endpoints?.map((e) => e.hints)).toEqual([
      { forZones: [{ name: 'zone-a' }] },
      { forZones: [{ name: 'zone-b' }] },
    ]);
  });

  it('finds incorrect and missing hints, not those of unready endpoints', () => {
    const h = { nodeHints: false };
    const wrong = endpoint('10.0.0.1', 'zone-a', 'node-1', {
      hints: { forZones: [{ name: 'zone-b' }] },
    });
    expect(needsCloseHints(slice(wrong), h)).toBe(true);
    expect(needsCloseHints(slice(endpoint('10.0.0.3', 'zone-c', 'node-3')), h)).toBe(true);
    const unready = endpoint('10.0.0.2', 'zone-b', 'node-2', { conditions: { ready: false } });
    expect(needsCloseHints(slice(unready), h)).toBe(false);
    const right = endpoint('10.0.0.4', 'zone-a', 'node-4', {
      hints: { forZones: [{ name: 'zone-a' }] },
    });
    expect(needsCloseHints(slice(right), h)).toBe(false);
  });

  it('removes hints when trafficDistribution is unset or unrecognized', () => {
    expect(closeHeuristic(service())).toBeUndefined();
    expect(closeHeuristic(service('Unknown'))).toBeUndefined();
  });

  it('leaves hints to the topology annotation when it is Auto', () => {
    const annotated = service('PreferClose', { 'service.kubernetes.io/topology-mode': 'Auto' });
    expect(closeHeuristic(annotated)).toBeUndefined();
  });
});

describe('PreferSameZone and PreferSameNode (trafficdist.go preferCloseHeuristic)', () => {
  it('PreferSameZone hints zones only; PreferSameNode adds each endpoint its own node', () => {
    expect(closeHeuristic(service('PreferSameZone'))).toEqual({ nodeHints: false });
    const h = heuristicOf(service('PreferSameNode'));
    expect(h).toEqual({ nodeHints: true });
    const zoneOnly = endpoint('10.0.0.1', 'zone-a', 'node-1', {
      hints: { forZones: [{ name: 'zone-a' }] },
    });
    expect(needsCloseHints(slice(zoneOnly), h)).toBe(true);
    const s = slice(zoneOnly, { addresses: ['10.0.0.2'], conditions: { ready: true } } as Endpoint);
    addCloseHints([s], h);
    expect(s.endpoints?.map((e) => e.hints)).toEqual([
      { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-1' }] },
      undefined,
    ]);
    expect(needsCloseHints(s, h)).toBe(false);
  });

  it('through the controller and kube-proxy: a node sends to its own endpoint only', () => {
    const node = (n: number, zone: string) => `apiVersion: v1
kind: Node
metadata: {name: node-${n}, labels: {topology.kubernetes.io/zone: ${zone}}}
spec: {podCIDR: 10.244.${n - 1}.0/24}
status: {addresses: [{type: InternalIP, address: 192.168.1.1${n}}]}`;
    const pod = (n: number) => `apiVersion: v1
kind: Pod
metadata: {name: web-${n}, labels: {app: web}}
spec: {nodeName: node-${n}, containers: [{name: c, image: nginx}]}`;
    const text = (distribution: string) =>
      [
        node(1, 'zone-a'),
        node(2, 'zone-a'),
        `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}], trafficDistribution: ${distribution}}`,
        pod(1),
        pod(2),
      ].join('\n---\n');
    const webRules = (distribution: string) => {
      const { cluster } = simulate(text(distribution));
      const web = cluster.endpointSlices.find((s) => s.metadata.generateName === 'web-');
      const rules = computeIptablesSave(cluster, 'node-1', 4)
        .split('\n')
        .filter((l) => l.includes('"default/web -> '));
      return { hints: web?.endpoints?.map((e) => e.hints), rules };
    };
    const sameNode = webRules('PreferSameNode');
    expect(sameNode.hints).toEqual([
      { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-1' }] },
      { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-2' }] },
    ]);
    expect(sameNode.rules).toHaveLength(1);
    // Both endpoints are in node-1's zone: PreferSameZone keeps both.
    expect(webRules('PreferSameZone').rules).toHaveLength(2);
  });
});
