/**
 * Strict IP validation of the legacy IP fields, on by default since Kubernetes 1.36
 * (StrictIPCIDRValidation beta, kubernetes/kubernetes PR 137053): apimachinery
 * pkg/util/validation/ip.go (tag kubernetes-1.36.0) IsValidIPForLegacyField rejects what Go's
 * ParseIPSloppy reads but net/netip does not ("must not have leading 0s") and IPv4-mapped IPv6
 * addresses; ValidateNonSpecialIP still reads the address sloppily.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, KubeObject } from '../../../src/engine/model';
import { fieldErrors, run, validNamespace, validService } from './fixtures';

const serviceErrors = (
  tweak: (spec: NonNullable<ReturnType<typeof validService>['spec']>) => void,
) => {
  const svc = validService();
  if (svc.spec) tweak(svc.spec);
  return fieldErrors(run([validNamespace, svc]), 'Service/valid/valid');
};

describe('IsValidIPForLegacyField with strict validation', () => {
  it('rejects a clusterIP with leading zeros', () => {
    expect(serviceErrors((s) => (s.clusterIP = '010.096.000.050'))).toEqual([
      'spec.clusterIPs[0]: Invalid value: "010.096.000.050": must not have leading 0s',
    ]);
  });

  it('rejects an IPv4-mapped IPv6 external IP', () => {
    expect(serviceErrors((s) => (s.externalIPs = ['::ffff:1.2.3.4']))).toEqual([
      'spec.externalIPs[0]: Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address',
    ]);
  });

  it('rejects an endpoint address with leading zeros, and still finds it a loopback address', () => {
    const endpoints: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'e' },
      subsets: [{ addresses: [{ ip: '127.000.000.001' }], ports: [{ port: 80 }] }],
    };
    expect(fieldErrors(run([endpoints]), 'Endpoints/default/e')).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.000.000.001": must not have leading 0s',
      'subsets[0].addresses[0].ip: Invalid value: "127.000.000.001": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });

  it('rejects an EndpointSlice address with leading zeros', () => {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 's' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['010.1.2.3'] }],
    };
    expect(fieldErrors(run([slice as KubeObject]), 'EndpointSlice/default/s')).toEqual([
      'endpoints[0].addresses[0]: Invalid value: "010.1.2.3": must not have leading 0s',
    ]);
  });

  it('IsValidCIDRForLegacyField: leading zeros in a source range, bits beyond the prefix in the annotation', () => {
    expect(
      serviceErrors((s) => {
        s.type = 'LoadBalancer';
        s.loadBalancerSourceRanges = ['1.2.3.0/024'];
      }),
    ).toEqual([
      'spec.LoadBalancerSourceRanges[0]: Invalid value: "1.2.3.0/024": must not have leading 0s in IP or prefix length',
    ]);
    const svc = validService();
    svc.metadata.annotations = {
      'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 1.2.3.4/8',
    };
    if (svc.spec) svc.spec.type = 'LoadBalancer';
    expect(fieldErrors(run([validNamespace, svc]), 'Service/valid/valid')).toEqual([
      'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "1.2.3.4/8": must not have bits set beyond the prefix length',
    ]);
  });

  it("IsValidCIDRForLegacyField: a Node's podCIDR with host bits set", () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: { podCIDR: '10.244.1.5/24', podCIDRs: ['10.244.1.5/24'] },
    } as KubeObject;
    expect(fieldErrors(run([node]), 'Node//n1')).toEqual([
      'spec.podCIDRs[0]: Invalid value: "10.244.1.5/24": must not have bits set beyond the prefix length',
    ]);
  });
});
