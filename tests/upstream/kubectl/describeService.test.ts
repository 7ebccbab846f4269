/**
 * `kubectl describe service` on the fixtures of kubernetes/kubectl pkg/describe/describe_test.go at
 * commit dee3483a3d6a64c07fdf746caf80af446dee99ac: TestDescribeService (test1, test2,
 * test-ready-field-empty, test-ServiceIPFamily, test-ServiceIPFamilyPolicy+ClusterIPs,
 * test-TrafficDistribution, test-AppProtocol) through the command line, and
 * TestPrintLabelsMultiline's annotations as they come out of a described Service. The expected
 * texts are upstream's.
 */
import { describe, expect, it } from 'vitest';
import { kubectl } from './harness';

interface Fixture {
  targetPort?: string;
  internal?: 'Cluster' | 'Local';
  extraSpec?: string;
  extraPort?: string;
  status?: string;
  slices?: string[];
  metadata?: string;
}

/** The Service `foo/bar` every TestDescribeService case starts from, and its EndpointSlices. */
function bar(f: Fixture): string {
  const service = `apiVersion: v1
kind: Service
metadata: {name: bar, namespace: foo${f.metadata ?? ''}}
spec:
  type: LoadBalancer
  ports: [{name: port-tcp, port: 8080, protocol: TCP, targetPort: ${f.targetPort ?? '9527'}, nodePort: 31111${f.extraPort ?? ''}}]
  selector: {blah: heh}
  clusterIP: 1.2.3.4
  ipFamilies: [IPv4]
  loadBalancerIP: 5.6.7.8
  sessionAffinity: None
  externalTrafficPolicy: Local
${f.internal ? `  internalTrafficPolicy: ${f.internal}\n` : ''}  healthCheckNodePort: 32222
${f.extraSpec ?? ''}${f.status ?? ''}`;
  return [service, ...(f.slices ?? [])].join('---\n');
}

function slice(name: string, endpoints: string, protocol = 'TCP'): string {
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${name}, namespace: foo, labels: {kubernetes.io/service-name: bar}}
endpoints: ${endpoints}
ports: [{name: port-tcp, port: 9527, protocol: ${protocol}}]
`;
}

const ready = (ip: string, r?: boolean) =>
  r === undefined ? `{addresses: [${ip}]}` : `{addresses: [${ip}], conditions: {ready: ${r}}}`;
const threeReady = `[${['10.244.0.1', '10.244.0.2', '10.244.0.3'].map((ip) => ready(ip, true)).join(', ')}]`;
const vip = 'status:\n  loadBalancer:\n    ingress: [{ip: 5.6.7.8, ipMode: VIP}]\n';

const head = `Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
`;
const families = `IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
`;
const tail = `Session Affinity:         None
External Traffic Policy:  Local
`;

const describeBar = (yaml: string) => kubectl(['describe', 'service', 'bar', '-n', 'foo'], yaml);

describe('kubectl describe service (TestDescribeService)', () => {
  it.each<[string, string, string]>([
    [
      'test1',
      bar({ internal: 'Cluster', status: vip, slices: [slice('bar-abcde', threeReady)] }),
      `${head}${families}LoadBalancer Ingress:     5.6.7.8 (VIP)
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527
${tail}Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test2',
      bar({
        targetPort: 'targetPort',
        internal: 'Local',
        status: 'status:\n  loadBalancer:\n    ingress: [{ip: 5.6.7.8}]\n',
        slices: [
          slice('bar-12345', `[${ready('10.244.0.1', true)}, ${ready('10.244.0.2', true)}]`, 'UDP'),
          slice(
            'bar-54321',
            `[${ready('10.244.0.3', false)}, ${ready('10.244.0.4', true)}, ${ready('10.244.0.5', true)}]`,
            'UDP',
          ),
        ],
      }),
      `${head}${families}LoadBalancer Ingress:     5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.4:9527 + 1 more...
${tail}Internal Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-ready-field-empty',
      bar({ internal: 'Cluster', slices: [slice('bar-abcdef', `[${ready('10.244.0.1')}]`)] }),
      `${head}${families}Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
${tail}Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-ServiceIPFamily',
      bar({
        targetPort: 'targetPort',
        slices: [slice('bar-123ab', `[${ready('10.244.0.1', true)}]`)],
      }),
      `${head}${families}Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
${tail}HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-ServiceIPFamilyPolicy+ClusterIPs',
      bar({
        targetPort: 'targetPort',
        extraSpec: '  ipFamilyPolicy: SingleStack\n  clusterIPs: [1.2.3.4]\n',
      }),
      `${head}IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      1.2.3.4
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                <none>
${tail}HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-TrafficDistribution',
      bar({ targetPort: 'targetPort', extraSpec: '  trafficDistribution: PreferClose\n' }),
      `${head}${families}Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                <none>
${tail}HealthCheck NodePort:     32222
Traffic Distribution:     PreferClose
Events:                   <none>
`,
    ],
    [
      'test-AppProtocol',
      bar({
        internal: 'Cluster',
        extraPort: ', appProtocol: example.com/custom-protocol',
        status: vip,
        slices: [slice('bar-abcde', threeReady)],
      }),
      `${head}${families}LoadBalancer Ingress:     5.6.7.8 (VIP)
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
AppProtocol:              example.com/custom-protocol
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527
${tail}Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
  ])('%s', (_, yaml, expected) => {
    expect(describeBar(yaml)).toEqual({ stdout: expected, stderr: '', code: 0 });
  });
});

describe('the annotations of a described Service (TestPrintLabelsMultiline)', () => {
  const pad = ' '.repeat(26);
  const key = 'MaxLenAnnotation';
  const value = 'a'.repeat(140 - key.length - 2);
  const annotations = (yaml: string, expected: string) => {
    const out = describeBar(bar({ metadata: `, annotations: ${yaml}` })).stdout;
    expect(out.split('Selector:')[0]?.split('Labels:                   <none>\n')[1]).toBe(
      expected,
    );
  };

  it('sorts annotations and indents the ones after the first', () => {
    annotations('{col1: asd, COL2: zxc}', `Annotations:              COL2: zxc\n${pad}col1: asd\n`);
  });
  it('keeps an annotation of exactly 140 bytes on one line', () => {
    annotations(`{${key}: ${value}}`, `Annotations:              ${key}: ${value}\n`);
  });
  it('puts a longer annotation on its own line', () => {
    annotations(`{${key}: ${value}1}`, `Annotations:              ${key}:\n${pad}  ${value}1\n`);
  });
  it('cuts an annotation line longer than 138 bytes', () => {
    annotations(
      `{${key}: ${value}${value}}`,
      `Annotations:              ${key}:\n${pad}  ${'a'.repeat(138)}...\n`,
    );
  });
  it('prints each line of a multi-line annotation, without the final newline', () => {
    annotations(
      '{key: "value\\nwith\\nnewlines\\n"}',
      `Annotations:              key:\n${pad}  value\n${pad}  with\n${pad}  newlines\n`,
    );
  });
  it('leaves out kubectl.kubernetes.io/last-applied-configuration', () => {
    annotations(
      '{kubectl.kubernetes.io/last-applied-configuration: "{}"}',
      'Annotations:              <none>\n',
    );
  });
});

describe('kubectl describe service, beyond the upstream cases', () => {
  it('prints several labels one per line, sorted (printLabelsMultiline)', () => {
    const out = describeBar(bar({ metadata: ', labels: {tier: web, app: shop}' })).stdout;
    expect(out).toContain(`Labels:                   app=shop\n${' '.repeat(26)}tier=web\n`);
  });
  it('says the Service is not found as the API server does', () => {
    expect(kubectl(['describe', 'service', 'nope', '-n', 'foo'], bar({}))).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): services "nope" not found\n',
      code: 1,
    });
  });
});

describe('terminal escapes (TestDescribeTerminalEscape)', () => {
  it('prints ESC as ^[ in a described Service', () => {
    const out = describeBar(
      bar({ metadata: ', annotations: {annotation1: "terminal escape: \\e"}' }),
    );
    expect(out.stdout).toContain('annotation1: terminal escape: ^[\n');
    expect(out.stdout).not.toContain('\x1b');
  });
});
