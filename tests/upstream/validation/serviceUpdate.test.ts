/**
 * Update cases transcribed from upstream's TestValidateServiceUpdate (kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go at commit b1ce15c54586daabffbc79d6ef36feabbf5a0875),
 * played as two `kubectl apply`s of the same Service.
 * Composite bad values (lists, structs) print as JSON, as apimachinery's field/errors.go ErrorBody
 * has written them since Kubernetes 1.34 (kubernetes/apimachinery commit c58e197ee8cae8fec59a876122b580ffbdd1e886,
 * "Nicer value rendering in API errors"; its TestErrorFormatting expects `["one","two","three"]`).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Service } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

function service(spec: NonNullable<Service['spec']>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec };
}
const ports = [{ port: 80 }];

describe('ValidateServiceUpdate through kubectl apply', () => {
  it('Service with ClusterIP type cannot change its set ClusterIP', () => {
    const sim = run([
      service({ clusterIP: '10.96.0.50', ports }),
      service({ clusterIP: '10.96.0.51', ports }),
    ]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.51"]: may not change once set',
    ]);
    expect(sim.cluster.services.find((s) => s.metadata.name === 'svc')?.spec?.clusterIP).toBe(
      '10.96.0.50',
    );
  });

  it('Service with ClusterIP type can change its empty ClusterIP (it keeps the allocated one when omitted)', () => {
    const sim = run([service({ ports }), service({ ports, type: 'NodePort' })]);
    const [first, second] = sim.applied;
    expect(first?.outcome).toBe('created');
    expect(second?.outcome).toBe('configured');
  });

  it('Service with NodePort type cannot change its set ClusterIP when changing type to ClusterIP', () => {
    const sim = run([
      service({ type: 'NodePort', clusterIP: '10.96.0.50', ports }),
      service({ type: 'ClusterIP', clusterIP: '10.96.0.51', ports }),
    ]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('rejected');
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.51"]: may not change once set',
    ]);
  });

  it('valid: convert to ExternalName', () => {
    const sim = run([service({ ports }), service({ type: 'ExternalName', externalName: 'foo' })]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('configured');
  });

  // With a selector: a selectorless headless Service is RequireDualStack, which this single-stack
  // cluster's allocator turns down before validation runs.
  const selector = { key: 'val' };

  it('`None` ClusterIP can NOT be changed', () => {
    const sim = run([
      service({ clusterIP: 'None', ports, selector }),
      service({ clusterIP: '10.96.0.60', ports, selector }),
    ]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.60"]: may not change once set',
    ]);
  });

  it('ClusterIP can NOT be changed to None', () => {
    const sim = run([
      service({ clusterIP: '10.96.0.60', ports }),
      service({ clusterIP: 'None', ports }),
    ]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set',
    ]);
  });

  it('`None` ClusterIP left out of the next apply is kept (patchAllocatedValues), not removed', () => {
    const sim = run([service({ clusterIP: 'None', ports }), service({ ports })]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('configured');
    expect(sim.cluster.services.find((s) => s.metadata.name === 'svc')?.spec?.clusterIPs).toEqual([
      'None',
    ]);
  });

  const lb = (loadBalancerClass?: string) =>
    service({ type: 'LoadBalancer', ports, ...(loadBalancerClass ? { loadBalancerClass } : {}) });

  it('invalid: change LoadBalancerClass when update service', () => {
    const sim = run([lb('test.com/test-old'), lb('test.com/test-new')]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.loadBalancerClass: Invalid value: "test.com/test-new": may not change once set',
    ]);
  });

  it('invalid: unset LoadBalancerClass when update service', () => {
    const sim = run([lb('test.com/test-old'), lb()]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.loadBalancerClass: Invalid value: null: may not change once set',
    ]);
  });

  it('invalid: set LoadBalancerClass when update service', () => {
    const sim = run([lb(), lb('test.com/test-new')]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.loadBalancerClass: Invalid value: "test.com/test-new": may not change once set',
    ]);
  });

  it('update LoadBalancer type of service without change LoadBalancerClass', () => {
    const sim = run([
      lb('test.com/test-old'),
      { ...lb('test.com/test-old'), metadata: { name: 'svc', labels: { a: 'b' } } },
    ]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('configured');
  });

  it('update to LoadBalancer type of service with valid LoadBalancerClass', () => {
    const sim = run([service({ ports }), lb('test.com/test-load-balancer-class')]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('configured');
  });

  it('invalid: set LoadBalancerClass when update service to non LoadBalancer type of service', () => {
    const sim = run([
      service({ ports }),
      service({ ports, loadBalancerClass: 'test.com/test-load-balancer-class' }),
    ]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]);
  });

  it('Set AllocateLoadBalancerNodePorts when type is not LoadBalancer', () => {
    const sim = run([service({ ports }), service({ ports, allocateLoadBalancerNodePorts: true })]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]);
  });
});

describe('ValidateServiceUpdate on a dual-stack cluster (validateUpgradeDowngradeClusterIPs and IPFamilies)', () => {
  const dualStack: KubeObject = {
    apiVersion: 'kubeadm.k8s.io/v1beta4',
    kind: 'ClusterConfiguration',
    networking: {
      serviceSubnet: '10.96.0.0/12,fd00:10:96::/112',
      podSubnet: '10.244.0.0/16,fd00:10:244::/56',
    },
  } as KubeObject;
  const dual = (spec: NonNullable<Service['spec']>) =>
    service({ selector: { a: 'b' }, ports, ...spec });
  const both = {
    ipFamilyPolicy: 'RequireDualStack' as const,
    clusterIP: '10.96.0.70',
    clusterIPs: ['10.96.0.70', 'fd00:10:96::70'],
  };

  it('valid: downgrade from dual to single', () => {
    const sim = run([
      dualStack,
      dual(both),
      dual({
        ipFamilyPolicy: 'SingleStack',
        clusterIP: '10.96.0.70',
        clusterIPs: ['10.96.0.70'],
        ipFamilies: ['IPv4'],
      }),
    ]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('configured');
    expect(sim.cluster.services.find((s) => s.metadata.name === 'svc')?.spec?.clusterIPs).toEqual([
      '10.96.0.70',
    ]);
  });

  // Through the API server the storage's initIPFamilyFields refuses the reduced lists before
  // validation runs (pkg/registry/core/service/storage/alloc.go at
  // b0d609f08083d7a8aa3426540d6d5f9090944906; storage_test.go TestUpdateIPsFromDualStack), so
  // validation's own "must be set to 'SingleStack' when releasing the secondary clusterIP" is
  // never printed for this update.
  it('invalid, downgrade without changing to singleStack', () => {
    const sim = run([
      dualStack,
      dual(both),
      dual({ ...both, clusterIPs: ['10.96.0.70'], ipFamilies: ['IPv4'] }),
    ]);
    expect(fieldErrors(sim, 'Service/default/svc')).toEqual([
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be \'SingleStack\' to release the secondary cluster IP',
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be \'SingleStack\' to release the secondary IP family',
    ]);
  });

  it('invalid flip families (the repeated ipFamilies error is printed once)', () => {
    const sim = run([
      dualStack,
      dual(both),
      dual({
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: 'fd00:10:96::70',
        clusterIPs: ['fd00:10:96::70', '10.96.0.71'],
        ipFamilies: ['IPv6', 'IPv4'],
      }),
    ]);
    expect(resultOf(sim, 'svc')?.error).toBe(
      [
        'The Service "svc" is invalid: ',
        '* spec.clusterIPs[0]: Invalid value: ["fd00:10:96::70","10.96.0.71"]: may not change once set',
        '* spec.clusterIPs[1]: Invalid value: ["fd00:10:96::70","10.96.0.71"]: may not change once set',
        '* spec.ipFamilies[0]: Invalid value: ["IPv6","IPv4"]: may not change once set',
      ].join('\n'),
    );
  });

  it('valid: upgrade single to dual stack (the secondary clusterIP is allocated)', () => {
    const sim = run([
      dualStack,
      dual({ ipFamilyPolicy: 'SingleStack' }),
      dual({ ipFamilyPolicy: 'RequireDualStack' }),
    ]);
    expect(resultOf(sim, 'svc')?.outcome).toBe('configured');
    expect(sim.cluster.services.find((s) => s.metadata.name === 'svc')?.spec?.ipFamilies).toEqual([
      'IPv4',
      'IPv6',
    ]);
  });
});
