import { describe, expect, it } from 'vitest';
import { computePodResolvConf } from '../../../src/engine/coredns';
import type { Pod } from '../../../src/engine';
import { defaultClusterSettings } from '../../../src/engine/settings';

const pod = (spec: NonNullable<Pod['spec']>, namespace = 'shop'): Pod => ({
  kind: 'Pod',
  metadata: { name: 'client', namespace },
  spec,
});

describe('the resolv.conf kubelet writes for a pod', () => {
  it('points ClusterFirst pods at the cluster DNS with the namespace search list and ndots:5', () => {
    const conf = computePodResolvConf(pod({ dnsPolicy: 'ClusterFirst' }), defaultClusterSettings);
    expect(conf.dnsType).toBe('cluster');
    expect(conf.text).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it("falls back to the node's resolver for ClusterFirst on the host network, not for ClusterFirstWithHostNet", () => {
    expect(
      computePodResolvConf(
        pod({ dnsPolicy: 'ClusterFirst', hostNetwork: true }),
        defaultClusterSettings,
      ).dnsType,
    ).toBe('host');
    expect(
      computePodResolvConf(
        pod({ dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }),
        defaultClusterSettings,
      ).dnsType,
    ).toBe('cluster');
    const host = computePodResolvConf(pod({ dnsPolicy: 'Default' }), defaultClusterSettings);
    expect(host.fromNode).toBe(true);
  });

  it('builds None from dnsConfig alone', () => {
    const conf = computePodResolvConf(
      pod({
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['1.2.3.4'],
          searches: ['ns1.svc.cluster-domain.example'],
          options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
        },
      }),
      defaultClusterSettings,
    );
    expect(conf.text).toBe(
      'search ns1.svc.cluster-domain.example\nnameserver 1.2.3.4\noptions ndots:2 edns0\n',
    );
  });

  it('merges dnsConfig into ClusterFirst: extra servers and searches appended, options overridden', () => {
    const conf = computePodResolvConf(
      pod({
        dnsPolicy: 'ClusterFirst',
        dnsConfig: {
          searches: ['svc.cluster.local', 'corp.example'],
          options: [{ name: 'ndots', value: '1' }],
        },
      }),
      defaultClusterSettings,
    );
    expect(conf.searches).toEqual([
      'shop.svc.cluster.local',
      'svc.cluster.local',
      'cluster.local',
      'corp.example',
    ]);
    expect(conf.options).toEqual(['ndots:1']);
  });

  it('keeps at most three nameservers, with kubelet warning', () => {
    const conf = computePodResolvConf(
      pod({
        dnsPolicy: 'ClusterFirst',
        dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'] },
      }),
      defaultClusterSettings,
    );
    expect(conf.nameservers).toEqual(['10.96.0.10', '1.1.1.1', '8.8.8.8']);
    expect(conf.warnings).toEqual([
      'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8',
    ]);
  });
});
