/**
 * FindPort (pkg/api/v1/pod/util.go), the cases of pkg/api/v1/pod/util_test.go TestFindPort at
 * 00bdb3fade2ef1ada898bd8fae2c6a1958da3a5d (reference-index file 40867652487), against a
 * Service port of protocol TCP. Upstream returns an error where no port is found; ours returns
 * undefined.
 */
import { describe, expect, it } from 'vitest';
import { findPort } from '../../../src/engine/controllers/podUtil';
import type { Pod } from '../../../src/engine/model';

type Port = {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
  hostIP?: string;
};

/** A pod as the input gives it: an invalid protocol ("snmp") is part of what is tested. */
const podWith = (...containers: Port[][]): Pod =>
  ({
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: containers.map((ports, i) => ({ name: `c${i}`, ports })) },
  }) as unknown as Pod;

const cases: { name: string; pod: Pod; port: number | string; expected: number | undefined }[] = [
  { name: 'valid int, no ports', pod: podWith([]), port: 93, expected: 93 },
  {
    name: 'valid int, with ports',
    pod: podWith([
      { name: '', containerPort: 11, protocol: 'TCP' },
      { name: 'p', containerPort: 22, protocol: 'TCP' },
    ]),
    port: 93,
    expected: 93,
  },
  { name: 'valid str, no ports', pod: podWith([]), port: 'p', expected: undefined },
  {
    name: 'valid str, one ctr with ports',
    pod: podWith([
      { name: '', containerPort: 11, protocol: 'UDP' },
      { name: 'p', containerPort: 22, protocol: 'TCP' },
      { name: 'q', containerPort: 33, protocol: 'TCP' },
    ]),
    port: 'q',
    expected: 33,
  },
  {
    name: 'valid str, two ctr with ports',
    pod: podWith(
      [],
      [
        { name: '', containerPort: 11, protocol: 'UDP' },
        { name: 'p', containerPort: 22, protocol: 'TCP' },
        { name: 'q', containerPort: 33, protocol: 'TCP' },
      ],
    ),
    port: 'q',
    expected: 33,
  },
  {
    name: 'valid str, two ctr with same port',
    pod: podWith(
      [],
      [
        { name: '', containerPort: 11, protocol: 'UDP' },
        { name: 'p', containerPort: 22, protocol: 'TCP' },
        { name: 'q', containerPort: 22, protocol: 'TCP' },
      ],
    ),
    port: 'q',
    expected: 22,
  },
  {
    name: 'valid str, invalid protocol',
    pod: podWith([], [{ name: 'a', containerPort: 11, protocol: 'snmp' }]),
    port: 'a',
    expected: undefined,
  },
  {
    name: 'valid hostPort',
    pod: podWith([], [{ name: 'a', containerPort: 11, hostPort: 81, protocol: 'TCP' }]),
    port: 'a',
    expected: 11,
  },
  {
    name: 'invalid hostPort',
    pod: podWith([], [{ name: 'a', containerPort: 11, hostPort: -1, protocol: 'TCP' }]),
    port: 'a',
    expected: 11,
  },
  {
    name: 'invalid ContainerPort',
    pod: podWith([], [{ name: 'a', containerPort: -1, protocol: 'TCP' }]),
    port: 'a',
    expected: -1,
  },
  {
    name: 'HostIP Address',
    pod: podWith([], [{ name: 'a', containerPort: 11, hostIP: '192.168.1.1', protocol: 'TCP' }]),
    port: 'a',
    expected: 11,
  },
];

describe('FindPort (util_test.go TestFindPort)', () => {
  for (const c of cases)
    it(c.name, () => {
      expect(findPort(c.pod, { port: 80, protocol: 'TCP', targetPort: c.port })).toBe(c.expected);
    });
});
