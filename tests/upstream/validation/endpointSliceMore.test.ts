/**
 * The EndpointSlice validation cases endpointSlice.test.ts had not got, from upstream's
 * TestValidateEndpointSlice and TestValidateEndpointSliceUpdate (kubernetes/kubernetes
 * pkg/apis/discovery/validation/validation_test.go at commit
 * 462f616877e1a8e65e6cc48fab91ff68ece67736), applied as discovery.k8s.io/v1 YAML through
 * simulate(). Upstream counts the errors; the messages are those of
 * pkg/apis/discovery/validation/validation.go (commit 76f1684117ad57fd61646af1eef8b9a52f2b5833)
 * validateAddressType and validatePorts.
 *
 * Through kubectl apply a case reads a little differently from upstream's table:
 * - empty-everything (3 errors: metadata.name, metadata.namespace and addressType required):
 *   kubectl refuses an object without a name before it reaches the API server, and fills in the
 *   namespace from its context, so only the addressType error can be asked of the API server; the
 *   slice here has upstream's standard name and namespace and nothing else.
 * - deprecated address type (update from "IP" to "IP", 1 error): a slice of type "IP" cannot be
 *   stored, so the first apply is refused as a create and the second is a create again; each gets
 *   upstream's one error, the unsupported address type (the immutability check has nothing to
 *   compare).
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, KubeObject } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const world: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'world' } };

/** upstream's generatePorts: TCP ports named http-0, http-1, … */
const ports = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `http-${i}`, protocol: 'TCP' as const }));

function slice(fields: Partial<EndpointSlice>): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'hello', namespace: 'world' },
    ...fields,
  } as EndpointSlice;
}

describe('ValidateEndpointSlice through kubectl apply (TestValidateEndpointSlice, the rest)', () => {
  it('max-ports: 20,000 ports and no endpoints are valid', () => {
    const sim = run([world, slice({ addressType: 'IPv4', ports: ports(20000) })]);
    expect(fieldErrors(sim, 'EndpointSlice/world/hello')).toEqual([]);
    expect(resultOf(sim, 'hello')?.outcome).toBe('created');
  });

  it('empty-everything: a slice without an address type (its addressType error)', () => {
    const sim = run([world, slice({})]);
    expect(fieldErrors(sim, 'EndpointSlice/world/hello')).toEqual(['addressType: Required value']);
    expect(resultOf(sim, 'hello')?.error).toBe(
      'The EndpointSlice "hello" is invalid: addressType: Required value',
    );
  });
});

describe('ValidateEndpointSliceUpdate through kubectl apply (TestValidateEndpointSliceUpdate, the rest)', () => {
  it('deprecated address type: "IP" is refused each time it is applied', () => {
    const ip = slice({ addressType: 'IP' as 'IPv4' });
    const sim = run([world, ip, ip]);
    const refusal =
      'addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"';
    expect(fieldErrors(sim, 'EndpointSlice/world/hello')).toEqual([refusal, refusal]);
    expect(sim.applied.filter((r) => r.name === 'hello').map((r) => r.outcome)).toEqual([
      'rejected',
      'rejected',
    ]);
    expect(resultOf(sim, 'hello')?.error).toBe(`The EndpointSlice "hello" is invalid: ${refusal}`);
  });
});
