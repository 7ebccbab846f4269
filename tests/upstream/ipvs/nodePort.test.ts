/**
 * TestNodePortIPv4 and TestNodePortIPv6 from kubernetes/kubernetes
 * pkg/proxy/ipvs/proxier_test.go (the version of that file held in our reference index as file
 * id 11084498, which matches upstream master of 2025 — NewFakeProxier(ctx, ipt, ipvs, ipset,
 * nodeIPs, excludeCIDRs, ipFamily)): the expected virtual servers, real servers, ipsets and
 * KUBE-SERVICES / KUBE-NODE-PORT jumps, fed as YAML through simulate(..., { admitted: true }).
 * The fake proxier has no local-traffic detector (clusterCIDR ""), the rr scheduler, and the
 * given node IPs on eth0.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeIpvsState } from '../../../src/engine/kubeproxy/ipvs';

function state(objects: string, nodeIPs: string[], nodePortAddresses: string[], family: 4 | 6 = 4) {
  const addresses = nodeIPs.map((ip) => `  - {type: InternalIP, address: "${ip}"}`).join('\n');
  const yaml = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
clusterCIDR: ""
nodePortAddresses: [${nodePortAddresses.join(', ')}]
---
apiVersion: v1
kind: Node
metadata: {name: test-node}
status:
  addresses:
${addresses}
---
${objects}`;
  return computeIpvsState(simulate(yaml, { admitted: true }).cluster, 'test-node', family);
}

/** `PROTO addr:port sched -> rs:port(weight), ...`, one per virtual server, sorted. */
function ipvsView(s: ReturnType<typeof computeIpvsState>): string[] {
  return s.virtualServers
    .map(
      (vs) =>
        `${vs.protocol} ${vs.address}:${vs.port} ${vs.scheduler} -> ${vs.realServers
          .map((rs) => `${rs.address}:${rs.port}(${rs.weight})`)
          .sort()
          .join(', ')}`,
    )
    .sort();
}

function entries(s: ReturnType<typeof computeIpvsState>, name: string): string[] {
  return [...(s.ipsets.find((x) => x.name === name)?.entries ?? [])].sort();
}

const service = (protocol: string, extra = '') => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: NodePort
  clusterIP: 10.20.30.41
  ports: [{name: p80, port: 80, protocol: ${protocol}, nodePort: 3001}]
${extra}`;

const slice = (protocol: string, endpoints: string, n = 1, type = 'IPv4') => `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-${n}, namespace: ns1, labels: {kubernetes.io/service-name: svc1}}
addressType: ${type}
endpoints: ${endpoints}
ports: [{name: p80, port: 80, protocol: ${protocol}}]
`;

describe('IPVS TestNodePortIPv4', () => {
  it('1 service with node port, has 2 endpoints', () => {
    const s = state(
      service('TCP') +
        slice('TCP', '[{addresses: [10.180.0.1]}]') +
        slice('TCP', '[{addresses: ["1002:ab8::2:10"]}]', 2, 'IPv6'),
      ['100.101.102.103', '2001:db8::1:1'],
      [],
    );
    expect(ipvsView(s)).toEqual([
      'TCP 10.20.30.41:80 rr -> 10.180.0.1:80(1)',
      'TCP 100.101.102.103:3001 rr -> 10.180.0.1:80(1)',
    ]);
  });

  it('1 UDP service with node port, has endpoints', () => {
    const s = state(
      service('UDP') + slice('UDP', '[{addresses: [10.180.0.1]}]'),
      ['100.101.102.103'],
      ['0.0.0.0/0'],
    );
    expect(ipvsView(s)).toEqual([
      'UDP 10.20.30.41:80 rr -> 10.180.0.1:80(1)',
      'UDP 100.101.102.103:3001 rr -> 10.180.0.1:80(1)',
    ]);
    expect(entries(s, 'KUBE-NODE-PORT-UDP')).toEqual(['3001']);
    const natRules = s.nat.rules;
    const chain = (name: string) => natRules.filter((r) => r.startsWith(`-A ${name} `));
    expect(chain('KUBE-NODE-PORT').map((r) => /-j (\S+)/.exec(r)?.[1])).toEqual(['KUBE-MARK-MASQ']);
    expect(chain('KUBE-NODE-PORT')[0]).toContain('--match-set KUBE-NODE-PORT-UDP dst');
    expect(s.filter.rules).toContain(
      '-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT',
    );
    expect(chain('KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
      '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
      '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
    ]);
  });

  it('service has node port but no endpoints', () => {
    const s = state(service('TCP'), ['100.101.102.103'], []);
    expect(ipvsView(s)).toEqual(['TCP 10.20.30.41:80 rr -> ', 'TCP 100.101.102.103:3001 rr -> ']);
  });

  it('node port service with protocol sctp on a node with multiple nodeIPs', () => {
    const s = state(
      service('SCTP') + slice('SCTP', '[{addresses: [10.180.0.1]}]'),
      [
        '100.101.102.103',
        '100.101.102.104',
        '100.101.102.105',
        '2001:db8::1:1',
        '2001:db8::1:2',
        '2001:db8::1:3',
      ],
      [],
    );
    expect(ipvsView(s)).toEqual([
      'SCTP 10.20.30.41:80 rr -> 10.180.0.1:80(1)',
      'SCTP 100.101.102.103:3001 rr -> 10.180.0.1:80(1)',
      'SCTP 100.101.102.104:3001 rr -> 10.180.0.1:80(1)',
      'SCTP 100.101.102.105:3001 rr -> 10.180.0.1:80(1)',
    ]);
    expect(entries(s, 'KUBE-NODE-PORT-SCTP-HASH')).toEqual([
      '100.101.102.103,sctp:3001',
      '100.101.102.104,sctp:3001',
      '100.101.102.105,sctp:3001',
    ]);
  });

  it('node port service with protocol sctp and externalTrafficPolicy local', () => {
    const s = state(
      service('SCTP', '  externalTrafficPolicy: Local\n') +
        slice(
          'SCTP',
          '[{addresses: [10.180.0.1], nodeName: test-node}, {addresses: [10.180.1.1], nodeName: other-node}]',
        ),
      ['100.101.102.103'],
      [],
    );
    expect(ipvsView(s)).toEqual([
      'SCTP 10.20.30.41:80 rr -> 10.180.0.1:80(1), 10.180.1.1:80(1)',
      'SCTP 100.101.102.103:3001 rr -> 10.180.0.1:80(1)',
    ]);
    expect(entries(s, 'KUBE-NODE-PORT-SCTP-HASH')).toEqual(['100.101.102.103,sctp:3001']);
    expect(entries(s, 'KUBE-NODE-PORT-LOCAL-SCTP-HASH')).toEqual(['100.101.102.103,sctp:3001']);
    expect(
      s.nat.rules
        .filter((r) => r.startsWith('-A KUBE-NODE-PORT '))
        .map((r) => /-j (\S+)/.exec(r)?.[1]),
    ).toEqual(['RETURN', 'KUBE-MARK-MASQ']);
  });
});

describe('IPVS TestNodePortIPv6', () => {
  it('1 service with node port, has 2 endpoints', () => {
    const s = state(
      `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: NodePort
  clusterIP: "2020::1"
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
` +
        slice('TCP', '[{addresses: [10.180.0.1]}]') +
        slice('TCP', '[{addresses: ["1002:ab8::2:10"]}]', 2, 'IPv6'),
      ['100.101.102.103', '2001:db8::1:1'],
      [],
      6,
    );
    expect(ipvsView(s)).toEqual([
      'TCP 2001:db8::1:1:3001 rr -> 1002:ab8::2:10:80(1)',
      'TCP 2020::1:80 rr -> 1002:ab8::2:10:80(1)',
    ]);
  });

  const v6Service = (protocol: string) => `apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: NodePort
  clusterIP: "2020::1"
  ports: [{name: p80, port: 80, protocol: ${protocol}, nodePort: 3001}]
`;

  it('service has node port but no endpoints', () => {
    const s = state(v6Service('TCP'), ['100.101.102.103', '2001:db8::1:1'], [], 6);
    expect(ipvsView(s)).toEqual(['TCP 2001:db8::1:1:3001 rr -> ', 'TCP 2020::1:80 rr -> ']);
  });

  it('node port service with protocol sctp on a node with multiple nodeIPs', () => {
    const s = state(
      v6Service('SCTP') + slice('SCTP', '[{addresses: ["2001::1"]}]', 1, 'IPv6'),
      ['2001:db8::1:1', '2001:db8::1:2'],
      [],
      6,
    );
    expect(ipvsView(s)).toEqual([
      'SCTP 2001:db8::1:1:3001 rr -> 2001::1:80(1)',
      'SCTP 2001:db8::1:2:3001 rr -> 2001::1:80(1)',
      'SCTP 2020::1:80 rr -> 2001::1:80(1)',
    ]);
    expect(entries(s, 'KUBE-6-NODE-PORT-SCTP-HASH')).toEqual([
      '2001:db8::1:1,sctp:3001',
      '2001:db8::1:2,sctp:3001',
    ]);
  });

  it('1 UDP service with node port, has endpoints (no action on IPv6 Proxier)', () => {
    const s = state(
      service('UDP') + slice('UDP', '[{addresses: [10.180.0.1]}]', 1, 'IPv6'),
      ['100.101.102.103'],
      ['0.0.0.0/0'],
      6,
    );
    expect(ipvsView(s)).toEqual([]);
  });
});
