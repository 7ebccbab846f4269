/**
 * The command line on IPVS mode fixtures of kubernetes/kubernetes pkg/proxy/ipvs/proxier_test.go
 * (reference index file id 11084498, upstream master of 2025), run in process as src/cli runs
 * it. On an IPVS node `iptables-save` prints the chains IPVS mode writes (proxier.go
 * writeIptablesRules, createAndLinkKubeChain), grouped by chain as iptables-save groups them;
 * the fake proxier's iptables has no --random-fully, hence `--no-random-fully`.
 */
import { describe, expect, it } from 'vitest';
import { cli, fixture, service, slice, testNodeName } from './harness';

/** TestLoadBalancerSourceRanges: buildFakeProxier, so no node IP and no node port. */
const sourceRanges = fixture(
  service({
    spec: `  type: LoadBalancer
  clusterIP: 10.20.30.41
  loadBalancerSourceRanges: [10.0.0.0/8]
  ports: [{name: p80, port: 80, protocol: TCP}]`,
    status: '  loadBalancer: {ingress: [{ip: 1.2.3.4}]}',
  }) + slice({ endpoints: '[{addresses: [10.180.0.1]}]' }),
);

const sourceRangesIptablesSave = `*filter
:KUBE-FORWARD - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-SOURCE-RANGES-FIREWALL - [0:0]
:KUBE-IPVS-FILTER - [0:0]
:KUBE-IPVS-OUT-FILTER - [0:0]
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT
-A KUBE-PROXY-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port for load balancer with sourceRange" -m set --match-set KUBE-LOAD-BALANCER-FW dst,dst -j KUBE-SOURCE-RANGES-FIREWALL
-A KUBE-SOURCE-RANGES-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port + source cidr for packet filter purpose" -m set --match-set KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src -j RETURN
-A KUBE-SOURCE-RANGES-FIREWALL -j DROP
-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN
-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT
-A KUBE-IPVS-OUT-FILTER -s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP
COMMIT
*nat
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-LOAD-BALANCER - [0:0]
:KUBE-MARK-MASQ - [0:0]
-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN
-A KUBE-SERVICES -m comment --comment "Kubernetes service lb portal" -m set --match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER
-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
-A KUBE-SERVICES -m set --match-set KUBE-LOAD-BALANCER dst,dst -j ACCEPT
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
COMMIT
`;

describe('kube-playground on an IPVS node', () => {
  it('iptables-save prints the chains IPVS mode writes (TestLoadBalancerSourceRanges)', () => {
    const r = cli(
      ['iptables-save', '--admitted', '--no-random-fully', '--node', testNodeName],
      sourceRanges,
    );
    expect(r).toEqual({ code: 0, stdout: sourceRangesIptablesSave, stderr: '' });
  });

  it('ip6tables-save prints the IPv6 chains, dismissing ::1 (TestDismissLocalhostRuleExist)', () => {
    const r = cli(['ip6tables-save', '--admitted', '--node', testNodeName], sourceRanges);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n-A KUBE-SERVICES -s ::1/128 -j RETURN\n');
    // No IPv6 load balancer IP: no jump to KUBE-LOAD-BALANCER; the sets have their IPv6 names.
    expect(r.stdout).not.toContain('-j KUBE-LOAD-BALANCER\n');
    expect(r.stdout).toContain(
      '\n-A KUBE-IPVS-FILTER -m set --match-set KUBE-6-CLUSTER-IP dst,dst -j RETURN\n',
    );
  });

  it('ipvsadm -o json lists the virtual servers with affinity (TestSessionAffinity)', () => {
    const r = cli(
      ['ipvsadm', '--admitted', '--node', testNodeName, '-o', 'json'],
      fixture(
        service({
          spec: `  type: NodePort
  clusterIP: 10.20.30.41
  externalIPs: [50.60.70.81]
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]`,
        }),
        { nodeIPs: ['100.101.102.103'] },
      ),
    );
    const vs = (address: string, port: number) => ({
      address,
      port,
      protocol: 'TCP',
      scheduler: 'rr',
      flags: ['persistent'],
      timeout: 10800,
      realServers: [],
    });
    expect(JSON.parse(r.stdout)).toEqual({
      virtualServers: [vs('10.20.30.41', 80), vs('50.60.70.81', 80), vs('100.101.102.103', 3001)],
    });
  });

  it('ipset lists the node port sets of a Local NodePort Service (TestOnlyLocalNodePorts)', () => {
    const r = cli(
      ['ipset', '--admitted', '--node', testNodeName],
      fixture(
        service({
          spec: `  type: NodePort
  clusterIP: 10.20.30.41
  externalTrafficPolicy: Local
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]`,
        }) + slice({ endpoints: '[{addresses: [10.180.0.1], nodeName: test-node}]' }),
        { nodeIPs: ['100.101.102.103'], nodePortAddresses: ['100.101.102.0/24'] },
      ),
    );
    const members = (name: string) => {
      const block = r.stdout.split('\n\n').find((b) => b.startsWith(`Name: ${name}\n`)) ?? '';
      return block.slice(block.indexOf('Members:\n') + 'Members:\n'.length).trim();
    };
    expect(members('KUBE-NODE-PORT-TCP')).toBe('3001');
    expect(members('KUBE-NODE-PORT-LOCAL-TCP')).toBe('3001');
    expect(members('KUBE-CLUSTER-IP')).toBe('10.20.30.41,tcp:80');
    expect(members('KUBE-LOOP-BACK')).toBe('10.180.0.1,tcp:80,10.180.0.1');
  });
});
