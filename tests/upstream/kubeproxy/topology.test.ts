/**
 * TestCategorizeEndpoints from kubernetes/kubernetes pkg/proxy/topology_test.go at commit
 * 6c039d9075ef18d200bb0ba7dbdb362f4d0deef0 (hints are used whenever every ready endpoint has
 * one, whatever the Service's annotation), and the node hints of pkg/proxy/topology.go at commit
 * 008b3652959ca58af8be3fb5b6ecfe9ae7638282 (topologyModeFromHints: PreferSameNode when every
 * ready endpoint has a node hint and one is for this node, before zones). Upstream compares sets:
 * so do we. `cluster`/`local` undefined stands for upstream's nil (no traffic uses that kind of
 * endpoint), which our categorizeEndpoints gives as an empty list.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../../src/engine/kubeproxy/common/endpoints';
import type { ServicePortInfo } from '../../../src/engine/kubeproxy/common/servicePort';
import { categorizeEndpoints } from '../../../src/engine/kubeproxy/common/topology';

interface Ep {
  endpoint: string;
  zoneHints?: string[];
  nodeHints?: string[];
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  isLocal?: boolean;
}

interface Policy {
  internalPolicyLocal?: boolean;
  externalPolicyLocal?: boolean;
  nodePort?: number;
}

interface Case {
  name: string;
  zone?: string;
  nodeName?: string;
  service?: Policy;
  endpoints: Ep[];
  cluster?: string[];
  local?: string[];
  all?: string[];
  onlyRemote?: boolean;
}

function endpointInfo(ep: Ep): EndpointInfo {
  const [ip = '', port = '0'] = ep.endpoint.split(':');
  return {
    ip,
    port: Number(port),
    endpoint: ep.endpoint,
    isLocal: ep.isLocal ?? false,
    ready: ep.ready ?? false,
    serving: ep.serving ?? ep.ready ?? false,
    terminating: ep.terminating ?? false,
    nodeName: undefined,
    zone: undefined,
    zoneHints: ep.zoneHints ? new Set(ep.zoneHints) : undefined,
    nodeHints: ep.nodeHints ? new Set(ep.nodeHints) : undefined,
  };
}

function portInfo(policy: Policy = {}): ServicePortInfo {
  return {
    internalPolicyLocal: policy.internalPolicyLocal ?? false,
    externalPolicyLocal: policy.externalPolicyLocal ?? false,
    nodePort: policy.nodePort ?? 0,
    externalIPs: [],
    loadBalancerVIPs: [],
  } as Partial<ServicePortInfo> as ServicePortInfo;
}

const a = (endpoint: string, zone: string, more: Partial<Ep> = {}): Ep => ({
  endpoint,
  zoneHints: [zone],
  ready: true,
  ...more,
});

const zoned = [
  a('10.1.2.3:80', 'zone-a'),
  a('10.1.2.4:80', 'zone-b'),
  a('10.1.2.5:80', 'zone-c'),
  a('10.1.2.6:80', 'zone-a'),
];

const cases: Case[] = [
  {
    name: 'topology is used: every endpoint hinted, the node zoned, endpoints for its zone',
    zone: 'zone-a',
    endpoints: zoned,
    cluster: ['10.1.2.3:80', '10.1.2.6:80'],
  },
  {
    name: 'externalTrafficPolicy: Local, topology ignored for Local endpoints',
    zone: 'zone-a',
    service: { externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      a('10.1.2.3:80', 'zone-a', { isLocal: true }),
      a('10.1.2.4:80', 'zone-b', { isLocal: true }),
      a('10.1.2.5:80', 'zone-c'),
      a('10.1.2.6:80', 'zone-a'),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.6:80'],
    local: ['10.1.2.3:80', '10.1.2.4:80'],
    all: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, topology ignored for Local endpoints',
    zone: 'zone-a',
    service: { internalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      a('10.1.2.3:80', 'zone-a', { isLocal: true }),
      a('10.1.2.4:80', 'zone-b', { isLocal: true }),
      a('10.1.2.5:80', 'zone-c'),
      a('10.1.2.6:80', 'zone-a'),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.6:80'],
    local: ['10.1.2.3:80', '10.1.2.4:80'],
    all: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'empty node labels',
    endpoints: [a('10.1.2.3:80', 'zone-a')],
    cluster: ['10.1.2.3:80'],
  },
  {
    name: 'empty zone label',
    zone: '',
    endpoints: [a('10.1.2.3:80', 'zone-a')],
    cluster: ['10.1.2.3:80'],
  },
  {
    name: 'node in different zone, no endpoint filtering',
    zone: 'zone-b',
    endpoints: [a('10.1.2.3:80', 'zone-a')],
    cluster: ['10.1.2.3:80'],
  },
  {
    name: 'unready endpoint',
    zone: 'zone-a',
    endpoints: [...zoned.slice(0, 3), a('10.1.2.6:80', 'zone-a', { ready: false })],
    cluster: ['10.1.2.3:80'],
  },
  {
    name: 'only unready endpoints in same zone (should not filter)',
    zone: 'zone-a',
    endpoints: [
      a('10.1.2.3:80', 'zone-a', { ready: false }),
      a('10.1.2.4:80', 'zone-b'),
      a('10.1.2.5:80', 'zone-c'),
      a('10.1.2.6:80', 'zone-a', { ready: false }),
    ],
    cluster: ['10.1.2.4:80', '10.1.2.5:80'],
  },
  {
    name: 'missing hints, no filtering applied',
    zone: 'zone-a',
    endpoints: [
      a('10.1.2.3:80', 'zone-a'),
      a('10.1.2.4:80', 'zone-b'),
      { endpoint: '10.1.2.5:80', ready: true },
      a('10.1.2.6:80', 'zone-a'),
    ],
    cluster: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.5:80', '10.1.2.6:80'],
  },
  {
    name: 'multiple hints per endpoint, filtering includes any endpoint with zone included',
    zone: 'zone-c',
    endpoints: [
      { endpoint: '10.1.2.3:80', zoneHints: ['zone-a', 'zone-b', 'zone-c'], ready: true },
      { endpoint: '10.1.2.4:80', zoneHints: ['zone-b', 'zone-c'], ready: true },
      { endpoint: '10.1.2.5:80', zoneHints: ['zone-b', 'zone-d'], ready: true },
      { endpoint: '10.1.2.6:80', zoneHints: ['zone-c'], ready: true },
    ],
    cluster: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'conflicting topology and localness require merging allEndpoints',
    zone: 'zone-a',
    service: { externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      a('10.0.0.0:80', 'zone-a', { isLocal: true }),
      a('10.0.0.1:80', 'zone-b', { isLocal: true }),
      a('10.0.0.2:80', 'zone-a'),
      a('10.0.0.3:80', 'zone-b'),
    ],
    cluster: ['10.0.0.0:80', '10.0.0.2:80'],
    local: ['10.0.0.0:80', '10.0.0.1:80'],
    all: ['10.0.0.0:80', '10.0.0.1:80', '10.0.0.2:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, with empty endpoints',
    service: { internalPolicyLocal: true },
    endpoints: [],
    local: [],
  },
  {
    name: 'internalTrafficPolicy: Local, but all endpoints are remote',
    service: { internalPolicyLocal: true },
    endpoints: [
      { endpoint: '10.0.0.0:80', ready: true },
      { endpoint: '10.0.0.1:80', ready: true },
    ],
    local: [],
    onlyRemote: true,
  },
  {
    name: 'internalTrafficPolicy: Local, all endpoints are local',
    service: { internalPolicyLocal: true },
    endpoints: [
      { endpoint: '10.0.0.0:80', ready: true, isLocal: true },
      { endpoint: '10.0.0.1:80', ready: true, isLocal: true },
    ],
    local: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'Cluster traffic policy, endpoints not Ready',
    endpoints: [{ endpoint: '10.0.0.0:80' }, { endpoint: '10.0.0.1:80' }],
    cluster: [],
  },
  {
    name: 'Cluster traffic policy, all endpoints are terminating',
    endpoints: [
      { endpoint: '10.0.0.0:80', serving: true, terminating: true, isLocal: true },
      { endpoint: '10.0.0.1:80', serving: true, terminating: true },
    ],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, all endpoints remote and terminating',
    service: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      { endpoint: '10.0.0.0:80', serving: true, terminating: true },
      { endpoint: '10.0.0.1:80', serving: true, terminating: true },
    ],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
    local: [],
    all: ['10.0.0.0:80', '10.0.0.1:80'],
    onlyRemote: true,
  },
  {
    name: 'iTP: Cluster, eTP: Local, with terminating endpoints',
    service: { externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      { endpoint: '10.0.0.0:80', ready: true },
      { endpoint: '10.0.0.1:80', serving: false, isLocal: true },
      { endpoint: '10.0.0.2:80', serving: true, terminating: true, isLocal: true },
      { endpoint: '10.0.0.3:80', serving: true, terminating: true },
    ],
    cluster: ['10.0.0.0:80'],
    local: ['10.0.0.2:80'],
    all: ['10.0.0.0:80', '10.0.0.2:80'],
  },
  {
    name: 'externalTrafficPolicy ignored if not externally accessible',
    service: { externalPolicyLocal: true },
    endpoints: [
      { endpoint: '10.0.0.0:80', ready: true },
      { endpoint: '10.0.0.1:80', ready: true, isLocal: true },
    ],
    cluster: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  // topology.go 008b365: node hints.
  {
    name: 'node hints for every ready endpoint, one for this node: same node only',
    zone: 'zone-a',
    endpoints: [
      a('10.0.0.1:80', 'zone-a', { nodeHints: ['node-1'] }),
      a('10.0.0.2:80', 'zone-a', { nodeHints: ['node-2'] }),
      a('10.0.0.3:80', 'zone-b', { nodeHints: ['node-3'] }),
    ],
    cluster: ['10.0.0.1:80'],
  },
  {
    name: 'node hints, none for this node: zone hints decide',
    zone: 'zone-a',
    nodeName: 'node-9',
    endpoints: [
      a('10.0.0.1:80', 'zone-a', { nodeHints: ['node-1'] }),
      a('10.0.0.2:80', 'zone-a', { nodeHints: ['node-2'] }),
      a('10.0.0.3:80', 'zone-b', { nodeHints: ['node-3'] }),
    ],
    cluster: ['10.0.0.1:80', '10.0.0.2:80'],
  },
  {
    name: 'node hints, one ready endpoint without: zone hints decide',
    zone: 'zone-b',
    endpoints: [
      a('10.0.0.1:80', 'zone-a', { nodeHints: ['node-1'] }),
      a('10.0.0.2:80', 'zone-b'),
      a('10.0.0.3:80', 'zone-a', { nodeHints: ['node-3'], ready: false }),
    ],
    cluster: ['10.0.0.2:80'],
  },
  {
    name: 'node hints without zone hints, on a node with no zone label',
    endpoints: [
      { endpoint: '10.0.0.1:80', nodeHints: ['node-1'], ready: true },
      { endpoint: '10.0.0.2:80', nodeHints: ['node-2'], ready: true },
    ],
    cluster: ['10.0.0.1:80'],
  },
];

const sorted = (list: EndpointInfo[]) => list.map((e) => e.endpoint).sort();

describe('TestCategorizeEndpoints (pkg/proxy/topology_test.go)', () => {
  it.each(cases)('$name', (c) => {
    const labels: Record<string, string> =
      c.zone === undefined ? {} : { 'topology.kubernetes.io/zone': c.zone };
    const got = categorizeEndpoints(
      c.endpoints.map(endpointInfo),
      portInfo(c.service),
      c.nodeName ?? 'node-1',
      labels,
    );
    expect(sorted(got.clusterEndpoints)).toEqual([...(c.cluster ?? [])].sort());
    expect(sorted(got.localEndpoints)).toEqual([...(c.local ?? [])].sort());
    const all =
      c.all ?? (c.local === undefined ? c.cluster : c.cluster === undefined ? c.local : []);
    expect(sorted(got.allReachableEndpoints)).toEqual([...(all ?? [])].sort());
    expect(got.hasAnyEndpoints).toBe((all ?? []).length > 0 || !!c.onlyRemote);
  });
});
