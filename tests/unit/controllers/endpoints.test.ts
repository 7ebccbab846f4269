import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import type { Simulation } from '../../../src/engine/model';

const service = (extra = '', ports = '  - port: 80\n    targetPort: http\n') => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
${extra}  ports:
${ports}`;
const pod = (
  name: string,
  opts: { status?: string; meta?: string; spec?: string; port?: string } = {},
) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
${opts.meta ?? ''}spec:
  containers:
  - name: c
    image: nginx
    ports:
${opts.port ?? '    - name: http\n      containerPort: 8080\n'}${opts.spec ?? ''}${opts.status ? `status:\n${opts.status}` : ''}`;
const docs = (...d: string[]) => d.join('---\n');
const slicesOf = (sim: Simulation, name = 'web') =>
  sim.cluster.endpointSlices.filter(
    (s) => s.metadata.labels?.['kubernetes.io/service-name'] === name,
  );
const endpointsOf = (sim: Simulation, name = 'web') =>
  sim.cluster.endpoints.find((e) => e.metadata.name === name && e.metadata.namespace === 'default');

describe('pods as the kubelet runs them', () => {
  it('gives pod IPs from the node pod CIDR from .2 on, and the node IP to hostNetwork pods', () => {
    const sim = simulate(
      docs(
        pod('a', { spec: '  nodeName: node-2\n' }),
        pod('b', { spec: '  nodeName: node-2\n  hostNetwork: true\n' }),
      ),
    );
    const byName = new Map(sim.cluster.pods.map((p) => [p.metadata.name, p]));
    // The CoreDNS pods are created first but avoid node-2, where a and b are already bound.
    expect(byName.get('a')?.status).toMatchObject({
      phase: 'Running',
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      hostIP: '192.168.1.12',
      hostIPs: [{ ip: '192.168.1.12' }],
    });
    expect(byName.get('b')?.status?.podIP).toBe('192.168.1.12');
    expect(byName.get('a')?.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
  });

  it('keeps a given status: no IP when it gives none, and its readiness', () => {
    const given = pod('a', { spec: '  nodeName: node-1\n', status: '  phase: Running\n' });
    const sim = simulate(docs(given, service()));
    const p = sim.cluster.pods.find((x) => x.metadata.name === 'a');
    expect(p?.status?.podIP).toBeUndefined();
    expect(slicesOf(sim)[0]?.endpoints).toBeNull();
  });

  it('does not reuse an IP the input gave another pod', () => {
    const given = pod('a', {
      spec: '  nodeName: node-3\n',
      status:
        '  phase: Running\n  podIP: 10.244.2.2\n  conditions:\n  - type: Ready\n    status: "True"\n',
    });
    const sim = simulate(docs(given, pod('b', { spec: '  nodeName: node-3\n' })));
    expect(sim.cluster.pods.find((x) => x.metadata.name === 'b')?.status?.podIP).toBe('10.244.2.3');
  });
});

describe('not-ready and terminating pods', () => {
  const notReady = pod('slow', {
    spec: '  nodeName: node-1\n',
    status:
      '  phase: Running\n  podIP: 10.244.0.50\n  conditions:\n  - type: Ready\n    status: "False"\n',
  });
  const terminating = pod('leaving', {
    meta: '  deletionTimestamp: "2025-01-01T00:01:00Z"\n',
    spec: '  nodeName: node-2\n',
  });

  it('lists a not-ready pod as notReadyAddresses and as a not-ready, not-serving endpoint', () => {
    const sim = simulate(docs(notReady, service()));
    expect(endpointsOf(sim)?.subsets?.[0]?.notReadyAddresses?.[0]?.ip).toBe('10.244.0.50');
    expect(slicesOf(sim)[0]?.endpoints?.[0]?.conditions).toEqual({
      ready: false,
      serving: false,
      terminating: false,
    });
  });

  it('keeps a terminating pod out of Endpoints but in the slice as serving and terminating', () => {
    const sim = simulate(docs(terminating, service()));
    expect(endpointsOf(sim)?.subsets).toBeUndefined();
    expect(slicesOf(sim)[0]?.endpoints?.[0]?.conditions).toEqual({
      ready: false,
      serving: true,
      terminating: true,
    });
  });

  it('publishes both as ready with publishNotReadyAddresses', () => {
    const sim = simulate(
      docs(notReady, terminating, service('  publishNotReadyAddresses: true\n')),
    );
    expect(endpointsOf(sim)?.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual([
      'slow',
      'leaving',
    ]);
    expect(slicesOf(sim)[0]?.endpoints?.map((e) => e.conditions?.ready)).toEqual([true, true]);
  });

  it('leaves a pod with a readiness gate not ready until its condition is set', () => {
    const gated = pod('gated', {
      spec: '  readinessGates:\n  - conditionType: example.com/ready\n',
    });
    const sim = simulate(docs(gated, service()));
    const ready = sim.cluster.pods
      .find((p) => p.metadata.name === 'gated')
      ?.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/ready" does not exist.',
    });
    expect(slicesOf(sim)[0]?.endpoints?.[0]?.conditions?.ready).toBe(false);
  });
});

describe('named target ports', () => {
  const other = pod('other', { port: '    - name: web\n      containerPort: 9090\n' });
  const ports =
    '  - name: a\n    port: 80\n    targetPort: http\n  - name: b\n    port: 81\n    targetPort: 7000\n';

  it('resolves the name per pod', () => {
    const sim = simulate(
      docs(pod('p', { port: '    - name: http\n      containerPort: 8080\n' }), service()),
    );
    expect(slicesOf(sim)[0]?.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(endpointsOf(sim)?.subsets?.[0]?.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it('drops a pod lacking the port from Endpoints, but keeps it in a slice without ports', () => {
    const sim = simulate(docs(pod('p'), other, service()));
    expect(endpointsOf(sim)?.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual(['p']);
    const slices = slicesOf(sim);
    expect(slices.map((s) => [s.ports, s.endpoints?.map((e) => e.targetRef?.name)])).toEqual([
      [[{ name: '', port: 8080, protocol: 'TCP' }], ['p']],
      [null, ['other']],
    ]);
  });

  it('groups pods by the ports they resolve, in Endpoints subsets and in slices', () => {
    const sim = simulate(docs(pod('p'), other, service('', ports)));
    expect(
      endpointsOf(sim)?.subsets?.map((s) => [
        s.addresses?.map((a) => a.targetRef?.name),
        s.ports?.map((p) => p.name),
      ]),
    ).toEqual([
      // Subsets are ordered by the hash of their dump (SortSubsets); addresses by IP: other
      // landed on node-1 (10.244.0.3), p on node-3 (10.244.2.2).
      [['other', 'p'], ['b']],
      [['p'], ['a']],
    ]);
    // A slice's ports are in NewPortMapKey's order (the hash of their dump).
    expect(slicesOf(sim).map((s) => s.ports?.map((p) => p.name))).toEqual([['b', 'a'], ['b']]);
  });
});

describe('Services the controllers leave alone or mirror', () => {
  it('mirrors the external-database Endpoints into one EndpointSlice', () => {
    const input = `apiVersion: v1
kind: Service
metadata:
  name: external-database
spec:
  ports:
  - port: 3306
---
apiVersion: v1
kind: Endpoints
metadata:
  name: external-database
subsets:
- addresses:
  - ip: 192.168.1.100
  ports:
  - port: 3306
`;
    const sim = simulate(input, { seed: 1 });
    const slices = slicesOf(sim, 'external-database');
    expect(slices).toHaveLength(1);
    expect(slices[0]).toMatchObject({
      addressType: 'IPv4',
      endpoints: [{ addresses: ['192.168.1.100'], conditions: { ready: true } }],
      ports: [{ name: '', port: 3306, protocol: 'TCP' }],
      metadata: {
        generateName: 'external-database-',
        labels: {
          'kubernetes.io/service-name': 'external-database',
          'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
        },
      },
    });
    // The API server's own Endpoints for default/kubernetes carry skip-mirror: not mirrored.
    expect(slicesOf(sim, 'kubernetes').map((s) => s.metadata.name)).toEqual(['kubernetes']);
  });

  it('gives ExternalName Services neither Endpoints nor slices', () => {
    const sim = simulate(
      docs(pod('p'), service('  type: ExternalName\n  externalName: example.com\n')),
    );
    expect(endpointsOf(sim)).toBeUndefined();
    expect(slicesOf(sim)).toEqual([]);
  });

  it('makes a placeholder slice for a Service that selects nothing', () => {
    const sim = simulate(service());
    expect(slicesOf(sim).map((s) => [s.endpoints, s.ports])).toEqual([[null, null]]);
    expect(endpointsOf(sim)?.subsets).toBeUndefined();
  });
});

describe('load balancer controller', () => {
  const lb = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: LoadBalancer
${extra}  selector:
    app: web
  ports:
  - port: 80
`;
  const ingress = (sim: Simulation, name: string) =>
    sim.cluster.services.find((s) => s.metadata.name === name)?.status?.loadBalancer?.ingress;

  it('hands out addresses of the pool in order, honours loadBalancerIP, skips a foreign class', () => {
    const sim = simulate(
      docs(
        lb('one'),
        lb('two', '  loadBalancerIP: 192.168.1.250\n'),
        lb('three'),
        lb('four', '  loadBalancerClass: example.com/lb\n'),
      ),
    );
    expect(ingress(sim, 'one')).toEqual([{ ip: '192.168.1.240', ipMode: 'VIP' }]);
    expect(ingress(sim, 'two')).toEqual([{ ip: '192.168.1.250', ipMode: 'VIP' }]);
    expect(ingress(sim, 'three')).toEqual([{ ip: '192.168.1.241', ipMode: 'VIP' }]);
    expect(ingress(sim, 'four')).toBeUndefined();
  });

  it('keeps a status the input gives', () => {
    const given = lb('one') + 'status:\n  loadBalancer:\n    ingress:\n    - ip: 203.0.113.7\n';
    expect(ingress(simulate(given), 'one')).toEqual([{ ip: '203.0.113.7' }]);
  });
});

describe('node IPAM', () => {
  it('gives nodes without a pod CIDR the next free /24 of the pod subnet', () => {
    const node = (name: string, cidr = '') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
${cidr ? `spec:\n  podCIDR: ${cidr}\n` : ''}status:
  addresses:
  - type: InternalIP
    address: 10.0.0.${name.length}
`;
    const sim = simulate(docs(node('a'), node('bb', '10.244.0.0/24'), node('ccc')));
    expect(sim.cluster.nodes.map((n) => n.spec?.podCIDRs)).toEqual([
      ['10.244.1.0/24'],
      ['10.244.0.0/24'],
      ['10.244.2.0/24'],
    ]);
  });
});
