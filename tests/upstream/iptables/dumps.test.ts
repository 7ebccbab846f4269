/**
 * Whole dumps and single rules of the current upstream test file: TestBadIPs,
 * TestSyncProxyRulesRepeated (a sequence of syncs; its partial syncs applied as
 * iptables-restore would), TestSyncProxyRulesLargeClusterMode,
 * TestLoadBalancerIngressRouteTypeProxy and TestComputeProbability.
 *
 * Source: kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go, read at
 * aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba (see ./source.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  computeProbability,
  createIptablesProxier,
  renderIptablesSave,
} from '../../../src/engine/kubeproxy/iptables';
import {
  applyRestore,
  clusterOf,
  dedent,
  fixtureHeader,
  iptablesSaveOf,
  renderState,
  sortIPTablesRules,
  testNodeName,
  type DumpState,
} from './harness';

const text = (dump: string) => `${dedent(dump).replace(/\n+$/, '')}\n`;

describe('TestBadIPs', () => {
  const fixture = `${fixtureHeader()}---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: 172.30.0.041
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
  externalIPs: [192.168.099.022]
  loadBalancerSourceRanges: [203.0.113.000/025]
status:
  loadBalancer:
    ingress: [{ip: 1.2.3.004}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: svc1-1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [10.180.00.001]}]
ports: [{name: p80, port: 80, protocol: TCP}]
`;
  const expected = text(`
    *filter
    :KUBE-NODEPORTS - [0:0]
    :KUBE-SERVICES - [0:0]
    :KUBE-EXTERNAL-SERVICES - [0:0]
    :KUBE-FIREWALL - [0:0]
    :KUBE-FORWARD - [0:0]
    :KUBE-PROXY-FIREWALL - [0:0]
    -A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
    -A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
    -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
    -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
    -A KUBE-PROXY-FIREWALL -m comment --comment "ns1/svc1:p80 traffic not accepted by KUBE-FW-XPGD46QRK7WJZT7O" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
    COMMIT
    *nat
    :KUBE-NODEPORTS - [0:0]
    :KUBE-SERVICES - [0:0]
    :KUBE-EXT-XPGD46QRK7WJZT7O - [0:0]
    :KUBE-FW-XPGD46QRK7WJZT7O - [0:0]
    :KUBE-MARK-MASQ - [0:0]
    :KUBE-POSTROUTING - [0:0]
    :KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
    :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
    -A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-XPGD46QRK7WJZT7O
    -A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-XPGD46QRK7WJZT7O
    -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
    -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-XPGD46QRK7WJZT7O
    -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-FW-XPGD46QRK7WJZT7O
    -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
    -A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade traffic for ns1/svc1:p80 external destinations" -j KUBE-MARK-MASQ
    -A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVC-XPGD46QRK7WJZT7O
    -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-XPGD46QRK7WJZT7O
    -A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "other traffic to ns1/svc1:p80 will be dropped by KUBE-PROXY-FIREWALL"
    -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
    -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
    -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
    -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
    -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
    -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
    -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
    -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
    COMMIT
    `);

  it('rewrites sloppy IPs and CIDRs as Go prints them, compared as assertIPTablesRulesEqual does', () => {
    expect(sortIPTablesRules(iptablesSaveOf(fixture))).toBe(expected);
  });
});

/** The fake proxier's fixed filter table (KUBE-FIREWALL, nfacct) with `extra` filter rules. */
const filterTable = (extra = '') => `
  *filter
  :KUBE-NODEPORTS - [0:0]
  :KUBE-SERVICES - [0:0]
  :KUBE-EXTERNAL-SERVICES - [0:0]
  :KUBE-FIREWALL - [0:0]
  :KUBE-FORWARD - [0:0]
  :KUBE-PROXY-FIREWALL - [0:0]
  ${extra}-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
  -A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
  -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
  -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  COMMIT`;

const natHead = `
  *nat
  :KUBE-NODEPORTS - [0:0]
  :KUBE-SERVICES - [0:0]
  :KUBE-MARK-MASQ - [0:0]
  :KUBE-POSTROUTING - [0:0]`;

const natFixed = `
  -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
  -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
  -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
  -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
  -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE`;

const clusterIPRule = (svc: string, port: number, ip: string, chain: string) =>
  `-A KUBE-SERVICES -m comment --comment "${svc}:p${port} cluster IP" -m tcp -p tcp -d ${ip} --dport ${port} -j ${chain}`;

describe('TestSyncProxyRulesRepeated', () => {
  const service = (n: number, port: number) => `---
apiVersion: v1
kind: Service
metadata: {namespace: ns${n}, name: svc${n}}
spec:
  type: ClusterIP
  clusterIP: 172.30.0.4${n}
  ports: [{name: p${port}, port: ${port}, protocol: TCP}]
`;
  const slice = (n: number, port: number, ips: string[]) => `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns${n}, name: svc${n}-1, labels: {kubernetes.io/service-name: svc${n}}}
addressType: IPv4
endpoints: [${ips.map((ip) => `{addresses: [${ip}]}`).join(', ')}]
ports: [{name: p${port}, port: ${port}, protocol: TCP}]
`;
  const svc1 = service(1, 80) + slice(1, 80, ['10.0.1.1']);
  const svc2 = service(2, 8080) + slice(2, 8080, ['10.0.2.1']);
  const svc3 = service(3, 80);
  const svc4 = service(4, 80);
  const rules = {
    svc1: clusterIPRule('ns1/svc1', 80, '172.30.0.41', 'KUBE-SVC-XPGD46QRK7WJZT7O'),
    svc2: clusterIPRule('ns2/svc2', 8080, '172.30.0.42', 'KUBE-SVC-2VJB64SDSIJUP5T6'),
    svc3: clusterIPRule('ns3/svc3', 80, '172.30.0.43', 'KUBE-SVC-X27LE4BHSL4DOUIK'),
    svc4: clusterIPRule('ns4/svc4', 80, '172.30.0.44', 'KUBE-SVC-4SW47YFZTEDKD3PK'),
  };
  const svc3Chain = (endpoints: [string, string][]) => {
    const out = [
      `-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ`,
    ];
    endpoints.forEach(([ip, sep], i) => {
      const probability =
        i < endpoints.length - 1
          ? ` -m statistic --mode random --probability ${computeProbability(endpoints.length - i)}`
          : '';
      out.push(
        `-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> ${ip}:80"${probability} -j ${sep}`,
      );
    });
    return out.join('\n  ');
  };
  const sep = (chain: string, svc: string, ip: string, port: number) =>
    `-A ${chain} -m comment --comment ${svc} -s ${ip} -j KUBE-MARK-MASQ
  -A ${chain} -m comment --comment ${svc} -m tcp -p tcp -j DNAT --to-destination ${ip}:${port}`;

  // Each step: the input after the change, and what upstream's proxier wrote for the sync.
  const steps: { name: string; yaml: string; restore: string }[] = [
    {
      name: 'initial full sync',
      yaml: svc1 + svc2,
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-SNQ3ZNILQDEJNDQO - [0:0]
  :KUBE-SEP-UHEGFW77JX3KXTOV - [0:0]
  :KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]
  :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
  ${rules.svc1}
  ${rules.svc2}${natFixed}
  ${sep('KUBE-SEP-SNQ3ZNILQDEJNDQO', 'ns1/svc1:p80', '10.0.1.1', 80)}
  ${sep('KUBE-SEP-UHEGFW77JX3KXTOV', 'ns2/svc2:p8080', '10.0.2.1', 8080)}
  -A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 8080 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
  -A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 -> 10.0.2.1:8080" -j KUBE-SEP-UHEGFW77JX3KXTOV
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.0.1.1:80" -j KUBE-SEP-SNQ3ZNILQDEJNDQO
  COMMIT`,
    },
    {
      name: 'add a service and its endpoints',
      yaml: svc1 + svc2 + svc3 + slice(3, 80, ['10.0.3.1']),
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-BSWRHOQ77KEXZLNL - [0:0]
  :KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
  ${rules.svc1}
  ${rules.svc2}
  ${rules.svc3}${natFixed}
  ${sep('KUBE-SEP-BSWRHOQ77KEXZLNL', 'ns3/svc3:p80', '10.0.3.1', 80)}
  ${svc3Chain([['10.0.3.1', 'KUBE-SEP-BSWRHOQ77KEXZLNL']])}
  COMMIT`,
    },
    {
      name: 'delete a service',
      yaml: svc1 + svc3 + slice(3, 80, ['10.0.3.1']) + slice(2, 8080, ['10.0.2.1']),
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-UHEGFW77JX3KXTOV - [0:0]
  :KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]
  ${rules.svc1}
  ${rules.svc3}${natFixed}
  -X KUBE-SEP-UHEGFW77JX3KXTOV
  -X KUBE-SVC-2VJB64SDSIJUP5T6
  COMMIT`,
    },
    {
      name: 'add a service without endpoints',
      yaml: svc1 + svc3 + slice(3, 80, ['10.0.3.1']) + svc4,
      restore: `${filterTable(
        '-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j REJECT\n  ',
      )}${natHead}
  ${rules.svc1}
  ${rules.svc3}${natFixed}
  COMMIT`,
    },
    {
      name: 'add its endpoints',
      yaml: svc1 + svc3 + slice(3, 80, ['10.0.3.1']) + svc4 + slice(4, 80, ['10.0.4.1']),
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-AYCN5HPXMIRJNJXU - [0:0]
  :KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
  ${rules.svc1}
  ${rules.svc3}
  ${rules.svc4}${natFixed}
  ${sep('KUBE-SEP-AYCN5HPXMIRJNJXU', 'ns4/svc4:p80', '10.0.4.1', 80)}
  -A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
  -A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.0.4.1:80" -j KUBE-SEP-AYCN5HPXMIRJNJXU
  COMMIT`,
    },
    {
      name: 'change an endpoint of an existing service',
      yaml: svc1 + svc3 + slice(3, 80, ['10.0.3.2']) + svc4 + slice(4, 80, ['10.0.4.1']),
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-BSWRHOQ77KEXZLNL - [0:0]
  :KUBE-SEP-DKCFIS26GWF2WLWC - [0:0]
  :KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
  ${rules.svc1}
  ${rules.svc3}
  ${rules.svc4}${natFixed}
  ${sep('KUBE-SEP-DKCFIS26GWF2WLWC', 'ns3/svc3:p80', '10.0.3.2', 80)}
  ${svc3Chain([['10.0.3.2', 'KUBE-SEP-DKCFIS26GWF2WLWC']])}
  -X KUBE-SEP-BSWRHOQ77KEXZLNL
  COMMIT`,
    },
    {
      name: 'add an endpoint to a service',
      yaml:
        svc1 + svc3 + slice(3, 80, ['10.0.3.2', '10.0.3.3']) + svc4 + slice(4, 80, ['10.0.4.1']),
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-DKCFIS26GWF2WLWC - [0:0]
  :KUBE-SEP-JVVZVJ7BSEPPRNBS - [0:0]
  :KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
  ${rules.svc1}
  ${rules.svc3}
  ${rules.svc4}${natFixed}
  ${sep('KUBE-SEP-DKCFIS26GWF2WLWC', 'ns3/svc3:p80', '10.0.3.2', 80)}
  ${sep('KUBE-SEP-JVVZVJ7BSEPPRNBS', 'ns3/svc3:p80', '10.0.3.3', 80)}
  ${svc3Chain([
    ['10.0.3.2', 'KUBE-SEP-DKCFIS26GWF2WLWC'],
    ['10.0.3.3', 'KUBE-SEP-JVVZVJ7BSEPPRNBS'],
  ])}
  COMMIT`,
    },
    {
      name: 'sync with no changes',
      yaml:
        svc1 + svc3 + slice(3, 80, ['10.0.3.2', '10.0.3.3']) + svc4 + slice(4, 80, ['10.0.4.1']),
      restore: `${filterTable()}${natHead}
  ${rules.svc1}
  ${rules.svc3}
  ${rules.svc4}${natFixed}
  COMMIT`,
    },
    {
      name: 'delete a service (the full resync after the failed partial one)',
      yaml: svc1 + svc3 + slice(3, 80, ['10.0.3.2', '10.0.3.3']) + slice(4, 80, ['10.0.4.1']),
      restore: `${filterTable()}${natHead}
  :KUBE-SEP-AYCN5HPXMIRJNJXU - [0:0]
  :KUBE-SEP-DKCFIS26GWF2WLWC - [0:0]
  :KUBE-SEP-JVVZVJ7BSEPPRNBS - [0:0]
  :KUBE-SEP-SNQ3ZNILQDEJNDQO - [0:0]
  :KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
  :KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
  :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
  ${rules.svc1}
  ${rules.svc3}${natFixed}
  ${sep('KUBE-SEP-DKCFIS26GWF2WLWC', 'ns3/svc3:p80', '10.0.3.2', 80)}
  ${sep('KUBE-SEP-JVVZVJ7BSEPPRNBS', 'ns3/svc3:p80', '10.0.3.3', 80)}
  ${sep('KUBE-SEP-SNQ3ZNILQDEJNDQO', 'ns1/svc1:p80', '10.0.1.1', 80)}
  ${svc3Chain([
    ['10.0.3.2', 'KUBE-SEP-DKCFIS26GWF2WLWC'],
    ['10.0.3.3', 'KUBE-SEP-JVVZVJ7BSEPPRNBS'],
  ])}
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
  -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.0.1.1:80" -j KUBE-SEP-SNQ3ZNILQDEJNDQO
  -X KUBE-SEP-AYCN5HPXMIRJNJXU
  -X KUBE-SVC-4SW47YFZTEDKD3PK
  COMMIT`,
    },
  ];

  it('the first sync is the full dump upstream expects', () => {
    const first = steps[0];
    if (!first) throw new Error('no steps');
    expect(sortIPTablesRules(iptablesSaveOf(fixtureHeader() + first.yaml))).toBe(
      text(first.restore),
    );
  });

  it('after each change, one proxier holds what upstream leaves in the kernel', () => {
    const proxier = createIptablesProxier(testNodeName, 4);
    let state: DumpState = new Map();
    for (const step of steps) {
      state = applyRestore(state, dedent(step.restore));
      const ours = renderIptablesSave(proxier.sync(clusterOf(fixtureHeader() + step.yaml)));
      expect(sortIPTablesRules(ours), step.name).toBe(renderState(state));
    }
  });
});

describe('TestSyncProxyRulesLargeClusterMode', () => {
  const service = (n: number, port: number) => `---
apiVersion: v1
kind: Service
metadata: {namespace: ns${n}, name: svc${n}}
spec:
  type: ClusterIP
  clusterIP: 172.30.0.4${n}
  ports: [{name: p${port}, port: ${port}, protocol: TCP}]
`;
  const slice = (n: number, port: number, ips: string[]) => `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns${n}, name: svc${n}-1, labels: {kubernetes.io/service-name: svc${n}}}
addressType: IPv4
endpoints: [${ips.map((ip) => `{addresses: [${ip}]}`).join(', ')}]
ports: [{name: p${port}, port: ${port}, protocol: TCP}]
`;
  // largeClusterEndpointsThreshold/2-1 endpoints each for svc1 and svc2.
  const many = (prefix: string) =>
    Array.from({ length: 499 }, (_, i) => `${prefix}.${i % 256}.${Math.floor(i / 256)}`);
  const base =
    fixtureHeader({ proxyConfig: 'iptables: {masqueradeAll: true}' }) +
    service(1, 80) +
    service(2, 8080) +
    service(3, 8081) +
    slice(1, 80, many('10.0')) +
    slice(2, 8080, many('10.1'));
  const withSvc3 = base + slice(3, 8081, ['203.0.113.4', '203.0.113.8', '203.0.113.12']);

  const count = (dump: string, match: string) => {
    let matched = '';
    let endpoints = 0;
    let comments = 0;
    for (const line of dump.split('\n')) {
      if (line.startsWith('-A KUBE-SEP-') && line.includes('-j DNAT')) {
        endpoints++;
        if (line.includes('--comment')) comments++;
        if (line.includes(match)) matched = line;
      }
    }
    return { matched, endpoints, comments };
  };

  it('keeps comments below the threshold', () => {
    expect(count(iptablesSaveOf(base), '10.0.0.0')).toEqual({
      matched:
        '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80',
      endpoints: 998,
      comments: 998,
    });
  });

  it('drops every endpoint comment above it (as the forced full resync writes them)', () => {
    const dump = iptablesSaveOf(withSvc3);
    expect(count(dump, '203.0.113.4').matched).toBe(
      '-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081',
    );
    expect(count(dump, '10.0.0.0')).toEqual({
      matched: '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80',
      endpoints: 1001,
      comments: 0,
    });
  });

  it('writes a new service without comments, and removes its chains once it is deleted', () => {
    const svc4 = service(4, 8082) + slice(4, 8082, ['10.4.0.1']);
    const proxier = createIptablesProxier(testNodeName, 4);
    const added = renderIptablesSave(proxier.sync(clusterOf(withSvc3 + svc4)));
    expect(count(added, '10.4.0.1').matched).toBe(
      '-A KUBE-SEP-SU5STNODRYEWJAUF -m tcp -p tcp -j DNAT --to-destination 10.4.0.1:8082',
    );
    const deleted = renderIptablesSave(proxier.sync(clusterOf(withSvc3)));
    expect(count(deleted, '10.4.0.1').matched).toBe('');
    expect(deleted).not.toContain('KUBE-SVC-EBDQOQU5SJFXRIL3');
    expect(deleted).not.toContain('KUBE-SEP-SU5STNODRYEWJAUF');
    expect(count(deleted, '10.0.0.0').endpoints).toBe(1001);
  });
});

describe('TestLoadBalancerIngressRouteTypeProxy (LoadBalancerIPMode enabled, as it is GA)', () => {
  const cases = [
    { name: 'ipMode Proxy', svcIP: '10.20.30.41', lbIP: '1.2.3.4', ipMode: 'Proxy', rule: false },
    { name: 'ipMode VIP', svcIP: '10.20.30.42', lbIP: '1.2.3.5', ipMode: 'VIP', rule: true },
    { name: 'ipMode nil', svcIP: '10.20.30.43', lbIP: '1.2.3.6', ipMode: undefined, rule: true },
  ];
  for (const tc of cases) {
    it(`${tc.name}: ${tc.rule ? 'a' : 'no'} KUBE-SERVICES rule for the load-balancer IP`, () => {
      const dump = iptablesSaveOf(`${fixtureHeader()}---
apiVersion: v1
kind: Service
metadata: {namespace: ns1, name: svc1}
spec:
  type: LoadBalancer
  clusterIP: ${tc.svcIP}
  ports: [{name: p80, port: 80, protocol: TCP, nodePort: 3001}]
status:
  loadBalancer:
    ingress: [{ip: ${tc.lbIP}${tc.ipMode ? `, ipMode: ${tc.ipMode}` : ''}}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: ns1, name: svc1-1, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [10.180.0.1]}]
ports: [{name: p80, port: 80, protocol: TCP}]
`);
      const nat = dump.slice(dump.indexOf('*nat'));
      const exists = nat
        .split('\n')
        .some((l) => l.startsWith('-A KUBE-SERVICES ') && l.includes(` -d ${tc.lbIP} `));
      expect(exists).toBe(tc.rule);
    });
  }
});

describe('TestComputeProbability', () => {
  const expected: [number, string][] = [
    [1, '1.0000000000'],
    [2, '0.5000000000'],
    [10, '0.1000000000'],
    [100, '0.0100000000'],
    [1000, '0.0010000000'],
    [10000, '0.0001000000'],
    [100000, '0.0000100000'],
    [100001, '0.0000099999'],
  ];
  it('formats 1/n as upstream does', () => {
    for (const [n, text] of expected) expect(computeProbability(n)).toBe(text);
  });
  it('is strictly decreasing in n', () => {
    let previous = 0;
    for (let i = 100000; i > 1; i--) {
      const p = Number(computeProbability(i));
      expect(p > previous).toBe(true);
      previous = p;
    }
  });
});
