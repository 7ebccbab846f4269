/**
 * EndpointSlice validation cases from upstream's TestValidateEndpointSlice,
 * TestValidateEndpointSliceCreate and TestValidateEndpointSliceUpdate (kubernetes/kubernetes
 * pkg/apis/discovery/validation/validation_test.go at commit
 * 462f616877e1a8e65e6cc48fab91ff68ece67736), applied as discovery.k8s.io/v1 YAML. Upstream counts
 * the errors of each case; here each error is spelled out as pkg/apis/discovery/validation/validation.go
 * (commit 76f1684117ad57fd61646af1eef8b9a52f2b5833) words it, with the counts upstream expects.
 * TooMany reads `Too many: <n>: must have at most <max> items` (apimachinery
 * pkg/util/validation/field/errors.go, kubernetes/apimachinery commit
 * eed236ceee2c19c2753a3d93ac0631dc20750454).
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, KubeObject } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const world: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'world' } };

/** upstream's generateIPAddresses. */
const ips = (n: number) => Array.from({ length: n }, (_, i) => `10.1.2.${i % 255}`);

/** Our counterpart of upstream's good-slice: one named TCP port, one endpoint with a hostname. */
function slice(fields: Partial<EndpointSlice>, name = 'hello'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'world' },
    addressType: 'IPv4',
    ports: [{ name: 'http', protocol: 'TCP' }],
    endpoints: [{ addresses: ips(1), hostname: 'valid-123' }],
    ...fields,
  };
}

const dns1123Label =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const namePart =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const badIP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

const cases: { name: string; fields: Partial<EndpointSlice>; errors: string[] }[] = [
  { name: 'good-slice', fields: {}, errors: [] },
  {
    name: 'good-ipv6',
    fields: { addressType: 'IPv6', endpoints: [{ addresses: ['a00:100::4'] }] },
    errors: [],
  },
  {
    name: 'good-fqdns',
    fields: {
      addressType: 'FQDN',
      endpoints: [
        {
          addresses: [
            'foo.example.com',
            'example.com',
            'example.com.',
            'hyphens-are-good.example.com',
          ],
        },
      ],
    },
    errors: [],
  },
  {
    name: 'all-protocols',
    fields: {
      ports: [
        { name: 'tcp', protocol: 'TCP' },
        { name: 'udp', protocol: 'UDP' },
        { name: 'sctp', protocol: 'SCTP' },
      ],
    },
    errors: [],
  },
  {
    name: 'app-protocols',
    fields: {
      ports: [
        { name: 'one', protocol: 'TCP', appProtocol: 'HTTP' },
        { name: 'two', protocol: 'TCP', appProtocol: 'https' },
        { name: 'three', protocol: 'TCP', appProtocol: 'my-protocol' },
        { name: 'four', protocol: 'TCP', appProtocol: 'example.com/custom-protocol' },
      ],
    },
    errors: [],
  },
  {
    name: 'empty-port-name',
    fields: {
      ports: [
        { name: '', protocol: 'TCP' },
        { name: 'http', protocol: 'TCP' },
      ],
    },
    errors: [],
  },
  { name: 'long-port-name', fields: { ports: [{ name: 'a'.repeat(63) }] }, errors: [] },
  { name: 'empty-ports-and-endpoints', fields: { ports: [], endpoints: [] }, errors: [] },
  {
    name: 'max-endpoints',
    fields: {
      endpoints: Array.from({ length: 1000 }, (_, i) => ({ addresses: [ips(i + 1)[i] ?? ''] })),
    },
    errors: [],
  },
  { name: 'max-addresses', fields: { endpoints: [{ addresses: ips(100) }] }, errors: [] },
  {
    name: 'max-topology-keys',
    fields: {
      endpoints: [
        {
          addresses: ips(1),
          deprecatedTopology: Object.fromEntries(
            Array.from({ length: 16 }, (_, i) => [`topology-${i}`, 'example']),
          ),
        },
      ],
    },
    errors: [],
  },
  {
    name: 'valid-hints',
    fields: { endpoints: [{ addresses: ips(1), hints: { forZones: [{ name: 'zone-a' }] } }] },
    errors: [],
  },
  {
    name: 'duplicate-port-name',
    fields: {
      ports: [
        { name: '', protocol: 'TCP' },
        { name: '', protocol: 'TCP' },
      ],
      endpoints: [],
    },
    errors: ['ports[1].name: Duplicate value: ""'],
  },
  {
    name: 'bad-port-name-caps',
    fields: { ports: [{ name: 'aCapital', protocol: 'TCP' }], endpoints: [] },
    errors: [`ports[0].name: Invalid value: "aCapital": ${dns1123Label}`],
  },
  {
    name: 'bad-port-name-chars',
    fields: { ports: [{ name: 'almost_valid', protocol: 'TCP' }], endpoints: [] },
    errors: [`ports[0].name: Invalid value: "almost_valid": ${dns1123Label}`],
  },
  {
    name: 'bad-port-name-length',
    fields: { ports: [{ name: 'a'.repeat(64), protocol: 'TCP' }], endpoints: [] },
    errors: [
      `ports[0].name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    ],
  },
  {
    name: 'invalid-port-protocol',
    fields: { ports: [{ name: 'http', protocol: 'foo' as 'TCP' }] },
    errors: ['ports[0].protocol: Unsupported value: "foo": supported values: "SCTP", "TCP", "UDP"'],
  },
  {
    name: 'too-many-endpoints',
    fields: {
      endpoints: Array.from({ length: 1001 }, (_, i) => ({
        addresses: [`10.1.${i >> 8}.${(i & 255) + 1}`],
      })),
    },
    errors: ['endpoints: Too many: 1001: must have at most 1000 items'],
  },
  {
    name: 'no-endpoint-addresses',
    fields: { endpoints: [{ addresses: [] }] },
    errors: ['endpoints[0].addresses: Required value: must contain at least 1 address'],
  },
  {
    name: 'too-many-addresses',
    fields: { endpoints: [{ addresses: ips(101) }] },
    errors: ['endpoints[0].addresses: Too many: 101: must have at most 100 items'],
  },
  {
    name: 'bad-topology-key',
    fields: { endpoints: [{ addresses: ips(1), deprecatedTopology: { '--INVALID': 'example' } }] },
    errors: [`endpoints[0].deprecatedTopology: Invalid value: "--INVALID": ${namePart}`],
  },
  {
    name: 'too-many-topology-keys',
    fields: {
      endpoints: [
        {
          addresses: ips(1),
          deprecatedTopology: Object.fromEntries(
            Array.from({ length: 17 }, (_, i) => [`topology-${i}`, 'example']),
          ),
        },
      ],
    },
    errors: ['endpoints[0].deprecatedTopology: Too many: 17: must have at most 16 items'],
  },
  {
    name: 'bad-hostname',
    fields: { endpoints: [{ addresses: ips(1), hostname: '--INVALID' }] },
    errors: [`endpoints[0].hostname: Invalid value: "--INVALID": ${dns1123Label}`],
  },
  {
    name: 'bad-ip',
    fields: { endpoints: [{ addresses: ['123.456.789.012'], hostname: 'valid-123' }] },
    errors: [`endpoints[0].addresses[0]: Invalid value: "123.456.789.012": ${badIP}`],
  },
  {
    name: 'bad-ipv4 (two errors)',
    fields: { endpoints: [{ addresses: ['123.456.789.012', '2001:4860:4860::8888'] }] },
    errors: [
      `endpoints[0].addresses[0]: Invalid value: "123.456.789.012": ${badIP}`,
      'endpoints[0].addresses[1]: Invalid value: "2001:4860:4860::8888": must be an IPv4 address',
    ],
  },
  {
    name: 'bad-ipv6 (two errors)',
    fields: {
      addressType: 'IPv6',
      endpoints: [{ addresses: ['123.456.789.012', '2001:4860:4860:defg'] }],
    },
    errors: [
      `endpoints[0].addresses[0]: Invalid value: "123.456.789.012": ${badIP}`,
      `endpoints[0].addresses[1]: Invalid value: "2001:4860:4860:defg": ${badIP}`,
    ],
  },
  {
    name: 'bad-fqdns (four errors)',
    fields: {
      addressType: 'FQDN',
      endpoints: [
        {
          addresses: [
            'foo.*',
            'FOO.example.com',
            'underscores_are_bad.example.com',
            '*.example.com',
          ],
        },
      ],
    },
    errors: [
      `endpoints[0].addresses[0]: Invalid value: "foo.*": ${dns1123Subdomain}`,
      `endpoints[0].addresses[1]: Invalid value: "FOO.example.com": ${dns1123Subdomain}`,
      `endpoints[0].addresses[2]: Invalid value: "underscores_are_bad.example.com": ${dns1123Subdomain}`,
      `endpoints[0].addresses[3]: Invalid value: "*.example.com": ${dns1123Subdomain}`,
    ],
  },
  {
    name: 'bad-app-protocol',
    fields: { ports: [{ name: 'http', protocol: 'TCP', appProtocol: '--' }] },
    errors: [`ports[0].appProtocol: Invalid value: "--": ${namePart}`],
  },
  {
    name: 'invalid-hints',
    fields: { endpoints: [{ addresses: ips(1), hints: { forZones: [{ name: 'inv@lid' }] } }] },
    errors: [
      "endpoints[0].hints.forZones[0].name: Invalid value: \"inv@lid\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  },
  {
    name: 'overlapping-hints',
    fields: {
      endpoints: [
        {
          addresses: ips(1),
          hints: { forZones: [{ name: 'zone-a' }, { name: 'zone-b' }, { name: 'zone-a' }] },
        },
      ],
    },
    errors: ['endpoints[0].hints.forZones[2].name: Duplicate value: "zone-a"'],
  },
  {
    name: 'too-many-hints',
    fields: {
      endpoints: [
        {
          addresses: ips(1),
          hints: { forZones: Array.from('abcdefghi', (c) => ({ name: `zone-${c}` })) },
        },
      ],
    },
    errors: ['endpoints[0].hints.forZones: Too many: 9: must have at most 8 items'],
  },
  {
    name: 'zone-key-topology',
    fields: {
      endpoints: [
        { addresses: ips(1), deprecatedTopology: { 'topology.kubernetes.io/zone': 'zone1' } },
      ],
    },
    errors: [
      'endpoints[0].deprecatedTopology[topology.kubernetes.io/zone]: Internal error: reserved key was not removed in conversion',
    ],
  },
  {
    name: 'special-ipv4',
    fields: { endpoints: [{ addresses: ['127.0.0.1'], hostname: 'valid-123' }] },
    errors: [
      'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
  },
  {
    name: 'special-ipv6',
    fields: { addressType: 'IPv6', endpoints: [{ addresses: ['fe80::9656:d028:8652:66b6'] }] },
    errors: [
      'endpoints[0].addresses[0]: Invalid value: "fe80::9656:d028:8652:66b6": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ],
  },
  {
    name: 'good-slice-node-name (Create)',
    fields: { endpoints: [{ addresses: ips(1), nodeName: 'valid-node-name' }] },
    errors: [],
  },
  {
    name: 'bad-node-name (Create)',
    fields: { endpoints: [{ addresses: ips(1), nodeName: 'INvalid-node-name' }] },
    errors: [`endpoints[0].nodeName: Invalid value: "INvalid-node-name": ${dns1123Subdomain}`],
  },
  {
    name: 'deprecated-address-type (Create)',
    fields: { addressType: 'IP' as 'IPv4' },
    errors: ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'],
  },
  {
    name: 'bad-address-type (Create)',
    fields: { addressType: 'other' as 'IPv4' },
    errors: ['addressType: Unsupported value: "other": supported values: "FQDN", "IPv4", "IPv6"'],
  },
];

describe('ValidateEndpointSlice through kubectl apply (TestValidateEndpointSlice, TestValidateEndpointSliceCreate)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const sim = run([world, slice(c.fields)]);
      expect(fieldErrors(sim, 'EndpointSlice/world/hello')).toEqual(c.errors);
      expect(resultOf(sim, 'hello')?.outcome).toBe(c.errors.length === 0 ? 'created' : 'rejected');
    });
  }

  it('bad-meta: a name that is no DNS subdomain', () => {
    const sim = run([world, slice({}, '*&^')]);
    expect(fieldErrors(sim, 'EndpointSlice/world/*&^')).toEqual([
      `metadata.name: Invalid value: "*&^": ${dns1123Subdomain}`,
    ]);
  });

  it('too-many-ports: more than 20,000 ports', () => {
    const ports = Array.from({ length: 20001 }, (_, i) => ({
      name: `http-${i}`,
      protocol: 'TCP' as const,
    }));
    const sim = run([world, slice({ ports, endpoints: [] })]);
    expect(fieldErrors(sim, 'EndpointSlice/world/hello')).toEqual([
      'ports: Too many: 20001: must have at most 20000 items',
    ]);
  });
});

describe('ValidateEndpointSliceUpdate through kubectl apply (TestValidateEndpointSliceUpdate)', () => {
  it('valid and identical slices', () => {
    const sim = run([
      world,
      slice({ addressType: 'IPv6', endpoints: [] }),
      slice({ addressType: 'IPv6', endpoints: [], ports: [] }),
    ]);
    expect(resultOf(sim, 'hello')?.outcome).toBe('configured');
  });

  it('invalid node name set', () => {
    const sim = run([
      world,
      slice({ endpoints: [{ addresses: ['10.1.2.3'] }] }),
      slice({ endpoints: [{ addresses: ['10.1.2.3'], nodeName: 'INVALID foo' }] }),
    ]);
    expect(resultOf(sim, 'hello')?.error).toBe(
      `The EndpointSlice "hello" is invalid: endpoints[0].nodeName: Invalid value: "INVALID foo": ${dns1123Subdomain}`,
    );
  });

  it('the address type may not change', () => {
    const sim = run([
      world,
      slice({ addressType: 'IPv6', endpoints: [] }),
      slice({ endpoints: [] }),
    ]);
    expect(resultOf(sim, 'hello')?.error).toBe(
      'The EndpointSlice "hello" is invalid: addressType: Invalid value: "IPv4": field is immutable',
    );
  });

  it('invalid slices with valid address types', () => {
    const sim = run([
      world,
      slice({ endpoints: [] }),
      slice({ endpoints: [], ports: [{ name: '', protocol: 'invalid' as 'TCP' }] }),
    ]);
    expect(resultOf(sim, 'hello')?.error).toBe(
      'The EndpointSlice "hello" is invalid: ports[0].protocol: Unsupported value: "invalid": supported values: "SCTP", "TCP", "UDP"',
    );
  });
});
