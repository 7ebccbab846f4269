/**
 * nftables mode's own default for `nodePortAddresses`: with none configured, kube-proxy uses
 * `primary`, the node's primary IP of each family (kubernetes/kubernetes
 * cmd/kube-proxy/app/server_linux.go platformApplyDefaults, read at commit
 * 0014930a2487b0c516796dbf5a05fc6bf2edd1bc). On the fake proxier's node that is what
 * NewFakeProxier configures by hand (testNodeIP/32, testNodeIPv6/128), so the table is upstream's
 * baseRules (pkg/proxy/nftables/proxier_test.go at 81810de635aa), and NodePorts answer on the
 * primary IP only, as TestNodePorts's "ipv4" and "ipv6" cases expect.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeNftablesTable, renderNftTransaction } from '../../../src/engine/kubeproxy/nftables';
import { svc1Slice } from '../kubeproxy/testLoadBalancer.cases';
import { baseRules, fakeProxier, sortTransaction, traceFlow } from './helpers';

/** The fake proxier's node and settings, without `nodePortAddresses`. */
const header = fakeProxier().replace(/^nodePortAddresses: .*\n/m, '');

const nodePortService = `---
apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: ns1}
spec:
  type: NodePort
  clusterIP: 172.30.0.41
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
---
${svc1Slice}`;

function table(objects: string, family: 4 | 6) {
  const { cluster } = simulate(header + objects, { admitted: true });
  return computeNftablesTable(cluster, 'test-node', family);
}

describe('nftables mode defaults nodePortAddresses to primary', () => {
  it('writes upstream baseRules when none are configured', () => {
    expect(header).not.toContain('nodePortAddresses');
    expect(sortTransaction(renderNftTransaction(table('', 4)))).toBe(sortTransaction(baseRules));
  });

  it('lists the primary IPv6 address in the ip6 table', () => {
    const elements = table('', 6).sets.get('nodeport-ips')?.elements ?? [];
    expect(elements.map((e) => e.key.join(' . '))).toEqual(['2001:db8::1']);
  });

  it('serves NodePorts on the primary IP and not on the secondary one', () => {
    const t = table(nodePortService, 4);
    const external = { sourceIP: '203.0.113.2', destPort: 3001, output: '' };
    expect(
      traceFlow(t, { name: 'external to nodePort', destIP: '192.168.0.2', ...external }),
    ).toEqual({ output: '10.180.0.1:80', masq: true });
    expect(
      traceFlow(t, {
        name: 'secondary nodeIP ignores NodePorts',
        destIP: '192.168.1.2',
        ...external,
      }),
    ).toEqual({ output: '', masq: false });
  });
});
