import { describe, expect, it } from 'vitest';
import { threePodService, toWebService } from '../fixtures/threePodService';
import { computeIpvsState, renderIpvsadm } from '../../../src/engine/kubeproxy/ipvs';
import { sampleIpvs, traceIpvs } from '../../../src/engine/trace/ipvs';

function cluster(scheduler: string, extra = '') {
  return threePodService(`mode: ipvs\nipvs: {scheduler: ${scheduler}}`, extra);
}

describe('IPVS schedulers in the tracer', () => {
  it('sends 6 requests under rr to each of 3 pods twice, in order', () => {
    const state = computeIpvsState(cluster('rr'), 'node-1', 4);
    const sample = sampleIpvs(state, toWebService, 6);
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
    const sample = sampleIpvs(state, toWebService, 20);
    expect(Object.keys(sample.endpoints)).toHaveLength(1);
    const other = sampleIpvs(state, { ...toWebService, source: '10.244.2.9' }, 5);
    expect(Object.keys(other.endpoints)).toHaveLength(1);
  });

  it('under lc spreads connections that stay open over every pod', () => {
    const state = computeIpvsState(cluster('lc'), 'node-1', 4);
    const sample = sampleIpvs(state, toWebService, 9);
    expect(Object.values(sample.endpoints)).toEqual([3, 3, 3]);
  });

  it('keeps a ClientIP client on one pod with persistence', () => {
    const c = cluster('rr', '  sessionAffinity: ClientIP\n');
    const state = computeIpvsState(c, 'node-1', 4);
    expect(renderIpvsadm(state.virtualServers)).toContain(
      'TCP  10.96.0.20:80 rr persistent 10800\n',
    );
    const sample = sampleIpvs(state, toWebService, 6);
    expect(new Set(sample.sequence).size).toBe(1);
  });

  it('lists every real server for a single trace without history', () => {
    const state = computeIpvsState(cluster('wrr'), 'node-1', 4);
    const r = traceIpvs(state, toWebService);
    expect(r.verdict).toBe('DNAT');
    expect(r.endpoints).toHaveLength(3);
  });

  it('accepts every scheduler kube-proxy accepts, and mh gets its source-hash flag', () => {
    for (const s of ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'mh']) {
      const state = computeIpvsState(cluster(s), 'node-1', 4);
      const sample = sampleIpvs(state, toWebService, 4);
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
