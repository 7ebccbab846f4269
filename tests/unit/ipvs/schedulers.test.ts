import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeIpvsState, renderIpvsadm } from '../../../src/engine/kubeproxy/ipvs';
import { sampleIpvs, traceIpvs } from '../../../src/engine/trace/ipvs';

function cluster(scheduler: string, extra = '') {
  return simulate(
    `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
clusterCIDR: 10.244.0.0/16
ipvs: {scheduler: ${scheduler}}
---
apiVersion: v1
kind: Node
metadata: {name: node-1}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  clusterIP: 10.96.0.20
  ports: [{name: http, port: 80, protocol: TCP}]
${extra}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: default, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- {addresses: [10.244.1.2], nodeName: node-1}
- {addresses: [10.244.2.2], nodeName: node-2}
- {addresses: [10.244.3.2], nodeName: node-3}
ports: [{name: http, port: 8080, protocol: TCP}]
`,
    { admitted: true },
  ).cluster;
}

const toWeb = {
  source: '10.244.1.7',
  destination: '10.96.0.20',
  port: 80,
  protocol: 'TCP' as const,
};

describe('IPVS schedulers in the tracer', () => {
  it('sends 6 requests under rr to each of 3 pods twice, in order', () => {
    const state = computeIpvsState(cluster('rr'), 'node-1', 4);
    const sample = sampleIpvs(state, toWeb, 6);
    expect(sample.sequence).toEqual([
      '10.244.1.2:8080',
      '10.244.2.2:8080',
      '10.244.3.2:8080',
      '10.244.1.2:8080',
      '10.244.2.2:8080',
      '10.244.3.2:8080',
    ]);
  });

  it('sends every request of one client to one pod under sh', () => {
    const state = computeIpvsState(cluster('sh'), 'node-1', 4);
    const sample = sampleIpvs(state, toWeb, 20);
    expect(Object.keys(sample.endpoints)).toHaveLength(1);
    const other = sampleIpvs(state, { ...toWeb, source: '10.244.2.9' }, 5);
    expect(Object.keys(other.endpoints)).toHaveLength(1);
  });

  it('under lc spreads connections that stay open over every pod', () => {
    const state = computeIpvsState(cluster('lc'), 'node-1', 4);
    const sample = sampleIpvs(state, toWeb, 9);
    expect(Object.values(sample.endpoints)).toEqual([3, 3, 3]);
  });

  it('keeps a ClientIP client on one pod with persistence', () => {
    const c = cluster('rr', '  sessionAffinity: ClientIP\n');
    const state = computeIpvsState(c, 'node-1', 4);
    expect(renderIpvsadm(state.virtualServers)).toContain(
      'TCP  10.96.0.20:80 rr persistent 10800\n',
    );
    const sample = sampleIpvs(state, toWeb, 6);
    expect(new Set(sample.sequence).size).toBe(1);
  });

  it('lists every real server for a single trace without history', () => {
    const state = computeIpvsState(cluster('wrr'), 'node-1', 4);
    const r = traceIpvs(state, toWeb);
    expect(r.verdict).toBe('DNAT');
    expect(r.endpoints).toHaveLength(3);
  });

  it('accepts every scheduler kube-proxy accepts, and mh gets its source-hash flag', () => {
    for (const s of ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'mh']) {
      const state = computeIpvsState(cluster(s), 'node-1', 4);
      const sample = sampleIpvs(state, toWeb, 4);
      expect(sample.verdicts.DNAT, s).toBe(4);
    }
    const mh = computeIpvsState(cluster('mh'), 'node-1', 4);
    expect(renderIpvsadm(mh.virtualServers)).toContain('TCP  10.96.0.20:80 mh (mh-port)\n');
  });

  it('prints real servers in ipvsadm columns', () => {
    const state = computeIpvsState(cluster('rr'), 'node-1', 4);
    expect(renderIpvsadm(state.virtualServers)).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.96.0.20:80 rr',
        `  -> ${'10.244.1.2:8080'.padEnd(28)} Masq    1      0          0         `,
        `  -> ${'10.244.2.2:8080'.padEnd(28)} Masq    1      0          0         `,
        `  -> ${'10.244.3.2:8080'.padEnd(28)} Masq    1      0          0         `,
        '',
      ].join('\n'),
    );
  });
});
