/**
 * Orders upstream takes from hashing go-spew `%#v` dumps with FNV-128a:
 * - RepackSubsets and SortSubsets (kubernetes/kubernetes pkg/api/v1/endpoints/util.go; cases of
 *   util_test.go TestPackSubsets, reference-index file 402524069; MD5 before
 *   kubernetes/kubernetes#133511). TestPackSubsets compares against SortSubsets(expected), so
 *   the grouping is checked here as a set, and the order against what clusters print for
 *   kube-dns: Endpoints ports metrics 9153, dns-tcp 53, dns 53 since the FNV change (a k3s
 *   v1.33+ and a minikube `kubectl get endpoints kube-dns` in the reference index, files
 *   71205786895 and 70650938884);
 * - NewPortMapKey (staging/src/k8s.io/endpointslice/util/controller_utils.go at
 *   008b3652959ca58af8be3fb5b6ecfe9ae7638282), which sorts a slice's ports in place: recent
 *   clusters list the kube-dns slice's PORTS as 53,53,9153 (reference-index files 70515237661,
 *   71635689214, running CoreDNS v1.14.6).
 */
import { describe, expect, it } from 'vitest';
import { repackSubsets } from '../../../src/engine/controllers/endpoints';
import { fnv128a } from '../../../src/engine/controllers/fnv128a';
import {
  dumpEndpointPort,
  dumpEndpointSlicePort,
  dumpEndpointSubset,
  sortPortsByHash,
  sortSlicePortsByHash,
} from '../../../src/engine/controllers/hashOrder';
import type { EndpointPort, EndpointSlicePort, EndpointSubset } from '../../../src/engine/model';

describe('FNV-1a 128 (Go hash/fnv New128a)', () => {
  it('gives the published test vectors', () => {
    expect(fnv128a('')).toBe('6c62272e07bb014262b821756295c58d');
    expect(fnv128a('a')).toBe('d228cb696f1a8caf78912b704e4a8964');
    expect(fnv128a('foobar')).toBe('343e1662793c64bf6f0d3597ba446f18');
  });
});

describe('the dump DeepHashObject hashes (go-spew %#v)', () => {
  it('names each type, prints a nil pointer as <nil>', () => {
    expect(dumpEndpointPort({ name: 'dns', port: 53, protocol: 'UDP' })).toBe(
      '(v1.EndpointPort){Name:(string)dns Port:(int32)53 Protocol:(v1.Protocol)UDP AppProtocol:(*string)<nil>}',
    );
    expect(
      dumpEndpointSubset({
        addresses: [
          { ip: '1.2.3.4', nodeName: '', targetRef: { kind: 'Pod', namespace: 'ns', name: 'p' } },
        ],
        ports: [{ port: 80, protocol: 'TCP', appProtocol: 'http' }],
      }),
    ).toBe(
      '(v1.EndpointSubset){Addresses:([]v1.EndpointAddress)[{IP:(string)1.2.3.4 Hostname:(string) NodeName:(*string) TargetRef:(*v1.ObjectReference){Kind:(string)Pod Namespace:(string)ns Name:(string)p UID:(types.UID) APIVersion:(string) ResourceVersion:(string) FieldPath:(string)}}] NotReadyAddresses:([]v1.EndpointAddress)<nil> Ports:([]v1.EndpointPort)[{Name:(string) Port:(int32)80 Protocol:(v1.Protocol)TCP AppProtocol:(*string)http}]}',
    );
  });
});

describe('portsByHash', () => {
  it("orders kube-dns's ports as a cluster stores them: metrics, dns-tcp, dns", () => {
    const ports: EndpointPort[] = [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ];
    sortPortsByHash(ports);
    expect(ports.map((p) => p.name)).toEqual(['metrics', 'dns-tcp', 'dns']);
  });
});

describe('portsInOrder (NewPortMapKey)', () => {
  it("orders the kube-dns slice's ports as a cluster stores them: 53, 53, 9153", () => {
    const ports: EndpointSlicePort[] = [
      { name: 'metrics', port: 9153, protocol: 'TCP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ];
    sortSlicePortsByHash(ports);
    expect(ports.map((p) => p.name)).toEqual(['dns', 'dns-tcp', 'metrics']);
  });

  it('dumps a discovery EndpointPort, its fields all pointers', () => {
    expect(dumpEndpointSlicePort({ name: '', port: 8080, protocol: 'TCP' })).toBe(
      '(v1.EndpointPort){Name:(*string) Protocol:(*v1.Protocol)TCP Port:(*int32)8080 AppProtocol:(*string)<nil>}',
    );
  });
});

describe('RepackSubsets (util_test.go TestPackSubsets)', () => {
  const a = (ip: string, uid?: string) =>
    uid === undefined ? { ip } : { ip, targetRef: { uid, name: '' } };
  /** The subsets as a set: each one's JSON, sorted. */
  const asSet = (subsets: EndpointSubset[]) => subsets.map((s) => JSON.stringify(s)).sort();
  const cases: [string, EndpointSubset[], EndpointSubset[]][] = [
    ['empty everything', [{ addresses: [], ports: [] }], []],
    ['empty addresses', [{ addresses: [], ports: [{ port: 111 }] }], []],
    [
      'one set, two duplicate ips, one port, notReady is covered by ready',
      [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] }],
      [{ notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] }],
    ],
    [
      'one set, dup mixed ips with target-refs, one port (the first address is kept)',
      [
        {
          addresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }],
          notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'bar' } }],
          ports: [{ port: 111 }],
        },
      ],
      [
        {
          notReadyAddresses: [{ ip: '1.2.3.4', targetRef: { name: 'foo' } }],
          ports: [{ port: 111 }],
        },
      ],
    ],
    [
      'two sets, dup mixed ip, dup uids, two ports',
      [
        { addresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] },
        { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 222 }] },
      ],
      [
        { addresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] },
        { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 222 }] },
      ],
    ],
    [
      'two sets, two mixed ips, two dup ip with uid, dup port, wrong order, ends up with split addresses',
      [
        { addresses: [a('5.6.7.8')], ports: [{ port: 111 }] },
        { notReadyAddresses: [a('5.6.7.8', 'uid-1')], ports: [{ port: 111 }] },
        { notReadyAddresses: [a('1.2.3.4', 'uid-1')], ports: [{ port: 111 }] },
        { notReadyAddresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
      ],
      [
        {
          addresses: [a('5.6.7.8')],
          notReadyAddresses: [a('1.2.3.4'), a('1.2.3.4', 'uid-1'), a('5.6.7.8', 'uid-1')],
          ports: [{ port: 111 }],
        },
      ],
    ],
    [
      'four sets, three ips, three ports, jumbled',
      [
        { addresses: [a('1.2.3.4')], ports: [{ port: 111 }] },
        { addresses: [a('1.2.3.5')], ports: [{ port: 222 }] },
        { addresses: [a('1.2.3.6')], ports: [{ port: 111 }] },
        { addresses: [a('1.2.3.5')], ports: [{ port: 333 }] },
      ],
      [
        { addresses: [a('1.2.3.4'), a('1.2.3.6')], ports: [{ port: 111 }] },
        { addresses: [a('1.2.3.5')], ports: [{ port: 222 }, { port: 333 }] },
      ],
    ],
  ];
  for (const [name, given, want] of cases) {
    it(name, () => {
      const got = repackSubsets(given);
      // Ports within a subset compared as a set too (their order is the hash's).
      const norm = (list: EndpointSubset[]) =>
        asSet(
          list.map((s) => ({
            ...s,
            ...(s.ports
              ? { ports: [...s.ports].sort((x, y) => (x.port ?? 0) - (y.port ?? 0)) }
              : {}),
          })),
        );
      expect(norm(got)).toEqual(norm(want));
    });
  }
});
