/**
 * TestOverallIPTablesRules and TestTracePacket's flows, transcribed from
 * kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go (the current version: KUBE-FIREWALL,
 * nfacct counters, `pod traffic for ... external destinations`), read at
 * aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba (see ./source.ts), whose
 * TestOverallIPTablesRules dump is identical.
 */
import { describe, expect, it } from 'vitest';
import {
  iptablesSaveOf,
  ruleSetOf,
  sortIPTablesRules,
  testExternalClient,
  testNodeIP,
  traceFlow,
  type PacketFlow,
} from './harness';
import { overallExpected, overallFixture } from './overall.fixture';

describe('TestOverallIPTablesRules (pkg/proxy/iptables/proxier_test.go)', () => {
  it('generates exactly the expected dump, compared as assertIPTablesRulesEqual does', () => {
    expect(sortIPTablesRules(iptablesSaveOf(overallFixture))).toBe(
      overallExpected.replace(/\n+$/, '\n'),
    );
  });

  it('prints the dump already in upstream order, so a byte comparison holds too', () => {
    expect(iptablesSaveOf(overallFixture)).toBe(overallExpected.replace(/\n+$/, '\n'));
  });
});

/** TestTracePacket's flows (its static rules are this fixture's rules plus a REJECT for ns6). */
const flows: PacketFlow[] = [
  { name: 'no match', sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 80, output: '' },
  {
    name: 'single endpoint',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.41',
    destPort: 80,
    output: '10.180.0.1:80',
  },
  {
    name: 'multiple endpoints',
    sourceIP: '10.0.0.2',
    destIP: '172.30.0.44',
    destPort: 80,
    output: '10.180.0.4:80, 10.180.0.5:80',
  },
  {
    name: 'LOCAL, KUBE-MARK-MASQ',
    sourceIP: testNodeIP,
    destIP: '192.168.99.22',
    destPort: 80,
    output: '10.180.0.2:80',
    masq: true,
  },
  {
    name: 'DROP',
    sourceIP: testExternalClient,
    destIP: '192.168.99.22',
    destPort: 80,
    output: 'DROP',
  },
  {
    name: 'ACCEPT (NodePortHealthCheck)',
    sourceIP: testNodeIP,
    destIP: testNodeIP,
    destPort: 30000,
    output: 'ACCEPT',
  },
  { name: 'REJECT', sourceIP: '10.0.0.2', destIP: '172.30.0.46', destPort: 80, output: 'REJECT' },
];

describe('TestTracePacket flows (pkg/proxy/iptables/proxier_test.go)', () => {
  const ruleSet = ruleSetOf(overallFixture);
  for (const flow of flows) {
    it(flow.name, () => {
      expect(traceFlow(ruleSet, flow)).toEqual({ output: flow.output, masq: flow.masq ?? false });
    });
  }
});
