import { describe, expect, it } from 'vitest';
import { threePodService, toWebService } from '../fixtures/threePodService';
import { computeNftText, computeNftablesTable } from '../../../src/engine/kubeproxy/nftables';
import { traceUserspace, userspaceNotice } from '../../../src/engine/kubeproxy/userspace';
import { sampleNftables, traceNftables } from '../../../src/engine/trace/nftables';
import { seededRandom } from '../../../src/engine/trace/sample';

function cluster(mode: string, affinity = '') {
  return threePodService(`mode: ${mode}`, affinity);
}

const local = ['127.0.0.1', '192.168.1.10'];

describe('nftables tracer', () => {
  it('follows every numgen branch without a random source', () => {
    const r = traceNftables(computeNftablesTable(cluster('nftables'), 'node-1', 4), toWebService, {
      localAddresses: local,
    });
    expect(r.verdict).toBe('DNAT');
    expect(r.endpoints).toEqual(['10.244.1.2:8080', '10.244.2.2:8080', '10.244.3.2:8080']);
    expect(r.hops.some((h) => h.rule.startsWith('numgen random mod 3 vmap'))).toBe(true);
  });

  it('takes one numgen branch per packet with a seeded source, spreading packets over the pods', () => {
    const table = computeNftablesTable(cluster('nftables'), 'node-1', 4);
    const sample = sampleNftables(table, toWebService, 300, {
      localAddresses: local,
      random: seededRandom(7),
    });
    expect(Object.keys(sample.endpoints).sort()).toEqual([
      '10.244.1.2:8080',
      '10.244.2.2:8080',
      '10.244.3.2:8080',
    ]);
    for (const n of Object.values(sample.endpoints)) expect(n).toBeGreaterThan(60);
  });

  it('keeps a client on its pod through the affinity sets', () => {
    const table = computeNftablesTable(
      cluster('nftables', '  sessionAffinity: ClientIP\n'),
      'node-1',
      4,
    );
    const sample = sampleNftables(table, toWebService, 20, {
      localAddresses: local,
      random: seededRandom(3),
    });
    expect(Object.keys(sample.endpoints)).toHaveLength(1);
  });

  it('prints the nft list view with the table and its chains', () => {
    const text = computeNftText(cluster('nftables'), 'node-1', 'list', [4]);
    expect(text.startsWith('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n')).toBe(true);
    expect(text).toContain(
      '\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority -100; policy accept;\n\t\tjump services\n\t}',
    );
  });
});

describe('userspace mode (removed in v1.26)', () => {
  it('says there are no kernel rules, in one line', () => {
    expect(userspaceNotice.trimEnd().split('\n')).toHaveLength(1);
    expect(userspaceNotice).toContain('removed');
  });

  it('proxies round-robin through the kube-proxy process, the pod seeing the node as source', () => {
    const c = cluster('userspace');
    const state = { next: new Map<string, number>(), affinity: new Map<string, string>() };
    const seq = [1, 2, 3, 4].map(
      () => traceUserspace(c, 'node-1', toWebService, state).endpoints[0],
    );
    expect(seq).toEqual([
      '10.244.1.2:8080',
      '10.244.2.2:8080',
      '10.244.3.2:8080',
      '10.244.1.2:8080',
    ]);
    expect(traceUserspace(c, 'node-1', toWebService).masquerade).toBe(true);
  });
});
