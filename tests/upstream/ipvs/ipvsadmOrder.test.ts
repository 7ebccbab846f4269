/**
 * The order `ipvsadm -Ln` lists virtual services in: ipvsadm sorts them with libipvs's
 * ipvs_cmp_services (address family, protocol, address, port), which subtracts addresses as
 * 32-bit words into a C int. A difference of 2^31 or more wraps, so node IPs such as 172.17.0.1
 * come before 10.x ClusterIPs, as a real node prints them (a kubeadm node's `ipvsadm -Ln` listed
 * `TCP 172.17.0.1:30023`, then `TCP 10.10.110.190:30023`, then `TCP 10.96.0.1:443`...).
 * Sources: ipvsadm libipvs/libipvs.c ipvs_cmp_services, ipvs_cmp_dests; ipvsadm.c list_all.
 */
import { describe, expect, it } from 'vitest';
import { cli, fixture, service, testNodeName } from './harness';

const services =
  service({
    name: 'kubernetes',
    namespace: 'default',
    spec: '  clusterIP: 10.96.0.1\n  ports: [{name: https, port: 443, protocol: TCP}]',
  }) +
  service({
    name: 'kube-dns',
    namespace: 'kube-system',
    spec: `  clusterIP: 10.96.0.10
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]`,
  }) +
  service({
    name: 'dashboard',
    spec: `  type: NodePort
  clusterIP: 10.98.47.133
  ports: [{port: 443, protocol: TCP, nodePort: 30023}]`,
  }) +
  service({
    name: 'v6',
    spec: `  ipFamilies: [IPv6]
  clusterIP: "fd00::10"
  clusterIPs: ["fd00::10"]
  ports: [{port: 80, protocol: TCP}]`,
  });

describe('ipvsadm -Ln order (libipvs ipvs_cmp_services)', () => {
  it('lists IPv4 before IPv6, TCP before UDP, and addresses as the wrapping int compares them', () => {
    const r = cli(
      ['ipvsadm', '--admitted', '--node', testNodeName],
      fixture(services, { nodeIPs: ['10.10.110.190', '172.17.0.1'] }),
    );
    const lines = r.stdout.split('\n').filter((l) => /^(TCP|UDP)/.test(l));
    expect(lines).toEqual([
      'TCP  172.17.0.1:30023 rr',
      'TCP  10.10.110.190:30023 rr',
      'TCP  10.96.0.1:443 rr',
      'TCP  10.96.0.10:53 rr',
      'TCP  10.98.47.133:443 rr',
      'UDP  10.96.0.10:53 rr',
      'TCP  [fd00::10]:80 rr',
    ]);
  });
});
