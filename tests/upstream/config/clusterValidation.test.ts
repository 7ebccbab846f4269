/**
 * kubeadm's validation of a ClusterConfiguration's networking, through simulate(): each error
 * is a diagnostic of source kubeadm on the field (networking.serviceSubnet, podSubnet,
 * dnsDomain), worded as apimachinery's field.Error prints it, the texts those of
 * cmd/kubeadm/app/apis/kubeadm/validation/validation.go at 00d24de699fe4409b5829a5e51b73c1fc7bcba12
 * (ValidateNetworking, ValidateIPNetFromString, ValidateServiceSubnetSize,
 * ValidatePodSubnetNodeMask; the minimum of 10 addresses in a Service subnet and 14 in a pod
 * subnet, at most 20 host bits in a Service subnet, a node mask at most 16 bits longer than the
 * pod subnet's).
 *
 * The cases: validation_test.go, the version held in the reference index as file id 550252212:
 * TestValidateIPNetFromString, TestValidatePodSubnetNodeMask and TestValidateServiceSubnetSize.
 * Those tests only say valid or not; the messages expected here are validation.go's texts for
 * the case. Dual-stack is no longer behind a feature gate, so each case is played as the
 * test's dual-stack variant (its single-stack cases that differ only by the gate are left out).
 * - TestValidateIPNetFromString is played on podSubnet with the controller manager's
 *   allocate-node-cidrs off, which leaves the node-mask check out (the Service subnet adds its
 *   size rule, which the /98 cases break); a pod subnet needs 14 addresses instead of the test's
 *   10, which no case sits between.
 * - TestValidatePodSubnetNodeMask sets the masks with node-cidr-mask-size-ipv4/-ipv6 in
 *   controllerManager.extraArgs; its single-stack cases with the old node-cidr-mask-size flag,
 *   which kubeadm no longer reads, are left out.
 * A real kubeadm refuses such a configuration; the playground uses kubeadm's default for the
 * field, which the last cases show.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';

function simulateCluster(fields: string, rest = '') {
  return simulate(
    `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n${fields}\n${rest}`,
  );
}

function kubeadmErrors(fields: string): string[] {
  return simulateCluster(fields)
    .diagnostics.filter((d) => d.source === 'kubeadm')
    .map((d) => d.message);
}

const unparsable = (path: string, value: string) =>
  `${path}: Invalid value: "${value}": couldn't parse subnet`;
const tooSmall = (path: string, subnet: string, size: number, minimum: number) =>
  `${path}: Invalid value: "${subnet}": subnet with ${size} address(es) is too small, the minimum is ${minimum}`;
const notDualStack = (path: string, value: string) =>
  `${path}: Invalid value: "${value}": expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking`;

describe('TestValidateIPNetFromString (on podSubnet, node CIDRs not allocated)', () => {
  const pod = 'networking.podSubnet';
  const cases: [string, string, string[]][] = [
    ['invalid  CIDR', 'a', [unparsable(pod, 'a')]],
    [
      'invalid CIDR missing decimal points in IPv4 address and / mask',
      '1234',
      [unparsable(pod, '1234')],
    ],
    ['invalid CIDR use of letters instead of numbers and / mask', 'abc', [unparsable(pod, 'abc')]],
    [
      'invalid IPv4 address provided instead of CIDR representation',
      '1.2.3.4',
      [unparsable(pod, '1.2.3.4')],
    ],
    [
      'invalid IPv6 address provided instead of CIDR representation',
      '2001:db8::1',
      [unparsable(pod, '2001:db8::1')],
    ],
    [
      'invalid multiple CIDR provided in a single stack cluster and one invalid subnet',
      '2001:db8::1/64,a',
      [unparsable(pod, '2001:db8::1/64,a')],
    ],
    ['valid, but IPv4 CIDR too small', '10.0.0.16/29', [tooSmall(pod, '10.0.0.16/29', 8, 14)]],
    ['valid, but IPv6 CIDR too small', '2001:db8::/125', [tooSmall(pod, '2001:db8::/125', 8, 14)]],
    ['valid IPv4 CIDR', '10.0.0.16/12', []],
    ['valid IPv6 CIDR', '2001:db8::/98', []],
    [
      'dual: invalid IPv4 address provided instead of CIDR representation',
      '1.2.3.4,2001:db8::/98',
      [unparsable(pod, '1.2.3.4,2001:db8::/98')],
    ],
    [
      'dual: invalid IPv6 address provided instead of CIDR representation',
      '2001:db8::1,10.0.0.16/12',
      [unparsable(pod, '2001:db8::1,10.0.0.16/12')],
    ],
    [
      'dual: valid, but IPv4 CIDR too small',
      '10.0.0.16/29,2001:db8::/98',
      [tooSmall(pod, '10.0.0.16/29', 8, 14)],
    ],
    [
      'dual: valid, but IPv6 CIDR too small',
      '10.0.0.16/12,2001:db8::/125',
      [tooSmall(pod, '2001:db8::/125', 8, 14)],
    ],
    [
      'valid, but only IPv4 family addresses specified',
      '10.0.0.16/12,192.168.0.0/16',
      [notDualStack(pod, '10.0.0.16/12,192.168.0.0/16')],
    ],
    [
      'valid, but only IPv6 family addresses specified',
      '2001:db8::/98,2005:db8::/98',
      [notDualStack(pod, '2001:db8::/98,2005:db8::/98')],
    ],
    ['valid IPv4 and IPv6 CIDR', '10.0.0.16/12,2001:db8::/98', []],
    [
      'invalid IPv6 and IPv4 CIDR with more than 2 subnets',
      '10.0.0.16/12,2001:db8::/98,192.168.0.0/16',
      [notDualStack(pod, '10.0.0.16/12,2001:db8::/98,192.168.0.0/16')],
    ],
    [
      'invalid IPv6 and IPv4 CIDR with more than 2 subnets and one invalid',
      '10.0.0.16/12,2001:db8::/98,192.168.0.0/16,a.b.c.d/24',
      [unparsable(pod, '10.0.0.16/12,2001:db8::/98,192.168.0.0/16,a.b.c.d/24')],
    ],
  ];
  for (const [name, subnet, expected] of cases)
    it(name, () => {
      expect(
        kubeadmErrors(
          `networking: {podSubnet: "${subnet}"}\ncontrollerManager: {extraArgs: [{name: allocate-node-cidrs, value: "false"}]}`,
        ),
      ).toEqual(expected);
    });
});

describe('TestValidatePodSubnetNodeMask', () => {
  const pod = 'networking.podSubnet';
  const smaller = (subnet: string, mask: number, nodeMask: number) =>
    `${pod}: Invalid value: "${subnet}": the size of pod subnet with mask ${mask} is smaller than the size of node subnet with mask ${nodeMask}`;
  const tooFar = (subnet: string, mask: number, nodeMask: number) =>
    `${pod}: Invalid value: "${subnet}": pod subnet mask (${mask}) and node-mask (${nodeMask}) difference is greater than 16`;
  const cases: [string, string, Record<string, string>, string[]][] = [
    [
      'IPv4 only, but mask too small. Default node-mask',
      '10.0.0.16/29',
      {},
      [tooSmall(pod, '10.0.0.16/29', 8, 14), smaller('10.0.0.16/29', 29, 24)],
    ],
    [
      'IPv4 only, but mask too small. Configured node-mask',
      '10.0.0.16/24',
      { 'node-cidr-mask-size-ipv4': '23' },
      [smaller('10.0.0.0/24', 24, 23)],
    ],
    [
      'IPv6 only, but mask too small. Default node-mask',
      '2001:db8::1/112',
      {},
      [smaller('2001:db8::/112', 112, 64)],
    ],
    [
      'IPv6 only, but mask too small. Configured node-mask',
      '2001:db8::1/64',
      { 'node-cidr-mask-size-ipv6': '24' },
      [smaller('2001:db8::/64', 64, 24)],
    ],
    [
      'IPv6 only, but mask difference greater than 16. Default node-mask',
      '2001:db8::1/12',
      {},
      [tooFar('2000::/12', 12, 64)],
    ],
    [
      'IPv6 only, but mask difference greater than 16. Configured node-mask',
      '2001:db8::1/64',
      { 'node-cidr-mask-size-ipv6': '120' },
      [tooFar('2001:db8::/64', 64, 120)],
    ],
    ['IPv4 only CIDR', '10.0.0.16/12', {}, []],
    ['IPv6 only CIDR', '2001:db8::/48', {}, []],
    [
      'dual, but IPv4 mask too small. Default node-mask',
      '10.0.0.16/29,2001:db8::/48',
      {},
      [tooSmall(pod, '10.0.0.16/29', 8, 14), smaller('10.0.0.16/29', 29, 24)],
    ],
    [
      'dual, but IPv4 mask too small. Configured node-mask',
      '10.0.0.16/24,2001:db8::/48',
      { 'node-cidr-mask-size-ipv4': '23' },
      [smaller('10.0.0.0/24', 24, 23)],
    ],
    [
      'dual, but IPv6 mask too small. Default node-mask',
      '2001:db8::1/112,10.0.0.16/16',
      {},
      [smaller('2001:db8::/112', 112, 64)],
    ],
    [
      'dual, but IPv6 mask too small. Configured node-mask',
      '10.0.0.16/16,2001:db8::1/64',
      { 'node-cidr-mask-size-ipv6': '24' },
      [smaller('2001:db8::/64', 64, 24)],
    ],
    [
      'dual, but mask difference greater than 16. Default node-mask',
      '2001:db8::1/12,10.0.0.16/16',
      {},
      [tooFar('2000::/12', 12, 64)],
    ],
    [
      'dual, but mask difference greater than 16. Configured node-mask',
      '10.0.0.16/16,2001:db8::1/64',
      { 'node-cidr-mask-size-ipv6': '120' },
      [tooFar('2001:db8::/64', 64, 120)],
    ],
    ['dual IPv6 IPv4', '2001:db8::/48,10.0.0.16/12', {}, []],
  ];
  for (const [name, subnet, flags, expected] of cases)
    it(name, () => {
      const args = Object.entries(flags).map(([flag, value]) => ({ name: flag, value }));
      expect(
        kubeadmErrors(
          `networking: {podSubnet: "${subnet}"}\ncontrollerManager: {extraArgs: ${JSON.stringify(args)}}`,
        ),
      ).toEqual(expected);
    });

  it('a node mask that is no integer', () => {
    expect(
      kubeadmErrors(
        'networking: {podSubnet: "10.0.0.16/16"}\ncontrollerManager: {extraArgs: {node-cidr-mask-size-ipv4: x}}',
      ),
    ).toEqual([
      `${pod}: Invalid value: "10.0.0.0/16": could not parse the value of the kube-controller-manager flag node-cidr-mask-size-ipv4 as an integer: strconv.Atoi: parsing "x": invalid syntax`,
    ]);
  });
});

describe('TestValidateServiceSubnetSize', () => {
  const svc = 'networking.serviceSubnet';
  const tooLarge = (subnet: string, width: number, mask: number) =>
    `${svc}: Invalid value: "${subnet}": specified service subnet is too large; for ${width}-bit addresses, the mask must be >= ${mask}`;
  const cases: [string, string, string[]][] = [
    ['single IPv4, but mask too large.', '10.0.0.16/2', [tooLarge('0.0.0.0/2', 32, 12)]],
    ['single IPv6, but mask too large.', '2001:db8::1/64', [tooLarge('2001:db8::/64', 128, 108)]],
    ['single IPv4 CIDR', '10.0.0.16/12', []],
    ['single IPv6 CIDR', '2001:db8::/112', []],
    [
      'dual, but IPv4 mask too large.',
      '2001:db8::1/112,10.0.0.16/6',
      [tooLarge('8.0.0.0/6', 32, 12)],
    ],
    [
      'dual, but IPv6 mask too large.',
      '2001:db8::1/12,10.0.0.16/16',
      [tooLarge('2000::/12', 128, 108)],
    ],
    ['dual IPv4 IPv6', '10.0.0.16/12,2001:db8::/112', []],
    ['dual IPv6 IPv4', '2001:db8::/112,10.0.0.16/12', []],
  ];
  for (const [name, subnet, expected] of cases)
    it(name, () =>
      expect(kubeadmErrors(`networking: {serviceSubnet: "${subnet}"}`)).toEqual(expected),
    );

  it('an unparsable Service subnet is not sized', () => {
    expect(kubeadmErrors('networking: {serviceSubnet: "10.96.0.0/33"}')).toEqual([
      unparsable(svc, '10.96.0.0/33'),
    ]);
  });
});

describe('ValidateNetworking: the DNS domain is a DNS-1123 subdomain', () => {
  it('an invalid domain', () => {
    expect(kubeadmErrors('networking: {dnsDomain: Cluster.local}')).toEqual([
      `networking.dnsDomain: Invalid value: "Cluster.local": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });
  it('a valid domain', () => {
    expect(kubeadmErrors('networking: {dnsDomain: example.internal}')).toEqual([]);
  });
});

describe('the playground uses kubeadm defaults for the invalid fields', () => {
  const service = `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {ports: [{port: 80}]}`;

  it('a Service subnet "foo" gives Services addresses of 10.96.0.0/12', () => {
    const sim = simulateCluster('networking: {serviceSubnet: foo}', service);
    expect(sim.cluster.settings.serviceSubnets).toEqual(['10.96.0.0/12']);
    const web = sim.cluster.services.find((s) => s.metadata.name === 'web');
    expect(web?.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
  });

  it('an invalid pod subnet and DNS domain give kubeadm defaults', () => {
    const sim = simulateCluster(
      'networking: {podSubnet: "10.0.0.16/29", dnsDomain: Cluster.local}',
    );
    expect(sim.cluster.settings.podSubnets).toEqual(['10.244.0.0/16']);
    expect(sim.cluster.settings.dnsDomain).toBe('cluster.local');
  });
});
