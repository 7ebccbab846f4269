/**
 * More EndpointSlice mirroring cases from kubernetes/kubernetes pkg/controller/endpointslicemirroring:
 * - endpointslicemirroring_controller_test.go at 21f0b70f3eedd46bae9904141aeaf2b090072751
 *   (reference-index file 30709017054): TestSyncEndpoints, TestShouldMirror and
 *   TestEndpointSlicesMirroredForService, played through the controllers (runControllers, the
 *   objects as stored: Endpoints, their Service and slices already mirrored);
 * - utils_test.go at 04791b4906602ffda5ccf9bc4c84d3329f1d7080 (reference-index file
 *   1370350154): TestNewEndpointSlice and TestAddressToEndpoint;
 * - reconciler_helpers_test.go at 53f1b9d6f8de259644c05a25aa7ac8c6a67258e2 (reference-index file
 *   4904914616): TestRecycleSlices, each slice to create written as an Endpoints subset and each
 *   slice to delete as a stored slice with other ports, so that the reconciler has both to
 *   recycle.
 *
 * TestEndpointSlicesMirroredForService asks which stored slices belong to Endpoints svc1 of ns1:
 * here its Endpoints has no address, so the slices that are its own are deleted and the others
 * stay (a slice of another Endpoints is given that Endpoints, whose mirroring keeps its name).
 */
import { describe, expect, it } from 'vitest';
import { runControllers } from '../../../src/engine/controllers';
import { mirrorEndpoints } from '../../../src/engine/controllers/endpointSliceMirroring';
import { seededRandom } from '../../../src/engine/controllers/random';
import { defaultClusterSettings } from '../../../src/engine/settings';
import type {
  EndpointAddress,
  EndpointSlice,
  EndpointSubset,
  Endpoints,
  KubeObject,
  Service,
} from '../../../src/engine/model';

const mirroringController = 'endpointslicemirroring-controller.k8s.io';
const managedBy = 'endpointslice.kubernetes.io/managed-by';
const serviceNameLabel = 'kubernetes.io/service-name';

const service = (name: string, namespace = 'default', spec: Service['spec'] = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec,
});
const endpointsOf = (
  name: string,
  subsets: EndpointSubset[],
  meta: Partial<Endpoints['metadata']> = {},
): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace: 'default', ...meta },
  subsets,
});
const storedSlice = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace, labels },
  addressType: 'IPv4',
  endpoints: null,
});
/** The slices the controllers leave, given `objects`. */
function run(...objects: KubeObject[]) {
  return runControllers({ settings: defaultClusterSettings, seed: 1, objects });
}
const mirroredIn = (slices: EndpointSlice[], name: string) =>
  slices.filter(
    (s) =>
      s.metadata.labels?.[managedBy] === mirroringController &&
      s.metadata.labels?.[serviceNameLabel] === name,
  );

/** generateAddresses: 10.0.<i/255>.<i%255>. */
const generateAddresses = (n: number): EndpointAddress[] =>
  Array.from({ length: n }, (_, i) => ({ ip: `10.0.${Math.floor(i / 255)}.${i % 255}` }));

describe('syncEndpoints (TestSyncEndpoints)', () => {
  const name = 'testing-sync-endpoints';
  const port80 = [{ port: 80 }];
  const one = [{ ports: port80, addresses: [{ ip: '10.0.0.1' }] }];
  const cases: [string, Service | undefined, Endpoints, EndpointSlice[], number][] = [
    ['Endpoints with no addresses', service(name), endpointsOf(name, [{ ports: port80 }]), [], 0],
    [
      'Endpoints with skip label true',
      service(name),
      endpointsOf(name, one, { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }),
      [],
      0,
    ],
    [
      'Endpoints with skip label false',
      service(name),
      endpointsOf(name, one, { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'false' } }),
      [],
      1,
    ],
    ['Endpoints with missing Service', undefined, endpointsOf(name, one), [], 0],
    [
      'Endpoints with Service with selector specified',
      service(name, 'default', { selector: { foo: 'bar' } }),
      endpointsOf(name, one),
      [],
      0,
    ],
    [
      'Existing EndpointSlices that need to be cleaned up',
      service(name),
      endpointsOf(name, [{ ports: port80 }]),
      [
        storedSlice(`${name}-1`, 'default', {
          [serviceNameLabel]: name,
          [managedBy]: mirroringController,
        }),
      ],
      0,
    ],
    [
      'Existing EndpointSlices managed by a different controller, no addresses to sync',
      service(name),
      endpointsOf(name, [{ ports: port80 }]),
      [storedSlice(`${name}-1`, 'default', { [managedBy]: 'something-else' })],
      0,
    ],
    [
      'Endpoints with 1000 addresses',
      service(name),
      endpointsOf(name, [{ ports: port80, addresses: generateAddresses(1000) }]),
      [],
      1,
    ],
    [
      'Endpoints with 1001 addresses - 1 should not be mirrored',
      service(name),
      endpointsOf(name, [{ ports: port80, addresses: generateAddresses(1001) }]),
      [],
      1,
    ],
  ];
  for (const [test, svc, endpoints, slices, count] of cases) {
    it(`${test}: ${count} mirrored slice(s)`, () => {
      const out = run(...(svc ? [svc] : []), endpoints, ...slices);
      const mirrored = mirroredIn(out.endpointSlices, name);
      expect(mirrored).toHaveLength(count);
      const total = (endpoints.subsets ?? []).reduce(
        (n, s) => n + Math.min(1000, s.addresses?.length ?? 0),
        0,
      );
      expect(mirrored.reduce((n, s) => n + (s.endpoints?.length ?? 0), 0)).toBe(
        svc && count > 0 ? total : 0,
      );
      // A slice of another controller is left as it is.
      for (const other of slices.filter(
        (s) => s.metadata.labels?.[managedBy] !== mirroringController,
      ))
        expect(out.endpointSlices).toContainEqual(other);
    });
  }

  it('records the addresses it could not mirror past 1000 (TooManyAddressesToMirror)', () => {
    const out = run(
      service(name),
      endpointsOf(name, [{ ports: port80, addresses: generateAddresses(1001) }]),
    );
    expect(out.findings.map((f) => f.message)).toContain(
      'A max of 1000 addresses can be mirrored to EndpointSlices per Endpoints subset. 1 addresses were skipped',
    );
  });
});

describe('shouldMirror (TestShouldMirror)', () => {
  const cases: [string, Partial<Endpoints['metadata']>, boolean][] = [
    ['Standard Endpoints', {}, true],
    [
      'Endpoints with skip-mirror=true',
      { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      false,
    ],
    [
      'Endpoints with skip-mirror=invalid',
      { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'invalid' } },
      true,
    ],
    [
      'Endpoints with leader election annotation',
      { annotations: { 'control-plane.alpha.kubernetes.io/leader': '' } },
      false,
    ],
  ];
  for (const [test, meta, mirrored] of cases) {
    it(`${test}: ${mirrored ? 'mirrored' : 'not mirrored'}`, () => {
      const out = run(
        service('test-endpoints'),
        endpointsOf(
          'test-endpoints',
          [{ ports: [{ port: 80 }], addresses: [{ ip: '10.0.0.1' }] }],
          meta,
        ),
      );
      expect(mirroredIn(out.endpointSlices, 'test-endpoints')).toHaveLength(mirrored ? 1 : 0);
    });
  }
});

describe('the slices mirrored for a Service (TestEndpointSlicesMirroredForService)', () => {
  const labels = (name?: string, controller?: string) => ({
    ...(name ? { [serviceNameLabel]: name } : {}),
    ...(controller ? { [managedBy]: controller } : {}),
  });
  /** The Endpoints of another Service, in `namespace`, that mirrors one address. */
  const owner = (name: string, namespace: string): KubeObject[] => [
    service(name, namespace),
    endpointsOf(name, [{ ports: [{ port: 80 }], addresses: [{ ip: '10.0.0.9' }] }], {
      namespace,
    }),
  ];
  const cases: [string, EndpointSlice, KubeObject[], boolean][] = [
    [
      'Service with matching EndpointSlice',
      storedSlice('example-1', 'ns1', labels('svc1', mirroringController)),
      [],
      true,
    ],
    [
      'Service with EndpointSlice that has different namespace',
      storedSlice('example-1', 'ns2', labels('svc1', mirroringController)),
      owner('svc1', 'ns2'),
      false,
    ],
    [
      'Service with EndpointSlice that has different service name',
      storedSlice('example-1', 'ns1', labels('svc2', mirroringController)),
      owner('svc2', 'ns1'),
      false,
    ],
    [
      'Service with EndpointSlice that has different controller name',
      storedSlice('example-1', 'ns1', labels('svc1', `${mirroringController}foo`)),
      [],
      false,
    ],
    [
      'Service with EndpointSlice that has missing controller name',
      storedSlice('example-1', 'ns1', labels('svc1')),
      [],
      false,
    ],
    [
      'Service with EndpointSlice that has missing service name',
      storedSlice('example-1', 'ns1', labels(undefined, mirroringController)),
      [],
      false,
    ],
  ];
  for (const [test, slice, more, ofSvc1] of cases) {
    it(`${test}: ${ofSvc1 ? 'deleted with svc1' : 'left alone'}`, () => {
      const out = run(
        service('svc1', 'ns1'),
        endpointsOf('svc1', [{ ports: [{ port: 80 }] }], { namespace: 'ns1' }),
        slice,
        ...more,
      );
      const left = out.endpointSlices.filter(
        (s) =>
          s.metadata.namespace === slice.metadata.namespace &&
          s.metadata.name === slice.metadata.name,
      );
      expect(left).toHaveLength(ofSvc1 ? 0 : 1);
      if (!ofSvc1 && more.length === 0) expect(left[0]).toEqual(slice);
    });
  }
});

describe('newEndpointSlice (TestNewEndpointSlice)', () => {
  const owner = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    name: 'foo',
    uid: 'uid-foo',
    controller: true,
    blockOwnerDeletion: true,
  };
  const cases: [string, Partial<Endpoints['metadata']>, Record<string, string>, object][] = [
    ['create slice from endpoints', {}, {}, {}],
    [
      'create slice from endpoints with annotations',
      { annotations: { foo: 'bar' } },
      {},
      { foo: 'bar' },
    ],
    ['create slice from endpoints with labels', { labels: { foo: 'bar' } }, { foo: 'bar' }, {}],
    [
      'create slice from endpoints with labels and annotations',
      { labels: { foo: 'bar' }, annotations: { foo2: 'bar2' } },
      { foo: 'bar' },
      { foo2: 'bar2' },
    ],
    [
      'create slice from endpoints with labels and annotations triggertime',
      {
        labels: { foo: 'bar' },
        annotations: { foo2: 'bar2', 'endpoints.kubernetes.io/last-change-trigger-time': 'date' },
      },
      { foo: 'bar' },
      { foo2: 'bar2' },
    ],
  ];
  for (const [test, meta, labels, annotations] of cases) {
    it(test, () => {
      const endpoints = endpointsOf(
        'foo',
        [{ ports: [{ name: 'foo', port: 80, protocol: 'TCP' }], addresses: [{ ip: '10.0.0.1' }] }],
        { namespace: 'test', uid: 'uid-foo', ...meta },
      );
      const before = structuredClone(endpoints);
      const [slice] = mirrorEndpoints(endpoints, service('foo', 'test'), {
        random: seededRandom(1, 'mirror'),
        taken: new Set(),
      }).slices;
      expect(slice?.metadata).toMatchObject({
        generateName: 'foo-',
        namespace: 'test',
        labels: {
          ...labels,
          [serviceNameLabel]: 'foo',
          [managedBy]: mirroringController,
        },
        ownerReferences: [owner],
      });
      expect(slice?.metadata.annotations ?? {}).toEqual(annotations);
      expect(slice?.addressType).toBe('IPv4');
      expect(slice?.ports).toEqual([{ name: 'foo', port: 80, protocol: 'TCP' }]);
      // The Endpoints' own labels are left as they were.
      expect(endpoints).toEqual(before);
    });
  }
});

describe('addressToEndpoint (TestAddressToEndpoint)', () => {
  it('copies the address, hostname, node name and target of a ready address', () => {
    const targetRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'foo' };
    const endpoints = endpointsOf('foo', [
      {
        ports: [{ port: 80 }],
        addresses: [{ ip: '10.1.2.3', hostname: 'foo', nodeName: 'node-abc', targetRef }],
      },
    ]);
    const [slice] = mirrorEndpoints(endpoints, service('foo'), {
      random: seededRandom(1, 'mirror'),
      taken: new Set(),
    }).slices;
    expect(slice?.endpoints).toEqual([
      {
        addresses: ['10.1.2.3'],
        hostname: 'foo',
        conditions: { ready: true },
        targetRef,
        nodeName: 'node-abc',
      },
    ]);
  });
});

describe('recycleSlices (TestRecycleSlices)', () => {
  const v6a = '2001:db8:1111:3333:4444:5555:6666:7777';
  const v6b = '2001:db8:2222:3333:4444:5555:6666:7777';
  /** A subset on its own port, so each is a slice of its own. */
  const subset = (ip: string, port: number): EndpointSubset => ({
    ports: [{ name: `p${port}`, port, protocol: 'TCP' }],
    addresses: [{ ip }],
  });
  /** A stored mirrored slice of the Endpoints, on `port`. */
  const stored = (name: string, ip: string, port: number, v6 = false): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: 'default',
      generation: 1,
      labels: { [serviceNameLabel]: 'foo', [managedBy]: mirroringController },
    },
    addressType: v6 ? 'IPv6' : 'IPv4',
    ports: [{ name: `p${port}`, port, protocol: 'TCP' }],
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
  });
  /** The mirrored slices as [name, first address], stored names kept, new ones as 'new'. */
  const mirror = (subsets: EndpointSubset[], existing: EndpointSlice[]) =>
    mirrorEndpoints(endpointsOf('foo', subsets), service('foo'), {
      random: seededRandom(1, 'mirror'),
      taken: new Set(existing.map((s) => s.metadata.name ?? '')),
      existing,
    })
      .slices.map((s) => [
        existing.some((e) => e.metadata.name === s.metadata.name) ? s.metadata.name : 'new',
        s.endpoints?.[0]?.addresses?.[0],
      ])
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));

  it('Empty slices', () => {
    expect(mirror([], [])).toEqual([]);
  });
  it('1 to create and 1 to delete: the new slice takes the name', () => {
    expect(mirror([subset('10.1.2.3', 1)], [stored('bar', '10.2.3.4', 9)])).toEqual([
      ['bar', '10.1.2.3'],
    ]);
  });
  it('1 to create, update, and delete', () => {
    expect(
      mirror(
        [subset('10.1.2.3', 1), subset('10.2.3.5', 2)],
        [stored('baz', '10.2.3.4', 2), stored('bar', '10.3.4.5', 9)],
      ),
    ).toEqual([
      ['bar', '10.1.2.3'],
      ['baz', '10.2.3.5'],
    ]);
  });
  it('2 to create and 1 to delete: one takes the name, the other is created', () => {
    const out = mirror(
      [subset('10.1.2.3', 1), subset('10.3.4.5', 2)],
      [stored('bar', '10.2.3.4', 9)],
    );
    expect(out.map(([name]) => name)).toEqual(['bar', 'new']);
  });
  it('1 to create and 2 to delete: one name is taken, the other slice deleted', () => {
    const out = mirror(
      [subset('10.1.2.3', 1)],
      [stored('bar1', '10.2.3.4', 8), stored('bar2', '10.3.4.5', 9)],
    );
    expect(out).toHaveLength(1);
    expect(['bar1', 'bar2']).toContain(out[0]?.[0]);
    expect(out[0]?.[1]).toBe('10.1.2.3');
  });
  it('1 to create and 1 to delete for each IP family', () => {
    expect(
      mirror(
        [subset('10.1.2.3', 1), subset(v6a, 1)],
        [stored('bar-v4', '10.2.2.3', 9), stored('bar-v6', v6b, 9, true)],
      ),
    ).toEqual([
      ['bar-v4', '10.1.2.3'],
      ['bar-v6', v6a],
    ]);
  });
  it('1 to create and 1 to delete, wrong IP family: no name is taken', () => {
    expect(mirror([subset('10.1.2.3', 1)], [stored('bar-v6', v6b, 9, true)])).toEqual([
      ['new', '10.1.2.3'],
    ]);
  });
});
