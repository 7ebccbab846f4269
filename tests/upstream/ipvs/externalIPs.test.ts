/**
 * External IP virtual servers, their sets and the KUBE-SERVICES rules, from kubernetes/kubernetes
 * pkg/proxy/ipvs/proxier_test.go (reference index file id 11084498, upstream master of 2025):
 * TestExternalIPsNoEndpoint, TestExternalIPs, TestOnlyLocalExternalIPs and TestAcceptIPVSTraffic.
 * Binding follows proxier.go syncProxyRules: an external IP is bound to kube-ipvs0 (and listed
 * in KUBE-IPVS-IPS) unless it is on another interface, loopback and IPv6 link-local addresses
 * not counting (netlink_linux.go GetAllLocalAddressesExcept, isValidForSet).
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

const threeExternalIPs = '[50.60.70.81, "2012::51", 127.0.0.1]';

describe('IPVS TestExternalIPsNoEndpoint', () => {
  it('creates the external IP virtual server without real servers', () => {
    const s = ipvsStateOf(
      service({
        spec: `  type: ClusterIP
  clusterIP: 10.20.30.41
  externalIPs: [50.60.70.81]
  ports: [{name: p80, port: 80, protocol: TCP, targetPort: 80}]`,
      }),
    );
    expect(virtualServers(s)).toEqual(['TCP 10.20.30.41:80 rr -> ', 'TCP 50.60.70.81:80 rr -> ']);
  });
});

describe('IPVS TestExternalIPs', () => {
  const s = ipvsStateOf(
    service({
      spec: `  type: ClusterIP
  clusterIP: 10.20.30.41
  externalIPs: ${threeExternalIPs}
  ports: [{name: p80, port: 80, protocol: TCP, targetPort: 80}]`,
    }) +
      // The slice's port is UDP: it serves no port of this TCP Service.
      slice({
        endpoints: '[{addresses: [10.180.0.1]}]',
        ports: '[{name: p80, port: 80, protocol: UDP}]',
      }),
  );

  it('creates one virtual server per external IP of the family, loopback included', () => {
    expect(virtualServers(s)).toEqual([
      'TCP 10.20.30.41:80 rr -> ',
      'TCP 127.0.0.1:80 rr -> ',
      'TCP 50.60.70.81:80 rr -> ',
    ]);
  });

  it('lists them in KUBE-EXTERNAL-IP and binds them to kube-ipvs0', () => {
    expect(entriesOf(s, 'KUBE-EXTERNAL-IP')).toEqual(['127.0.0.1,tcp:80', '50.60.70.81,tcp:80']);
    expect(entriesOf(s, 'KUBE-IPVS-IPS')).toEqual(['10.20.30.41', '127.0.0.1', '50.60.70.81']);
  });

  it('does not bind an external IP that is on the node', () => {
    const onNode = ipvsStateOf(
      service({
        spec: `  clusterIP: 10.20.30.41
  externalIPs: [100.101.102.103]
  ports: [{name: p80, port: 80, protocol: TCP}]`,
      }),
      { nodeIPs: ['100.101.102.103'] },
    );
    expect(onNode.virtualServers.map((vs) => vs.address).sort()).toEqual([
      '10.20.30.41',
      '100.101.102.103',
    ]);
    expect(entriesOf(onNode, 'KUBE-IPVS-IPS')).toEqual(['10.20.30.41']);
  });
});

describe('IPVS TestOnlyLocalExternalIPs', () => {
  const s = ipvsStateOf(
    service({
      spec: `  type: NodePort
  clusterIP: 10.20.30.41
  externalIPs: ${threeExternalIPs}
  externalTrafficPolicy: Local
  ports: [{name: p80, port: 80, protocol: TCP, targetPort: 80}]`,
    }) +
      slice({
        endpoints:
          '[{addresses: [10.180.0.1], nodeName: test-node}, {addresses: [10.180.1.1], nodeName: other-node}]',
      }),
  );

  it('sends external IP traffic to the local endpoint only', () => {
    expect(s.virtualServers).toHaveLength(3);
    expect(realServersOf(s, '50.60.70.81', 80)).toEqual(['10.180.0.1:80']);
    expect(realServersOf(s, '127.0.0.1', 80)).toEqual(['10.180.0.1:80']);
    expect(realServersOf(s, '10.20.30.41', 80)).toEqual(['10.180.0.1:80', '10.180.1.1:80']);
  });

  it('lists the external IPs in KUBE-EXTERNAL-IP-LOCAL, not KUBE-EXTERNAL-IP', () => {
    expect(entriesOf(s, 'KUBE-EXTERNAL-IP-LOCAL')).toEqual([
      '127.0.0.1,tcp:80',
      '50.60.70.81,tcp:80',
    ]);
    expect(entriesOf(s, 'KUBE-EXTERNAL-IP')).toEqual([]);
    expect(chainJumps(s, 'KUBE-SERVICES')).toEqual([
      'RETURN -s 127.0.0.0/8',
      'KUBE-MARK-MASQ KUBE-CLUSTER-IP',
      'ACCEPT KUBE-EXTERNAL-IP-LOCAL',
      'ACCEPT KUBE-EXTERNAL-IP-LOCAL',
      'KUBE-NODE-PORT',
      'ACCEPT KUBE-CLUSTER-IP',
    ]);
  });
});

describe('IPVS TestAcceptIPVSTraffic', () => {
  it('accepts traffic to every kind of virtual server at the end of KUBE-SERVICES', () => {
    const services = [
      ['ClusterIP', '10.20.30.40', 'svc1', '  externalIPs: [5.6.7.8]\n'],
      ['LoadBalancer', '10.20.30.41', 'svc2', ''],
      ['NodePort', '10.20.30.42', 'svc3', ''],
    ]
      .map(([type, ip, name, extra]) =>
        service({
          name: name ?? '',
          spec: `  type: ${type}
  clusterIP: ${ip}
${extra}  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 80}]`,
          ...(type === 'LoadBalancer'
            ? { status: '  loadBalancer: {ingress: [{ip: 1.2.3.4}]}' }
            : {}),
        }),
      )
      .join('');
    const slices = ['10.180.0.1', '10.180.0.2', '10.180.0.3']
      .map((ip, i) =>
        slice({
          service: 'p80',
          n: i + 1,
          endpoints: `[{addresses: [${ip}]}]`,
          ports: '[{name: p80, port: 80, protocol: UDP}]',
        }),
      )
      .join('');
    expect(chainJumps(ipvsStateOf(services + slices), 'KUBE-SERVICES')).toEqual([
      'RETURN -s 127.0.0.0/8',
      'KUBE-LOAD-BALANCER KUBE-LOAD-BALANCER',
      'KUBE-MARK-MASQ KUBE-CLUSTER-IP',
      'KUBE-MARK-MASQ KUBE-EXTERNAL-IP',
      'ACCEPT KUBE-EXTERNAL-IP',
      'ACCEPT KUBE-EXTERNAL-IP',
      'KUBE-NODE-PORT',
      'ACCEPT KUBE-CLUSTER-IP',
      'ACCEPT KUBE-LOAD-BALANCER',
    ]);
  });
});
