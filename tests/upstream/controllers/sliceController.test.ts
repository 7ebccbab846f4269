/**
 * EndpointSlice controller cases of kubernetes/kubernetes
 * pkg/controller/endpointslice/endpointslice_controller_test.go at
 * 003e86297d18a8538c9da3619871393f9703bf70 (reference-index file 21921310389), played through
 * the controllers (runControllers, the objects as stored): TestSyncServiceNoSelector,
 * TestServiceExternalNameTypeSync, TestSyncServiceWithSelector, TestSyncServicePodSelection,
 * TestSyncServiceEndpointSliceLabelSelection and TestSyncService.
 *
 * Upstream's fake client keeps the placeholder slice in memory with empty lists; a cluster stores
 * and serves it without ports and with `endpoints: null`, which is what is checked here. The
 * IPv6 case of TestSyncService expects the pod's address as written; the reconciler's utils.go
 * at 115584ee0d12b1698f52c5d7cfae1dd84716b6b5 prints it canonically (as endpointSlice.test.ts
 * says), which is what is expected below.
 */
import { describe, expect, it } from 'vitest';
import { runControllers } from '../../../src/engine/controllers';
import { defaultClusterSettings } from '../../../src/engine/settings';
import type {
  Endpoint,
  EndpointSlice,
  EndpointSlicePort,
  KubeObject,
  Pod,
  Service,
} from '../../../src/engine/model';
import { testNode, testPod } from './fixtures';

const managedBy = 'endpointslice.kubernetes.io/managed-by';
const serviceName = 'kubernetes.io/service-name';
const controllerName = 'endpointslice-controller.k8s.io';
const trigger = 'endpoints.kubernetes.io/last-change-trigger-time';
const creationTimestamp = '2024-05-06T07:08:09Z';

/** The slices the controllers leave in `default`, given `objects` and node-1. */
function slicesFor(...objects: KubeObject[]): EndpointSlice[] {
  const out = runControllers({
    settings: defaultClusterSettings,
    seed: 1,
    objects: [testNode('node-1'), ...objects],
  });
  return out.endpointSlices.filter((s) => s.metadata.namespace === 'default');
}

/** createService: testing-1 with one port to targetPort 80, selector foo=bar, IPv4. */
const createService = (spec: Service['spec'] = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'testing-1',
    namespace: 'default',
    uid: 'default-testing-1',
    creationTimestamp,
  },
  spec: { ports: [{ targetPort: 80 }], selector: { foo: 'bar' }, ipFamilies: ['IPv4'], ...spec },
});
/** newPod: pod<n> on node-1, IP 1.2.3.<4+n>, no container ports. */
const newPod = (n: number, labels: Record<string, string> = { foo: 'bar' }): Pod => {
  const pod = testPod(n, { namespace: 'default', nodeName: 'node-1', labels });
  pod.spec = { nodeName: 'node-1', containers: [{ name: 'container-1' }] };
  return pod;
};

describe('Services that get no EndpointSlices', () => {
  it('none for a Service without selector (TestSyncServiceNoSelector)', () => {
    const { selector: _dropped, ...spec } = createService().spec ?? {};
    const svc = createService();
    svc.spec = spec;
    expect(slicesFor(svc)).toEqual([]);
  });

  const externalName: [string, Service['spec']][] = [
    ['with selector and ports', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }],
    ['with ports', { ports: [{ port: 80 }] }],
    ['with selector', { selector: { foo: 'bar' } }],
    ['without selector and ports', {}],
  ];
  for (const [name, spec] of externalName) {
    it(`none for an ExternalName Service ${name} (TestServiceExternalNameTypeSync)`, () => {
      const svc: Service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'testing-1', namespace: 'default' },
        spec: { ...spec, type: 'ExternalName' },
      };
      expect(slicesFor(svc, newPod(1))).toEqual([]);
    });
  }
});

describe('Services with a selector', () => {
  it('get a placeholder slice when no pod matches (TestSyncServiceWithSelector)', () => {
    const slices = slicesFor(createService());
    expect(slices).toHaveLength(1);
    const [slice] = slices;
    expect(slice?.metadata.name).toMatch(/^testing-1/);
    expect(slice?.metadata.labels?.[serviceName]).toBe('testing-1');
    expect(slice?.ports ?? []).toEqual([]);
    expect(slice?.endpoints ?? []).toEqual([]);
    expect(slice?.metadata.annotations?.[trigger]).toBe(creationTimestamp);
  });

  it('list only the pods the selector matches (TestSyncServicePodSelection)', () => {
    const slices = slicesFor(newPod(1), newPod(2, { foo: 'boo' }), createService());
    expect(slices).toHaveLength(1);
    const [slice] = slices;
    expect(slice?.endpoints).toHaveLength(1);
    expect(slice?.metadata.annotations?.[trigger]).toBeTruthy();
    expect(slice?.endpoints?.[0]?.targetRef).toMatchObject({
      kind: 'Pod',
      namespace: 'default',
      name: 'pod1',
    });
  });
});

describe('the slices a Service owns (TestSyncServiceEndpointSliceLabelSelection)', () => {
  const ownerRef = {
    apiVersion: 'v1',
    kind: 'Service',
    name: 'testing-1',
    uid: 'default-testing-1',
    controller: true,
    blockOwnerDeletion: true,
  };
  const stored = (name: string, labels: Record<string, string>, owned = false): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: 'default',
      labels,
      ...(owned ? { ownerReferences: [ownerRef] } : {}),
    },
    addressType: 'IPv4',
    endpoints: null,
  });
  const others = [
    stored('partially-matching-1', { [serviceName]: 'testing-1' }),
    stored('not-matching-1', { [serviceName]: 'something-else', [managedBy]: controllerName }),
    stored('not-matching-2', { [serviceName]: 'testing-1', [managedBy]: 'something-else' }),
  ];
  const matching = ['matching-1', 'matching-2'].map((name) =>
    stored(name, { [serviceName]: 'testing-1', [managedBy]: controllerName }, true),
  );

  it('keeps one of its two slices as the placeholder, deletes the other, leaves the rest', () => {
    const slices = slicesFor(createService(), ...matching, ...others);
    const names = slices.map((s) => s.metadata.name ?? '');
    expect(names.filter((n) => n.startsWith('matching-'))).toHaveLength(1);
    expect(names.filter((n) => !n.startsWith('matching-')).sort()).toEqual([
      'not-matching-1',
      'not-matching-2',
      'partially-matching-1',
    ]);
    const placeholder = slices.find((s) => s.metadata.name?.startsWith('matching-'));
    expect(placeholder?.endpoints ?? []).toEqual([]);
    expect(placeholder?.ports ?? []).toEqual([]);
    for (const other of others) expect(slices).toContainEqual(other);
  });
});

describe('the slice of a Service (TestSyncService)', () => {
  const ports = [
    { name: 'tcp-example', targetPort: 80, protocol: 'TCP' as const },
    { name: 'udp-example', targetPort: 161, protocol: 'UDP' as const },
    { name: 'sctp-example', targetPort: 3456, protocol: 'SCTP' as const },
  ];
  const service = (family: 'IPv4' | 'IPv6'): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'foobar', namespace: 'default', creationTimestamp },
    spec: { ports, selector: { foo: 'bar' }, ipFamilies: [family] },
  });
  interface PodSpec {
    name: string;
    ips: string[];
    ready: boolean;
    deleting?: boolean;
    /** Initialized and ContainersReady beside Ready, as the "same IPs" cases write them. */
    allConditions?: boolean;
  }
  const pod = ({ name, ips, ready, deleting, allConditions }: PodSpec): Pod => {
    const status = ready ? 'True' : 'False';
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        labels: { foo: 'bar' },
        ...(deleting ? { deletionTimestamp: '2024-05-06T08:00:00Z' } : {}),
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'container-1' }] },
      status: {
        podIP: ips[0] ?? '',
        podIPs: ips.map((ip) => ({ ip })),
        conditions: allConditions
          ? [
              { type: 'Initialized', status: 'True' },
              { type: 'Ready', status },
              { type: 'ContainersReady', status },
            ]
          : [{ type: 'Ready', status }],
      },
    };
  };
  const endpoint = (
    address: string,
    name: string,
    [ready, serving, terminating]: [boolean, boolean, boolean],
  ): Endpoint => ({
    addresses: [address],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: 'default', name },
    nodeName: 'node-1',
  });
  const expectedPorts: EndpointSlicePort[] = [
    { name: 'sctp-example', protocol: 'SCTP', port: 3456 },
    { name: 'tcp-example', protocol: 'TCP', port: 80 },
    { name: 'udp-example', protocol: 'UDP', port: 161 },
  ];
  const up: [boolean, boolean, boolean] = [true, true, false];
  const cases: [string, 'IPv4' | 'IPv6', PodSpec[], Endpoint[]][] = [
    [
      'pods with multiple IPs and Service with ipFamilies=ipv4',
      'IPv4',
      [
        { name: 'pod0', ips: ['10.0.0.1'], ready: true },
        { name: 'pod1', ips: ['10.0.0.2', 'fd08::5678:0000:0000:9abc:def0'], ready: true },
      ],
      [endpoint('10.0.0.1', 'pod0', up), endpoint('10.0.0.2', 'pod1', up)],
    ],
    [
      'pods with multiple IPs and Service with ipFamilies=ipv6',
      'IPv6',
      [
        { name: 'pod0', ips: ['10.0.0.1'], ready: true },
        { name: 'pod1', ips: ['10.0.0.2', 'fd08::5678:0000:0000:9abc:def0'], ready: true },
      ],
      [endpoint('fd08::5678:0:0:9abc:def0', 'pod1', up)],
    ],
    [
      'Terminating pods',
      'IPv4',
      [
        { name: 'pod0', ips: ['10.0.0.1'], ready: true },
        { name: 'pod1', ips: ['10.0.0.2'], ready: true, deleting: true },
      ],
      [endpoint('10.0.0.1', 'pod0', up), endpoint('10.0.0.2', 'pod1', [false, true, true])],
    ],
    [
      'Not ready terminating pods',
      'IPv4',
      [
        { name: 'pod0', ips: ['10.0.0.1'], ready: true },
        { name: 'pod1', ips: ['10.0.0.2'], ready: false, deleting: true },
      ],
      [endpoint('10.0.0.1', 'pod0', up), endpoint('10.0.0.2', 'pod1', [false, false, true])],
    ],
    [
      'Ready and Complete pods with same IPs',
      'IPv4',
      [
        { name: 'pod0', ips: ['10.0.0.1'], ready: true, allConditions: true },
        { name: 'pod1', ips: ['10.0.0.1'], ready: false, allConditions: true },
      ],
      [endpoint('10.0.0.1', 'pod0', up), endpoint('10.0.0.1', 'pod1', [false, false, false])],
    ],
    [
      'Two Ready pods with same IPs',
      'IPv4',
      [
        { name: 'pod0', ips: ['10.0.0.1'], ready: true, allConditions: true },
        { name: 'pod1', ips: ['10.0.0.1'], ready: true, allConditions: true },
      ],
      [endpoint('10.0.0.1', 'pod0', up), endpoint('10.0.0.1', 'pod1', up)],
    ],
  ];
  const withoutUID = (e: Endpoint): Endpoint => {
    const { uid: _uid, ...targetRef } = e.targetRef ?? {};
    return { ...e, targetRef };
  };
  const byName = <T extends { name?: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  const byPod = (list: Endpoint[]) =>
    [...list].sort((a, b) => (a.targetRef?.name ?? '').localeCompare(b.targetRef?.name ?? ''));

  for (const [name, family, pods, endpoints] of cases) {
    it(name, () => {
      const slices = slicesFor(service(family), ...pods.map(pod));
      expect(slices).toHaveLength(1);
      const [slice] = slices;
      expect(slice?.addressType).toBe(family);
      expect(slice?.metadata.annotations?.[trigger]).toBe(creationTimestamp);
      expect(byName(slice?.ports ?? [])).toEqual(expectedPorts);
      expect(byPod((slice?.endpoints ?? []).map(withoutUID))).toEqual(endpoints);
    });
  }
});
