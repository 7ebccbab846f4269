/**
 * kube-proxy's validation of a KubeProxyConfiguration document, for the fields the playground
 * reads, through simulate(): each error is a diagnostic of source kube-proxy on the document,
 * worded as apimachinery's field.Error prints it, with the field's v1alpha1 path.
 *
 * - The cases: kubernetes/kubernetes pkg/proxy/apis/config/validation/validation_test.go, the
 *   newest version held in the reference index (file id 233516631, the one whose Linux modes
 *   include nftables): TestValidateKubeProxyConfiguration (the mode and detect-local cases),
 *   TestValidateKubeProxyIPTablesConfiguration, testValidateProxyModeLinux,
 *   TestValidateKubeProxyNodePortAddress, TestValidateKubeProxyExcludeCIDRs,
 *   TestValidateDetectLocalConfiguration (its ClusterCIDR cases; the interface cases are in
 *   tests/upstream/kubeproxy/interfaceDetectors.test.ts) and TestValidateDualStackCIDRStrings;
 *   TestValidateMasqueradeBit of the version held as file id 14409311502.
 * - The paths: those tests call the internal functions with internal paths
 *   (KubeProxyConfiguration.NodePortAddresses[0], ExcludeCIDRS[1], DetectLocal.ClusterCIDRs[0]);
 *   a v1alpha1 document is reported by its own field names (field_paths_test.go at
 *   de13d943f4b592632a63a555a708e37dfcbf6901, TestValidateV1Alpha1FieldPaths: mode,
 *   detectLocalMode, nodePortAddresses[1], iptables.masqueradeBit, nftables.masqueradeBit,
 *   ipvs.excludeCIDRs[1], and clusterCIDR for both a malformed entry and a single-stack pair).
 *   That test checks the field only: the value printed for clusterCIDR is the converted list's
 *   (the bad entry, or the list as JSON, as apimachinery's ErrorBody has printed a list since
 *   Kubernetes 1.34), which is our reading.
 * - Mode-specific checks run in their mode, as Validate does: excludeCIDRs in ipvs mode,
 *   nftables.masqueradeBit in nftables mode; iptables.masqueradeBit in every mode.
 * - A real kube-proxy refuses to start on any of these; the playground runs with the field's
 *   default, which the last cases show in the settings and the rules.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeIptablesRules, renderIptablesSave } from '../../../src/engine/kubeproxy/iptables';

function simulateProxy(fields: string, rest = '') {
  return simulate(
    `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n${fields}\n${rest}`,
  );
}

/** The kube-proxy diagnostics of a KubeProxyConfiguration holding `fields`. */
function proxyErrors(fields: string): string[] {
  return simulateProxy(fields)
    .diagnostics.filter((d) => d.source === 'kube-proxy')
    .map((d) => d.message);
}

const list = (items: string[]) => JSON.stringify(items);
const modeDetail =
  'must be iptables, ipvs, nftables or blank (blank means the best-available proxy [currently iptables])';

describe('testValidateProxyModeLinux', () => {
  const cases: [string, string, string[]][] = [
    ['blank mode should default', '""', []],
    ['iptables is allowed', 'iptables', []],
    ['ipvs is allowed', 'ipvs', []],
    ['nftables is allowed', 'nftables', []],
    [
      'winkernel is not allowed',
      'kernelspace',
      [`mode: Invalid value: "kernelspace": ${modeDetail}`],
    ],
    [
      'invalid mode non-existent',
      'non-existing',
      [`mode: Invalid value: "non-existing": ${modeDetail}`],
    ],
  ];
  for (const [name, mode, expected] of cases)
    it(name, () => expect(proxyErrors(`mode: ${mode}`)).toEqual(expected));

  it('an invalid mode runs as the default, iptables', () => {
    expect(simulateProxy('mode: non-existing').cluster.proxy.mode).toBe('iptables');
  });
});

describe('TestValidateKubeProxyConfiguration (the fields we read)', () => {
  const cases: [string, string, string[]][] = [
    ['basic config, unspecified Mode', 'clusterCIDR: 192.168.59.0/24', []],
    ['Mode specified, extra mode-specific configs', 'mode: ipvs\nclusterCIDR: 192.168.59.0/24', []],
    ['IPv6', 'clusterCIDR: fd00:192:168:59::/64', []],
    ['ClusterCIDR is wrong IP family', 'clusterCIDR: fd00:192:168:59::/64', []],
    ['ClusterCIDR is dual-stack', 'clusterCIDR: 192.168.59.0/24,fd00:192:168::/64', []],
    [
      'LocalModeInterfaceNamePrefix',
      'detectLocalMode: InterfaceNamePrefix\ndetectLocal: {interfaceNamePrefix: vethabcde}',
      [],
    ],
    [
      'LocalModeBridgeInterface',
      'detectLocalMode: BridgeInterface\ndetectLocal: {bridgeInterface: avz}',
      [],
    ],
    [
      'invalid DetectLocalMode',
      'detectLocalMode: Guess',
      [
        'detectLocalMode: Unsupported value: "Guess": supported values: "ClusterCIDR", "NodeCIDR", "BridgeInterface", "InterfaceNamePrefix", ""',
      ],
    ],
  ];
  for (const [name, fields, expected] of cases)
    it(name, () => expect(proxyErrors(fields)).toEqual(expected));
});

describe('TestValidateKubeProxyIPTablesConfiguration and TestValidateMasqueradeBit', () => {
  const range = 'must be within the range [0, 31]';
  const cases: [string, number, boolean][] = [
    ['valid custom MasqueradeBit', 5, true],
    ['MasqueradeBit cannot be < 0', -10, false],
    ['masqueradeBit cannot be > 31', 32, false],
  ];
  for (const [name, bit, ok] of cases) {
    it(`iptables: ${name}`, () => {
      expect(proxyErrors(`iptables: {masqueradeBit: ${bit}}`)).toEqual(
        ok ? [] : [`iptables.masqueradeBit: Invalid value: ${bit}: ${range}`],
      );
    });
    it(`nftables: ${name}`, () => {
      expect(proxyErrors(`mode: nftables\nnftables: {masqueradeBit: ${bit}}`)).toEqual(
        ok ? [] : [`nftables.masqueradeBit: Invalid value: ${bit}: ${range}`],
      );
    });
  }

  it('nftables.masqueradeBit is checked in nftables mode only', () => {
    expect(proxyErrors('mode: iptables\nnftables: {masqueradeBit: 32}')).toEqual([]);
  });

  it('iptables.masqueradeBit is checked in every mode', () => {
    expect(proxyErrors('mode: ipvs\niptables: {masqueradeBit: 32}')).toEqual([
      `iptables.masqueradeBit: Invalid value: 32: ${range}`,
    ]);
  });
});

const validCIDRLists: string[][] = [
  [],
  ['127.0.0.0/8'],
  ['0.0.0.0/0'],
  ['::/0'],
  ['127.0.0.1/32', '1.2.3.0/24'],
  ['127.0.0.1/32'],
  ['::1/128'],
  ['1.2.3.4/32'],
  ['10.20.30.0/24'],
  ['10.20.0.0/16', '100.200.0.0/16'],
  ['10.0.0.0/8'],
  ['2001:db8::/32'],
];

/** The invalid cases both list tests share: the list, and each bad entry's index. */
const invalidCIDRLists: [string, string[], number[]][] = [
  ['invalid foo address', ['foo'], [0]],
  ['invalid octet address', ['10.0.0.0/0', '1.2.3'], [1]],
  ['address cannot be 0', ['127.0.0.1/32', '0', '1.2.3.0/24'], [1]],
  ['address missing subnet range', ['127.0.0.1/32', '10.20.30.40', '1.2.3.0/24'], [1]],
  ['missing ipv6 subnet ranges', ['::0', '::1', '2001:db8::/32'], [0, 1]],
  ['invalid ipv6 ip format', ['::1/128', '2001:db8::/32', '2001:db8:xyz/64'], [2]],
];

describe('TestValidateKubeProxyNodePortAddress', () => {
  for (const [i, addresses] of validCIDRLists.entries())
    it(`valid ${i}: ${addresses.join(',')}`, () => {
      expect(proxyErrors(`nodePortAddresses: ${list(addresses)}`)).toEqual([]);
    });
  it('primary', () => expect(proxyErrors('nodePortAddresses: [primary]')).toEqual([]));
  for (const [name, addresses, bad] of invalidCIDRLists)
    it(name, () => {
      expect(proxyErrors(`nodePortAddresses: ${list(addresses)}`)).toEqual(
        bad.map(
          (i) => `nodePortAddresses[${i}]: Invalid value: "${addresses[i]}": must be a valid CIDR`,
        ),
      );
    });
  it('invalid primary/CIDR mix 1', () => {
    expect(proxyErrors('nodePortAddresses: [primary, 127.0.0.1/32]')).toEqual([
      `nodePortAddresses[0]: Invalid value: "primary": can't use both 'primary' and CIDRs`,
    ]);
  });
  it('invalid primary/CIDR mix 2', () => {
    expect(proxyErrors('nodePortAddresses: [127.0.0.1/32, primary]')).toEqual([
      `nodePortAddresses[1]: Invalid value: "primary": can't use both 'primary' and CIDRs`,
    ]);
  });
});

describe('TestValidateKubeProxyExcludeCIDRs (ipvs mode)', () => {
  for (const [i, cidrs] of validCIDRLists.entries())
    it(`valid ${i}: ${cidrs.join(',')}`, () => {
      expect(proxyErrors(`mode: ipvs\nipvs: {excludeCIDRs: ${list(cidrs)}}`)).toEqual([]);
    });
  for (const [name, cidrs, bad] of invalidCIDRLists)
    it(name, () => {
      expect(proxyErrors(`mode: ipvs\nipvs: {excludeCIDRs: ${list(cidrs)}}`)).toEqual(
        bad.map(
          (i) => `ipvs.excludeCIDRs[${i}]: Invalid value: "${cidrs[i]}": must be a valid CIDR`,
        ),
      );
    });
  it('excludeCIDRs are checked in ipvs mode only', () => {
    expect(proxyErrors('mode: iptables\nipvs: {excludeCIDRs: [foo]}')).toEqual([]);
  });
});

describe('TestValidateDetectLocalConfiguration and TestValidateDualStackCIDRStrings (clusterCIDR)', () => {
  const pair =
    'must be a either a single CIDR or dual-stack pair of CIDRs (e.g. [10.100.0.0/16, fde4:8dba:82e1::/48]';
  const block = 'must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)';
  const cases: [string, string, string[]][] = [
    ['valid cluster cidr', '192.168.59.0/24,fd00:192:168::/64', []],
    [
      'invalid number of cluster cidrs',
      '192.168.59.0/24,fd00:192:168::/64,10.0.0.0/16',
      [
        `clusterCIDR: Invalid value: ["192.168.59.0/24","fd00:192:168::/64","10.0.0.0/16"]: ${pair}`,
      ],
    ],
    [
      'invalid cluster cidr',
      '192.168.59.0',
      [`clusterCIDR: Invalid value: "192.168.59.0": ${block}`],
    ],
    ['single ipv4 cidr', '192.168.0.0/16', []],
    ['single ipv6 cidr', 'fd00:10:96::/112', []],
    ['dual stack cidr pair', '172.16.200.0/24,fde4:8dba:82e1::/48', []],
    [
      'multiple ipv4 cidrs',
      '10.100.0.0/16,192.168.0.0/16,fde4:8dba:82e1::/48',
      [
        `clusterCIDR: Invalid value: ["10.100.0.0/16","192.168.0.0/16","fde4:8dba:82e1::/48"]: ${pair}`,
      ],
    ],
    [
      'multiple ipv6 cidrs',
      'fd00:10:96::/112,fde4:8dba:82e1::/48',
      [`clusterCIDR: Invalid value: ["fd00:10:96::/112","fde4:8dba:82e1::/48"]: ${pair}`],
    ],
    [
      'malformed ipv4 cidr',
      'fde4:8dba:82e1::/48,172.16.200.0:24',
      [`clusterCIDR: Invalid value: "172.16.200.0:24": ${block}`],
    ],
    [
      'malformed ipv6 cidr',
      'fd00:10:96::,192.168.0.0/16',
      [`clusterCIDR: Invalid value: "fd00:10:96::": ${block}`],
    ],
    // field_paths_test.go: "malformed cluster CIDR" and "single stack cluster CIDR pair".
    [
      'malformed cluster CIDR',
      '192.168.0.0/16,invalid',
      [`clusterCIDR: Invalid value: "invalid": ${block}`],
    ],
    [
      'single stack cluster CIDR pair',
      '192.168.0.0/16,10.0.0.0/8',
      [`clusterCIDR: Invalid value: ["192.168.0.0/16","10.0.0.0/8"]: ${pair}`],
    ],
  ];
  for (const [name, clusterCIDR, expected] of cases)
    it(name, () => {
      expect(proxyErrors(`detectLocalMode: ClusterCIDR\nclusterCIDR: "${clusterCIDR}"`)).toEqual(
        expected,
      );
    });

  it('empty cluster cidrs with cluster cidr mode', () => {
    expect(proxyErrors('detectLocalMode: ClusterCIDR\nclusterCIDR: ""')).toEqual([]);
  });

  it('the clusterCIDR is checked in ClusterCIDR mode only (the default one)', () => {
    expect(proxyErrors('clusterCIDR: foo')).toEqual([
      `clusterCIDR: Invalid value: "foo": ${block}`,
    ]);
    expect(proxyErrors('detectLocalMode: NodeCIDR\nclusterCIDR: foo')).toEqual([]);
  });
});

/** The fields are compared as sets, as upstream's ElementsMatch does. */
describe('TestValidateV1Alpha1FieldPaths (the fields we read)', () => {
  const fieldsOf = (fields: string) =>
    simulateProxy(fields)
      .diagnostics.filter((d) => d.source === 'kube-proxy')
      .map((d) => d.path)
      .sort();
  it('addresses and iptables', () => {
    expect(fieldsOf('iptables: {masqueradeBit: 32}')).toEqual(['iptables.masqueradeBit']);
  });
  it('ipvs', () => {
    expect(fieldsOf('mode: ipvs\nipvs: {excludeCIDRs: [192.168.0.0/16, invalid]}')).toEqual([
      'ipvs.excludeCIDRs[1]',
    ]);
  });
  it('nftables', () => {
    expect(fieldsOf('mode: nftables\nnftables: {masqueradeBit: 32}')).toEqual([
      'nftables.masqueradeBit',
    ]);
  });
  it('other top level fields', () => {
    expect(
      fieldsOf(
        'mode: invalid\ndetectLocalMode: invalid\nnodePortAddresses: [192.168.0.0/16, invalid]',
      ),
    ).toEqual(['detectLocalMode', 'mode', 'nodePortAddresses[1]']);
  });
});

describe('the playground runs with the defaults of the invalid fields', () => {
  const node = `---
apiVersion: v1
kind: Node
metadata: {name: node-a}
spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24]}
status: {addresses: [{type: InternalIP, address: 192.168.0.2}]}`;

  it('masqueradeBit 40 marks with bit 14', () => {
    const sim = simulateProxy('iptables: {masqueradeBit: 40}', node);
    expect(sim.cluster.proxy.iptables.masqueradeBit).toBe(14);
    const rules = renderIptablesSave(computeIptablesRules(sim.cluster, 'node-a', 4));
    expect(rules).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000');
  });

  it('a bad nodePortAddresses entry leaves NodePorts on every address', () => {
    const sim = simulateProxy('nodePortAddresses: [192.168.0.0/16, invalid]', node);
    expect(sim.cluster.proxy.nodePortAddresses).toEqual([]);
  });

  it('a bad excludeCIDRs entry excludes nothing', () => {
    expect(
      simulateProxy('mode: ipvs\nipvs: {excludeCIDRs: [invalid]}').cluster.proxy.ipvs.excludeCIDRs,
    ).toEqual([]);
  });

  it('a bad clusterCIDR is read as absent: the pod subnet, as kubeadm writes it', () => {
    expect(simulateProxy('clusterCIDR: 10.0.0.0/8,10.1.0.0/16').cluster.proxy.clusterCIDRs).toEqual(
      ['10.244.0.0/16'],
    );
  });
});
