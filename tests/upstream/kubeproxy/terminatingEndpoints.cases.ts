/**
 * The cases of TestTerminatingEndpointsTrafficPolicyLocal and
 * TestTerminatingEndpointsTrafficPolicyCluster, which kubernetes/kubernetes pkg/proxy/iptables
 * and pkg/proxy/nftables proxier_test.go share (the endpoints of ns1/svc1, and where "pod to
 * clusterIP" and "external to LB" go): the same tables feed tests/upstream/iptables/policies.test.ts
 * and tests/upstream/nftables/policies.test.ts, which cite their commits.
 */
export interface TerminatingEndpoint {
  ip: string;
  node: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export interface TerminatingCase {
  name: string;
  endpoints: TerminatingEndpoint[];
  /** Where "pod to clusterIP" goes. */
  pod: string;
  /** Where "external to LB" goes, and whether it is masqueraded. */
  external: string;
  externalMasq: boolean;
}

const ready = (ip: string, node: string): TerminatingEndpoint => ({
  ip,
  node,
  ready: true,
  serving: true,
  terminating: false,
});
const servingTerminating = (ip: string, node: string): TerminatingEndpoint => ({
  ip,
  node,
  ready: false,
  serving: true,
  terminating: true,
});
const notServing = (ip: string, node: string): TerminatingEndpoint => ({
  ip,
  node,
  ready: false,
  serving: false,
  terminating: true,
});

export const terminatingLocalCases: TerminatingCase[] = [
  {
    name: 'ready endpoints exist',
    endpoints: [
      ready('10.0.1.1', 'test-node'),
      ready('10.0.1.2', 'test-node'),
      servingTerminating('10.0.1.3', 'test-node'),
      notServing('10.0.1.4', 'test-node'),
      ready('10.0.1.5', 'node-1'),
    ],
    pod: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
    external: '10.0.1.1:80, 10.0.1.2:80',
    externalMasq: false,
  },
  {
    name: 'only terminating endpoints exist',
    endpoints: [
      servingTerminating('10.0.1.2', 'test-node'),
      servingTerminating('10.0.1.3', 'test-node'),
      notServing('10.0.1.4', 'test-node'),
      ready('10.0.1.5', 'node-1'),
    ],
    pod: '10.0.1.5:80',
    external: '10.0.1.2:80, 10.0.1.3:80',
    externalMasq: false,
  },
  {
    name: 'terminating endpoints on remote node',
    endpoints: [servingTerminating('10.0.1.5', 'node-1')],
    pod: '10.0.1.5:80',
    external: 'DROP',
    externalMasq: false,
  },
  {
    name: 'no usable endpoints on any node',
    endpoints: [notServing('10.0.1.5', 'test-node'), notServing('10.0.1.5', 'node-1')],
    pod: 'REJECT',
    external: 'REJECT',
    externalMasq: false,
  },
];

export const terminatingClusterCases: TerminatingCase[] = [
  {
    name: 'ready endpoints exist',
    endpoints: [
      ready('10.0.1.1', 'test-node'),
      ready('10.0.1.2', 'test-node'),
      servingTerminating('10.0.1.3', 'another-node'),
      notServing('10.0.1.4', 'another-node'),
      ready('10.0.1.5', 'another-node'),
    ],
    pod: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
    external: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
    externalMasq: true,
  },
  {
    name: 'only terminating endpoints exist',
    endpoints: [
      servingTerminating('10.0.1.2', 'test-node'),
      servingTerminating('10.0.1.3', 'test-node'),
      notServing('10.0.1.4', 'another-node'),
      servingTerminating('10.0.1.5', 'another-node'),
    ],
    pod: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
    external: '10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80',
    externalMasq: true,
  },
  {
    name: 'terminating endpoints on remote node',
    endpoints: [servingTerminating('10.0.1.5', 'node-1')],
    pod: '10.0.1.5:80',
    external: '10.0.1.5:80',
    externalMasq: true,
  },
  {
    name: 'no usable endpoints on any node',
    endpoints: [notServing('10.0.1.5', 'test-node'), notServing('10.0.1.5', 'node-1')],
    pod: 'REJECT',
    external: 'REJECT',
    externalMasq: false,
  },
];
