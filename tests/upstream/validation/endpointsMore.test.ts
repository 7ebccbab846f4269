/**
 * The Endpoints validation cases endpoints.test.ts had not got: upstream's tests of the address
 * helper ValidateEndpoints leans on for a node name, TestEndpointAddressNodeNameUpdateRestrictions,
 * TestEndpointAddressNodeNameInvalidDNSSubdomain and TestEndpointAddressNodeNameCanBeAnIPAddress
 * with their fixture newNodeNameEndpoint (kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go at commit b1ce15c54586daabffbc79d6ef36feabbf5a0875),
 * applied as v1 YAML through simulate(). Upstream only asks for errors or none; the message here is
 * validateEndpointAddress's (pkg/apis/core/validation/validation.go, commit
 * a7264f95ffc8b56377da16e83461aa59467ebb3e): ValidateNodeName's DNS-subdomain message at
 * subsets[0].addresses[0].nodeName. An update is the same Endpoints applied twice.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** upstream's newNodeNameEndpoint: foo in default, one https port, 8.8.8.8 on the given node. */
function nodeNameEndpoint(nodeName: string): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'foo', namespace: 'default' },
    subsets: [
      {
        notReadyAddresses: [],
        ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
        addresses: [{ ip: '8.8.8.8', hostname: 'zookeeper1', nodeName }],
      },
    ],
  };
}

describe('validateEndpointAddress nodeName through kubectl apply', () => {
  it('TestEndpointAddressNodeNameUpdateRestrictions: the node name may change on update', () => {
    const sim = run([
      nodeNameEndpoint('kubernetes-node-setup-by-backend'),
      nodeNameEndpoint('kubernetes-changed-nodename'),
    ]);
    expect(fieldErrors(sim, 'Endpoints/default/foo')).toEqual([]);
    expect(sim.applied.filter((r) => r.name === 'foo').map((r) => r.outcome)).toEqual([
      'created',
      'configured',
    ]);
  });

  it('TestEndpointAddressNodeNameInvalidDNSSubdomain: a node name that is no DNS subdomain', () => {
    const sim = run([nodeNameEndpoint('illegal*.nodename')]);
    expect(fieldErrors(sim, 'Endpoints/default/foo')).toEqual([
      `subsets[0].addresses[0].nodeName: Invalid value: "illegal*.nodename": ${dns1123Subdomain}`,
    ]);
    expect(resultOf(sim, 'foo')?.outcome).toBe('rejected');
  });

  it('TestEndpointAddressNodeNameCanBeAnIPAddress: a node name may be an IP address', () => {
    const sim = run([nodeNameEndpoint('10.10.1.1')]);
    expect(fieldErrors(sim, 'Endpoints/default/foo')).toEqual([]);
    expect(resultOf(sim, 'foo')?.outcome).toBe('created');
  });
});

/**
 * ValidateNonSpecialIP's link-local multicast test is Go's net.IP.IsLinkLocalMulticast
 * (golang/go src/net/ip.go at commit 661a6664bddb89d6e1dd8a7cc93736b90eead437): for IPv6 the first
 * byte 0xff and the scope nibble 2, whatever the flags nibble, so ff12:: (a transient link-local
 * group) is refused as ff02:: is, and ff05:: (site-local scope) is not.
 */
describe('ValidateNonSpecialIP link-local multicast, as net.IP reads it', () => {
  const withIP = (ip: string): Endpoints => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'foo', namespace: 'default' },
    subsets: [{ addresses: [{ ip }], ports: [{ name: 'p', port: 93, protocol: 'TCP' }] }],
  });

  for (const ip of ['ff02::1', 'ff12::1', 'ff32::1:ff00:1']) {
    it(`${ip} is link-local multicast`, () => {
      expect(fieldErrors(run([withIP(ip)]), 'Endpoints/default/foo')).toEqual([
        `subsets[0].addresses[0].ip: Invalid value: "${ip}": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)`,
      ]);
    });
  }

  for (const ip of ['ff05::1', 'ff0e::1', 'fe02::1']) {
    it(`${ip} is not`, () => {
      const sim = run([withIP(ip)]);
      expect(fieldErrors(sim, 'Endpoints/default/foo')).toEqual([]);
      expect(resultOf(sim, 'foo')?.outcome).toBe('created');
    });
  }
});
