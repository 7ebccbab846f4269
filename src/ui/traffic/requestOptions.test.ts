import { describe, expect, it } from 'vitest';
import type { NodeSummary, ServiceSummary, SimulationSummary } from '../../worker/protocol';
import { listDestinations, toSourceOptions } from './requestOptions';

function summary(services: number, nodes: number): SimulationSummary {
  const node = (i: number): NodeSummary => ({
    name: `node-${i}`,
    internalIPs: [`192.168.0.${i}`],
    podCIDRs: [],
    unschedulable: false,
    ready: true,
  });
  const service = (i: number): ServiceSummary => ({
    key: `default/svc-${i}`,
    namespace: 'default',
    name: `svc-${i}`,
    type: 'NodePort',
    clusterIPs: [`10.96.${i >> 8}.${i & 255}`],
    clusterIP: `10.96.${i >> 8}.${i & 255}`,
    externalIPs: [],
    loadBalancerIngress: [],
    ipFamilies: ['IPv4'],
    ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30000 + i }],
    endpoints: [],
    source: { document: i, line: 1, column: 1 },
  });
  return {
    services: Array.from({ length: services }, (_, i) => service(i)),
    pods: [],
    nodes: Array.from({ length: nodes }, (_, i) => node(i + 1)),
    defaultNodes: false,
    proxyMode: 'iptables',
    diagnostics: [],
  };
}

describe('listDestinations', () => {
  const external = { type: 'external', ip: '203.0.113.10' } as const;

  it('offers at most the limit and counts the rest', () => {
    const { options, omitted } = listDestinations(summary(1000, 100), external, null, 400);
    expect(options).toHaveLength(400);
    expect(omitted).toBe(1000 * 100 - 400);
  });

  it('lists the selected Service first', () => {
    const { options } = listDestinations(summary(1000, 100), external, 'default/svc-999', 400);
    expect(options[0]?.label).toContain('svc-999');
  });

  it('keeps the chosen destination even past the limit', () => {
    const keep = 'nodePort:192.168.0.50:30999/TCP';
    const { options } = listDestinations(summary(1000, 100), external, null, 400, keep);
    expect(options.some((o) => o.id === keep)).toBe(true);
  });

  it('offers everything in a small cluster', () => {
    const { options, omitted } = listDestinations(summary(3, 3), external);
    expect(options).toHaveLength(9);
    expect(omitted).toBe(0);
  });
});

describe('toSourceOptions', () => {
  it('caps the pods offered, keeping the chosen one', () => {
    const big = summary(1, 1);
    big.pods = Array.from({ length: 1000 }, (_, i) => ({
      key: `default/p-${i}`,
      namespace: 'default',
      name: `p-${i}`,
      labels: {},
      nodeName: 'node-1',
      podIPs: [`10.0.${i >> 8}.${i & 255}`],
      ready: true,
      terminating: false,
    }));
    const options = toSourceOptions(big, ['203.0.113.10'], 100, 'pod:default/p-999');
    expect(options).toHaveLength(1 + 100 + 1);
    expect(options.at(-1)?.id).toBe('pod:default/p-999');
  });
});
