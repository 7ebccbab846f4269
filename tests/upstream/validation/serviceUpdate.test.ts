/**
 * Update cases transcribed from upstream's TestValidateServiceUpdate (kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go at commit b1ce15c54586daabffbc79d6ef36feabbf5a0875),
 * played as two `kubectl apply`s of the same Service.
 * Composite bad values (lists, structs) print as JSON, as apimachinery's field/errors.go ErrorBody
 * has written them since Kubernetes 1.34 (kubernetes/apimachinery commit c58e197ee8cae8fec59a876122b580ffbdd1e886,
 * "Nicer value rendering in API errors"; its TestErrorFormatting expects `["one","two","three"]`).
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/engine/model';
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
});
