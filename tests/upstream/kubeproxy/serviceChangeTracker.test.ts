/**
 * How kube-proxy reads Services into its service map: kubernetes/kubernetes
 * pkg/proxy/servicechangetracker_test.go at commit f2963eff6352cb5e4fc986d54e642f3fead7ff2b
 * (TestServiceToServiceMap, TestServiceMapUpdateHeadless, TestUpdateServiceTypeExternalName,
 * TestBuildServiceMapAddRemove, TestBuildServiceMapServiceUpdate), the same cases as at commit
 * 2c348bf1863f3e1db9e0078151452dbad075cf01, whose trackers also take an event recorder. Each Service is a snapshot
 * read as `--admitted` reads it; the map is the engine's (computeProxyState) for the case's IP
 * family, compared on the fields upstream compares (cluster IP, port, protocol, health check
 * node port, external IPs, source ranges, load-balancer VIPs; addresses as Go prints them).
 * Each case also checks the node's iptables rules: a Service port in the map, having no
 * endpoints, gets its "has no endpoints" REJECT; a Service left out of the map gets no rule.
 * The cluster IPs are upstream's (172.16.55.x, 10.0.0.1): a snapshot takes them as they are.
 * The update tests are read as the states they pass through, one snapshot each;
 * HealthCheckNodePorts is the map's non-zero health check ports by Service, as upstream's is.
 */
import { describe, expect, it } from 'vitest';
import { clusterOf, iptablesSaveOf, serviceMapOf, type ServicePortView } from './trackers';

interface Port {
  name: string;
  protocol: string;
  port: number;
  nodePort?: number;
  targetPort?: number;
}

function port(name: string, protocol: string, portNum: number, nodePort = 0, targetPort = 0): Port {
  return {
    name,
    protocol,
    port: portNum,
    ...(nodePort ? { nodePort } : {}),
    ...(targetPort ? { targetPort } : {}),
  };
}

function service(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  ingress?: { ip: string; ipMode?: string }[],
): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec,
    ...(ingress ? { status: { loadBalancer: { ingress } } } : {}),
  };
}

/** makeTestServiceInfo's defaults: no health check port, no addresses beyond the cluster IP. */
function info(
  clusterIP: string,
  portNum: number,
  protocol: string,
  healthCheckNodePort = 0,
  extra: Partial<ServicePortView> = {},
): ServicePortView {
  return {
    clusterIP,
    port: portNum,
    protocol,
    healthCheckNodePort,
    externalIPs: [],
    loadBalancerSourceRanges: [],
    loadBalancerVIPs: [],
    ...extra,
  };
}

const clusterIPv4 = '10.0.0.1';
const externalIPv4 = '8.8.8.8';
const sourceRangeIPv4 = '0.0.0.0/1';
const clusterIPv6 = '2001:db8:85a3:0:0:8a2e:370:7334';
const externalIPv6 = '2001:db8:85a3:0:0:8a2e:370:7335';
const sourceRangeIPv6 = '2001:db8::/32';
/** The IPv6 addresses as Go's net.IP prints them. */
const clusterIPv6Go = '2001:db8:85a3::8a2e:370:7334';
const externalIPv6Go = '2001:db8:85a3::8a2e:370:7335';

const bothIngress = [{ ip: externalIPv4 }, { ip: externalIPv6 }];

function loadBalancer(ipMode?: string): object {
  return service(
    'ns1',
    'load-balancer',
    {
      type: 'LoadBalancer',
      clusterIP: '172.16.55.11',
      loadBalancerIP: '5.6.7.8',
      ports: [port('port3', 'UDP', 8675, 30061, 7000), port('port4', 'UDP', 8676, 30062, 7001)],
    },
    [{ ip: '10.1.2.4', ...(ipMode ? { ipMode } : {}) }],
  );
}

const loadBalancerPorts = (vips: string[]) => ({
  'ns1/load-balancer:port3/UDP': info('172.16.55.11', 8675, 'UDP', 0, { loadBalancerVIPs: vips }),
  'ns1/load-balancer:port4/UDP': info('172.16.55.11', 8676, 'UDP', 0, { loadBalancerVIPs: vips }),
});

function testService(name: string, spec: Record<string, unknown>): object {
  return service(
    'test',
    name,
    { ...spec, ports: [{ name: 'testPort', port: 12345, protocol: 'TCP' }] },
    bothIngress,
  );
}

interface Case {
  desc: string;
  family: 4 | 6;
  service?: object;
  expected: Record<string, ServicePortView>;
}

const headless = (ports: Port[]) =>
  service('ns2', 'headless', { type: 'ClusterIP', clusterIP: 'None', ports });

const clusterIPService = service('ns2', 'cluster-ip', {
  type: 'ClusterIP',
  clusterIP: '172.16.55.4',
  ports: [port('p1', 'UDP', 1234, 4321), port('p2', 'UDP', 1235, 5321)],
});

const nodePortService = service('ns2', 'node-port', {
  type: 'NodePort',
  clusterIP: '172.16.55.10',
  ports: [port('port1', 'UDP', 345, 678), port('port2', 'TCP', 344, 677)],
});

const onlyLocalLoadBalancer = (ports: Port[]) =>
  service(
    'ns1',
    'only-local-load-balancer',
    {
      type: 'LoadBalancer',
      clusterIP: '172.16.55.12',
      loadBalancerIP: '5.6.7.8',
      ports,
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 345,
    },
    [{ ip: '10.1.2.3' }],
  );

const externalName = (portName: string) =>
  service('ns2', 'external-name', {
    type: 'ExternalName',
    clusterIP: '172.16.55.4',
    externalName: 'foo2.bar.com',
    ports: [port(portName, 'UDP', 1235, 5321)],
  });

const cases: Case[] = [
  { desc: 'nothing', family: 4, expected: {} },
  {
    desc: 'headless service',
    family: 4,
    service: headless([port('rpc', 'UDP', 1234)]),
    expected: {},
  },
  {
    desc: 'headless sctp service',
    family: 4,
    service: headless([port('sip', 'SCTP', 7777)]),
    expected: {},
  },
  {
    desc: 'headless service without port',
    family: 4,
    service: service('ns2', 'headless-without-port', { type: 'ClusterIP', clusterIP: 'None' }),
    expected: {},
  },
  {
    desc: 'cluster ip service',
    family: 4,
    service: clusterIPService,
    expected: {
      'ns2/cluster-ip:p1/UDP': info('172.16.55.4', 1234, 'UDP'),
      'ns2/cluster-ip:p2/UDP': info('172.16.55.4', 1235, 'UDP'),
    },
  },
  {
    desc: 'nodeport service',
    family: 4,
    service: nodePortService,
    expected: {
      'ns2/node-port:port1/UDP': info('172.16.55.10', 345, 'UDP'),
      'ns2/node-port:port2/TCP': info('172.16.55.10', 344, 'TCP'),
    },
  },
  {
    desc: 'load balancer service',
    family: 4,
    service: loadBalancer(),
    expected: loadBalancerPorts(['10.1.2.4']),
  },
  {
    desc: 'load balancer service ipMode VIP feature gate enabled',
    family: 4,
    service: loadBalancer('VIP'),
    expected: loadBalancerPorts(['10.1.2.4']),
  },
  {
    desc: 'load balancer service ipMode Proxy feature gate enabled',
    family: 4,
    service: loadBalancer('Proxy'),
    expected: loadBalancerPorts([]),
  },
  {
    desc: 'load balancer service with only local traffic policy',
    family: 4,
    service: onlyLocalLoadBalancer([
      port('portx', 'UDP', 8677, 30063, 7002),
      port('porty', 'UDP', 8678, 30064, 7003),
    ]),
    expected: {
      'ns1/only-local-load-balancer:portx/UDP': info('172.16.55.12', 8677, 'UDP', 345, {
        loadBalancerVIPs: ['10.1.2.3'],
      }),
      'ns1/only-local-load-balancer:porty/UDP': info('172.16.55.12', 8678, 'UDP', 345, {
        loadBalancerVIPs: ['10.1.2.3'],
      }),
    },
  },
  {
    desc: 'external name service',
    family: 4,
    service: externalName('portz'),
    expected: {},
  },
  {
    desc: 'service with ipv6 clusterIP under ipv4 mode, service should be filtered',
    family: 4,
    service: testService('invalidIPv6InIPV4Mode', { clusterIP: clusterIPv6 }),
    expected: {},
  },
  {
    desc: 'service with ipv4 clusterIP under ipv6 mode, service should be filtered',
    family: 6,
    service: testService('invalidIPv4InIPV6Mode', { clusterIP: clusterIPv4 }),
    expected: {},
  },
  {
    desc: 'service with ipv4 configurations under ipv4 mode',
    family: 4,
    service: testService('validIPv4', {
      clusterIP: clusterIPv4,
      externalIPs: [externalIPv4],
      loadBalancerSourceRanges: [sourceRangeIPv4],
    }),
    expected: {
      'test/validIPv4:testPort/TCP': info(clusterIPv4, 12345, 'TCP', 0, {
        externalIPs: [externalIPv4],
        loadBalancerSourceRanges: [sourceRangeIPv4],
        loadBalancerVIPs: [externalIPv4],
      }),
    },
  },
  {
    desc: 'service with ipv6 configurations under ipv6 mode',
    family: 6,
    service: testService('validIPv6', {
      clusterIP: clusterIPv6,
      externalIPs: [externalIPv6],
      loadBalancerSourceRanges: [sourceRangeIPv6],
    }),
    expected: {
      'test/validIPv6:testPort/TCP': info(clusterIPv6Go, 12345, 'TCP', 0, {
        externalIPs: [externalIPv6Go],
        loadBalancerSourceRanges: [sourceRangeIPv6],
        loadBalancerVIPs: [externalIPv6Go],
      }),
    },
  },
  {
    desc: 'service with both ipv4 and ipv6 configurations under ipv4 mode, ipv6 fields should be filtered',
    family: 4,
    service: testService('filterIPv6InIPV4Mode', {
      clusterIP: clusterIPv4,
      externalIPs: [externalIPv4, externalIPv6],
      loadBalancerSourceRanges: [sourceRangeIPv4, sourceRangeIPv6],
    }),
    expected: {
      'test/filterIPv6InIPV4Mode:testPort/TCP': info(clusterIPv4, 12345, 'TCP', 0, {
        externalIPs: [externalIPv4],
        loadBalancerSourceRanges: [sourceRangeIPv4],
        loadBalancerVIPs: [externalIPv4],
      }),
    },
  },
  {
    desc: 'service with both ipv4 and ipv6 configurations under ipv6 mode, ipv4 fields should be filtered',
    family: 6,
    service: testService('filterIPv4InIPV6Mode', {
      clusterIP: clusterIPv6,
      externalIPs: [externalIPv4, externalIPv6],
      loadBalancerSourceRanges: [sourceRangeIPv4, sourceRangeIPv6],
    }),
    expected: {
      'test/filterIPv4InIPV6Mode:testPort/TCP': info(clusterIPv6Go, 12345, 'TCP', 0, {
        externalIPs: [externalIPv6Go],
        loadBalancerSourceRanges: [sourceRangeIPv6],
        loadBalancerVIPs: [externalIPv6Go],
      }),
    },
  },
  {
    desc: 'service with extra space in LoadBalancerSourceRanges',
    family: 4,
    service: service('test', 'extra-space', {
      clusterIP: clusterIPv4,
      loadBalancerSourceRanges: [' 10.1.2.0/28'],
      ports: [{ name: 'testPort', port: 12345, protocol: 'TCP' }],
    }),
    expected: {
      'test/extra-space:testPort/TCP': info(clusterIPv4, 12345, 'TCP', 0, {
        loadBalancerSourceRanges: ['10.1.2.0/28'],
      }),
    },
  },
];

/** The `ns/name` of a Service object. */
function serviceName(object: object | undefined): string | undefined {
  const meta = (object as { metadata?: { namespace: string; name: string } } | undefined)?.metadata;
  return meta ? `${meta.namespace}/${meta.name}` : undefined;
}

/** The REJECT rules of ports without endpoints, by the port's ServicePortName. */
function rejectedPorts(dump: string): string[] {
  const out = new Set<string>();
  for (const line of dump.split('\n')) {
    const m = /--comment "(\S+) has no endpoints".* -j REJECT/.exec(line);
    if (m?.[1]) out.add(m[1]);
  }
  return [...out].sort();
}

describe('TestServiceToServiceMap (pkg/proxy/servicechangetracker_test.go)', () => {
  for (const tc of cases) {
    it(tc.desc, () => {
      const cluster = clusterOf(tc.service ? [tc.service] : []);
      expect(serviceMapOf(cluster, tc.family)).toEqual(tc.expected);
      const dump = iptablesSaveOf(cluster, 'node-1', tc.family);
      const expectedPorts = Object.keys(tc.expected)
        .map((key) => key.slice(0, key.lastIndexOf('/')))
        .sort();
      expect(rejectedPorts(dump)).toEqual(expectedPorts);
      const name = serviceName(tc.service);
      if (name && expectedPorts.length === 0) expect(dump).not.toContain(name);
    });
  }
});

/** HealthCheckNodePorts: each Service with a non-zero health check node port, and that port. */
function healthCheckNodePorts(map: Record<string, ServicePortView>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, view] of Object.entries(map)) {
    if (view.healthCheckNodePort === 0) continue;
    const [serviceKey = ''] = key.slice(0, key.lastIndexOf('/')).split(':');
    out[serviceKey] = view.healthCheckNodePort;
  }
  return out;
}

describe('the service map through updates (pkg/proxy/servicechangetracker_test.go)', () => {
  it('TestServiceMapUpdateHeadless: headless Services are left out, no health checks', () => {
    const map = serviceMapOf(
      clusterOf([
        headless([port('rpc', 'UDP', 1234)]),
        service('ns2', 'headless-without-port', { type: 'ClusterIP', clusterIP: 'None' }),
      ]),
    );
    expect(Object.keys(map)).toHaveLength(0);
    expect(healthCheckNodePorts(map)).toEqual({});
  });

  it('TestUpdateServiceTypeExternalName: an ExternalName Service is left out', () => {
    const map = serviceMapOf(clusterOf([externalName('blah')]));
    expect(Object.keys(map)).toHaveLength(0);
    expect(healthCheckNodePorts(map)).toEqual({});
  });

  it('TestBuildServiceMapAddRemove: 8 ports of 4 Services, then 1', () => {
    const services = [
      clusterIPService,
      nodePortService,
      service(
        'ns1',
        'load-balancer',
        {
          type: 'LoadBalancer',
          clusterIP: '172.16.55.11',
          loadBalancerIP: '5.6.7.8',
          ports: [port('foobar', 'UDP', 8675, 30061, 7000), port('baz', 'UDP', 8676, 30062, 7001)],
        },
        [{ ip: '10.1.2.4' }],
      ),
      onlyLocalLoadBalancer([
        port('foobar2', 'UDP', 8677, 30063, 7002),
        port('baz', 'UDP', 8678, 30064, 7003),
      ]),
    ];
    const all = serviceMapOf(clusterOf(services));
    expect(Object.keys(all)).toHaveLength(8);
    expect(healthCheckNodePorts(all)).toEqual({ 'ns1/only-local-load-balancer': 345 });

    // services[0] loses its first port; the other three are deleted.
    const oneService = service('ns2', 'cluster-ip', {
      type: 'ClusterIP',
      clusterIP: '172.16.55.4',
      ports: [port('p2', 'UDP', 1235, 5321)],
    });
    const after = serviceMapOf(clusterOf([oneService]));
    expect(Object.keys(after)).toEqual(['ns2/cluster-ip:p2/UDP']);
    expect(healthCheckNodePorts(after)).toEqual({});
  });

  it('TestBuildServiceMapServiceUpdate: ClusterIP to LoadBalancer (Local) and back', () => {
    const servicev1 = service('ns1', 'svc1', {
      type: 'ClusterIP',
      clusterIP: '172.16.55.4',
      ports: [port('p1', 'UDP', 1234, 4321), port('p2', 'TCP', 1235, 5321)],
    });
    const servicev2 = service(
      'ns1',
      'svc1',
      {
        type: 'LoadBalancer',
        clusterIP: '172.16.55.4',
        loadBalancerIP: '5.6.7.8',
        ports: [port('p1', 'UDP', 1234, 4321, 7002), port('p2', 'TCP', 1235, 5321, 7003)],
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 345,
      },
      [{ ip: '10.1.2.3' }],
    );
    for (const [svc, healthChecks] of [
      [servicev1, {}],
      [servicev2, { 'ns1/svc1': 345 }],
      [servicev2, { 'ns1/svc1': 345 }],
      [servicev1, {}],
    ] as const) {
      const map = serviceMapOf(clusterOf([svc]));
      expect(Object.keys(map)).toHaveLength(2);
      expect(healthCheckNodePorts(map)).toEqual(healthChecks);
    }
    // Each update as one snapshot holding the Service twice: the later copy is the update.
    for (const [before, after, healthChecks] of [
      [servicev1, servicev2, { 'ns1/svc1': 345 }],
      [servicev2, servicev2, { 'ns1/svc1': 345 }],
      [servicev2, servicev1, {}],
    ] as const) {
      const map = serviceMapOf(clusterOf([before, after]));
      expect(map).toEqual(serviceMapOf(clusterOf([after])));
      expect(healthCheckNodePorts(map)).toEqual(healthChecks);
    }
  });

  it('TestBuildServiceMapAddRemove: the port removed by the update, with both copies given', () => {
    const before = clusterIPService;
    const oneService = service('ns2', 'cluster-ip', {
      type: 'ClusterIP',
      clusterIP: '172.16.55.4',
      ports: [port('p2', 'UDP', 1235, 5321)],
    });
    expect(Object.keys(serviceMapOf(clusterOf([before, oneService])))).toEqual([
      'ns2/cluster-ip:p2/UDP',
    ]);
  });
});
