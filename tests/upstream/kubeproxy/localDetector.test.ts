/**
 * How kube-proxy tells pod traffic from other traffic: kubernetes/kubernetes
 * pkg/proxy/util/localdetector_test.go at commit 0411cc704533ed25a1bfc6e21a3195d9c6a2f0f2
 * (TestGetLocalTrafficDetectors, with the outputs of TestDetectLocalByCIDR,
 * TestDetectLocalByBridgeInterface, TestDetectLocalNFTByBridgeInterface,
 * TestDetectLocalByInterfaceNamePrefix, TestDetectLocalNFTByInterfaceNamePrefix and
 * TestNoOpLocalDetector). Each case is a KubeProxyConfiguration (v1alpha1: detectLocalMode,
 * detectLocal.bridgeInterface / interfaceNamePrefix, and the cluster CIDRs as its
 * comma-separated clusterCIDR, which converts to DetectLocal.ClusterCIDRs), a Node with the
 * case's podCIDRs and a dual-stack Service with one endpoint per family, read as `--admitted`
 * reads them. The detector of each family is the one the engine's node context holds, its
 * iptables and nftables arguments both, and it shows in the Service's iptables rules of that
 * family: traffic to the cluster IP from outside the detector's match is masqueraded
 * (`! -s <cidr>` or `! -i <interface>` ... `-j KUBE-MARK-MASQ`); a no-op detector writes no such
 * rule. The primary IP family changes only upstream's warnings, so it is not part of our
 * fixtures.
 */
import { describe, expect, it } from 'vitest';
import { computeNodeContext } from '../../../src/engine/kubeproxy/common';
import { clusterOf, endpointSlice, iptablesSaveOf } from './trackers';

const nodeName = 'test-node';

function fixture(
  mode: string,
  clusterCIDRs: string[],
  podCIDRs?: string[],
  detectLocal?: { bridgeInterface?: string; interfaceNamePrefix?: string },
): object[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName },
      ...(podCIDRs ? { spec: { podCIDRs } } : {}),
      status: {
        addresses: [
          { type: 'InternalIP', address: '192.168.0.2' },
          { type: 'InternalIP', address: '2001:db8::2' },
        ],
      },
    },
    {
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      mode: 'iptables',
      detectLocalMode: mode,
      ...(detectLocal ? { detectLocal } : {}),
      clusterCIDR: clusterCIDRs.join(','),
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc1', namespace: 'ns1' },
      spec: {
        type: 'ClusterIP',
        clusterIP: '172.30.0.41',
        clusterIPs: ['172.30.0.41', 'fd00:30::41'],
        ipFamilies: ['IPv4', 'IPv6'],
        ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
      },
    },
    endpointSlice('ns1', 'svc1', 'svc1-ipv4', [{ addresses: ['10.180.0.1'] }], port80, 'IPv4'),
    endpointSlice('ns1', 'svc1', 'svc1-ipv6', [{ addresses: ['fd00:10::1'] }], port80, 'IPv6'),
  ];
}

const port80 = [{ name: 'p80', port: 80, protocol: 'TCP' }];

/** NewDetectLocalByCIDR's outputs, or NewNoOpLocalDetector's (undefined: no IfLocal/IfNotLocal). */
const byCIDR = (cidr: string) => {
  const nftFamily = cidr.includes(':') ? 'ip6' : 'ip';
  return {
    ifLocal: ['-s', cidr],
    ifNotLocal: ['!', '-s', cidr],
    ifLocalNFT: [nftFamily, 'saddr', cidr],
    ifNotLocalNFT: [nftFamily, 'saddr', '!=', cidr],
  };
};
const noOp = undefined;

/** NewDetectLocalByBridgeInterface's outputs. */
const byBridge = (name: string) => ({
  ifLocal: ['-i', name],
  ifNotLocal: ['!', '-i', name],
  ifLocalNFT: ['iifname', name],
  ifNotLocalNFT: ['iifname', '!=', name],
});

/** NewDetectLocalByInterfaceNamePrefix's outputs. */
const byPrefix = (prefix: string) => ({
  ifLocal: ['-i', `${prefix}+`],
  ifNotLocal: ['!', '-i', `${prefix}+`],
  ifLocalNFT: ['iifname', `${prefix}*`],
  ifNotLocalNFT: ['iifname', '!=', `${prefix}*`],
});

type Detector = ReturnType<typeof byCIDR> | undefined;

interface Case {
  name: string;
  mode: string;
  clusterCIDRs: string[];
  podCIDRs?: string[];
  detectLocal?: { bridgeInterface?: string; interfaceNamePrefix?: string };
  expected: Record<4 | 6, Detector>;
}

const v4 = '10.0.0.0/14';
const v6 = '2002:0:0:1234::/64';
const podV4 = '10.0.0.0/24';
const podV6 = '2002::1234:abcd:ffff:0:0/96';

const cases: Case[] = [
  {
    name: 'LocalModeClusterCIDR, single-stack IPv4 cluster',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v4],
    expected: { 4: byCIDR(v4), 6: noOp },
  },
  {
    name: 'LocalModeClusterCIDR, single-stack IPv6 cluster',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v6],
    expected: { 4: noOp, 6: byCIDR(v6) },
  },
  {
    name: 'LocalModeClusterCIDR, single-stack IPv6 cluster with single-stack IPv4 config',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v4],
    expected: { 4: byCIDR(v4), 6: noOp },
  },
  {
    name: 'LocalModeClusterCIDR, single-stack IPv4 cluster with single-stack IPv6 config',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v6],
    expected: { 4: noOp, 6: byCIDR(v6) },
  },
  {
    name: 'LocalModeClusterCIDR, dual-stack IPv4-primary cluster',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v4, v6],
    expected: { 4: byCIDR(v4), 6: byCIDR(v6) },
  },
  {
    name: 'LocalModeClusterCIDR, dual-stack IPv6-primary cluster',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v6, v4],
    expected: { 4: byCIDR(v4), 6: byCIDR(v6) },
  },
  {
    name: 'LocalModeClusterCIDR, IPv4-primary kube-proxy / IPv6-primary config',
    mode: 'ClusterCIDR',
    clusterCIDRs: [v6, v4],
    expected: { 4: byCIDR(v4), 6: byCIDR(v6) },
  },
  {
    name: 'LocalModeClusterCIDR, no ClusterCIDR',
    mode: 'ClusterCIDR',
    clusterCIDRs: [''],
    expected: { 4: noOp, 6: noOp },
  },
  {
    name: 'LocalModeNodeCIDR, single-stack IPv4 cluster',
    mode: 'NodeCIDR',
    clusterCIDRs: [v4],
    podCIDRs: [podV4],
    expected: { 4: byCIDR(podV4), 6: noOp },
  },
  {
    name: 'LocalModeNodeCIDR, single-stack IPv6 cluster',
    mode: 'NodeCIDR',
    clusterCIDRs: [v6],
    podCIDRs: [podV6],
    expected: { 4: noOp, 6: byCIDR(podV6) },
  },
  {
    name: 'LocalModeNodeCIDR, single-stack IPv6 cluster with single-stack IPv4 config',
    mode: 'NodeCIDR',
    clusterCIDRs: [v4],
    podCIDRs: [podV4],
    expected: { 4: byCIDR(podV4), 6: noOp },
  },
  {
    name: 'LocalModeNodeCIDR, single-stack IPv4 cluster with single-stack IPv6 config',
    mode: 'NodeCIDR',
    clusterCIDRs: [v6],
    podCIDRs: [podV6],
    expected: { 4: noOp, 6: byCIDR(podV6) },
  },
  {
    name: 'LocalModeNodeCIDR, dual-stack IPv4-primary cluster',
    mode: 'NodeCIDR',
    clusterCIDRs: [v4, v6],
    podCIDRs: [podV4, podV6],
    expected: { 4: byCIDR(podV4), 6: byCIDR(podV6) },
  },
  {
    name: 'LocalModeNodeCIDR, dual-stack IPv6-primary cluster',
    mode: 'NodeCIDR',
    clusterCIDRs: [v6, v4],
    podCIDRs: [podV6, podV4],
    expected: { 4: byCIDR(podV4), 6: byCIDR(podV6) },
  },
  {
    name: 'LocalModeNodeCIDR, IPv6-primary kube-proxy / IPv4-primary config',
    mode: 'NodeCIDR',
    clusterCIDRs: [v4, v6],
    podCIDRs: [podV4, podV6],
    expected: { 4: byCIDR(podV4), 6: byCIDR(podV6) },
  },
  {
    name: 'LocalModeNodeCIDR, no PodCIDRs',
    mode: 'NodeCIDR',
    clusterCIDRs: [''],
    podCIDRs: [],
    expected: { 4: noOp, 6: noOp },
  },
  {
    name: 'unknown LocalMode',
    mode: 'abcd',
    clusterCIDRs: [v4],
    expected: { 4: noOp, 6: noOp },
  },
  {
    name: 'LocalModeBridgeInterface',
    mode: 'BridgeInterface',
    clusterCIDRs: [v4],
    detectLocal: { bridgeInterface: 'eth' },
    expected: { 4: byBridge('eth'), 6: byBridge('eth') },
  },
  {
    name: 'LocalModeBridgeInterface, strange bridge name',
    mode: 'BridgeInterface',
    clusterCIDRs: [v4],
    detectLocal: { bridgeInterface: '1234567890123456789' },
    expected: { 4: byBridge('1234567890123456789'), 6: byBridge('1234567890123456789') },
  },
  {
    name: 'LocalModeInterfaceNamePrefix',
    mode: 'InterfaceNamePrefix',
    clusterCIDRs: [v4],
    detectLocal: { interfaceNamePrefix: 'eth' },
    expected: { 4: byPrefix('eth'), 6: byPrefix('eth') },
  },
  {
    name: 'LocalModeInterfaceNamePrefix, strange interface name',
    mode: 'InterfaceNamePrefix',
    clusterCIDRs: [v4],
    detectLocal: { interfaceNamePrefix: '1234567890123456789' },
    expected: {
      4: byPrefix('1234567890123456789'),
      6: byPrefix('1234567890123456789'),
    },
  },
];

/** The masquerade rules of traffic to svc1's cluster IP from outside the detector's CIDR. */
function notLocalMasquerade(dump: string): string[] {
  return dump
    .split('\n')
    .filter((l) => l.startsWith('-A KUBE-SVC-') && l.endsWith('-j KUBE-MARK-MASQ'))
    .map((l) => / (! -[si] \S+) /.exec(l)?.[1] ?? l);
}

describe('TestGetLocalTrafficDetectors (pkg/proxy/util/localdetector_test.go)', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const cluster = clusterOf(fixture(tc.mode, tc.clusterCIDRs, tc.podCIDRs, tc.detectLocal));
      for (const family of [4, 6] as const) {
        const expected = tc.expected[family];
        expect(computeNodeContext(cluster, nodeName, family).localDetector).toEqual(expected);
        expect(notLocalMasquerade(iptablesSaveOf(cluster, nodeName, family))).toEqual(
          expected ? [expected.ifNotLocal.join(' ')] : [],
        );
      }
    });
  }
});
