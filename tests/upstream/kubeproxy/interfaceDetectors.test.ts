/**
 * kube-proxy's BridgeInterface and InterfaceNamePrefix local-traffic detectors end to end,
 * through the command line run in process as src/cli runs it (`--admitted` snapshots).
 *
 * - The detectors (kubernetes/kubernetes pkg/proxy/util/localdetector_test.go at
 *   0411cc704533ed25a1bfc6e21a3195d9c6a2f0f2: TestDetectLocalByBridgeInterface,
 *   TestDetectLocalNFTByBridgeInterface, TestDetectLocalByInterfaceNamePrefix,
 *   TestDetectLocalNFTByInterfaceNamePrefix) in the rules of each mode, where the proxiers
 *   write them: iptables mode's cluster-IP masquerade rule (IfNotLocal) and pod short-circuit of
 *   the external chain (IfLocal) (pkg/proxy/iptables/proxier.go at 092dddd12ca4 syncProxyRules);
 *   nftables mode's same two rules with IfNotLocalNFT / IfLocalNFT (pkg/proxy/nftables/proxier.go
 *   at b0f823e6ccd8); IPVS mode's KUBE-CLUSTER-IP masquerade rule (pkg/proxy/ipvs/proxier.go at
 *   9dce640213b5 writeIptablesRules). Upstream's proxier tests have no case with these
 *   detectors (they use NewDetectLocalByCIDR or none), so the expected lines are those rules
 *   with the detector's arguments.
 * - The validation of an empty interface (TestValidateDetectLocalConfiguration's four interface
 *   cases, pkg/proxy/apis/config/validation/validation_test.go, the version held in the reference
 *   index as file id 14409311502). That test calls the internal function with internal field
 *   names (DetectLocal.InterfaceName / InterfacePrefix); a v1alpha1 document, which is what we
 *   read, is reported by its v1alpha1 path (field_paths_test.go at de13d943f4b5,
 *   TestValidateV1Alpha1FieldPaths "bridge interface" and "interface name prefix":
 *   detectLocal.bridgeInterface, detectLocal.interfaceNamePrefix), with the detail of
 *   validateInterface ("must not be empty").
 * - Traces: a pod of the node comes in on the pod network's interface (the bridge, or one named
 *   with the prefix), so it is local; an external client, a pod of another node routed over the
 *   node network, and the node itself are not. Our fixture: node-a (pod CIDR 10.244.1.0/24)
 *   with the client pod 10.244.1.5; a NodePort Service with externalTrafficPolicy Local whose
 *   only endpoint runs on node-b. IPVS mode's ACCEPT of external-IP traffic that was not bridged
 *   in (`-m physdev ! --physdev-is-in`, ipvs/proxier.go writeIptablesRules) sees a pod of the
 *   node come through the bridge's port, except in InterfaceNamePrefix mode, where each pod has
 *   its own routed interface.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { runCommand } from '../../../src/engine/shell/runCommand';
import { computeRequestTrace } from '../../../src/engine/trace';

type Mode = 'iptables' | 'nftables' | 'ipvs';

interface Detector {
  name: string;
  /** The KubeProxyConfiguration lines that choose it. */
  config: string;
  /** IfLocal / IfNotLocal joined, and their nftables forms. */
  ifLocal: string;
  ifNotLocal: string;
  ifLocalNFT: string;
  ifNotLocalNFT: string;
}

const detectors: Detector[] = [
  {
    name: 'BridgeInterface',
    config: 'detectLocalMode: BridgeInterface\ndetectLocal: {bridgeInterface: cni0}',
    ifLocal: '-i cni0',
    ifNotLocal: '! -i cni0',
    ifLocalNFT: 'iifname cni0',
    ifNotLocalNFT: 'iifname != cni0',
  },
  {
    name: 'InterfaceNamePrefix',
    config: 'detectLocalMode: InterfaceNamePrefix\ndetectLocal: {interfaceNamePrefix: veth}',
    ifLocal: '-i veth+',
    ifNotLocal: '! -i veth+',
    ifLocalNFT: 'iifname veth*',
    ifNotLocalNFT: 'iifname != veth*',
  },
];

function fixture(mode: Mode, proxyConfig: string): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ${mode}
${proxyConfig}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24]}
status: {addresses: [{type: InternalIP, address: 192.168.0.2}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
spec: {podCIDR: 10.244.2.0/24, podCIDRs: [10.244.2.0/24]}
status: {addresses: [{type: InternalIP, address: 192.168.0.3}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default}
spec: {nodeName: node-a, containers: [{name: c, image: busybox}]}
status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  type: NodePort
  clusterIP: 10.96.0.50
  clusterIPs: [10.96.0.50]
  externalTrafficPolicy: Local
  healthCheckNodePort: 30999
  ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-abc
  namespace: default
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
endpoints: [{addresses: [10.244.2.7], nodeName: node-b, conditions: {ready: true}}]
ports: [{name: http, port: 8080, protocol: TCP}]
`;
}

/** Runs a `kube-playground` command on the fixture in process, as src/cli does. */
function cli(args: readonly string[], yaml: string): string {
  let stdout = '';
  let stderr = '';
  const code = runCommand([...args, 'fixture.yaml'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    looksLikeFile: (a) => a === 'fixture.yaml',
    readFiles: () => ({ type: 'ok', files: [{ name: 'fixture.yaml', text: yaml }] }),
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
}

interface Trace {
  verdict: string;
  endpoints: string[];
  masquerade: boolean;
  hops: { table: string; chain: string; rule: string }[];
}

function trace(yaml: string, from: string, to: string): Trace {
  const out = cli(
    ['trace', '--admitted', '--node', 'node-a', '--from', from, '--to', to, '-o', 'json'],
    yaml,
  );
  return JSON.parse(out) as Trace;
}

const svcChain = 'KUBE-SVC-CDGGSHYLG3RE2FKL';
const extChain = 'KUBE-EXT-CDGGSHYLG3RE2FKL';
const nftService = 'service-SUSTUHLJ-default/web/tcp/http';
const nftExternal = 'external-SUSTUHLJ-default/web/tcp/http';

describe('BridgeInterface and InterfaceNamePrefix detectors in the rules', () => {
  for (const d of detectors) {
    it(`${d.name}: iptables mode masquerades cluster-IP traffic not from a pod, short-circuits pod traffic to external destinations`, () => {
      const lines = cli(
        ['iptables-save', '--admitted', '--node', 'node-a'],
        fixture('iptables', d.config),
      ).split('\n');
      expect(lines).toContain(
        `-A ${svcChain} -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.50 --dport 80 ${d.ifNotLocal} -j KUBE-MARK-MASQ`,
      );
      expect(lines).toContain(
        `-A ${extChain} -m comment --comment "pod traffic for default/web:http external destinations" ${d.ifLocal} -j ${svcChain}`,
      );
    });

    it(`${d.name}: nftables mode writes the same rules with its nftables expressions`, () => {
      const lines = cli(
        ['nft', '--admitted', '--node', 'node-a'],
        fixture('nftables', d.config),
      ).split('\n');
      expect(lines).toContain(
        `add rule ip kube-proxy ${nftService} ip daddr 10.96.0.50 ${d.ifNotLocalNFT} jump mark-for-masquerade`,
      );
      expect(lines).toContain(
        `add rule ip kube-proxy ${nftExternal} ${d.ifLocalNFT} goto ${nftService} comment "short-circuit pod traffic"`,
      );
    });

    it(`${d.name}: IPVS mode masquerades KUBE-CLUSTER-IP traffic not from a pod`, () => {
      const lines = cli(
        ['iptables-save', '--admitted', '--node', 'node-a'],
        fixture('ipvs', d.config),
      ).split('\n');
      expect(lines).toContain(
        `-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ${d.ifNotLocal} -j KUBE-MARK-MASQ`,
      );
      expect(lines.filter((l) => l.includes('src,dst'))).toEqual([]);
    });
  }
});

describe('TestValidateDetectLocalConfiguration: the interface cases, on a v1alpha1 document', () => {
  const cases = [
    {
      name: 'valid interface name prefix',
      config: 'detectLocalMode: InterfaceNamePrefix\ndetectLocal: {interfaceNamePrefix: vethabcde}',
      expected: [],
    },
    {
      name: 'valid bridge interface',
      config: 'detectLocalMode: BridgeInterface\ndetectLocal: {bridgeInterface: avz}',
      expected: [],
    },
    {
      name: 'interfacePrefix is empty',
      config: 'detectLocalMode: InterfaceNamePrefix\ndetectLocal: {interfaceNamePrefix: ""}',
      expected: ['detectLocal.interfaceNamePrefix: Invalid value: "": must not be empty'],
    },
    {
      name: 'bridgeInterfaceName is empty',
      config: 'detectLocalMode: BridgeInterface\ndetectLocal: {interfaceNamePrefix: eth0}',
      expected: ['detectLocal.bridgeInterface: Invalid value: "": must not be empty'],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const sim = simulate(fixture('iptables', tc.config), { admitted: true });
      const found = sim.diagnostics.filter((x) => x.source === 'kube-proxy');
      expect(found.map((x) => x.message)).toEqual(tc.expected);
      for (const x of found)
        expect({ severity: x.severity, document: x.document }).toEqual({
          severity: 'error',
          document: 0,
        });
    });
  }

  it('an empty interface gives no detector: no masquerade rule by it', () => {
    const yaml = fixture('iptables', 'detectLocalMode: BridgeInterface');
    const lines = cli(['iptables-save', '--admitted', '--node', 'node-a'], yaml).split('\n');
    expect(
      lines.filter((l) => l.startsWith(`-A ${svcChain}`) && l.endsWith('KUBE-MARK-MASQ')),
    ).toEqual([]);
    expect(lines.filter((l) => l.includes('pod traffic for'))).toEqual([]);
  });
});

describe('traces through the interface detectors', () => {
  for (const mode of ['iptables', 'nftables', 'ipvs'] as const) {
    for (const d of detectors) {
      const yaml = fixture(mode, d.config);
      const notLocal = mode === 'nftables' ? d.ifNotLocalNFT : d.ifNotLocal;
      const masqueradedBy = (t: Trace) => t.hops.some((h) => h.rule.includes(` ${notLocal} `));

      it(`${mode}, ${d.name}: a pod of the node reaches the cluster IP unmasqueraded`, () => {
        const t = trace(yaml, '10.244.1.5', '10.96.0.50:80');
        expect(t).toMatchObject({
          verdict: 'DNAT',
          endpoints: ['10.244.2.7:8080'],
          masquerade: false,
        });
        expect(masqueradedBy(t)).toBe(false);
      });

      it(`${mode}, ${d.name}: an external client, another node's pod and the node itself are masqueraded`, () => {
        for (const from of ['203.0.113.9', '10.244.2.9', '192.168.0.2']) {
          const t = trace(yaml, from, '10.96.0.50:80');
          expect(t, from).toMatchObject({
            verdict: 'DNAT',
            endpoints: ['10.244.2.7:8080'],
            masquerade: true,
          });
          expect(masqueradedBy(t), from).toBe(true);
        }
      });

      if (mode === 'ipvs') continue;
      const shortCircuit =
        mode === 'nftables'
          ? `${d.ifLocalNFT} goto ${nftService} comment "short-circuit pod traffic"`
          : `-A ${extChain} -m comment --comment "pod traffic for default/web:http external destinations" ${d.ifLocal} -j ${svcChain}`;

      it(`${mode}, ${d.name}: a pod of the node short-circuits the Local NodePort to the cluster's endpoints; an external client is dropped`, () => {
        const fromPod = trace(yaml, '10.244.1.5', '192.168.0.2:30080');
        expect(fromPod).toMatchObject({
          verdict: 'DNAT',
          endpoints: ['10.244.2.7:8080'],
          masquerade: false,
        });
        expect(fromPod.hops.map((h) => h.rule)).toContain(shortCircuit);
        expect(trace(yaml, '203.0.113.9', '192.168.0.2:30080')).toMatchObject({
          verdict: 'DROP',
          masquerade: false,
        });
      });
    }
  }
});

/** A Service on node-a's address as an external IP, served by the same endpoint. */
const externalIPService = `---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: default}
spec:
  clusterIP: 10.96.0.60
  clusterIPs: [10.96.0.60]
  externalIPs: [192.168.0.2]
  ports: [{name: http, port: 8081, targetPort: 8080, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-abc
  namespace: default
  labels: {kubernetes.io/service-name: ext}
addressType: IPv4
endpoints: [{addresses: [10.244.2.7], nodeName: node-b, conditions: {ready: true}}]
ports: [{name: http, port: 8080, protocol: TCP}]
`;

describe('IPVS external IPs: -m physdev --physdev-is-in is a packet bridged in', () => {
  const physdevAccept =
    '-A KUBE-SERVICES -m comment --comment "Kubernetes service external ip + port for masquerade and filter purpose" -m set --match-set KUBE-EXTERNAL-IP dst,dst -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT';
  const acceptedUnbridged = (t: Trace) => t.hops.some((h) => h.rule === physdevAccept);
  const [bridge, prefix] = detectors as [Detector, Detector];

  it("BridgeInterface: a pod of the node comes through the bridge's port, an external client does not", () => {
    const yaml = fixture('ipvs', bridge.config) + externalIPService;
    expect(acceptedUnbridged(trace(yaml, '10.244.1.5', '192.168.0.2:8081'))).toBe(false);
    expect(acceptedUnbridged(trace(yaml, '203.0.113.9', '192.168.0.2:8081'))).toBe(true);
  });

  it('InterfaceNamePrefix: a pod of the node has its own routed interface, so neither is bridged', () => {
    const yaml = fixture('ipvs', prefix.config) + externalIPService;
    expect(acceptedUnbridged(trace(yaml, '10.244.1.5', '192.168.0.2:8081'))).toBe(true);
    expect(acceptedUnbridged(trace(yaml, '203.0.113.9', '192.168.0.2:8081'))).toBe(true);
  });
});

describe("the graph's request trace comes in where the client is", () => {
  for (const d of detectors) {
    it(`${d.name}: the pod of node-a is not masqueraded, an external client is`, () => {
      const cluster = simulate(fixture('iptables', d.config), { admitted: true }).cluster;
      const fromPod = computeRequestTrace(cluster, {
        client: { type: 'pod', namespace: 'default', name: 'client' },
        destination: '10.96.0.50',
        port: 80,
      });
      expect(fromPod.decision).toMatchObject({ verdict: 'DNAT', masquerade: false });
      const external = computeRequestTrace(cluster, {
        client: { type: 'external', ip: '203.0.113.9' },
        destination: '10.96.0.50',
        port: 80,
        via: 'node-a',
      });
      expect(external.decision).toMatchObject({ verdict: 'DNAT', masquerade: true });
    });
  }
});
