/**
 * The IPVS proxier's service map, from kubernetes/kubernetes pkg/proxy/ipvs/proxier_test.go
 * (reference index file id 11084498, upstream master of 2025): TestBuildServiceMapAddRemove and
 * TestBuildServiceMapServiceUpdate. The fake proxier tracks IPv4 Services on test-node. The
 * engine computes from whole states rather than changes, so each state the test reaches by
 * OnServiceAdd/Update/Delete is one snapshot (`--admitted`): the Service ports kube-proxy's
 * common layer keeps (computeProxyState) are upstream's svcPortMap, their health check node
 * ports its HealthCheckNodePorts(). (The fake proxier has no node IPs, so its sync lists no
 * health check node port of a Service with node ports: the tests read the map, not the sets.)
 */
import { describe, expect, it } from 'vitest';
import { clusterOf, serviceMapOf } from '../kubeproxy/trackers';

interface PortSpec {
  name: string;
  protocol: string;
  port: number;
  nodePort: number;
  targetPort: number;
}

/** addTestPort: a Service port with its node port and target port. */
function port(name: string, protocol: string, p: number, nodePort: number, targetPort: number) {
  return { name, protocol, port: p, nodePort, targetPort } satisfies PortSpec;
}

/** makeTestService: `namespace/name` with the spec (and load balancer ingress) given. */
function service(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  ingress: { ip: string }[] = [],
): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec,
    ...(ingress.length > 0 ? { status: { loadBalancer: { ingress } } } : {}),
  };
}

/** HealthCheckNodePorts: by Service, the health check node port of its ports that have one. */
function healthCheckNodePorts(objects: object[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, view] of Object.entries(serviceMapOf(clusterOf(objects)))) {
    if (view.healthCheckNodePort === 0) continue;
    out[key.slice(0, key.indexOf(':'))] = view.healthCheckNodePort;
  }
  return out;
}

/** The number of Service ports in the map (len(fp.svcPortMap)). */
function serviceMapLength(objects: object[]): number {
  return Object.keys(serviceMapOf(clusterOf(objects))).length;
}

describe('IPVS TestBuildServiceMapAddRemove', () => {
  const services = [
    service('somewhere-else', 'cluster-ip', {
      type: 'ClusterIP',
      clusterIP: '172.16.55.4',
      ports: [
        port('something', 'UDP', 1234, 4321, 0),
        port('somethingelse', 'UDP', 1235, 5321, 0),
        port('somesctp', 'SCTP', 1236, 6321, 0),
      ],
    }),
    service('somewhere-else', 'node-port', {
      type: 'NodePort',
      clusterIP: '172.16.55.10',
      ports: [
        port('blahblah', 'UDP', 345, 678, 0),
        port('moreblahblah', 'TCP', 344, 677, 0),
        port('sctpblah', 'SCTP', 343, 676, 0),
      ],
    }),
    service(
      'somewhere',
      'load-balancer',
      {
        type: 'LoadBalancer',
        clusterIP: '172.16.55.11',
        loadBalancerIP: '5.6.7.8',
        ports: [
          port('foobar', 'UDP', 8675, 30061, 7000),
          port('baz', 'UDP', 8676, 30062, 7001),
          port('sctpfoo', 'SCTP', 8677, 30063, 7002),
        ],
      },
      [{ ip: '10.1.2.4' }],
    ),
    service(
      'somewhere',
      'only-local-load-balancer',
      {
        type: 'LoadBalancer',
        clusterIP: '172.16.55.12',
        loadBalancerIP: '5.6.7.8',
        ports: [
          port('foobar2', 'UDP', 8677, 30063, 7002),
          port('baz', 'UDP', 8678, 30064, 7003),
          port('sctpbaz', 'SCTP', 8679, 30065, 7004),
        ],
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 345,
      },
      [{ ip: '10.1.2.3' }],
    ),
  ];

  it('keeps the 12 ports of the 4 Services, one health check node port', () => {
    expect(serviceMapLength(services)).toBe(12);
    expect(healthCheckNodePorts(services)).toEqual({ 'somewhere/only-local-load-balancer': 345 });
  });

  it('keeps 1 port once the first Service loses a port and the others are deleted', () => {
    const oneService = [
      service('somewhere-else', 'cluster-ip', {
        type: 'ClusterIP',
        clusterIP: '172.16.55.4',
        ports: [port('somethingelse', 'UDP', 1235, 5321, 0)],
      }),
    ];
    expect(serviceMapLength(oneService)).toBe(1);
    expect(healthCheckNodePorts(oneService)).toEqual({});
  });
});

describe('IPVS TestBuildServiceMapServiceUpdate', () => {
  const servicev1 = [
    service('somewhere', 'some-service', {
      type: 'ClusterIP',
      clusterIP: '172.16.55.4',
      ports: [port('something', 'UDP', 1234, 4321, 0), port('somethingelse', 'TCP', 1235, 5321, 0)],
    }),
  ];
  const servicev2 = [
    service(
      'somewhere',
      'some-service',
      {
        type: 'LoadBalancer',
        clusterIP: '172.16.55.4',
        loadBalancerIP: '5.6.7.8',
        ports: [
          port('something', 'UDP', 1234, 4321, 7002),
          port('somethingelse', 'TCP', 1235, 5321, 7003),
        ],
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 345,
      },
      [{ ip: '10.1.2.3' }],
    ),
  ];

  it('a ClusterIP Service: 2 ports, no health check node port', () => {
    expect(serviceMapLength(servicev1)).toBe(2);
    expect(healthCheckNodePorts(servicev1)).toEqual({});
  });

  it('changed to a LoadBalancer with externalTrafficPolicy Local: 2 ports, 1 health check', () => {
    expect(serviceMapLength(servicev2)).toBe(2);
    expect(Object.keys(healthCheckNodePorts(servicev2))).toHaveLength(1);
  });
});
