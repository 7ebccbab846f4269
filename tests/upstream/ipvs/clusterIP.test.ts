/**
 * ClusterIP virtual servers and the rules every IPVS sync writes, from kubernetes/kubernetes
 * pkg/proxy/ipvs/proxier_test.go (reference index file id 11084498, upstream master of 2025):
 * TestIPv4Proxier, TestIPv6Proxier, TestSessionAffinity, TestMasqueradeRule,
 * TestDismissLocalhostRuleExist, TestCreateAndLinkKubeChain, TestMultiPortServiceBindAddr and
 * TestEndpointSliceE2E. The expected virtual servers, real servers, set entries and rules are
 * upstream's; the fixtures are fed as YAML through the harness.
 */
import { describe, expect, it } from 'vitest';
import { renderIpvsIptablesSave } from '../../../src/engine/kubeproxy/ipvs';
import {
  chainJumps,
  entriesOf,
  ipvsStateOf,
  realServersOf,
  service,
  slice,
  virtualServers,
} from './harness';

const twoServices =
  service({
    spec: '  clusterIP: 10.20.30.41\n  ports: [{name: p80, port: 80, protocol: TCP}]',
  }) +
  service({
    namespace: 'ns2',
    name: 'svc2',
    spec: '  clusterIP: "1002:ab8::2:1"\n  ports: [{name: p8080, port: 8080, protocol: TCP}]',
  }) +
  slice({ endpoints: '[{addresses: [10.180.0.1]}]' }) +
  slice({
    namespace: 'ns2',
    service: 'svc2',
    addressType: 'IPv6',
    endpoints: '[{addresses: ["1009:ab8::5:6"]}]',
    ports: '[{name: p8080, port: 8080, protocol: TCP}]',
  });

describe('IPVS TestIPv4Proxier', () => {
  it('2 services with Cluster IP, each with endpoints', () => {
    expect(virtualServers(ipvsStateOf(twoServices))).toEqual([
      'TCP 10.20.30.41:80 rr -> 10.180.0.1:80(1)',
    ]);
  });

  it('cluster IP service with no endpoints', () => {
    const s = ipvsStateOf(
      service({
        spec: '  clusterIP: 10.20.30.41\n  ports: [{name: p80, port: 80, protocol: TCP}]',
      }),
    );
    expect(virtualServers(s)).toEqual(['TCP 10.20.30.41:80 rr -> ']);
  });
});

describe('IPVS TestIPv6Proxier', () => {
  it('2 services with Cluster IP, each with endpoints', () => {
    expect(virtualServers(ipvsStateOf(twoServices, {}, 6))).toEqual([
      'TCP 1002:ab8::2:1:8080 rr -> 1009:ab8::5:6:8080(1)',
    ]);
  });

  it('cluster IP service with no endpoints', () => {
    const s = ipvsStateOf(
      service({ spec: '  clusterIP: "2001::1"\n  ports: [{name: p80, port: 80, protocol: TCP}]' }),
      {},
      6,
    );
    expect(virtualServers(s)).toEqual(['TCP 2001::1:80 rr -> ']);
  });
});

describe('IPVS TestSessionAffinity', () => {
  it('gives every virtual server of a ClientIP Service the affinity timeout', () => {
    const s = ipvsStateOf(
      service({
        spec: `  type: NodePort
  clusterIP: 10.20.30.41
  externalIPs: [50.60.70.81]
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]`,
      }),
      { nodeIPs: ['100.101.102.103'] },
    );
    expect(s.virtualServers.map((vs) => `${vs.address}:${vs.port}`).sort()).toEqual([
      '10.20.30.41:80',
      '100.101.102.103:3001',
      '50.60.70.81:80',
    ]);
    for (const vs of s.virtualServers) {
      expect(vs.timeout).toBe(10800);
      expect(vs.flags).toContain('persistent');
    }
  });
});

describe('IPVS TestMasqueradeRule', () => {
  for (const randomFully of [false, true]) {
    it(`writes --random-fully on the MASQUERADE rule only when iptables has it (${randomFully})`, () => {
      const s = ipvsStateOf('', { randomFully });
      const masquerade = s.nat.rules.filter(
        (r) => r.startsWith('-A KUBE-POSTROUTING ') && r.includes('-j MASQUERADE'),
      );
      expect(masquerade).toHaveLength(1);
      expect(masquerade[0]?.endsWith(' --random-fully')).toBe(randomFully);
    });
  }
});

describe('IPVS TestDismissLocalhostRuleExist', () => {
  it('ipv4 rule', () => {
    expect(chainJumps(ipvsStateOf(''), 'KUBE-SERVICES')[0]).toBe('RETURN -s 127.0.0.0/8');
  });

  it('ipv6 rule', () => {
    expect(chainJumps(ipvsStateOf('', {}, 6), 'KUBE-SERVICES')[0]).toBe('RETURN -s ::1/128');
  });
});

describe('IPVS TestCreateAndLinkKubeChain', () => {
  it('declares the nat and filter chains in kube-proxy order', () => {
    const text = renderIpvsIptablesSave(ipvsStateOf(''));
    const chains = text.split('\n').filter((l) => l.startsWith(':') || l.startsWith('*'));
    expect(chains).toEqual([
      '*filter',
      ':KUBE-FORWARD - [0:0]',
      ':KUBE-NODE-PORT - [0:0]',
      ':KUBE-PROXY-FIREWALL - [0:0]',
      ':KUBE-SOURCE-RANGES-FIREWALL - [0:0]',
      ':KUBE-IPVS-FILTER - [0:0]',
      ':KUBE-IPVS-OUT-FILTER - [0:0]',
      '*nat',
      ':KUBE-SERVICES - [0:0]',
      ':KUBE-POSTROUTING - [0:0]',
      ':KUBE-NODE-PORT - [0:0]',
      ':KUBE-LOAD-BALANCER - [0:0]',
      ':KUBE-MARK-MASQ - [0:0]',
    ]);
  });
});

describe('IPVS TestMultiPortServiceBindAddr', () => {
  const multiPort = (ports: string) =>
    ipvsStateOf(
      service({ spec: `  type: ClusterIP\n  clusterIP: 172.16.55.4\n  ports: ${ports}` }),
    );

  it('binds a multi-port Service address once', () => {
    const s = multiPort(
      '[{name: port1, port: 1234, protocol: TCP}, {name: port2, port: 1235, protocol: TCP}]',
    );
    expect(s.boundAddresses).toEqual(['172.16.55.4']);
    expect(entriesOf(s, 'KUBE-IPVS-IPS')).toEqual(['172.16.55.4']);
  });

  it('binds it once with three ports of two protocols', () => {
    const s = multiPort(
      '[{name: port1, port: 1234, protocol: TCP}, {name: port2, port: 1235, protocol: TCP}, {name: port3, port: 1236, protocol: UDP}]',
    );
    expect(s.boundAddresses).toEqual(['172.16.55.4']);
  });

  it('binds nothing without Services', () => {
    const s = ipvsStateOf('');
    expect(s.boundAddresses).toEqual([]);
    expect(entriesOf(s, 'KUBE-IPVS-IPS')).toEqual([]);
  });
});

const e2eService = service({
  spec: `  clusterIP: 172.20.1.1
  selector: {foo: bar}
  ports: [{name: "", targetPort: 80, protocol: TCP}]`,
});
const e2eSlice = slice({
  endpoints: `[
    {addresses: [10.0.1.1], conditions: {ready: true}, nodeName: test-node},
    {addresses: [10.0.1.2], conditions: {ready: true}, nodeName: node2},
    {addresses: [10.0.1.3], conditions: {ready: true}, nodeName: node3},
    {addresses: [10.0.1.4], conditions: {ready: false}, nodeName: node3}]`,
  ports: '[{name: "", port: 80, protocol: TCP}]',
});

describe('IPVS TestEndpointSliceE2E', () => {
  it('adds the ready endpoints as real servers and the local one to KUBE-LOOP-BACK', () => {
    const s = ipvsStateOf(e2eService + e2eSlice);
    expect(s.virtualServers).toHaveLength(1);
    expect(realServersOf(s, '172.20.1.1', 0)).toEqual([
      '10.0.1.1:80',
      '10.0.1.2:80',
      '10.0.1.3:80',
    ]);
    expect(entriesOf(s, 'KUBE-LOOP-BACK')).toEqual(['10.0.1.1,tcp:80,10.0.1.1']);
  });

  it('keeps the virtual server without real servers once the slice is deleted', () => {
    const s = ipvsStateOf(e2eService);
    expect(s.virtualServers).toHaveLength(1);
    expect(realServersOf(s, '172.20.1.1', 0)).toEqual([]);
    expect(entriesOf(s, 'KUBE-LOOP-BACK')).toEqual([]);
  });
});

/** proxier.go writeIptablesRules: the KUBE-CLUSTER-IP masquerade rule under each configuration. */
describe('IPVS cluster IP masquerade rule', () => {
  const clusterIPRule = (proxyConfig: string) =>
    ipvsStateOf(
      service({
        spec: '  clusterIP: 10.20.30.41\n  ports: [{name: p80, port: 80, protocol: TCP}]',
      }),
      { proxyConfig },
    ).nat.rules.find(
      (r) => r.includes('--match-set KUBE-CLUSTER-IP') && r.includes('KUBE-MARK-MASQ'),
    );
  const head =
    '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP';

  it('masquerades node-originated traffic from a service IP without a local-traffic detector', () => {
    expect(clusterIPRule('')).toBe(`${head} src,dst -j KUBE-MARK-MASQ`);
  });

  it('masquerades traffic from outside the cluster CIDR with one', () => {
    expect(
      clusterIPRule('detectLocalMode: ClusterCIDR\nclusterCIDRs: [10.244.0.0/16]'),
    ).toBeDefined();
  });

  it('masquerades everything with masqueradeAll', () => {
    expect(clusterIPRule('iptables: {masqueradeAll: true}')).toBe(
      `${head} dst,dst -j KUBE-MARK-MASQ`,
    );
  });
});
