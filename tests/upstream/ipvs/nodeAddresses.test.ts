/**
 * Which node addresses IPVS mode serves NodePorts on, and which Services it ignores, from
 * kubernetes/kubernetes pkg/proxy/ipvs/proxier_test.go (reference index file id 11084498,
 * upstream master of 2025): TestIpIsValidForSet and TestGetNodeIPs (a netlink handle of one
 * family lists no loopback and no IPv6 link-local address; IPv4 link-local and IPv4-mapped
 * addresses stay), TestBuildServiceMapServiceHeadless and
 * TestBuildServiceMapServiceTypeExternalName (no virtual server).
 */
import { describe, expect, it } from 'vitest';
import { ipvsStateOf, service } from './harness';

const nodePort = service({
  spec: `  type: NodePort
  clusterIP: 10.20.30.41
  ipFamilyPolicy: PreferDualStack
  ipFamilies: [IPv4, IPv6]
  clusterIPs: [10.20.30.41, "2020::1"]
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]`,
});

const nodeIPs = [
  '100.101.102.103',
  '169.254.0.1',
  '127.0.0.1',
  '2001:db8::1',
  'fe80::200:ff:fe01:1',
  '::1',
];

const nodePortAddresses = (family: 4 | 6) =>
  ipvsStateOf(nodePort, { nodeIPs }, family)
    .virtualServers.filter((vs) => vs.port === 3001)
    .map((vs) => vs.address)
    .sort();

describe('IPVS TestIpIsValidForSet / TestGetNodeIPs', () => {
  it('serves IPv4 node ports on every address but loopback, link-local included', () => {
    expect(nodePortAddresses(4)).toEqual(['100.101.102.103', '169.254.0.1']);
  });

  it('serves IPv6 node ports on neither loopback nor link-local addresses', () => {
    expect(nodePortAddresses(6)).toEqual(['2001:db8::1']);
  });
});

describe('IPVS TestBuildServiceMapServiceHeadless', () => {
  it('creates no virtual server for headless Services', () => {
    const s = ipvsStateOf(
      service({
        name: 'headless',
        spec: '  type: ClusterIP\n  clusterIP: None\n  ports: [{name: rpc, port: 1234, protocol: UDP}]',
      }) +
        service({ name: 'headless-without-port', spec: '  type: ClusterIP\n  clusterIP: None' }) +
        service({
          name: 'headless-sctp',
          spec: '  type: ClusterIP\n  clusterIP: None\n  ports: [{name: sip, port: 1235, protocol: SCTP}]',
        }),
    );
    expect(s.virtualServers).toEqual([]);
    expect(s.boundAddresses).toEqual([]);
  });
});

describe('IPVS TestBuildServiceMapServiceTypeExternalName', () => {
  it('creates no virtual server for an ExternalName Service, whatever its clusterIP', () => {
    const s = ipvsStateOf(
      service({
        name: 'external-name',
        spec: `  type: ExternalName
  clusterIP: 172.16.55.4
  externalName: foo2.bar.com
  ports: [{name: blah, port: 1235, protocol: UDP, nodePort: 5321}]`,
      }),
    );
    expect(s.virtualServers).toEqual([]);
  });
});
