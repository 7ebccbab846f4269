/**
 * More of upstream's pod validation tables, applied as Pods (and a Deployment where upstream checks
 * a template) through kubectl apply: TestValidatePorts, the name, image and port rows of
 * TestValidateContainers and TestValidateInitContainers, TestValidateRestartPolicy,
 * TestValidateDNSPolicy, TestValidatePodDNSConfig, TestValidatePodReadinessGates,
 * TestValidateSchedulingGates, TestValidatePod's rows on images and labels, and the rows of
 * TestValidatePodSpec about fields a Service playground meets (kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go at b1ce15c54586daabffbc79d6ef36feabbf5a0875). Upstream
 * checks the error type and field (and at times a part of the message); here the whole line is
 * spelled out as pkg/apis/core/validation/validation.go words it.
 *
 * Upstream calls the validators on internal objects with no defaults; through the API server the
 * v1 defaults come first. So an empty port protocol is TCP (TestValidatePorts' "protocol
 * required" cannot be written), an empty restartPolicy or dnsPolicy is Always or ClusterFirst
 * (TestValidateRestartPolicy's and TestValidateDNSPolicy's "" rows are accepted here), and a
 * hostNetwork Pod's unset hostPort is its containerPort (TestValidatePodSpec's "with hostNetwork
 * hostPort unspecified" is accepted).
 */
import { describe, expect, it } from 'vitest';
import type { Container, ContainerPort, Deployment, Pod } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

type Spec = NonNullable<Pod['spec']>;

const pod = (spec: Spec): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const ctr = (name: string, fields: Partial<Container> = {}): Container => ({
  name,
  image: 'image',
  ...fields,
});
/** A Pod of one container `abc` and the given fields of its spec. */
const withSpec = (fields: Partial<Spec>): Pod => pod({ containers: [ctr('abc')], ...fields });
const errorsOf = (p: Pod) => fieldErrors(run([p]), 'Pod/default/p');
const outcomeOf = (p: Pod) => resultOf(run([p]), 'p')?.outcome;

const dns1123Label =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const portRange = 'must be between 1 and 65535, inclusive';
const qualifiedNamePart =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const protocols = 'supported values: "SCTP", "TCP", "UDP"';

describe('TestValidatePorts through a container of a Pod', () => {
  const portsPod = (ports: ContainerPort[]) => pod({ containers: [ctr('abc', { ports })] });

  it('accepts the success case and the non-canonical one', () => {
    expect(
      errorsOf(
        portsPod([
          { name: 'abc', containerPort: 80, hostPort: 80, protocol: 'TCP' },
          { name: 'easy', containerPort: 82, protocol: 'TCP' },
          { name: 'as', containerPort: 83, protocol: 'UDP' },
          { name: 'do-re-me', containerPort: 84, protocol: 'SCTP' },
          { containerPort: 85, protocol: 'TCP' },
        ]),
      ),
    ).toEqual([]);
    expect(outcomeOf(portsPod([{ containerPort: 80, protocol: 'TCP' }]))).toBe('created');
  });

  const at = 'spec.containers[0].ports';
  const cases: { name: string; ports: ContainerPort[]; errors: string[] }[] = [
    {
      name: 'name > 15 characters',
      ports: [{ name: 'a'.repeat(16), containerPort: 80, protocol: 'TCP' }],
      errors: [
        `${at}[0].name: Invalid value: "${'a'.repeat(16)}": must be no more than 15 characters`,
      ],
    },
    {
      name: 'name contains invalid characters',
      ports: [{ name: 'a.b.c', containerPort: 80, protocol: 'TCP' }],
      errors: [
        `${at}[0].name: Invalid value: "a.b.c": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      ],
    },
    {
      name: 'name is a number',
      ports: [{ name: '80', containerPort: 80, protocol: 'TCP' }],
      errors: [`${at}[0].name: Invalid value: "80": must contain at least one letter (a-z)`],
    },
    {
      name: 'name not unique',
      ports: [
        { name: 'abc', containerPort: 80, protocol: 'TCP' },
        { name: 'abc', containerPort: 81, protocol: 'TCP' },
      ],
      errors: [`${at}[1].name: Duplicate value: "abc"`],
    },
    {
      name: 'zero container port',
      ports: [{ containerPort: 0, protocol: 'TCP' }],
      errors: [`${at}[0].containerPort: Required value`],
    },
    {
      name: 'invalid container port',
      ports: [{ containerPort: 65536, protocol: 'TCP' }],
      errors: [`${at}[0].containerPort: Invalid value: 65536: ${portRange}`],
    },
    {
      name: 'invalid host port',
      ports: [{ containerPort: 80, hostPort: 65536, protocol: 'TCP' }],
      errors: [`${at}[0].hostPort: Invalid value: 65536: ${portRange}`],
    },
    {
      name: 'invalid protocol case',
      ports: [{ containerPort: 80, protocol: 'tcp' as 'TCP' }],
      errors: [`${at}[0].protocol: Unsupported value: "tcp": ${protocols}`],
    },
    {
      name: 'invalid protocol',
      ports: [{ containerPort: 80, protocol: 'ICMP' as 'TCP' }],
      errors: [`${at}[0].protocol: Unsupported value: "ICMP": ${protocols}`],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = run([portsPod(c.ports)]);
      expect(fieldErrors(sim, 'Pod/default/p')).toEqual(c.errors);
      expect(resultOf(sim, 'p')?.outcome).toBe('rejected');
    });
});

describe('TestValidateContainers: names, images and host ports', () => {
  it("accepts the success case's names and images in a Deployment's template, whitespace images included", () => {
    const containers = [
      ctr('abc'),
      // Only a Pod's images are checked for surrounding whitespace (validateContainerOnlyForPod).
      ctr('def', { image: ' ' }),
      ctr('ghi', { image: ' some  ' }),
      ctr('123'),
      ctr('abc-123'),
      ctr('same-host-port-different-protocol', {
        ports: [
          { containerPort: 80, hostPort: 80, protocol: 'TCP' },
          { containerPort: 80, hostPort: 80, protocol: 'UDP' },
        ],
      }),
    ];
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { app: 'd' } },
        template: { metadata: { labels: { app: 'd' } }, spec: { containers } },
      },
    };
    const sim = run([deployment]);
    expect(fieldErrors(sim, 'Deployment/default/d')).toEqual([]);
    expect(resultOf(sim, 'd')?.outcome).toBe('created');
  });

  const cases: { name: string; containers: Container[]; errors: string[] }[] = [
    {
      name: 'zero-length name',
      containers: [ctr('')],
      errors: ['spec.containers[0].name: Required value'],
    },
    {
      name: 'zero-length image',
      containers: [ctr('abc', { image: '' })],
      errors: ['spec.containers[0].image: Required value'],
    },
    {
      name: 'name > 63 characters',
      containers: [ctr('a'.repeat(64))],
      errors: [
        `spec.containers[0].name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
      ],
    },
    {
      name: 'name not a DNS label',
      containers: [ctr('a.b.c')],
      errors: ['spec.containers[0].name: Invalid value: "a.b.c": must not contain dots'],
    },
    {
      name: 'name not unique',
      containers: [ctr('abc'), ctr('abc')],
      errors: ['spec.containers[1].name: Duplicate value: "abc"'],
    },
    {
      name: 'host port not unique',
      containers: [
        ctr('abc', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }),
        ctr('def', { ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] }),
      ],
      errors: ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"'],
    },
  ];
  for (const c of cases)
    it(c.name, () => expect(errorsOf(pod({ containers: c.containers }))).toEqual(c.errors));
});

describe('TestValidateInitContainers: names, images and host ports', () => {
  /** Upstream's regular containers: one, named `app`. */
  const withInit = (initContainers: Container[]) =>
    pod({ containers: [ctr('app', { image: 'nginx' })], initContainers });

  it('accepts two init containers taking the same host ports, as they run one by one', () => {
    const ports: ContainerPort[] = [
      { containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { containerPort: 80, hostPort: 80, protocol: 'UDP' },
    ];
    const p = withInit([
      ctr('container-1-same-host-port-different-protocol', { ports }),
      ctr('container-2-same-host-port-different-protocol', { ports }),
    ]);
    expect(errorsOf(p)).toEqual([]);
  });

  const cases: { name: string; initContainers: Container[]; errors: string[] }[] = [
    {
      name: 'empty name',
      initContainers: [ctr('')],
      errors: ['spec.initContainers[0].name: Required value'],
    },
    {
      name: 'name collision with regular container',
      initContainers: [ctr('app')],
      errors: ['spec.initContainers[0].name: Duplicate value: "app"'],
    },
    {
      name: 'duplicate names',
      initContainers: [ctr('init'), ctr('init')],
      errors: ['spec.initContainers[1].name: Duplicate value: "init"'],
    },
    {
      name: 'duplicate ports',
      initContainers: [
        ctr('abc', {
          ports: [
            { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
            { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
          ],
        }),
      ],
      errors: ['spec.initContainers[0].ports[1].hostPort: Duplicate value: "TCP//8080"'],
    },
    {
      // Not a row of upstream's table: validateInitContainers checks each init container's ports
      // as a list of that one container, so the path says [0] for the second one too.
      name: "duplicate ports of a later init container (the path upstream's list of one gives)",
      initContainers: [
        ctr('first'),
        ctr('second', {
          ports: [
            { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
            { containerPort: 8081, hostPort: 8080, protocol: 'TCP' },
          ],
        }),
      ],
      errors: ['spec.initContainers[0].ports[1].hostPort: Duplicate value: "TCP//8080"'],
    },
  ];
  for (const c of cases)
    it(c.name, () => expect(errorsOf(withInit(c.initContainers))).toEqual(c.errors));
});

describe('TestValidateRestartPolicy and TestValidateDNSPolicy', () => {
  for (const policy of ['Always', 'OnFailure', 'Never'])
    it(`accepts restartPolicy ${policy}`, () =>
      expect(errorsOf(withSpec({ restartPolicy: policy }))).toEqual([]));
  for (const policy of ['ClusterFirst', 'Default', 'ClusterFirstWithHostNet'] as const)
    it(`accepts dnsPolicy ${policy}`, () =>
      expect(errorsOf(withSpec({ dnsPolicy: policy }))).toEqual([]));
  it('accepts dnsPolicy None with a nameserver', () =>
    expect(
      errorsOf(withSpec({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'] } })),
    ).toEqual([]));

  it('rejects restartPolicy newpolicy and dnsPolicy invalid', () => {
    expect(errorsOf(withSpec({ restartPolicy: 'newpolicy' }))).toEqual([
      'spec.restartPolicy: Unsupported value: "newpolicy": supported values: "Always", "OnFailure", "Never"',
    ]);
    expect(errorsOf(withSpec({ dnsPolicy: 'invalid' as 'None' }))).toEqual([
      'spec.dnsPolicy: Unsupported value: "invalid": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('an empty restartPolicy or dnsPolicy is defaulted (SetDefaults_PodSpec), so accepted', () => {
    const sim = run([withSpec({ restartPolicy: '', dnsPolicy: '' as 'None' })]);
    expect(fieldErrors(sim, 'Pod/default/p')).toEqual([]);
    const spec = sim.cluster.pods.find((o) => o.metadata.name === 'p')?.spec;
    expect([spec?.restartPolicy, spec?.dnsPolicy]).toEqual(['Always', 'ClusterFirst']);
  });
});

describe('TestValidatePodDNSConfig through a Pod', () => {
  const a = (n: number) => 'a'.repeat(n);
  const thirtyTwo = [
    'custom',
    'mydomain.com',
    'local',
    'cluster.local',
    'svc.cluster.local',
    'default.svc.cluster.local.',
    ...Array.from({ length: 26 }, (_, i) => String(i + 7)),
  ];
  const valid: { desc: string; dnsConfig: NonNullable<Spec['dnsConfig']>; none?: boolean }[] = [
    { desc: 'empty DNSConfig', dnsConfig: {} },
    { desc: '1 option', dnsConfig: { options: [{ name: 'ndots', value: '2' }] } },
    { desc: '1 nameserver', dnsConfig: { nameservers: ['127.0.0.1'] } },
    { desc: 'DNSNone with 1 nameserver', dnsConfig: { nameservers: ['127.0.0.1'] }, none: true },
    { desc: '1 search path', dnsConfig: { searches: ['custom'] } },
    { desc: '1 search path with trailing period', dnsConfig: { searches: ['custom.'] } },
    {
      desc: '3 nameservers and 6 search paths(legacy)',
      dnsConfig: {
        nameservers: ['127.0.0.1', '10.0.0.10', '8.8.8.8'],
        searches: thirtyTwo.slice(0, 6),
      },
    },
    {
      desc: '3 nameservers and 32 search paths',
      dnsConfig: { nameservers: ['127.0.0.1', '10.0.0.10', '8.8.8.8'], searches: thirtyTwo },
    },
    {
      desc: '256 characters in search path list(legacy)',
      dnsConfig: { searches: [a(1), a(50), a(50), a(50), a(50), a(50)] },
    },
    {
      desc: '2048 characters in search path list',
      dnsConfig: { searches: [a(64), ...Array.from({ length: 31 }, () => a(63))] },
    },
    { desc: 'ipv6 nameserver', dnsConfig: { nameservers: ['FE80::0202:B3FF:FE1E:8329'] } },
    {
      desc: '7 search paths',
      dnsConfig: {
        searches: [...thirtyTwo.slice(0, 5), 'default.svc.cluster.local', 'exceeded'],
      },
    },
    {
      desc: '257 characters in search path list',
      dnsConfig: { searches: [a(2), a(50), a(50), a(50), a(50), a(50)] },
    },
  ];
  for (const c of valid)
    it(`valid: ${c.desc}`, () => {
      const p = withSpec({ dnsConfig: c.dnsConfig, ...(c.none ? { dnsPolicy: 'None' } : {}) });
      expect(errorsOf(p)).toEqual([]);
    });

  const thirtyThree = [...thirtyTwo, '33'];
  const tooLong = [a(65), ...Array.from({ length: 31 }, () => a(63))];
  const invalid: { desc: string; spec: Partial<Spec>; errors: string[] }[] = [
    {
      desc: '4 nameservers',
      spec: { dnsConfig: { nameservers: ['127.0.0.1', '10.0.0.10', '8.8.8.8', '1.2.3.4'] } },
      errors: [
        'spec.dnsConfig.nameservers: Invalid value: ["127.0.0.1","10.0.0.10","8.8.8.8","1.2.3.4"]: must not have more than 3 nameservers',
      ],
    },
    {
      desc: '33 search paths',
      spec: { dnsConfig: { searches: thirtyThree } },
      errors: [
        `spec.dnsConfig.searches: Invalid value: [${thirtyThree.map((s) => `"${s}"`).join(',')}]: must not have more than 32 search paths`,
      ],
    },
    {
      desc: '2049 characters in search path list',
      spec: { dnsConfig: { searches: tooLong } },
      errors: [
        `spec.dnsConfig.searches: Invalid value: [${tooLong.map((s) => `"${s}"`).join(',')}]: must not have more than 2048 characters (including spaces) in the search list`,
      ],
    },
    {
      desc: 'invalid search path',
      spec: { dnsConfig: { searches: ['custom?'] } },
      errors: [`spec.dnsConfig.searches[0]: Invalid value: "custom?": ${dns1123Subdomain}`],
    },
    {
      desc: 'invalid nameserver',
      spec: { dnsConfig: { nameservers: ['invalid'] } },
      errors: [
        'spec.dnsConfig.nameservers[0]: Invalid value: "invalid": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    },
    {
      desc: 'invalid empty option name',
      spec: { dnsConfig: { options: [{ value: '2' }] } },
      errors: ['spec.dnsConfig.options[0]: Required value: must not be empty'],
    },
    {
      desc: 'DNSNone with 0 nameserver',
      spec: { dnsPolicy: 'None', dnsConfig: { searches: ['custom'] } },
      errors: [
        'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
      ],
    },
  ];
  for (const c of invalid)
    it(`invalid: ${c.desc}`, () => expect(errorsOf(withSpec(c.spec))).toEqual(c.errors));
});

describe('TestValidatePodReadinessGates through a Pod', () => {
  const gates = (...types: string[]) => types.map((conditionType) => ({ conditionType }));
  it('accepts no gate, one and two', () => {
    expect(errorsOf(withSpec({ readinessGates: [] }))).toEqual([]);
    expect(errorsOf(withSpec({ readinessGates: gates('example.com/condition') }))).toEqual([]);
    expect(
      errorsOf(
        withSpec({ readinessGates: gates('example.com/condition1', 'example.com/condition2') }),
      ),
    ).toEqual([]);
  });
  it('rejects an invalid condition type', () => {
    expect(errorsOf(withSpec({ readinessGates: gates('invalid/condition/type') }))).toEqual([
      "spec.readinessGates[0].conditionType: Invalid value: \"invalid/condition/type\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe('TestValidateSchedulingGates through a Pod', () => {
  const gates = (...names: string[]) => names.map((name) => ({ name }));
  it('accepts no gates and legal gates', () => {
    expect(errorsOf(withSpec({}))).toEqual([]);
    expect(errorsOf(withSpec({ schedulingGates: gates('foo', 'bar') }))).toEqual([]);
  });
  const cases: { name: string; names: string[]; errors: string[] }[] = [
    {
      name: 'empty string in gates',
      names: ['foo', ''],
      errors: [
        'spec.schedulingGates[1]: Invalid value: "": name part must be non-empty',
        `spec.schedulingGates[1]: Invalid value: "": ${qualifiedNamePart}`,
      ],
    },
    {
      name: 'illegal gates',
      names: ['foo', '\nbar'],
      errors: [`spec.schedulingGates[1]: Invalid value: "\\nbar": ${qualifiedNamePart}`],
    },
    {
      name: 'duplicated gates (single duplication)',
      names: ['foo', 'bar', 'bar'],
      errors: ['spec.schedulingGates[2]: Duplicate value: "bar"'],
    },
    {
      name: 'duplicated gates (multiple duplications)',
      names: ['foo', 'bar', 'foo', 'baz', 'foo', 'bar'],
      errors: [
        'spec.schedulingGates[2]: Duplicate value: "foo"',
        'spec.schedulingGates[4]: Duplicate value: "foo"',
        'spec.schedulingGates[5]: Duplicate value: "bar"',
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = run([withSpec({ schedulingGates: gates(...c.names) })]);
      const error = resultOf(sim, 'p')?.error ?? '';
      expect(error.startsWith('The Pod "p" is invalid: ')).toBe(true);
      const lines =
        c.errors.length === 1
          ? [error.slice('The Pod "p" is invalid: '.length)]
          : error
              .split('\n')
              .slice(1)
              .map((line) => line.slice(2));
      expect(lines).toEqual(c.errors);
    });
});

describe('TestValidatePod: the rows about names, images and labels', () => {
  it('image whitespace', () => {
    expect(errorsOf(pod({ containers: [ctr('ctr', { image: ' ' })] }))).toEqual([
      'spec.containers[0].image: Invalid value: " ": must not have leading or trailing whitespace',
    ]);
  });
  it('image leading and trailing whitespace', () => {
    expect(errorsOf(pod({ containers: [ctr('ctr', { image: ' something ' })] }))).toEqual([
      'spec.containers[0].image: Invalid value: " something ": must not have leading or trailing whitespace',
    ]);
  });
  it('bad spec', () => {
    expect(errorsOf(pod({ containers: [{} as Container] }))).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].image: Required value',
    ]);
  });
  it('bad label', () => {
    const p = pod({ containers: [ctr('ctr')] });
    p.metadata.labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' };
    expect(errorsOf(p)).toEqual([
      `metadata.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": ${qualifiedNamePart}`,
    ]);
  });
});

describe('TestValidatePodSpec: the rows about fields a Service playground meets', () => {
  it('accepts the basic fields, nodeSelector, nodeName, activeDeadlineSeconds at MaxInt32 and a serviceAccountName', () => {
    const p = pod({
      containers: [ctr('ctr')],
      initContainers: [ctr('ictr')],
      nodeSelector: { key: 'value' },
      nodeName: 'foobar',
      activeDeadlineSeconds: 2147483647,
      serviceAccountName: 'acct',
    });
    expect(errorsOf(p)).toEqual([]);
  });

  it('populate HostNetwork: hostPort equal to containerPort', () => {
    const ports: ContainerPort[] = [{ hostPort: 8080, containerPort: 8080, protocol: 'TCP' }];
    expect(errorsOf(pod({ hostNetwork: true, containers: [ctr('ctr', { ports })] }))).toEqual([]);
  });

  it('with hostNetwork hostPort unspecified: the v1 defaults make it the containerPort', () => {
    const ports: ContainerPort[] = [{ hostPort: 0, containerPort: 2600, protocol: 'TCP' }];
    const sim = run([pod({ hostNetwork: true, containers: [ctr('ctr', { ports })] })]);
    expect(fieldErrors(sim, 'Pod/default/p')).toEqual([]);
    const spec = sim.cluster.pods.find((o) => o.metadata.name === 'p')?.spec;
    expect(spec?.containers?.[0]?.ports?.[0]?.hostPort).toBe(2600);
  });

  const cases: { name: string; spec: Partial<Spec>; errors: string[] }[] = [
    {
      name: 'no containers',
      spec: { containers: [] },
      errors: ['spec.containers: Required value'],
    },
    {
      name: 'bad container',
      spec: { containers: [{} as Container] },
      errors: [
        'spec.containers[0].name: Required value',
        'spec.containers[0].image: Required value',
      ],
    },
    {
      name: 'bad init container',
      spec: { initContainers: [{} as Container] },
      errors: [
        'spec.initContainers[0].name: Required value',
        'spec.initContainers[0].image: Required value',
      ],
    },
    {
      name: 'bad DNS policy',
      spec: { dnsPolicy: 'invalid' as 'None' },
      errors: [
        'spec.dnsPolicy: Unsupported value: "invalid": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ],
    },
    {
      name: 'bad service account name',
      spec: { serviceAccountName: 'invalidName' },
      errors: [`spec.serviceAccountName: Invalid value: "invalidName": ${dns1123Subdomain}`],
    },
    {
      name: 'bad restart policy',
      spec: { restartPolicy: 'UnknowPolicy' },
      errors: [
        'spec.restartPolicy: Unsupported value: "UnknowPolicy": supported values: "Always", "OnFailure", "Never"',
      ],
    },
    {
      name: 'with hostNetwork hostPort not equal to containerPort',
      spec: {
        hostNetwork: true,
        containers: [
          ctr('ctr', { ports: [{ hostPort: 8080, containerPort: 2600, protocol: 'TCP' }] }),
        ],
      },
      errors: [
        'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
      ],
    },
    {
      name: 'bad-active-deadline-seconds',
      spec: { activeDeadlineSeconds: 0 },
      errors: [
        'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      ],
    },
    {
      name: 'active-deadline-seconds-too-large',
      spec: { activeDeadlineSeconds: 2147483648 },
      errors: [
        'spec.activeDeadlineSeconds: Invalid value: 2147483648: must be between 1 and 2147483647, inclusive',
      ],
    },
    {
      name: 'bad nodeName',
      spec: { nodeName: 'node name' },
      errors: [`spec.nodeName: Invalid value: "node name": ${dns1123Subdomain}`],
    },
  ];
  for (const c of cases) it(c.name, () => expect(errorsOf(withSpec(c.spec))).toEqual(c.errors));

  it('prints the checks in ValidatePodSpec order: dnsConfig, readinessGates, serviceAccountName, nodeName, activeDeadlineSeconds, hostname, subdomain', () => {
    const sim = run([
      withSpec({
        subdomain: 'Sub',
        hostname: 'Host',
        activeDeadlineSeconds: -1,
        nodeName: 'node name',
        serviceAccountName: 'Acct',
        readinessGates: [{ conditionType: 'a/b/c' }],
        dnsConfig: { options: [{}] },
      }),
    ]);
    const fields = (resultOf(sim, 'p')?.error ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.slice(2, line.indexOf(':')));
    expect(fields).toEqual([
      'spec.dnsConfig.options[0]',
      'spec.readinessGates[0].conditionType',
      'spec.serviceAccountName',
      'spec.nodeName',
      'spec.activeDeadlineSeconds',
      'spec.hostname',
      'spec.subdomain',
    ]);
    expect(errorsOf(withSpec({ hostname: 'Host' }))).toEqual([
      `spec.hostname: Invalid value: "Host": ${dns1123Label}`,
    ]);
  });
});
