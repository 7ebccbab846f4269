/**
 * A zero CIDR in loadBalancerSourceRanges allows any source, the same as no ranges
 * (kubernetes/kubernetes pkg/proxy/serviceport.go newBaseServiceInfo, since PR #132722; read as
 * reference-index file id 58622076922): the load-balancer IP jumps straight to KUBE-EXT, with no
 * KUBE-FW chain. The fixture is TestLoadBalancer's (see ./source.ts) with a zero CIDR added.
 */
import { describe, expect, it } from 'vitest';
import {
  blockedFlow as blocked,
  zeroSourceRangeObjects,
} from '../kubeproxy/testLoadBalancer.cases';
import { fixtureHeader, iptablesSaveOf, ruleSetOf, traceFlow } from './harness';

const service = (ranges: string) => `${fixtureHeader()}
---
${zeroSourceRangeObjects(ranges)}`;

describe('iptables: a zero CIDR in loadBalancerSourceRanges', () => {
  for (const ranges of ['["0.0.0.0/0"]', '["203.0.113.0/25", "0.0.0.0/0"]']) {
    it(`${ranges}: no KUBE-FW chain, and every source reaches the load balancer`, () => {
      const yaml = service(ranges);
      const dump = iptablesSaveOf(yaml);
      expect(dump).not.toContain('KUBE-FW-');
      expect(dump).toContain(
        '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-',
      );
      expect(traceFlow(ruleSetOf(yaml), blocked)).toEqual({ output: '10.180.0.1:80', masq: true });
    });
  }
  it('["::/0", "203.0.113.0/25"]: the IPv6 zero CIDR leaves the IPv4 ranges in force', () => {
    const yaml = service('["::/0", "203.0.113.0/25"]');
    expect(iptablesSaveOf(yaml)).toContain('KUBE-FW-');
    expect(traceFlow(ruleSetOf(yaml), blocked)).toEqual({ output: 'DROP', masq: false });
  });
});
