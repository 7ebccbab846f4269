/**
 * Service validation cases transcribed from upstream's TestValidateServiceCreate
 * (kubernetes/kubernetes pkg/apis/core/validation/validation_test.go at commit
 * b1ce15c54586daabffbc79d6ef36feabbf5a0875): the same tweaks of a valid Service, here applied
 * through the whole API server path, with the exact messages of
 * pkg/apis/core/validation/validation.go (commit 000f26050b9be6fb3d79fae95e06b47fc96128cd).
 * Where upstream's test fixture uses a clusterIP outside this cluster's CIDR or NodePorts outside
 * the range, the values are moved inside, so that validation (not allocation) speaks.
 * Composite bad values (lists, structs) print as JSON, as apimachinery's field/errors.go ErrorBody
 * has written them since Kubernetes 1.34 (kubernetes/apimachinery commit c58e197ee8cae8fec59a876122b580ffbdd1e886,
 * "Nicer value rendering in API errors"; its TestErrorFormatting expects `["one","two","three"]`).
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/engine/model';
import { fieldErrors, resultOf, run, validNamespace, validService } from './fixtures';

const dns1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const labelKey =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const dns1123Label =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const portRange = 'must be between 1 and 65535, inclusive';
const badIP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const badCIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const sourceRanges = 'service.beta.kubernetes.io/load-balancer-source-ranges';

interface Case {
  name: string;
  tweak: (s: Service & { spec: NonNullable<Service['spec']> }) => void;
  errors: string[];
}

const port = (name: string, p: number, protocol: 'TCP' | 'UDP' = 'TCP', nodePort?: number) => ({
  name,
  port: p,
  protocol,
  targetPort: p,
  ...(nodePort === undefined ? {} : { nodePort }),
});

const cases: Case[] = [
  { name: 'valid 1', tweak: () => undefined, errors: [] },
  {
    name: 'invalid name',
    tweak: (s) => (s.metadata.name = '-123'),
    errors: [`metadata.name: Invalid value: "-123": ${dns1035}`],
  },
  {
    name: 'too long name',
    tweak: (s) => (s.metadata.name = 'a'.repeat(64)),
    errors: [
      `metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    ],
  },
  {
    name: 'invalid label',
    tweak: (s) => (s.metadata.labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' }),
    errors: [`metadata.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": ${labelKey}`],
  },
  {
    name: 'invalid annotation',
    tweak: (s) => (s.metadata.annotations = { 'NoSpecialCharsLike=Equals': 'bar' }),
    errors: [`metadata.annotations: Invalid value: "NoSpecialCharsLike=Equals": ${labelKey}`],
  },
  { name: 'nil selector', tweak: (s) => delete s.spec.selector, errors: [] },
  {
    name: 'invalid selector',
    tweak: (s) => (s.spec.selector = { 'NoSpecialCharsLike=Equals': 'bar' }),
    errors: [`spec.selector: Invalid value: "NoSpecialCharsLike=Equals": ${labelKey}`],
  },
  {
    name: 'missing ports',
    tweak: (s) => delete s.spec.ports,
    errors: ['spec.ports: Required value'],
  },
  {
    name: 'missing ports but headless',
    tweak: (s) => {
      delete s.spec.ports;
      s.spec.clusterIP = 'None';
    },
    errors: [],
  },
  { name: 'empty port[0] name', tweak: (s) => delete s.spec.ports?.[0]?.name, errors: [] },
  {
    name: 'empty port[1] name',
    tweak: (s) => s.spec.ports?.push({ protocol: 'TCP', port: 12345, targetPort: 12345 }),
    errors: ['spec.ports[1].name: Required value'],
  },
  {
    name: 'invalid port name',
    tweak: (s) => s.spec.ports?.[0] && (s.spec.ports[0].name = 'INVALID'),
    errors: [`spec.ports[0].name: Invalid value: "INVALID": ${dns1123Label}`],
  },
  {
    name: 'invalid protocol',
    tweak: (s) =>
      s.spec.ports?.[0] && ((s.spec.ports[0] as { protocol: string }).protocol = 'INVALID'),
    errors: [
      'spec.ports[0].protocol: Unsupported value: "INVALID": supported values: "SCTP", "TCP", "UDP"',
    ],
  },
  {
    name: 'invalid cluster ip',
    tweak: (s) => (s.spec.clusterIP = 'invalid'),
    errors: [`spec.clusterIPs[0]: Invalid value: "invalid": ${badIP}`],
  },
  {
    name: 'invalid port',
    tweak: (s) => s.spec.ports?.[0] && (s.spec.ports[0].port = 65536),
    errors: [`spec.ports[0].port: Invalid value: 65536: ${portRange}`],
  },
  {
    name: 'invalid TargetPort int',
    tweak: (s) => s.spec.ports?.[0] && (s.spec.ports[0].targetPort = 65536),
    errors: [`spec.ports[0].targetPort: Invalid value: 65536: ${portRange}`],
  },
  {
    name: 'invalid publicIPs localhost',
    tweak: (s) => (s.spec.externalIPs = ['127.0.0.1']),
    errors: [
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
  },
  {
    name: 'invalid publicIPs unspecified',
    tweak: (s) => (s.spec.externalIPs = ['0.0.0.0']),
    errors: ['spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)'],
  },
  {
    name: 'invalid publicIPs host',
    tweak: (s) => (s.spec.externalIPs = ['myhost.mydomain']),
    errors: [`spec.externalIPs[0]: Invalid value: "myhost.mydomain": ${badIP}`],
  },
  {
    name: 'dup port name',
    tweak: (s) => s.spec.ports?.push(port('p', 12345)),
    errors: ['spec.ports[1].name: Duplicate value: "p"'],
  },
  {
    name: 'valid load balancer protocol UDP 1',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      if (s.spec.ports?.[0]) s.spec.ports[0].protocol = 'UDP';
    },
    errors: [],
  },
  {
    name: 'invalid duplicate ports (with same protocol)',
    tweak: (s) => s.spec.ports?.push(port('q', 12345), port('r', 12345)),
    errors: [
      'spec.ports[2]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":12345,"TargetPort":0,"NodePort":0}',
    ],
  },
  {
    name: 'valid duplicate ports (with different protocols)',
    tweak: (s) => s.spec.ports?.push(port('q', 12345), port('r', 12345, 'UDP')),
    errors: [],
  },
  {
    name: 'invalid cluster service with NodePort',
    tweak: (s) => s.spec.ports?.push(port('q', 12345, 'TCP', 30123)),
    errors: ["spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  },
  {
    name: 'valid type=NodePort service with NodePort',
    tweak: (s) => {
      s.spec.type = 'NodePort';
      s.spec.ports?.push(port('q', 12345, 'TCP', 30123));
    },
    errors: [],
  },
  {
    name: 'invalid source range for non LoadBalancer type service',
    tweak: (s) => (s.spec.loadBalancerSourceRanges = ['1.2.3.0/24', '5.6.0.0/16']),
    errors: [
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ],
  },
  {
    name: 'empty LoadBalancer source range',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.loadBalancerSourceRanges = ['   '];
    },
    errors: [
      'spec.LoadBalancerSourceRanges[0]: Invalid value: "": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ],
  },
  {
    name: 'valid LoadBalancer source range annotation',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.metadata.annotations = { [sourceRanges]: '1.2.3.0/24,  5.6.0.0/16' };
    },
    errors: [],
  },
  {
    name: 'valid whitespace-only LoadBalancer source range annotation',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.metadata.annotations = { [sourceRanges]: '  ' };
    },
    errors: [],
  },
  {
    name: 'invalid LoadBalancer source range annotation (hostname)',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.metadata.annotations = { [sourceRanges]: 'foo.bar' };
    },
    errors: [`metadata.annotations[${sourceRanges}]: Invalid value: "foo.bar": ${badCIDR}`],
  },
  {
    name: 'invalid LoadBalancer source range annotation (invalid CIDR)',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.metadata.annotations = { [sourceRanges]: '1.2.3.4/33' };
    },
    errors: [`metadata.annotations[${sourceRanges}]: Invalid value: "1.2.3.4/33": ${badCIDR}`],
  },
  {
    name: 'invalid empty-but-set LoadBalancer source range annotation for non LoadBalancer type service',
    tweak: (s) => (s.metadata.annotations = { [sourceRanges]: '' }),
    errors: [
      `metadata.annotations[${sourceRanges}]: Forbidden: may only be used when \`type\` is 'LoadBalancer'`,
    ],
  },
  {
    name: 'invalid source range annotation ignored with valid source range field',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.metadata.annotations = { [sourceRanges]: 'foo.bar' };
      s.spec.loadBalancerSourceRanges = ['1.2.3.0/24', '5.6.0.0/16'];
    },
    errors: [],
  },
  {
    name: 'valid LoadBalancer source range with whitespace',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.loadBalancerSourceRanges = ['1.2.3.0/24  ', ' 5.6.0.0/16'];
    },
    errors: [],
  },
  {
    name: 'invalid LoadBalancer source range (invalid CIDR)',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.loadBalancerSourceRanges = ['1.2.3.4/33'];
    },
    errors: [`spec.LoadBalancerSourceRanges[0]: Invalid value: "1.2.3.4/33": ${badCIDR}`],
  },
  {
    name: 'LoadBalancer source range with bits set beyond its prefix (strict CIDR validation)',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.loadBalancerSourceRanges = ['1.2.3.4/8'];
    },
    errors: [
      'spec.LoadBalancerSourceRanges[0]: Invalid value: "1.2.3.4/8": must not have bits set beyond the prefix length',
    ],
  },
  {
    name: 'valid: trafficDistribution field set to PreferSameNode (GA in 1.35)',
    tweak: (s) => (s.spec.trafficDistribution = 'PreferSameNode'),
    errors: [],
  },
  {
    name: 'invalid: trafficDistribution field set to Random',
    tweak: (s) => (s.spec.trafficDistribution = 'Random'),
    errors: [
      'spec.trafficDistribution: Unsupported value: "Random": supported values: "PreferClose", "PreferSameZone", "PreferSameNode"',
    ],
  },
  {
    name: 'topology annotations are mismatched (TestValidateServiceUpdate)',
    tweak: (s) =>
      (s.metadata.annotations = {
        'service.kubernetes.io/topology-aware-hints': 'original',
        'service.kubernetes.io/topology-mode': 'different',
      }),
    errors: [
      'metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "different": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
    ],
  },
  {
    name: 'invalid node port with clusterIP None',
    tweak: (s) => {
      s.spec.type = 'NodePort';
      s.spec.clusterIP = 'None';
    },
    errors: [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ],
  },
  {
    name: 'invalid LoadBalancer with clusterIP None',
    tweak: (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.clusterIP = 'None';
    },
    errors: [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services',
    ],
  },
  {
    name: 'invalid timeoutSeconds field',
    tweak: (s) => {
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: -1 } };
    },
    errors: [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: -1: must be greater than 0 and less than 86400',
    ],
  },
  {
    name: 'timeoutSeconds above one day',
    tweak: (s) => {
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } };
    },
    errors: [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
    ],
  },
  {
    name: 'invalid ExternalName with a clusterIP',
    tweak: (s) => {
      s.spec.type = 'ExternalName';
      s.spec.externalName = 'foo.bar.example.com';
    },
    errors: ['spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
  },
  {
    name: 'missing externalName',
    tweak: (s) => {
      s.spec.type = 'ExternalName';
      delete s.spec.clusterIP;
    },
    errors: ['spec.externalName: Required value'],
  },
  {
    name: 'invalid externalName',
    tweak: (s) => {
      s.spec.type = 'ExternalName';
      delete s.spec.clusterIP;
      s.spec.externalName = '-123.com';
    },
    errors: [
      "spec.externalName: Invalid value: \"-123.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
  },
  {
    name: 'externalTrafficPolicy on ClusterIP',
    tweak: (s) => (s.spec.externalTrafficPolicy = 'Local'),
    errors: [
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ],
  },
  {
    name: 'healthCheckNodePort on NodePort',
    tweak: (s) => {
      s.spec.type = 'NodePort';
      s.spec.healthCheckNodePort = 30500;
    },
    errors: [
      "spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ],
  },
  {
    name: 'invalid internalTrafficPolicy',
    tweak: (s) => ((s.spec as { internalTrafficPolicy: string }).internalTrafficPolicy = 'Foo'),
    errors: [
      'spec.internalTrafficPolicy: Unsupported value: "Foo": supported values: "Cluster", "Local"',
    ],
  },
];

describe('ValidateService through the API server (TestValidateServiceCreate)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const svc = validService();
      c.tweak(svc as Service & { spec: NonNullable<Service['spec']> });
      const sim = run([validNamespace, svc]);
      const name = svc.metadata.name ?? '';
      expect(fieldErrors(sim, `Service/valid/${name}`)).toEqual(c.errors);
      expect(resultOf(sim, name)?.outcome).toBe(c.errors.length === 0 ? 'created' : 'rejected');
      expect(sim.cluster.services.some((s) => s.metadata.name === name)).toBe(
        c.errors.length === 0,
      );
    });
  }
});

describe('GetWarningsForService (pkg/api/service/warnings.go at 8a84988bd67138e9c3e40990ceb3c7ec4ef1e2ca)', () => {
  it('warns that trafficDistribution PreferClose is deprecated in favour of PreferSameZone', () => {
    const svc = validService();
    svc.spec = { ...svc.spec, trafficDistribution: 'PreferClose' };
    const sim = run([validNamespace, svc]);
    expect(resultOf(sim, 'valid')?.warnings).toEqual([
      'spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"',
    ]);
  });

  it('warns of IPv6 addresses and CIDRs not in RFC 5952 canonical form (GetWarningsForIP, GetWarningsForCIDR)', () => {
    const svc = validService();
    svc.spec = {
      ...svc.spec,
      type: 'LoadBalancer',
      externalIPs: ['2001:db8:0::1'],
      loadBalancerSourceRanges: ['2001:DB8::/64'],
    };
    const sim = run([validNamespace, svc]);
    expect(resultOf(sim, 'valid')?.warnings).toEqual([
      'spec.externalIPs[0]: IPv6 address "2001:db8:0::1" should be in RFC 5952 canonical format ("2001:db8::1")',
      'spec.loadBalancerSourceRanges[0]: IPv6 CIDR value "2001:DB8::/64" should be in RFC 5952 canonical format ("2001:db8::/64")',
      'spec.externalIPs is deprecated and may no longer be implemented in some clusters',
    ]);
  });
});
