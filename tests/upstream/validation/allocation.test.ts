/**
 * Allocation errors as the Service storage reports them (kubernetes/kubernetes
 * pkg/registry/core/service/storage/alloc.go at commit 03d11c53a8af07619441b6fc401e8b9141544968:
 * `failed to allocate IP %v: %v` on spec.clusterIPs, the port allocator's error on
 * spec.ports[i].nodePort) with the allocators' own texts (pkg/registry/core/service/portallocator/allocator.go
 * at 00bdb3fade2ef1ada898bd8fae2c6a1958da3a5d; ipallocator/cidrallocator.go at
 * 121460defea7874f50c64bb8de51018a86c6eef3 and ipallocator/ipallocator.go at
 * 2e0908106e4420a601e50d6edfd41475de87a3e1), printed the way kubectl prints them
 * (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go at 01aa0f3f6052c9866dcb69054d8924fa8c96e3cb).
 * Composite bad values (lists, structs) print as JSON, as apimachinery's field/errors.go ErrorBody
 * has written them since Kubernetes 1.34 (kubernetes/apimachinery commit c58e197ee8cae8fec59a876122b580ffbdd1e886,
 * "Nicer value rendering in API errors"; its TestErrorFormatting expects `["one","two","three"]`).
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/engine/model';
import { resultOf, run } from './fixtures';

function service(name: string, spec: NonNullable<Service['spec']>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

const httpPort = { port: 80, targetPort: 8080 };

describe('ClusterIP and NodePort allocation errors', () => {
  it("rejects a NodePort outside the range with kubectl's exact text", () => {
    const sim = run([service('web', { type: 'NodePort', ports: [{ ...httpPort, nodePort: 80 }] })]);
    expect(resultOf(sim, 'web')?.error).toBe(
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('rejects a NodePort another Service holds', () => {
    const sim = run([
      service('a', { type: 'NodePort', ports: [{ ...httpPort, nodePort: 30080 }] }),
      service('b', { type: 'NodePort', ports: [{ ...httpPort, nodePort: 30080 }] }),
    ]);
    expect(resultOf(sim, 'a')?.outcome).toBe('created');
    expect(resultOf(sim, 'b')?.error).toBe(
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  it('rejects a clusterIP outside every ServiceCIDR (MultiCIDRServiceAllocator)', () => {
    const sim = run([service('a', { clusterIP: '1.2.3.4', ports: [httpPort] })]);
    expect(resultOf(sim, 'a')?.error).toBe(
      'The Service "a" is invalid: spec.clusterIPs: Invalid value: ["1.2.3.4"]: failed to allocate IP 1.2.3.4: the provided network does not match the current range',
    );
  });

  it("rejects the service CIDR's network address as out of the valid range", () => {
    const sim = run([service('a', { clusterIP: '10.96.0.0', ports: [httpPort] })]);
    expect(resultOf(sim, 'a')?.error).toBe(
      'The Service "a" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.0"]: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it("rejects kube-dns's clusterIP as already allocated", () => {
    const sim = run([
      service('dns2', { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }),
    ]);
    expect(resultOf(sim, 'dns2')?.error).toBe(
      'The Service "dns2" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it('gives the same NodePort twice in one request as already allocated', () => {
    const sim = run([
      service('twice', {
        type: 'NodePort',
        ports: [
          { name: 'q', port: 1, nodePort: 30001 },
          { name: 'r', port: 2, nodePort: 30001 },
        ],
      }),
    ]);
    expect(resultOf(sim, 'twice')?.error).toBe(
      'The Service "twice" is invalid: spec.ports[1].nodePort: Invalid value: 30001: provided port is already allocated',
    );
  });

  it('prints several field errors as a list (a targetPort defaulted from port 0 fails too), and as an aggregate', () => {
    const sim = run([
      service('multi', { ports: [{ port: 80 }, { port: 443 }, { name: 'x', port: 0 }] }),
    ]);
    const r = resultOf(sim, 'multi');
    expect(r?.error).toBe(
      'The Service "multi" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n* spec.ports[2].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[2].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    );
    expect(r?.aggregatedError).toBe(
      'Error from server (Invalid): Service "multi" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value, spec.ports[2].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[2].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
  });

  it('reports a missing namespace as NotFound', () => {
    const sim = run([
      { ...service('a', { ports: [httpPort] }), metadata: { name: 'a', namespace: 'x' } },
    ]);
    expect(resultOf(sim, 'a')?.error).toBe(
      'Error from server (NotFound): namespaces "x" not found',
    );
  });
});
