/**
 * Object names and per-address elements, from kubernetes/kubernetes
 * pkg/proxy/nftables/proxier_test.go at commit 81810de635aa13aa0a32992f6def3aa9d6025ebc:
 * Test_servicePortChainNameBase and Test_servicePortEndpointChainNameBase (the hashed, truncated
 * chain names, read from the table the engine writes for such a Service) and
 * TestLoadBalancerIngressRouteTypeProxy (an `ipMode: Proxy` load-balancer IP gets no element).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeProxyState, type ServicePortInfo } from '../../../src/engine/kubeproxy/common';
import { servicePortEndpointChainNameBase } from '../../../src/engine/kubeproxy/nftables/names';
import { svc1Slice } from '../kubeproxy/testLoadBalancer.cases';
import { fakeProxier, tableFor, upstreamCommit } from './helpers';

const at = `kubernetes@${upstreamCommit.slice(0, 12)}`;

const longNamespace = 'very-long-namespace-name-abcdefghijklmnopqrstuvwxyz0123456789xx';
const longService = 'very-long-service-name-why-would-you-even-do-this-i-mean-really';
const longPort = 'port-443-providing-the-hypertext-transmission-protocol-with-tls';

function objectsFor(
  namespace: string,
  name: string,
  port: { name: string; protocol: string; number: number },
  family: 4 | 6,
  endpoints: string[],
): string {
  const clusterIP = family === 4 ? '172.30.0.41' : 'fd00:10:96::41';
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  clusterIP: "${clusterIP}"
  ports: [{name: ${port.name}, port: ${port.number}, protocol: ${port.protocol}}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${name}-1, namespace: ${namespace}, labels: {kubernetes.io/service-name: ${name}}}
addressType: IPv${family}
endpoints: [${endpoints.map((ip) => `{addresses: ["${ip}"]}`).join(', ')}]
ports: [{name: ${port.name}, port: ${port.number}, protocol: ${port.protocol}}]
`;
}

/** The ServicePort kube-proxy keeps for such a Service on the test node. */
function servicePort(
  namespace: string,
  name: string,
  port: { name: string; protocol: string; number: number },
): ServicePortInfo {
  const yaml = `${fakeProxier()}---\n${objectsFor(namespace, name, port, 4, ['10.180.0.1'])}`;
  const cluster = simulate(yaml, { admitted: true }).cluster;
  const info = computeProxyState(cluster, 'test-node', 4).ports[0]?.info;
  if (!info) throw new Error('no ServicePort');
  return info;
}

/** The chain names of one Service port with the given endpoints (admitted as is, like the fake proxier's objects). */
function chainNames(
  namespace: string,
  name: string,
  port: { name: string; protocol: string; number: number },
  family: 4 | 6,
  endpoints: string[],
): string[] {
  const objects = objectsFor(namespace, name, port, family, endpoints);
  return [...tableFor(objects, family).chains.keys()];
}

describe(`nftables Test_servicePortChainNameBase (${at})`, () => {
  const cases = [
    {
      name: 'simple',
      port: 'http',
      protocol: 'TCP',
      expected: 'P4ZYZVCF-testing/service/tcp/http',
    },
    {
      name: 'different port, different hash',
      port: 'https',
      protocol: 'TCP',
      expected: 'LZBRENCP-testing/service/tcp/https',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const names = chainNames(
        'testing',
        'service',
        { name: tc.port, protocol: tc.protocol, number: 80 },
        4,
        ['10.180.0.1'],
      );
      expect(names).toContain(`service-${tc.expected}`);
    });
  }
  it('max length', () => {
    const names = chainNames(
      longNamespace,
      longService,
      { name: longPort, protocol: 'SCTP', number: 443 },
      4,
      ['10.180.0.1'],
    );
    expect(names).toContain(`service-KR6NACJP-${longNamespace}/${longService}/sctp/${longPort}`);
  });
});

describe(`nftables Test_servicePortEndpointChainNameBase (${at})`, () => {
  const simple = { name: 'http', protocol: 'TCP', number: 80 };
  it('simple, and a different endpoint with a different hash', () => {
    const names = chainNames('testing', 'service', simple, 4, ['10.180.0.1', '10.180.0.2']);
    expect(names).toContain('endpoint-JO2XBXZR-testing/service/tcp/http__10.180.0.1/80');
    expect(names).toContain('endpoint-5S6H3H22-testing/service/tcp/http__10.180.0.2/80');
  });
  const long = { name: longPort, protocol: 'SCTP', number: 443 };
  const prefix = `${longNamespace}/${longService}/sctp/${longPort}`;
  it('max length without truncation', () => {
    const names = chainNames(longNamespace, longService, long, 6, [
      '1234:5678:9abc:def0::abc:1234',
    ]);
    expect(names).toContain(`endpoint-5YS7AFEA-${prefix}__1234.5678.9abc.def0..abc.1234/443`);
  });
  // Upstream calls the name function with these literal endpoint strings. Through the proxier an
  // address is first printed as Go prints it (no "::" for a single zero group), so the chain
  // names are checked on the function itself, for a ServicePort the engine computed.
  it("ipv6 (the name function, on upstream's literal address)", () => {
    const info = servicePort('testing', 'service', simple);
    expect(servicePortEndpointChainNameBase(info, 'fd80:abcd:12::a1b2:c3d4:e5f6:9999', 80)).toBe(
      'U7E2ET36-testing/service/tcp/http__fd80.abcd.12..a1b2.c3d4.e5f6.9999/80',
    );
  });
  it('truncated, twice (different IPs, which the result does not show)', () => {
    const info = servicePort(longNamespace, longService, long);
    expect(servicePortEndpointChainNameBase(info, '1234:5678:9abc:def0::abcd:1234:5678', 443)).toBe(
      `CI6C53Q3-${prefix}__1234.5678.9abc.def0..abcd.1234...`,
    );
    expect(servicePortEndpointChainNameBase(info, '1234:5678:9abc:def0::abcd:1234:8765', 443)).toBe(
      `2FLXFK6X-${prefix}__1234.5678.9abc.def0..abcd.1234...`,
    );
  });
});

describe(`nftables TestLoadBalancerIngressRouteTypeProxy (${at})`, () => {
  const cases = [
    { name: 'ipMode Proxy', svcIP: '10.20.30.41', lbIP: '1.2.3.4', ipMode: 'Proxy', rule: false },
    { name: 'ipMode VIP', svcIP: '10.20.30.42', lbIP: '1.2.3.5', ipMode: 'VIP', rule: true },
    { name: 'ipMode nil', svcIP: '10.20.30.43', lbIP: '1.2.3.6', ipMode: undefined, rule: true },
  ];
  for (const tc of cases) {
    it(`${tc.name}: ${tc.rule ? 'a' : 'no'} service-ips element for the load-balancer IP`, () => {
      const ingress = tc.ipMode ? `{ip: ${tc.lbIP}, ipMode: ${tc.ipMode}}` : `{ip: ${tc.lbIP}}`;
      const table = tableFor(`apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: LoadBalancer
  clusterIP: ${tc.svcIP}
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
status: {loadBalancer: {ingress: [${ingress}]}}
---
${svc1Slice}`);
      const elements = table.maps.get('service-ips')?.elements ?? [];
      const found = elements.some((e) => e.key.join(' . ') === `${tc.lbIP} . tcp . 80`);
      expect(found).toBe(tc.rule);
      expect(elements.some((e) => e.key[0] === tc.svcIP)).toBe(true);
    });
  }
});
