/**
 * The service-map cases of kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at commit
 * 81810de635aa13aa0a32992f6def3aa9d6025ebc, read from the table the engine writes for each
 * snapshot: TestBuildServiceMapAddRemove, TestBuildServiceMapServiceHeadless,
 * TestBuildServiceMapServiceTypeExternalName, TestBuildServiceMapServiceUpdate (the ServicePortMap
 * each keeps: none of these Services has endpoints, so each of its ports is the element the
 * table's no-endpoint-services map holds for its ClusterIP, commented `ns/name:port`; the
 * HealthCheckNodePorts these tests also count have no object in the nftables table, the health
 * check server answering them) and TestProxier_OnServiceCIDRsChanged (the ServiceCIDRs of the
 * family, joined by commas, as the cluster-ips-check chain's drop rule holds them).
 */
import { describe, expect, it } from 'vitest';
import { renderNftTransaction, type NftTable } from '../../../src/engine/kubeproxy/nftables';
import { baseRules, sortTransaction, tableFor, upstreamCommit } from './helpers';

const at = `kubernetes@${upstreamCommit.slice(0, 12)}`;

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

/** The service ports of Services without endpoints: the comments of no-endpoint-services' elements. */
function servicePorts(table: NftTable): string[] {
  const elements = table.maps.get('no-endpoint-services')?.elements ?? [];
  return [...new Set(elements.map((e) => e.comment ?? ''))].sort();
}

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

describe(`nftables TestBuildServiceMapAddRemove (${at})`, () => {
  it('keeps the 10 ports of the four Services', () => {
    const objects =
      clusterIPService +
      service('somewhere-else', 'node-port', 'type: NodePort, clusterIP: 172.30.55.10', [
        port('blahblah', 'UDP', 345, 678, 0),
        port('moreblahblah', 'TCP', 344, 677, 0),
        port('muchmoreblah', 'SCTP', 343, 676, 0),
      ]) +
      service(
        'somewhere',
        'load-balancer',
        'type: LoadBalancer, clusterIP: 172.30.55.11, loadBalancerIP: 1.2.3.4',
        [port('foobar', 'UDP', 8675, 30061, 7000), port('baz', 'UDP', 8676, 30062, 7001)],
        ['1.2.3.4'],
      ) +
      service(
        'somewhere',
        'only-local-load-balancer',
        'type: LoadBalancer, clusterIP: 172.30.55.12, loadBalancerIP: 5.6.7.8, externalTrafficPolicy: Local, healthCheckNodePort: 345',
        [port('foobar2', 'UDP', 8677, 30063, 7002), port('baz', 'UDP', 8678, 30064, 7003)],
        ['5.6.7.8'],
      );
    expect(servicePorts(tableFor(objects))).toHaveLength(10);
  });

  it('keeps 1 port once the first port is removed and the other Services deleted', () => {
    const oneService = service(
      'somewhere-else',
      'cluster-ip',
      'type: ClusterIP, clusterIP: 172.30.55.4',
      [port('somethingelse', 'UDP', 1235, 5321, 0)],
    );
    expect(servicePorts(tableFor(oneService))).toEqual(['somewhere-else/cluster-ip:somethingelse']);
  });
});

describe(`nftables TestBuildServiceMapServiceHeadless (${at})`, () => {
  it('writes nothing beyond the base table for headless Services, with or without ports', () => {
    const objects = `${service('somewhere-else', 'headless', 'type: ClusterIP, clusterIP: None', [
      port('rpc', 'UDP', 1234, 0, 0),
    ])}---
apiVersion: v1
kind: Service
metadata: {namespace: somewhere-else, name: headless-without-port}
spec: {type: ClusterIP, clusterIP: None}
`;
    expect(sortTransaction(renderNftTransaction(tableFor(objects)))).toBe(
      sortTransaction(baseRules),
    );
  });
});

describe(`nftables TestBuildServiceMapServiceTypeExternalName (${at})`, () => {
  it('writes nothing beyond the base table for an ExternalName Service, its clusterIP ignored', () => {
    const objects = service(
      'somewhere-else',
      'external-name',
      'type: ExternalName, clusterIP: 172.30.55.4, externalName: foo2.bar.com',
      [port('blah', 'UDP', 1235, 5321, 0)],
    );
    expect(sortTransaction(renderNftTransaction(tableFor(objects)))).toBe(
      sortTransaction(baseRules),
    );
  });
});

describe(`nftables TestBuildServiceMapServiceUpdate (${at})`, () => {
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
  it('keeps 2 ports as ClusterIP, as a Local LoadBalancer, and back', () => {
    expect(servicePorts(tableFor(servicev1))).toHaveLength(2);
    expect(servicePorts(tableFor(servicev2))).toHaveLength(2);
    expect(servicePorts(tableFor(servicev1))).toHaveLength(2);
  });
});

describe(`nftables TestProxier_OnServiceCIDRsChanged (${at})`, () => {
  const secondServiceCIDR = `---
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata: {name: second}
spec: {cidrs: [172.50.0.0/16, "fd00:172:30::/112"]}
`;
  /** The unallocated-ClusterIP drop rule of the table's cluster-ips-check chain. */
  const dropRule = (table: NftTable) =>
    table.chains
      .get('cluster-ips-check')
      ?.rules.find((r) => r.comment === 'Drop traffic to unallocated ClusterIPs')?.rule;

  it('IPv4: the IPv4 CIDR of the ServiceCIDR', () => {
    expect(dropRule(tableFor('', 4))).toBe('ip daddr { 172.30.0.0/16 } drop');
  });
  it('IPv4: both IPv4 CIDRs once a second ServiceCIDR is added', () => {
    expect(dropRule(tableFor(secondServiceCIDR, 4))).toBe(
      'ip daddr { 172.30.0.0/16,172.50.0.0/16 } drop',
    );
  });
  it('IPv6: the IPv6 CIDR of the ServiceCIDR', () => {
    expect(dropRule(tableFor('', 6))).toBe('ip6 daddr { fd00:10:96::/112 } drop');
  });
  it('IPv6: both IPv6 CIDRs once a second ServiceCIDR is added', () => {
    expect(dropRule(tableFor(secondServiceCIDR, 6))).toBe(
      'ip6 daddr { fd00:10:96::/112,fd00:172:30::/112 } drop',
    );
  });
});
