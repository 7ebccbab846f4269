/**
 * `kubectl get services|endpoints|endpointslices [-o wide]` on the fixtures of kubernetes/kubernetes
 * pkg/printers/internalversion/printers_test.go (read at openshift/kubernetes, reference-index file
 * id 27467372157): TestPrintService, TestPrintServiceList, TestPrintServiceLoadBalancer,
 * TestPrintEndpoint, TestPrintEndpointSlice. Upstream's `time.Now().Add(1.9e9)` (a creation
 * stamp 1.9s ahead) prints `0s`, `time.Now().Add(-3e11)` prints `5m`.
 */
import { describe, expect, it } from 'vitest';
import { ago, kubectl, table } from './harness';

const svcHeader = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];

function service(name: string, spec: string, status = ''): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
${spec}
${status ? `status:\n${status}\n` : ''}`;
}

const tcp2233 = '  ports: [{protocol: tcp, port: 2233}]\n  clusterIPs: [10.9.8.7]';
const lb8888 =
  '  type: LoadBalancer\n  ports: [{protocol: tcp, port: 8888}]\n  clusterIPs: [10.9.8.7]';

describe('kubectl get services (TestPrintService)', () => {
  it.each([
    [
      'a ClusterIP Service, without its selector',
      service('test1', `  type: ClusterIP\n${tcp2233}\n  selector: {foo: bar}`),
      ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', '<unknown>'],
    ],
    [
      'a NodePort Service',
      service(
        'test2',
        '  type: NodePort\n  ports: [{protocol: tcp, port: 8888, nodePort: 9999}]\n  clusterIPs: [10.9.8.7]',
      ),
      ['test2', 'NodePort', '10.9.8.7', '<none>', '8888:9999/tcp', '<unknown>'],
    ],
    [
      'a LoadBalancer Service still pending',
      service('test3', lb8888),
      ['test3', 'LoadBalancer', '10.9.8.7', '<pending>', '8888/tcp', '<unknown>'],
    ],
    [
      'a LoadBalancer Service with an external IP and no load-balancer status',
      service('test4', `${lb8888}\n  externalIPs: [80.11.12.10]`),
      ['test4', 'LoadBalancer', '10.9.8.7', '80.11.12.10', '8888/tcp', '<unknown>'],
    ],
    [
      'a LoadBalancer Service with an ingress IP and an external IP',
      service(
        'test5',
        `${lb8888}\n  externalIPs: [80.11.12.10]`,
        '  loadBalancer:\n    ingress: [{ip: 3.4.5.6, hostname: test.cluster.com}]',
      ),
      ['test5', 'LoadBalancer', '10.9.8.7', '3.4.5.6,80.11.12.10', '8888/tcp', '<unknown>'],
    ],
    [
      'a LoadBalancer Service with several ingress and external IPs',
      service(
        'test6',
        `${lb8888}\n  externalIPs: [80.11.12.10, 80.11.12.11]`,
        '  loadBalancer:\n    ingress: [{ip: 2.3.4.5, hostname: test.cluster.local}, {ip: 3.4.5.6, hostname: test.cluster.com}]',
      ),
      [
        'test6',
        'LoadBalancer',
        '10.9.8.7',
        '2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11',
        '8888/tcp',
        '<unknown>',
      ],
    ],
    [
      'an ExternalName Service',
      service('test7', '  type: ExternalName\n  externalName: my.database.example.com'),
      ['test7', 'ExternalName', '<none>', 'my.database.example.com', '<none>', '<unknown>'],
    ],
  ])('prints %s', (_, yaml, cells) => {
    expect(kubectl(['get', 'services'], yaml)).toEqual({
      stdout: table([svcHeader, cells]),
      stderr: '',
      code: 0,
    });
  });

  it('adds the selector with -o wide', () => {
    const yaml = service('test1', `  type: ClusterIP\n${tcp2233}\n  selector: {foo: bar}`);
    expect(kubectl(['get', 'services', '-o', 'wide'], yaml).stdout).toBe(
      table([
        [...svcHeader, 'SELECTOR'],
        ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', '<unknown>', 'foo=bar'],
      ]),
    );
  });

  it('TestPrintServiceList: prints every Service of the list', () => {
    const yaml = `${service('service1', `  type: ClusterIP\n${tcp2233}`)}---\n${service(
      'service2',
      '  type: NodePort\n  ports: [{protocol: udp, port: 5566}]\n  clusterIPs: [1.2.3.4]',
    )}`;
    expect(kubectl(['get', 'services'], yaml).stdout).toBe(
      table([
        svcHeader,
        ['service1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', '<unknown>'],
        ['service2', 'NodePort', '1.2.3.4', '<none>', '5566/udp', '<unknown>'],
      ]),
    );
  });
});

describe('kubectl get services (TestPrintServiceLoadBalancer)', () => {
  const ports3 =
    '  ports: [{port: 80, protocol: TCP}, {port: 8090, protocol: UDP}, {port: 8000, protocol: TCP}]';
  const three =
    '  loadBalancer:\n    ingress: [{ip: 2.3.4.5}, {ip: 3.4.5.6}, {ip: 5.6.7.8, hostname: host5678}]';

  it('joins ingress IPs, shows <pending> without one, and elides past 16 bytes', () => {
    const yaml = [
      service(
        'service1',
        '  clusterIPs: [1.2.3.4]\n  type: LoadBalancer\n  ports: [{port: 80, protocol: TCP}]',
        '  loadBalancer:\n    ingress: [{ip: 2.3.4.5}, {ip: 3.4.5.6}]',
      ),
      service(
        'service2',
        '  clusterIPs: [1.3.4.5]\n  type: LoadBalancer\n  ports: [{port: 80, protocol: TCP}, {port: 8090, protocol: UDP}, {port: 8000, protocol: TCP}, {port: 7777, protocol: SCTP}]',
      ),
      service(
        'service3',
        `  clusterIPs: [1.4.5.6]\n  type: LoadBalancer\n${ports3}`,
        '  loadBalancer:\n    ingress: [{ip: 2.3.4.5}]',
      ),
      service('service4', `  clusterIPs: [1.5.6.7]\n  type: LoadBalancer\n${ports3}`, three),
    ].join('---\n');
    expect(kubectl(['get', 'services'], yaml).stdout).toBe(
      table([
        svcHeader,
        ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '<unknown>'],
        [
          'service2',
          'LoadBalancer',
          '1.3.4.5',
          '<pending>',
          '80/TCP,8090/UDP,8000/TCP,7777/SCTP',
          '<unknown>',
        ],
        ['service3', 'LoadBalancer', '1.4.5.6', '2.3.4.5', '80/TCP,8090/UDP,8000/TCP', '<unknown>'],
        [
          'service4',
          'LoadBalancer',
          '1.5.6.7',
          '2.3.4.5,3.4.5...',
          '80/TCP,8090/UDP,8000/TCP',
          '<unknown>',
        ],
      ]),
    );
  });

  it('keeps every ingress IP with -o wide', () => {
    const yaml = service(
      'service4',
      `  clusterIPs: [1.5.6.7]\n  type: LoadBalancer\n${ports3}\n  selector: {foo: bar}`,
      three,
    );
    expect(kubectl(['get', 'services', '-o', 'wide'], yaml).stdout).toBe(
      table([
        [...svcHeader, 'SELECTOR'],
        [
          'service4',
          'LoadBalancer',
          '1.5.6.7',
          '2.3.4.5,3.4.5.6,5.6.7.8',
          '80/TCP,8090/UDP,8000/TCP',
          '<unknown>',
          'foo=bar',
        ],
      ]),
    );
  });
});

describe('kubectl get endpoints (TestPrintEndpoint)', () => {
  const endpoints = (name: string, created: number, subsets: string) => `apiVersion: v1
kind: Endpoints
metadata: {name: ${name}, creationTimestamp: "${ago(created)}"}
${subsets}
`;
  it.each([
    ['no addresses', endpoints('endpoint1', -1.9, ''), ['endpoint1', '<none>', '0s']],
    [
      'addresses without ports',
      endpoints('endpoint3', 300, 'subsets:\n- addresses: [{ip: 1.2.3.4}, {ip: 5.6.7.8}]'),
      ['endpoint3', '1.2.3.4,5.6.7.8', '5m'],
    ],
    [
      'two addresses and one port',
      endpoints(
        'endpoint2',
        -1.9,
        'subsets:\n- addresses: [{ip: 1.2.3.4}, {ip: 5.6.7.8}]\n  ports: [{port: 8001, protocol: tcp}]',
      ),
      ['endpoint2', '1.2.3.4:8001,5.6.7.8:8001', '0s'],
    ],
    [
      'more than three addresses',
      endpoints(
        'endpoint2',
        -1.9,
        'subsets:\n- addresses: [{ip: 1.2.3.4}, {ip: 5.6.7.8}, {ip: 9.8.7.6}, {ip: 6.6.6.6}]\n  ports: [{port: 8001, protocol: tcp}]',
      ),
      ['endpoint2', '1.2.3.4:8001,5.6.7.8:8001,9.8.7.6:8001 + 1 more...', '0s'],
    ],
  ])('prints an Endpoints with %s', (_, yaml, cells) => {
    expect(kubectl(['get', 'endpoints'], yaml).stdout).toBe(
      table([['NAME', 'ENDPOINTS', 'AGE'], cells]),
    );
  });
});

describe('kubectl get endpointslices (TestPrintEndpointSlice)', () => {
  const slice = (name: string, created: number, type: string, ports: string, eps: string) =>
    `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${name}, creationTimestamp: "${ago(created)}"}
addressType: ${type}
ports: ${ports}
endpoints: ${eps}
`;
  const http = '{name: http, port: 80, protocol: TCP}';
  const https = '{name: https, port: 443, protocol: TCP}';
  const twoEndpoints =
    '[{addresses: [10.1.2.3, "2001:db8::1234:5678"]}, {addresses: [10.2.3.4, "2001:db8::2345:6789"]}]';
  it.each([
    [
      'one endpoint with two addresses',
      slice(
        'abcslice.123',
        -1.9,
        'IPv4',
        `[${http}]`,
        '[{addresses: [10.1.2.3, "2001:db8::1234:5678"]}]',
      ),
      ['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '0s'],
    ],
    [
      'more than three addresses',
      slice('longerslicename.123', 300, 'IPv6', `[${http}, ${https}]`, twoEndpoints),
      [
        'longerslicename.123',
        'IPv6',
        '80,443',
        '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
        '5m',
      ],
    ],
    [
      'more than three ports',
      slice(
        'multiportslice.123',
        300,
        'IPv4',
        `[${http}, ${https}, {name: extra1, port: 3000, protocol: TCP}, {name: extra2, port: 3001, protocol: TCP}]`,
        twoEndpoints,
      ),
      [
        'multiportslice.123',
        'IPv4',
        '80,443,3000 + 1 more...',
        '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
        '5m',
      ],
    ],
  ])('prints a slice with %s', (_, yaml, cells) => {
    expect(kubectl(['get', 'endpointslices'], yaml).stdout).toBe(
      table([['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], cells]),
    );
  });
});

describe('table cells with control characters (tableprinter.go appendCellValue)', () => {
  it('cuts a cell at a line break and escapes ESC', () => {
    const yaml = [
      service('a', '  type: ExternalName\n  externalName: "x\\ey"'),
      service('b', '  type: ExternalName\n  externalName: "one\\ntwo"'),
    ].join('---\n');
    expect(kubectl(['get', 'services'], yaml).stdout).toBe(
      table([
        svcHeader,
        ['a', 'ExternalName', '<none>', 'x^[y', '<none>', '<unknown>'],
        ['b', 'ExternalName', '<none>', 'one...', '<none>', '<unknown>'],
      ]),
    );
  });
});

describe('the API server’s deprecation warning for v1 Endpoints (KEP-4974, v1.33+)', () => {
  const yaml = 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: web}\n';
  const warning =
    'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';
  it('is printed once on stderr by get endpoints, before any error', () => {
    expect(kubectl(['get', 'endpoints'], yaml).stderr).toBe(warning);
    expect(kubectl(['get', 'ep', 'web', 'nope', '-o', 'yaml'], yaml).stderr).toBe(
      `${warning}Error from server (NotFound): endpoints "nope" not found\n`,
    );
    expect(kubectl(['get', 'endpoints', '-n', 'other'], yaml).stderr).toBe(
      `${warning}No resources found in other namespace.\n`,
    );
  });
  it('is not printed for EndpointSlices', () => {
    expect(kubectl(['get', 'endpointslices'], yaml).stderr).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
