/**
 * Which node addresses accept NodePort traffic: kubernetes/kubernetes
 * pkg/proxy/util/nodeport_addresses_test.go at commit 905ad3c78f43d8e686528f5a6b031e7c1b1899d7
 * (TestGetNodeIPs, TestContainsIPv4Loopback; the same cases as TestGetNodeAddresses at commit
 * 198ab3d66b4d7ff1b0098108252c4bb1b7da5714), through the node's iptables rules. Each case
 * is a KubeProxyConfiguration with its `nodePortAddresses` and a Node whose `status.addresses`
 * stand for upstream's fake interfaces other than `lo` (our nodes always have 127.0.0.1 and ::1
 * on `lo`, which is what upstream's `lo` holds where it has one).
 * - MatchAll is the KUBE-NODEPORTS jump for every local destination (`--dst-type LOCAL`);
 *   otherwise one jump per node IP, which iptables writes for every IP but a loopback one
 *   (IPv4 loopback stays when localhost NodePorts are on). Where the family does not match all,
 *   the IPs are also compared whole, loopback included, as GetNodeIPs lists them.
 * - ContainsIPv4Loopback is the "block incoming localnet connections" rule, which iptables
 *   writes when it serves NodePorts on IPv4 localhost (localhostNodePorts, on by default).
 * Left out: "IPv4 localhost subnet", whose only interface is `lo` with 127.0.1.1 (ours holds
 * 127.0.0.1, which 127.0.0.0/8 would match too).
 */
import { describe, expect, it } from 'vitest';
import { computeNodeContext, nodePortIPs } from '../../../src/engine/kubeproxy/common';
import { clusterOf, iptablesSaveOf } from './trackers';

const nodeName = 'test-node';

function fixture(cidrs: string[], addresses: string[]): object[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName },
      status: { addresses: addresses.map((address) => ({ type: 'InternalIP', address })) },
    },
    {
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      mode: 'iptables',
      nodePortAddresses: cidrs,
    },
  ];
}

const nodePortsComment =
  '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"';

/** The KUBE-NODEPORTS jumps of KUBE-SERVICES: `LOCAL` for the match-all one, else the IPs. */
function nodePortJumps(dump: string): string[] {
  const out: string[] = [];
  for (const line of dump.split('\n')) {
    if (!line.startsWith('-A KUBE-SERVICES ') || !line.includes(nodePortsComment)) continue;
    if (line.includes('--dst-type LOCAL')) out.push('LOCAL');
    else {
      const m = / -d (\S+) -j KUBE-NODEPORTS$/.exec(line);
      if (m?.[1]) out.push(m[1]);
    }
  }
  return out.sort();
}

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.');

interface Expectation {
  matchAll?: boolean;
  ips?: string[];
}

interface Case {
  name: string;
  cidrs: string[];
  /** The fake interfaces' addresses, `lo` left out. */
  addresses: string[];
  expected: Record<4 | 6, Expectation>;
}

const cases: Case[] = [
  {
    name: 'IPv4 single',
    cidrs: ['10.20.30.0/24'],
    addresses: ['10.20.30.51', '100.200.201.1'],
    expected: { 4: { ips: ['10.20.30.51'] }, 6: { matchAll: true } },
  },
  {
    name: 'IPv4 zero CIDR',
    cidrs: ['0.0.0.0/0'],
    addresses: ['10.20.30.51'],
    expected: { 4: { matchAll: true }, 6: { matchAll: true } },
  },
  {
    name: 'IPv6 multiple',
    cidrs: ['2001:db8::/64', '::1/128'],
    addresses: ['2001:db8::1'],
    expected: { 4: { matchAll: true }, 6: { ips: ['2001:db8::1', '::1'] } },
  },
  {
    name: 'IPv6 zero CIDR',
    cidrs: ['::/0'],
    addresses: ['2001:db8::1'],
    expected: { 4: { matchAll: true }, 6: { matchAll: true } },
  },
  {
    name: 'IPv4 localhost exact',
    cidrs: ['127.0.0.1/32'],
    addresses: ['10.20.30.51'],
    expected: { 4: { ips: ['127.0.0.1'] }, 6: { matchAll: true } },
  },
  {
    name: 'IPv4 multiple',
    cidrs: ['10.20.30.0/24', '100.200.201.0/24'],
    addresses: ['10.20.30.51', '100.200.201.1'],
    expected: { 4: { ips: ['10.20.30.51', '100.200.201.1'] }, 6: { matchAll: true } },
  },
  {
    name: 'IPv4 multiple, no match',
    cidrs: ['10.20.30.0/24', '100.200.201.0/24'],
    addresses: ['192.168.1.2'],
    expected: { 4: { ips: [] }, 6: { matchAll: true } },
  },
  {
    name: 'empty list, IPv4 addrs',
    cidrs: [],
    addresses: ['192.168.1.2'],
    expected: { 4: { matchAll: true }, 6: { matchAll: true } },
  },
  {
    name: 'empty list, IPv6 addrs',
    cidrs: [],
    addresses: ['2001:db8::1'],
    expected: { 4: { matchAll: true }, 6: { matchAll: true } },
  },
  {
    name: 'IPv4 redundant CIDRs',
    cidrs: ['1.2.3.0/24', '0.0.0.0/0'],
    addresses: ['1.2.3.4'],
    expected: { 4: { matchAll: true }, 6: { matchAll: true } },
  },
  {
    name: 'Dual-stack, redundant IPv4',
    cidrs: ['0.0.0.0/0', '1.2.3.0/24', '2001:db8::1/128'],
    addresses: ['1.2.3.4', '2001:db8::1'],
    expected: { 4: { matchAll: true }, 6: { ips: ['2001:db8::1'] } },
  },
  {
    name: 'Dual-stack, redundant IPv6',
    cidrs: ['::/0', '1.2.3.0/24', '2001:db8::1/128'],
    addresses: ['1.2.3.4', '2001:db8::1'],
    expected: { 4: { ips: ['1.2.3.4'] }, 6: { matchAll: true } },
  },
];

describe('TestGetNodeIPs (pkg/proxy/util/nodeport_addresses_test.go)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const cluster = clusterOf(fixture(tc.cidrs, tc.addresses));
      for (const family of [4, 6] as const) {
        const expected = tc.expected[family];
        const dump = iptablesSaveOf(cluster, nodeName, family);
        if (expected.matchAll) {
          expect(nodePortJumps(dump), `IPv${family}`).toEqual(['LOCAL']);
          continue;
        }
        const ips = expected.ips ?? [];
        const kept = ips.filter(
          (ip) => !isLoopback(ip) || (family === 4 && dump.includes('localnet')),
        );
        expect(nodePortJumps(dump), `IPv${family}`).toEqual([...kept].sort());
        const context = computeNodeContext(cluster, nodeName, family);
        expect(context.nodePortAddresses.matchAll).toBe(false);
        expect(nodePortIPs(context.nodePortAddresses, context.interfaceAddresses).sort()).toEqual(
          [...ips].sort(),
        );
      }
    });
  }
});

describe('TestContainsIPv4Loopback (pkg/proxy/util/nodeport_addresses_test.go)', () => {
  const others = ['224.0.0.0/24', '192.168.0.0/16', 'fd00:1:d::/64'];
  const tests: { name: string; cidrs: string[]; want: boolean }[] = [
    { name: 'empty', cidrs: [], want: true },
    { name: 'all zeros ipv4', cidrs: [...others, '0.0.0.0/0'], want: true },
    { name: 'all zeros ipv6', cidrs: [...others, '::/0'], want: false },
    { name: 'ipv4 loopback', cidrs: [...others, '127.0.0.0/8'], want: true },
    { name: 'ipv6 loopback', cidrs: [...others, '::1/128'], want: false },
    { name: 'ipv4 loopback smaller range', cidrs: [...others, '127.0.2.0/28'], want: true },
    { name: 'ipv4 loopback within larger range', cidrs: [...others, '64.0.0.0/2'], want: true },
    {
      name: 'non loop loopback',
      cidrs: ['128.0.2.0/28', '224.0.0.0/24', '192.168.0.0/16', 'fd00:1:d::/64'],
      want: false,
    },
  ];
  const localnet = '"block incoming localnet connections"';
  for (const tt of tests) {
    it(tt.name, () => {
      const cluster = clusterOf(fixture(tt.cidrs, ['192.168.0.2', '2001:db8::2']));
      expect(iptablesSaveOf(cluster, nodeName, 4).includes(localnet)).toBe(tt.want);
      expect(computeNodeContext(cluster, nodeName, 6).nodePortAddresses.containsIPv4Loopback).toBe(
        false,
      );
    });
  }
});
