/**
 * A zero CIDR in loadBalancerSourceRanges allows any source, the same as no ranges
 * (kubernetes/kubernetes pkg/proxy/serviceport.go newBaseServiceInfo, since PR #132722; read as
 * reference-index file id 58622076922): the load-balancer IP gets no firewall chain, and a source
 * outside the other ranges is let through. The fixture and flows are TestLoadBalancer's
 * (pkg/proxy/nftables/proxier_test.go at 81810de635aa) with a zero CIDR added to its ranges.
 */
import { describe, expect, it } from 'vitest';
import { blockedFlow, zeroSourceRangeObjects } from '../kubeproxy/testLoadBalancer.cases';
import { tableFor, traceFlow } from './helpers';

describe('nftables: a zero CIDR in loadBalancerSourceRanges', () => {
  for (const ranges of ['["0.0.0.0/0"]', '["203.0.113.0/25", "0.0.0.0/0"]']) {
    it(`${ranges}: no firewall chain, and every source reaches the load balancer`, () => {
      const table = tableFor(zeroSourceRangeObjects(ranges));
      expect(table.maps.get('firewall-ips')?.elements ?? []).toEqual([]);
      expect(
        [...table.chains.keys()].filter((c) => c.startsWith('firewall-') && c.includes('/')),
      ).toEqual([]);
      expect(traceFlow(table, blockedFlow)).toEqual({ output: '10.180.0.1:80', masq: true });
    });
  }
  it('["::/0", "203.0.113.0/25"]: the IPv6 zero CIDR leaves the IPv4 ranges in force', () => {
    const table = tableFor(zeroSourceRangeObjects('["::/0", "203.0.113.0/25"]'));
    expect(traceFlow(table, blockedFlow)).toEqual({ output: 'DROP', masq: false });
  });
});
