import { describe, expect, it } from 'vitest';
import type {
  EndpointSummary,
  NodeSummary,
  PodSummary,
  ServiceSummary,
  SimulationSummary,
} from '../../worker/protocol';
import { maxDrawnPods, maxDrawnServices, toFlow, type FlowView } from './toFlow';

const node = (name: string, ip: string): NodeSummary => ({
  name,
  internalIPs: [ip],
  podCIDRs: [],
  unschedulable: false,
  ready: true,
});

const pod = (name: string, ip: string, nodeName?: string): PodSummary => ({
  key: `default/${name}`,
  namespace: 'default',
  name,
  labels: {},
  podIPs: ip ? [ip] : [],
  ready: true,
  terminating: false,
  ...(nodeName ? { nodeName } : {}),
});

const endpoint = (ip: string, extra: Partial<EndpointSummary> = {}): EndpointSummary => ({
  ip,
  port: 80,
  portName: '',
  protocol: 'TCP',
  ready: true,
  serving: true,
  terminating: false,
  ...extra,
});

const service = (name: string, endpoints: EndpointSummary[]): ServiceSummary => ({
  key: `default/${name}`,
  namespace: 'default',
  name,
  type: 'ClusterIP',
  clusterIPs: ['10.96.0.20'],
  clusterIP: '10.96.0.20',
  externalIPs: [],
  loadBalancerIngress: [],
  ipFamilies: ['IPv4'],
  ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 80 }],
  endpoints,
  source: { document: 0, line: 1, column: 1 },
});

function cluster(pods: PodSummary[]): SimulationSummary {
  return {
    services: [
      service('web', [
        endpoint('10.244.0.2', { pod: 'default/a' }),
        endpoint('10.244.1.2', { ready: false }),
        endpoint('192.168.1.11'),
        endpoint('203.0.113.9'),
      ]),
    ],
    pods,
    nodes: [node('node-1', '192.168.1.11'), node('node-2', '192.168.1.12')],
    defaultNodes: false,
    proxyMode: 'iptables',
    diagnostics: [],
  };
}

const view: FlowView = { selection: null, clients: [] };

const pods = [pod('a', '10.244.0.2', 'node-1'), pod('b', '10.244.1.2', 'node-2'), pod('c', '')];

describe('toFlow', () => {
  it('puts each pod inside the node that runs it, and unscheduled pods in their own group', () => {
    const { nodes } = toFlow(cluster(pods), view);
    const parents = Object.fromEntries(
      nodes.filter((n) => n.type === 'pod').map((n) => [n.id, n.parentId]),
    );
    expect(parents).toEqual({
      'pod:default/a': 'node:node-1',
      'pod:default/b': 'node:node-2',
      'pod:default/c': 'node:(unscheduled)',
    });
    const order = nodes.map((n) => n.id);
    expect(order.indexOf('node:node-1')).toBeLessThan(order.indexOf('pod:default/a'));
  });

  it('marks the nodes as assumed only when the input gave none', () => {
    const assumed = (summary: SimulationSummary) =>
      toFlow(summary, view)
        .nodes.filter((n) => n.type === 'nodeHeader')
        .map((n) => [n.id, (n.data as { assumed: boolean }).assumed]);
    expect(assumed(cluster(pods))).toEqual([
      ['nodeheader:node-1', false],
      ['nodeheader:node-2', false],
      ['nodeheader:(unscheduled)', false],
    ]);
    expect(assumed({ ...cluster(pods), defaultNodes: true })[0]).toEqual([
      'nodeheader:node-1',
      true,
    ]);
  });

  it('draws an edge from the Service to each endpoint: pod, node or outside address', () => {
    const { edges } = toFlow(cluster(pods), view);
    expect(edges.map((e) => [e.target, e.data?.state])).toEqual([
      ['pod:default/a', 'ready'],
      ['pod:default/b', 'not-ready'],
      ['node:node-1', 'ready'],
      ['external:203.0.113.9', 'ready'],
    ]);
  });

  it('keeps the other nodes in place when a pod is added to one of them', () => {
    const before = toFlow(cluster(pods), view);
    const after = toFlow(cluster([...pods, pod('d', '10.244.0.3', 'node-1')]), view);
    const position = (flow: typeof before, id: string) =>
      flow.nodes.find((n) => n.id === id)?.position;
    expect(position(after, 'node:node-2')).toEqual(position(before, 'node:node-2'));
    expect(position(after, 'pod:default/b')).toEqual(position(before, 'pod:default/b'));
  });

  it('marks the selected Service', () => {
    const { nodes } = toFlow(cluster(pods), {
      ...view,
      selection: { kind: 'service', key: 'default/web' },
    });
    const web = nodes.find((n) => n.id === 'service:default/web');
    expect(web?.type === 'service' && web.data.selected).toBe(true);
  });

  it('draws the client, the load balancer with its ingress IP, and an ExternalName target', () => {
    const base = cluster(pods);
    const lb = {
      ...service('lb', []),
      type: 'LoadBalancer' as const,
      loadBalancerIngress: ['198.51.100.7'],
    };
    const name = {
      ...service('db', []),
      type: 'ExternalName' as const,
      externalName: 'db.example.com',
    };
    const flow = toFlow(
      { ...base, services: [...base.services, lb, name] },
      { ...view, clients: ['203.0.113.10'] },
    );
    const ids = flow.nodes.map((n) => n.id);
    expect(ids).toContain('client:203.0.113.10');
    expect(ids).toContain('loadBalancer:198.51.100.7');
    expect(flow.edges.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'loadBalancer:198.51.100.7->service:default/lb',
        'service:default/db->external:db.example.com',
      ]),
    );
  });

  it('counts pods per node past the drawing limit, with edges to the nodes', () => {
    const many = Array.from({ length: maxDrawnPods + 1 }, (_, i) =>
      pod(`p${i}`, `10.244.${i % 2}.${i + 2}`, i % 2 ? 'node-2' : 'node-1'),
    );
    const flow = toFlow(cluster(many), view);
    expect(flow.aggregated).toBe(true);
    expect(flow.nodes.filter((n) => n.type === 'pod')).toHaveLength(0);
    const counts = flow.nodes.filter((n) => n.type === 'podCount');
    expect(counts.map((n) => n.type === 'podCount' && n.data.ready)).toEqual([76, 75]);
  });

  it('counts every pod of a summary that lists only some of them', () => {
    const summary: SimulationSummary = {
      ...cluster([pod('a', '10.244.0.2', 'node-1')]),
      omittedPods: {
        total: 1500,
        outsideKubeSystem: 1500,
        byNode: [
          ['node-2', { ready: 700, notReady: 1, terminating: 0 }],
          ['node-1', { ready: 790, notReady: 0, terminating: 2 }],
          ['gone', { ready: 3, notReady: 0, terminating: 0 }],
          ['', { ready: 0, notReady: 4, terminating: 0 }],
        ],
        starts: [],
      },
    };
    const flow = toFlow(summary, view);
    expect(flow.aggregated).toBe(true);
    expect(flow.nodes.filter((n) => n.type === 'pod')).toHaveLength(0);
    const counts = flow.nodes.filter((n) => n.type === 'podCount').map((n) => n.data);
    expect(counts).toEqual([
      { ready: 790, notReady: 0, terminating: 2 },
      { ready: 700, notReady: 1, terminating: 0 },
      { ready: 3, notReady: 4, terminating: 0 },
    ]);
    const headers = flow.nodes.filter((n) => n.type === 'clusterNode');
    expect(headers.map((n) => n.type === 'clusterNode' && n.data.podCount)).toEqual([792, 701, 7]);
  });

  it('draws the first Services and counts the rest', () => {
    const base = cluster(pods);
    const services = Array.from({ length: maxDrawnServices + 40 }, (_, i) => service(`s${i}`, []));
    const flow = toFlow({ ...base, services }, view);
    expect(flow.nodes.filter((n) => n.type === 'service')).toHaveLength(maxDrawnServices);
    const more = flow.nodes.find((n) => n.type === 'moreServices');
    expect(more?.type === 'moreServices' && more.data.count).toBe(40);
  });
});
