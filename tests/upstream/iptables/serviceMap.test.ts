/**
 * The service-map cases of kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go (read at
 * aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba, see ./source.ts), read from the
 * rules the engine writes for each snapshot: TestBuildServiceMapAddRemove,
 * TestBuildServiceMapServiceHeadless, TestBuildServiceMapServiceTypeExternalName and
 * TestBuildServiceMapServiceUpdate. Upstream counts the proxier's ServicePortMap and its
 * HealthCheckNodePorts; here a service port is one the rules name (the `ns/name:port` of their
 * comments) and a health check node port is the filter KUBE-NODEPORTS ACCEPT rule written for it.
 * A state reached by updates is the snapshot of the objects it leaves.
 */
import { describe, expect, it } from 'vitest';
import { fixtureHeader, iptablesSaveOf } from './harness';

interface Port {
  name: string;
  protocol: string;
  port: number;
  nodePort: number;
  targetPort: number;
}

/** upstream's addTestPort. */
const port = (name: string, protocol: string, p: number, nodePort: number, targetPort: number) => ({
  name,
  protocol,
  port: p,
  nodePort,
  targetPort,
});

function service(
  namespace: string,
  name: string,
  spec: string,
  ports: Port[],
  ingressIPs: string[] = [],
): string {
  const status = ingressIPs.length
    ? `\nstatus: {loadBalancer: {ingress: [${ingressIPs.map((ip) => `{ip: ${ip}}`).join(', ')}]}}`
    : '';
  const portList = ports
    .map(
      (p) =>
        `{name: ${p.name}, protocol: ${p.protocol}, port: ${p.port}, nodePort: ${p.nodePort}, targetPort: ${p.targetPort}}`,
    )
    .join(', ');
  return `---
apiVersion: v1
kind: Service
metadata: {namespace: ${namespace}, name: ${name}}
spec: {${spec}, ports: [${portList}]}${status}
`;
}

/** The service ports the dump's rules are written for: the `ns/name:port` their comments name. */
function servicePorts(dump: string): string[] {
  const names = new Set<string>();
  for (const m of dump.matchAll(/--comment (?:"([^"]*)"|(\S+))/g)) {
    const name = /[\w.-]+\/[\w.-]+:[\w.-]*/.exec(m[1] ?? m[2] ?? '');
    if (name) names.add(name[0]);
  }
  return [...names].sort();
}

/** HealthCheckNodePorts: by Service, the port its health check ACCEPT rule opens. */
function healthCheckNodePorts(dump: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of dump.matchAll(
    /-A KUBE-NODEPORTS -m comment --comment "([^/]+\/[^:]+):\S* health check node port" .* --dport (\d+) -j ACCEPT/g,
  ))
    out[m[1] ?? ''] = Number(m[2]);
  return out;
}

const dumpOf = (objects: string) => iptablesSaveOf(`${fixtureHeader()}${objects}`);

const clusterIPService = service(
  'somewhere-else',
  'cluster-ip',
  'type: ClusterIP, clusterIP: 172.30.55.4',
  [
    port('something', 'UDP', 1234, 4321, 0),
    port('somethingelse', 'UDP', 1235, 5321, 0),
    port('sctpport', 'SCTP', 1236, 6321, 0),
  ],
);
const nodePortService = service(
  'somewhere-else',
  'node-port',
  'type: NodePort, clusterIP: 172.30.55.10',
  [
    port('blahblah', 'UDP', 345, 678, 0),
    port('moreblahblah', 'TCP', 344, 677, 0),
    port('muchmoreblah', 'SCTP', 343, 676, 0),
  ],
);
const loadBalancerService = service(
  'somewhere',
  'load-balancer',
  'type: LoadBalancer, clusterIP: 172.30.55.11, loadBalancerIP: 1.2.3.4',
  [port('foobar', 'UDP', 8675, 30061, 7000), port('baz', 'UDP', 8676, 30062, 7001)],
  ['1.2.3.4'],
);
const onlyLocalLoadBalancerService = service(
  'somewhere',
  'only-local-load-balancer',
  'type: LoadBalancer, clusterIP: 172.30.55.12, loadBalancerIP: 5.6.7.8, externalTrafficPolicy: Local, healthCheckNodePort: 345',
  [port('foobar2', 'UDP', 8677, 30063, 7002), port('baz', 'UDP', 8678, 30064, 7003)],
  ['5.6.7.8'],
);

describe('TestBuildServiceMapAddRemove (iptables proxier_test.go)', () => {
  it('keeps the 10 ports of the four Services, and the Local one health check node port', () => {
    const dump = dumpOf(
      clusterIPService + nodePortService + loadBalancerService + onlyLocalLoadBalancerService,
    );
    expect(servicePorts(dump)).toHaveLength(10);
    expect(healthCheckNodePorts(dump)).toEqual({ 'somewhere/only-local-load-balancer': 345 });
  });

  it('keeps 1 port once the first port is removed and the other Services deleted', () => {
    const oneService = service(
      'somewhere-else',
      'cluster-ip',
      'type: ClusterIP, clusterIP: 172.30.55.4',
      [port('somethingelse', 'UDP', 1235, 5321, 0)],
    );
    const dump = dumpOf(oneService);
    expect(servicePorts(dump)).toEqual(['somewhere-else/cluster-ip:somethingelse']);
    expect(healthCheckNodePorts(dump)).toEqual({});
  });
});

describe('TestBuildServiceMapServiceHeadless (iptables proxier_test.go)', () => {
  it('writes no rule for headless Services, with or without ports', () => {
    const headless = `${service('somewhere-else', 'headless', 'type: ClusterIP, clusterIP: None', [
      port('rpc', 'UDP', 1234, 0, 0),
    ])}---
apiVersion: v1
kind: Service
metadata: {namespace: somewhere-else, name: headless-without-port}
spec: {type: ClusterIP, clusterIP: None}
`;
    const dump = dumpOf(headless);
    expect(servicePorts(dump)).toEqual([]);
    expect(healthCheckNodePorts(dump)).toEqual({});
    expect(dump).toBe(dumpOf(''));
  });
});

describe('TestBuildServiceMapServiceTypeExternalName (iptables proxier_test.go)', () => {
  it('writes no rule for an ExternalName Service, its clusterIP ignored', () => {
    const dump = dumpOf(
      service(
        'somewhere-else',
        'external-name',
        'type: ExternalName, clusterIP: 172.30.55.4, externalName: foo2.bar.com',
        [port('blah', 'UDP', 1235, 5321, 0)],
      ),
    );
    expect(servicePorts(dump)).toEqual([]);
    expect(healthCheckNodePorts(dump)).toEqual({});
    expect(dump).toBe(dumpOf(''));
  });
});

describe('TestBuildServiceMapServiceUpdate (iptables proxier_test.go)', () => {
  const servicev1 = service(
    'somewhere',
    'some-service',
    'type: ClusterIP, clusterIP: 172.30.55.4',
    [port('something', 'UDP', 1234, 4321, 0), port('somethingelse', 'TCP', 1235, 5321, 0)],
  );
  const servicev2 = service(
    'somewhere',
    'some-service',
    'type: LoadBalancer, clusterIP: 172.30.55.4, loadBalancerIP: 1.2.3.4, externalTrafficPolicy: Local, healthCheckNodePort: 345',
    [port('something', 'UDP', 1234, 4321, 7002), port('somethingelse', 'TCP', 1235, 5321, 7003)],
    ['1.2.3.4'],
  );

  it('ClusterIP: 2 ports, no health check node port', () => {
    const dump = dumpOf(servicev1);
    expect(servicePorts(dump)).toHaveLength(2);
    expect(healthCheckNodePorts(dump)).toEqual({});
  });

  it('changed to a Local LoadBalancer (and left unchanged): 2 ports, 1 health check node port', () => {
    const dump = dumpOf(servicev2);
    expect(servicePorts(dump)).toHaveLength(2);
    expect(Object.keys(healthCheckNodePorts(dump))).toHaveLength(1);
  });

  it('and back to ClusterIP: 2 ports, no health check node port', () => {
    const dump = dumpOf(servicev1);
    expect(servicePorts(dump)).toHaveLength(2);
    expect(healthCheckNodePorts(dump)).toEqual({});
  });
});
