/**
 * Load balancer and node port virtual servers, their sets and rules, from kubernetes/kubernetes
 * pkg/proxy/ipvs/proxier_test.go (reference index file id 11084498, upstream master of 2025):
 * TestLoadBalancer, TestOnlyLocalNodePorts, TestHealthCheckNodePort,
 * TestLoadBalancerSourceRanges, TestOnlyLocalLoadBalancing, TestHealthCheckNodePortE2E and
 * TestLoadBalancerIngressRouteTypeProxy. buildFakeProxier has no node IPs: a node port is
 * skipped there, health check node port included, unless nodePortAddresses match the fake
 * network's 100.101.102.103.
 */
import { describe, expect, it } from 'vitest';
import {
  chainJumps,
  entriesOf,
  ipvsStateOf,
  realServersOf,
  service,
  slice,
  virtualServers,
} from './harness';

const lbServices = (
  extra: string,
  ports = '[{name: p80, port: 80, protocol: TCP, nodePort: 3001}]',
) =>
  service({
    spec: `  type: LoadBalancer
  clusterIP: 10.20.30.41
${extra}  ports: ${ports}`,
    status: '  loadBalancer: {ingress: [{ip: 1.2.3.4}]}',
  });

const lbServicesChain = [
  'RETURN -s 127.0.0.0/8',
  'KUBE-LOAD-BALANCER KUBE-LOAD-BALANCER',
  'KUBE-MARK-MASQ KUBE-CLUSTER-IP',
  'KUBE-NODE-PORT',
  'ACCEPT KUBE-CLUSTER-IP',
  'ACCEPT KUBE-LOAD-BALANCER',
];

describe('IPVS TestLoadBalancer', () => {
  const s = ipvsStateOf(
    lbServices('') +
      slice({
        endpoints: '[{addresses: [10.180.0.1]}]',
        ports: '[{name: p80, port: 80, protocol: UDP}]',
      }),
  );

  it('creates the cluster IP and load balancer virtual servers', () => {
    expect(s.virtualServers.map((vs) => `${vs.address}:${vs.port}`).sort()).toEqual([
      '1.2.3.4:80',
      '10.20.30.41:80',
    ]);
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER')).toEqual(['1.2.3.4,tcp:80']);
  });

  it('jumps to KUBE-LOAD-BALANCER, which marks for masquerade', () => {
    expect(chainJumps(s, 'KUBE-SERVICES')).toEqual(lbServicesChain);
    expect(chainJumps(s, 'KUBE-LOAD-BALANCER')).toEqual(['KUBE-MARK-MASQ']);
  });
});

const localAndRemote =
  '[{addresses: [10.180.0.1], nodeName: test-node}, {addresses: [10.180.1.1], nodeName: other-node}]';

describe('IPVS TestOnlyLocalNodePorts', () => {
  const s = ipvsStateOf(
    service({
      spec: `  type: NodePort
  clusterIP: 10.20.30.41
  externalTrafficPolicy: Local
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]`,
    }) + slice({ endpoints: localAndRemote }),
    { nodeIPs: ['100.101.102.103', '2001:db8::'], nodePortAddresses: ['100.101.102.0/24'] },
  );

  it('sends node port traffic to the local endpoint only', () => {
    expect(virtualServers(s)).toEqual([
      'TCP 10.20.30.41:80 rr -> 10.180.0.1:80(1), 10.180.1.1:80(1)',
      'TCP 100.101.102.103:3001 rr -> 10.180.0.1:80(1)',
    ]);
  });

  it('lists the node port in both node port sets and returns early for local ones', () => {
    expect(entriesOf(s, 'KUBE-NODE-PORT-TCP')).toEqual(['3001']);
    expect(entriesOf(s, 'KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['3001']);
    expect(chainJumps(s, 'KUBE-SERVICES')).toEqual([
      'RETURN -s 127.0.0.0/8',
      'KUBE-MARK-MASQ KUBE-CLUSTER-IP',
      'KUBE-NODE-PORT',
      'ACCEPT KUBE-CLUSTER-IP',
    ]);
    expect(chainJumps(s, 'KUBE-NODE-PORT')).toEqual([
      'RETURN KUBE-NODE-PORT-LOCAL-TCP',
      'KUBE-MARK-MASQ KUBE-NODE-PORT-TCP',
      'ACCEPT KUBE-HEALTH-CHECK-NODE-PORT',
    ]);
  });
});

const healthChecked = (name: string, policy: string, port: number) =>
  service({
    name,
    spec: `  type: LoadBalancer
  clusterIP: 10.20.30.41
  externalTrafficPolicy: ${policy}
  healthCheckNodePort: ${port}
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3000}]`,
  });

describe('IPVS TestHealthCheckNodePort', () => {
  const services =
    healthChecked('valid-svc1', 'Local', 30000) +
    healthChecked('valid-svc2', 'Local', 30001) +
    healthChecked('invalid-svc3', 'Cluster', 30002);

  it('lists only the health check node ports of Local Services', () => {
    const s = ipvsStateOf(services, {
      nodeIPs: ['100.101.102.103', '2001:db8::'],
      nodePortAddresses: ['100.101.102.0/24'],
    });
    expect(entriesOf(s, 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['30000', '30001']);
    expect(chainJumps(s, 'KUBE-NODE-PORT')).toEqual([
      'RETURN KUBE-NODE-PORT-LOCAL-TCP',
      'KUBE-MARK-MASQ KUBE-NODE-PORT-TCP',
      'ACCEPT KUBE-HEALTH-CHECK-NODE-PORT',
    ]);
  });

  it('skips them with the node port when no node IP serves node ports', () => {
    const s = ipvsStateOf(services, { nodePortAddresses: ['100.101.102.0/24'] });
    expect(entriesOf(s, 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual([]);
    expect(entriesOf(s, 'KUBE-NODE-PORT-TCP')).toEqual([]);
  });
});

describe('IPVS TestHealthCheckNodePortE2E', () => {
  const e2e = (port: number) =>
    ipvsStateOf(
      service({
        spec: `  type: LoadBalancer
  clusterIP: 172.20.1.1
  selector: {foo: bar}
  healthCheckNodePort: ${port}
  externalTrafficPolicy: Local
  ports: [{name: "", targetPort: 80, protocol: TCP}]`,
      }),
    );

  it('lists the health check node port of the spec', () => {
    expect(entriesOf(e2e(30000), 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['30000']);
    expect(entriesOf(e2e(30001), 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['30001']);
  });

  it('lists none once the Service is deleted', () => {
    expect(entriesOf(ipvsStateOf(''), 'KUBE-HEALTH-CHECK-NODE-PORT')).toEqual([]);
  });
});

describe('IPVS TestLoadBalancerSourceRanges', () => {
  const s = ipvsStateOf(
    lbServices(
      '  loadBalancerSourceRanges: [10.0.0.0/8]\n',
      '[{name: p80, port: 80, protocol: TCP}]',
    ) + slice({ endpoints: '[{addresses: [10.180.0.1]}]' }),
  );

  it('serves the load balancer IP from the endpoint', () => {
    expect(s.virtualServers).toHaveLength(2);
    expect(realServersOf(s, '1.2.3.4', 80)).toEqual(['10.180.0.1:80']);
  });

  it('lists the load balancer IP and its source range', () => {
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER')).toEqual(['1.2.3.4,tcp:80']);
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER-FW')).toEqual(['1.2.3.4,tcp:80']);
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER-SOURCE-CIDR')).toEqual(['1.2.3.4,tcp:80,10.0.0.0/8']);
  });

  it('filters it through KUBE-PROXY-FIREWALL and KUBE-SOURCE-RANGES-FIREWALL', () => {
    expect(chainJumps(s, 'KUBE-SERVICES')).toEqual(lbServicesChain);
    expect(chainJumps(s, 'KUBE-PROXY-FIREWALL')).toEqual([
      'KUBE-SOURCE-RANGES-FIREWALL KUBE-LOAD-BALANCER-FW',
    ]);
    expect(chainJumps(s, 'KUBE-SOURCE-RANGES-FIREWALL')).toEqual([
      'RETURN KUBE-LOAD-BALANCER-SOURCE-CIDR',
      'DROP',
    ]);
  });
});

describe('IPVS TestOnlyLocalLoadBalancing', () => {
  const s = ipvsStateOf(
    lbServices('  externalTrafficPolicy: Local\n') + slice({ endpoints: localAndRemote }),
  );

  it('sends load balancer traffic to the local endpoint only', () => {
    expect(s.virtualServers).toHaveLength(2);
    expect(realServersOf(s, '1.2.3.4', 80)).toEqual(['10.180.0.1:80']);
  });

  it('lists the load balancer IP in KUBE-LOAD-BALANCER-LOCAL, which returns before masquerade', () => {
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER')).toEqual(['1.2.3.4,tcp:80']);
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER-LOCAL')).toEqual(['1.2.3.4,tcp:80']);
    expect(chainJumps(s, 'KUBE-SERVICES')).toEqual(lbServicesChain);
    expect(chainJumps(s, 'KUBE-LOAD-BALANCER')).toEqual([
      'RETURN KUBE-LOAD-BALANCER-LOCAL',
      'KUBE-MARK-MASQ',
    ]);
  });
});

describe('IPVS TestLoadBalancerIngressRouteTypeProxy (LoadBalancerIPMode enabled)', () => {
  const cases: [string, string, number][] = [
    ['ipMode Proxy', 'ipMode: Proxy', 1],
    ['ipMode VIP', 'ipMode: VIP', 2],
    ['ipMode nil', '', 2],
  ];
  for (const [name, ipMode, expected] of cases) {
    it(name, () => {
      const s = ipvsStateOf(
        service({
          spec: `  type: LoadBalancer
  clusterIP: 10.20.30.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]`,
          status: `  loadBalancer: {ingress: [{ip: 1.2.3.4${ipMode ? `, ${ipMode}` : ''}}]}`,
        }) + slice({ endpoints: '[{addresses: [10.180.0.1]}]' }),
      );
      expect(s.virtualServers).toHaveLength(expected);
    });
  }
});

/** proxier.go syncProxyRules: allowFromNode and lbNoNodeAccessIPPortProtocolEntries (issue 119656). */
describe('IPVS load balancer source ranges and the node itself', () => {
  const sourceRanges = (ranges: string) =>
    ipvsStateOf(
      lbServices(
        `  loadBalancerSourceRanges: [${ranges}]\n`,
        '[{name: p80, port: 80, protocol: TCP}]',
      ),
      { nodeIPs: ['100.101.102.103'] },
    );

  it('lets the node reach the load balancer IP when a range covers the node IP', () => {
    const s = sourceRanges('10.0.0.0/8, 100.101.102.0/24');
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER-SOURCE-IP')).toEqual(['1.2.3.4,tcp:80,1.2.3.4']);
    expect(chainJumps(s, 'KUBE-SOURCE-RANGES-FIREWALL')).toEqual([
      'RETURN KUBE-LOAD-BALANCER-SOURCE-CIDR',
      'RETURN KUBE-LOAD-BALANCER-SOURCE-IP',
      'DROP',
    ]);
    expect(chainJumps(s, 'KUBE-IPVS-OUT-FILTER')).toEqual([]);
  });

  it('drops the node’s own traffic to the load balancer IP otherwise', () => {
    const s = sourceRanges('10.0.0.0/8');
    expect(entriesOf(s, 'KUBE-LOAD-BALANCER-SOURCE-IP')).toEqual([]);
    expect(s.filter.rules.filter((r) => r.startsWith('-A KUBE-IPVS-OUT-FILTER '))).toEqual([
      '-A KUBE-IPVS-OUT-FILTER -s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP',
    ]);
  });
});
