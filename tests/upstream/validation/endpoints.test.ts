/**
 * Endpoints validation cases from upstream's TestValidateEndpointsCreate and
 * TestValidateEndpointsUpdate (kubernetes/kubernetes pkg/apis/core/validation/validation_test.go at
 * commit b1ce15c54586daabffbc79d6ef36feabbf5a0875), applied as v1 YAML. Upstream checks the type
 * of the first error; here the whole messages are spelled out as validation.go words them
 * (ValidateEndpoints, validateEndpointAddress, ValidateNonSpecialIP, validateEndpointPort; commit
 * a7264f95ffc8b56377da16e83461aa59467ebb3e). Through `kubectl apply` the v1 defaults run first,
 * so upstream's "Port missing protocol" is admitted with TCP.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoints, KubeObject } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const namespace: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'namespace' },
};
type Subsets = NonNullable<Endpoints['subsets']>;

function endpoints(subsets: Subsets | undefined, name = 'mysvc'): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: 'namespace' },
    ...(subsets ? { subsets } : {}),
  };
}

const one = (
  ip: string,
  port: Record<string, unknown> = { name: 'a', port: 93, protocol: 'TCP' },
) => [{ addresses: [{ ip }], ports: [port] }] as Subsets;

const cases: { name: string; subsets: Subsets | undefined; errors: string[] }[] = [
  {
    name: 'simple endpoint',
    subsets: [
      {
        addresses: [{ ip: '10.10.1.1' }, { ip: '10.10.2.2' }],
        ports: [
          { name: 'a', port: 8675, protocol: 'TCP' },
          { name: 'b', port: 309, protocol: 'TCP' },
        ],
      },
      {
        addresses: [{ ip: '10.10.3.3' }],
        ports: [
          { name: 'a', port: 93, protocol: 'TCP' },
          { name: 'b', port: 76, protocol: 'TCP' },
        ],
      },
    ],
    errors: [],
  },
  { name: 'empty subsets', subsets: undefined, errors: [] },
  {
    name: 'no name required for singleton port',
    subsets: one('10.10.1.1', { port: 8675, protocol: 'TCP' }),
    errors: [],
  },
  {
    name: 'valid appProtocol',
    subsets: one('10.10.1.1', { port: 8675, protocol: 'TCP', appProtocol: 'HTTP' }),
    errors: [],
  },
  { name: 'empty ports', subsets: [{ addresses: [{ ip: '10.10.3.3' }] }], errors: [] },
  {
    name: 'empty addresses',
    subsets: [{ ports: [{ name: 'a', port: 93, protocol: 'TCP' }] }],
    errors: ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'],
  },
  {
    name: 'invalid IP (IsValidIP, then ValidateNonSpecialIP)',
    subsets: one('[2001:0db8:85a3:0042:1000:8a2e:0370:7334]'),
    errors: [
      'subsets[0].addresses[0].ip: Invalid value: "[2001:0db8:85a3:0042:1000:8a2e:0370:7334]": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].addresses[0].ip: Invalid value: "[2001:0db8:85a3:0042:1000:8a2e:0370:7334]": must be a valid IP address',
    ],
  },
  {
    name: 'Multiple ports, one without name',
    subsets: [
      {
        addresses: [{ ip: '10.10.1.1' }],
        ports: [
          { port: 8675, protocol: 'TCP' },
          { name: 'b', port: 309, protocol: 'TCP' },
        ],
      },
    ],
    errors: ['subsets[0].ports[0].name: Required value'],
  },
  {
    name: 'Invalid port number',
    subsets: one('10.10.1.1', { name: 'a', port: 66000, protocol: 'TCP' }),
    errors: [
      'subsets[0].ports[0].port: Invalid value: 66000: must be between 1 and 65535, inclusive',
    ],
  },
  {
    name: 'Invalid protocol',
    subsets: one('10.10.1.1', { name: 'a', port: 93, protocol: 'Protocol' }),
    errors: [
      'subsets[0].ports[0].protocol: Unsupported value: "Protocol": supported values: "SCTP", "TCP", "UDP"',
    ],
  },
  {
    name: 'Address missing IP',
    subsets: [{ addresses: [{}], ports: [{ name: 'a', port: 93, protocol: 'TCP' }] }] as Subsets,
    errors: [
      'subsets[0].addresses[0].ip: Invalid value: "": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].addresses[0].ip: Invalid value: "": must be a valid IP address',
    ],
  },
  {
    name: 'Port missing number',
    subsets: one('10.10.1.1', { name: 'a', protocol: 'TCP' }),
    errors: ['subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
  },
  {
    name: 'Port missing protocol (defaulted to TCP by the v1 API)',
    subsets: one('10.10.1.1', { name: 'a', port: 93 }),
    errors: [],
  },
  {
    name: 'Address is loopback',
    subsets: one('127.0.0.1'),
    errors: [
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
  },
  {
    name: 'Address is link-local',
    subsets: one('169.254.169.254'),
    errors: [
      'subsets[0].addresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ],
  },
  {
    name: 'Address is link-local multicast',
    subsets: one('224.0.0.1'),
    errors: [
      'subsets[0].addresses[0].ip: Invalid value: "224.0.0.1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    ],
  },
  {
    name: 'Invalid AppProtocol',
    subsets: one('10.10.1.1', {
      name: 'p',
      port: 93,
      protocol: 'TCP',
      appProtocol: 'lots-of[invalid]-{chars}',
    }),
    errors: [
      "subsets[0].ports[0].appProtocol: Invalid value: \"lots-of[invalid]-{chars}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
  },
];

describe('ValidateEndpointsCreate through kubectl apply (TestValidateEndpointsCreate)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const sim = run([namespace, endpoints(c.subsets)]);
      expect(fieldErrors(sim, 'Endpoints/namespace/mysvc')).toEqual(c.errors);
      expect(resultOf(sim, 'mysvc')?.outcome).toBe(c.errors.length === 0 ? 'created' : 'rejected');
    });
  }

  it('invalid name', () => {
    const sim = run([namespace, endpoints(undefined, '-_Invliad^&Characters')]);
    expect(resultOf(sim, '-_Invliad^&Characters')?.error).toBe(
      "The Endpoints \"-_Invliad^&Characters\" is invalid: metadata.name: Invalid value: \"-_Invliad^&Characters\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });
});

describe('ValidateEndpointsUpdate through kubectl apply (TestValidateEndpointsUpdate)', () => {
  const base = (appProtocol?: string) =>
    endpoints(
      one('10.1.2.3', {
        name: 'a',
        port: 8675,
        protocol: 'TCP',
        ...(appProtocol === undefined ? {} : { appProtocol }),
      }),
    );

  it('update to valid app protocol', () => {
    const sim = run([namespace, base(), base('https')]);
    expect(resultOf(sim, 'mysvc')?.outcome).toBe('configured');
  });

  it('update to invalid app protocol', () => {
    const sim = run([namespace, base(), base('~https')]);
    expect(fieldErrors(sim, 'Endpoints/namespace/mysvc')).toEqual([
      "subsets[0].ports[0].appProtocol: Invalid value: \"~https\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });
});
