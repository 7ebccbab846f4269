/**
 * EndpointSlice mirroring cases transcribed from kubernetes/kubernetes
 * pkg/controller/endpointslicemirroring/reconciler_test.go at
 * b94367cabf3edea99cfd7ecf7e8bafdc908d83ca (TestReconcile: subsets in, number of slices out)
 * and the shouldMirror rules of endpointslicemirroring_controller.go at
 * 003e86297d18a8538c9da3619871393f9703bf70.
 */
import { describe, expect, it } from 'vitest';
import {
  mirrorEndpoints,
  parseIPSloppy,
} from '../../../src/engine/controllers/endpointSliceMirroring';
import { seededRandom } from '../../../src/engine/controllers/random';
import { formatIP } from '../../../src/engine/net/ip';
import type {
  Endpoint,
  EndpointSlice,
  EndpointSubset,
  Endpoints,
  Service,
} from '../../../src/engine/model';

const service: Service = {
  kind: 'Service',
  metadata: { name: 'test-ep', namespace: 'test' },
  spec: { ports: [{ port: 80 }] },
};
const endpoints = (
  subsets: EndpointSubset[],
  meta: Partial<Endpoints['metadata']> = {},
): Endpoints => ({
  kind: 'Endpoints',
  metadata: {
    name: 'test-ep',
    namespace: 'test',
    uid: 'd8f2c1f6-5285-4b3c-b3c1-9b89f9e7ed7a',
    ...meta,
  },
  subsets,
});
const mirror = (e: Endpoints, svc: Service | undefined = service) =>
  mirrorEndpoints(e, svc, { random: seededRandom(1, 'mirror'), taken: new Set() });
const http = { name: 'http', port: 80, protocol: 'TCP' as const };
const https = { name: 'https', port: 443, protocol: 'UDP' as const };
const addr = (ip: string, hostname: string, nodeName = 'node-1') => ({ ip, hostname, nodeName });

describe('EndpointSlice mirroring reconcile (reconciler_test.go TestReconcile)', () => {
  const cases: [string, EndpointSubset[], number][] = [
    ['Endpoints with no subsets', [], 0],
    ['Endpoints with no addresses', [{ ports: [http] }], 0],
    [
      'Endpoints with 1 subset, port, and address',
      [{ ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] }],
      1,
    ],
    [
      'Endpoints with 2 subset, different port and address',
      [
        { ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] },
        { ports: [{ ...https, protocol: 'TCP' }], addresses: [addr('10.0.0.2', 'pod-2')] },
      ],
      2,
    ],
    [
      'Endpoints with 2 subset, different port and same address',
      [
        { ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] },
        { ports: [{ ...https, protocol: 'TCP' }], addresses: [addr('10.0.0.1', 'pod-1')] },
      ],
      1,
    ],
    [
      'Endpoints with 2 subset, different address and same port',
      [
        { ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] },
        { ports: [http], addresses: [addr('10.0.0.2', 'pod-2')] },
      ],
      1,
    ],
    [
      'Endpoints with 1 subset, 2 ports, and 2 addresses',
      [
        {
          ports: [http, https],
          addresses: [addr('10.0.0.1', 'pod-1'), addr('10.0.0.2', 'pod-2', 'node-2')],
        },
      ],
      1,
    ],
    [
      'Endpoints with 2 subsets, multiple ports and addresses',
      [
        { ports: [http, https], addresses: [addr('10.0.0.1', 'pod-1'), addr('10.0.0.2', 'pod-2')] },
        {
          ports: [
            { name: 'http', port: 3000, protocol: 'TCP' },
            { name: 'https', port: 3001, protocol: 'UDP' },
          ],
          addresses: [
            addr('10.0.1.1', 'pod-11'),
            addr('10.0.1.2', 'pod-12'),
            addr('10.0.1.3', 'pod-13'),
          ],
        },
      ],
      2,
    ],
    [
      'Endpoints with 1 subset of IPv4 and IPv6 addresses',
      [{ ports: [http], addresses: [addr('10.0.0.1', 'pod-1'), addr('2001:db8::1', 'pod-2')] }],
      2,
    ],
  ];
  const two = (a: [string, string][], b: [string, string][]): EndpointSubset[] => [
    { ports: [http, https], addresses: a.map(([ip, h], i) => addr(ip, h, `node-${i + 1}`)) },
    {
      ports: [
        { name: 'http', port: 3000, protocol: 'TCP' },
        { name: 'https', port: 3001, protocol: 'UDP' },
      ],
      addresses: b.map(([ip, h], i) => addr(ip, h, `node-${i + 1}`)),
    },
  ];
  cases.push(
    [
      'Endpoints with 2 subsets, multiple ports, and dual stack addresses',
      two(
        [
          ['2001:db8:2222:3333:4444:5555:6666:7777', 'pod-1'],
          ['10.0.0.2', 'pod-2'],
        ],
        [
          ['10.0.1.1', 'pod-11'],
          ['10.0.1.2', 'pod-12'],
          ['2001:db8:3333:4444:5555:6666:7777:8888', 'pod-13'],
        ],
      ),
      4,
    ],
    [
      'Endpoints with 2 subsets, multiple ports, ipv6 only addresses',
      two(
        [
          ['2001:db8:1111:3333:4444:5555:6666:7777', 'pod-1'],
          ['2001:db8:2222:3333:4444:5555:6666:7777', 'pod-2'],
        ],
        [
          ['2001:db8:3333:3333:4444:5555:6666:7777', 'pod-11'],
          ['2001:db8:4444:3333:4444:5555:6666:7777', 'pod-12'],
          ['2001:db8:5555:3333:4444:5555:6666:7777', 'pod-13'],
        ],
      ),
      2,
    ],
    [
      'Endpoints with 2 subsets, multiple ports, some invalid addresses',
      two(
        [
          ['2001:db8:1111:3333:4444:5555:6666:7777', 'pod-1'],
          ['this-is-not-an-ip', 'pod-2'],
        ],
        [
          ['this-is-also-not-an-ip', 'pod-11'],
          ['2001:db8:4444:3333:4444:5555:6666:7777', 'pod-12'],
          ['2001:db8:5555:3333:4444:5555:6666:7777', 'pod-13'],
        ],
      ),
      2,
    ],
    [
      'Endpoints with 2 subsets, multiple ports, all invalid addresses',
      two(
        [
          ['this-is-not-an-ip1', 'pod-1'],
          ['this-is-not-an-ip12', 'pod-2'],
        ],
        [
          ['this-is-not-an-ip11', 'pod-11'],
          ['this-is-not-an-ip12', 'pod-12'],
          ['this-is-not-an-ip3', 'pod-13'],
        ],
      ),
      0,
    ],
  );
  for (const [name, subsets, slices] of cases) {
    it(`${name}: ${slices} slice(s)`, () => {
      expect(mirror(endpoints(subsets)).slices).toHaveLength(slices);
    });
  }

  it('puts each address in the slice of its family and ports (expectMatchingAddresses)', () => {
    const result = mirror(
      endpoints(
        two(
          [
            ['2001:db8:2222:3333:4444:5555:6666:7777', 'pod-1'],
            ['10.0.0.2', 'pod-2'],
          ],
          [['10.0.1.1', 'pod-11']],
        ),
      ),
    );
    expect(
      result.slices.map((s) => [
        s.addressType,
        s.ports?.map((p) => p.port ?? 0).sort((a, b) => a - b),
        s.endpoints?.map((e) => [e.addresses?.[0], e.hostname, e.nodeName, e.conditions?.ready]),
      ]),
    ).toEqual([
      ['IPv4', [80, 443], [['10.0.0.2', 'pod-2', 'node-2', true]]],
      ['IPv4', [3000, 3001], [['10.0.1.1', 'pod-11', 'node-1', true]]],
      ['IPv6', [80, 443], [['2001:db8:2222:3333:4444:5555:6666:7777', 'pod-1', 'node-1', true]]],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('copies ready and not-ready addresses with only the ready condition', () => {
    const [slice] = mirror(
      endpoints([
        {
          ports: [http, https],
          addresses: [addr('10.1.1.1', 'pod-11'), addr('10.1.1.2', 'pod-12', 'node-2')],
          notReadyAddresses: [addr('10.0.0.1', 'pod-1'), addr('10.0.0.2', 'pod-2', 'node-2')],
        },
      ]),
    ).slices;
    expect(slice?.endpoints).toEqual([
      {
        addresses: ['10.0.0.1'],
        conditions: { ready: false },
        hostname: 'pod-1',
        nodeName: 'node-1',
      },
      {
        addresses: ['10.0.0.2'],
        conditions: { ready: false },
        hostname: 'pod-2',
        nodeName: 'node-2',
      },
      {
        addresses: ['10.1.1.1'],
        conditions: { ready: true },
        hostname: 'pod-11',
        nodeName: 'node-1',
      },
      {
        addresses: ['10.1.1.2'],
        conditions: { ready: true },
        hostname: 'pod-12',
        nodeName: 'node-2',
      },
    ]);
    // The repacked subset's ports, sorted again by NewPortMapKey (hash of the slice port's dump).
    expect(slice?.ports).toEqual([http, https]);
  });

  it('labels, annotations and owner of a mirrored slice (newEndpointSlice)', () => {
    const [slice] = mirror(
      endpoints([{ ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] }], {
        labels: { foo: 'bar' },
        annotations: {
          foo2: 'bar2',
          'endpoints.kubernetes.io/last-change-trigger-time': '2020-01-01T00:00:00Z',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
      }),
    ).slices;
    expect(slice?.metadata).toMatchObject({
      generateName: 'test-ep-',
      namespace: 'test',
      labels: {
        foo: 'bar',
        'kubernetes.io/service-name': 'test-ep',
        'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
      },
      annotations: { foo2: 'bar2' },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          name: 'test-ep',
          uid: 'd8f2c1f6-5285-4b3c-b3c1-9b89f9e7ed7a',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(slice?.metadata.name).toMatch(/^test-ep-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('skips invalid addresses and reports them (InvalidIPAddress event)', () => {
    const result = mirror(
      endpoints([{ ports: [http], addresses: [addr('10.0.0.1', 'a'), addr('not-an-ip', 'b')] }]),
    );
    expect(result.slices[0]?.endpoints).toHaveLength(1);
    expect(result.warnings).toEqual([
      'Skipped 1 invalid IP addresses when mirroring to EndpointSlices',
    ]);
  });

  it('mirrors at most 1000 addresses per subset (TooManyAddressesToMirror event)', () => {
    const addresses = Array.from({ length: 1002 }, (_, i) =>
      addr(`10.0.${i >> 8}.${i & 255}`, `p${i}`),
    );
    const result = mirror(endpoints([{ ports: [http], addresses }]));
    expect(result.slices[0]?.endpoints).toHaveLength(1000);
    expect(result.warnings).toEqual([
      'A max of 1000 addresses can be mirrored to EndpointSlices per Endpoints subset. 2 addresses were skipped',
    ]);
  });

  it('mirrors nothing while the Endpoints is pending deletion', () => {
    const e = endpoints([{ ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] }], {
      deletionTimestamp: '2020-01-01T00:00:00Z',
    });
    expect(mirror(e).slices).toEqual([]);
  });
});

describe('shouldMirror (endpointslicemirroring_controller.go)', () => {
  const subsets = [{ ports: [http], addresses: [addr('10.0.0.1', 'pod-1')] }];
  it('skips Endpoints labelled skip-mirror', () => {
    expect(
      mirror(endpoints(subsets, { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }))
        .slices,
    ).toEqual([]);
  });
  it('skips leader-election Endpoints', () => {
    expect(
      mirror(
        endpoints(subsets, { annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } }),
      ).slices,
    ).toEqual([]);
  });
  it('skips Endpoints whose Service is missing or has a selector', () => {
    const naming = { random: seededRandom(1, 'mirror'), taken: new Set<string>() };
    expect(mirrorEndpoints(endpoints(subsets), undefined, naming).slices).toEqual([]);
    expect(
      mirror(endpoints(subsets), { ...service, spec: { selector: { app: 'x' } } }).slices,
    ).toEqual([]);
  });
});

describe('ParseIPSloppy (addressToEndpoint)', () => {
  it('reads leading zeros as decimal and maps IPv4-mapped IPv6 to IPv4', () => {
    const text = (s: string) => {
      const ip = parseIPSloppy(s);
      return ip ? formatIP(ip) : undefined;
    };
    expect(text('010.001.000.001')).toBe('10.1.0.1');
    expect(text('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(text('2001:0db8::0001')).toBe('2001:db8::1');
    expect(text('10.0.0.256')).toBeUndefined();
  });
});

describe('mirroring onto stored slices (reconciler_test.go TestReconcile, existing EndpointSlices)', () => {
  const subsets: EndpointSubset[] = [
    {
      ports: [http, https],
      addresses: [addr('10.0.0.1', 'pod-1'), addr('10.0.0.2', 'pod-2', 'node-2')],
    },
    {
      ports: [
        { name: 'http', port: 3000, protocol: 'TCP' },
        { name: 'https', port: 3001, protocol: 'UDP' },
      ],
      addresses: [addr('10.0.1.1', 'pod-11'), addr('10.0.1.2', 'pod-12', 'node-2')],
    },
  ];
  const stored = (endpointsList: Endpoint[] | null): EndpointSlice => ({
    kind: 'EndpointSlice',
    metadata: {
      name: 'test-ep-1',
      namespace: 'test',
      labels: {
        'kubernetes.io/service-name': 'test-ep',
        'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    ports: [http, https],
    endpoints: endpointsList,
  });
  const withExisting = (existing: EndpointSlice[]) =>
    mirrorEndpoints(endpoints(subsets), service, {
      random: seededRandom(1, 'mirror'),
      taken: new Set(['test-ep-1']),
      existing,
    }).slices;

  it('keeps a stored slice identical to a subset, and creates the other', () => {
    const identical = stored([
      {
        addresses: ['10.0.0.1'],
        conditions: { ready: true },
        hostname: 'pod-1',
        nodeName: 'node-1',
      },
      {
        addresses: ['10.0.0.2'],
        conditions: { ready: true },
        hostname: 'pod-2',
        nodeName: 'node-2',
      },
    ]);
    const out = withExisting([identical]);
    expect(out[0]).toEqual(identical);
    expect(out.map((s) => [s.metadata.name === 'test-ep-1', s.endpoints?.length])).toEqual([
      [true, 2],
      [false, 2],
    ]);
  });

  it('rewrites an empty or partial stored slice under its name', () => {
    for (const partial of [
      stored(null),
      stored([
        { addresses: ['10.0.0.2'], hostname: 'pod-2' },
        { addresses: ['10.0.0.1', '10.0.0.3'], hostname: 'pod-1' },
      ]),
    ]) {
      const out = withExisting([partial]);
      expect(out.map((s) => [s.metadata.name === 'test-ep-1', s.metadata.generation])).toEqual([
        [true, 1],
        [false, 1],
      ]);
      expect(out[0]?.endpoints?.map((e) => e.addresses?.[0])).toEqual(['10.0.0.1', '10.0.0.2']);
    }
  });

  it('gives the name of a slice no longer wanted to a new one of its address type (recycleSlices)', () => {
    const stale = { ...stored(null), ports: [{ name: 'old', port: 1, protocol: 'TCP' as const }] };
    const out = withExisting([stale]);
    expect(out.map((s) => s.metadata.name === 'test-ep-1')).toEqual([true, false]);
  });
});
