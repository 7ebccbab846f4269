/**
 * A request whose JSON types are wrong is refused before validation, with the decoder's
 * UnmarshalTypeError (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go
 * transformDecodeError; Go's encoding/json decode.go, whose saveError keeps the first error met).
 * kubectl sends JSON marshaled from a map, so every object's keys arrive sorted: the error
 * reported is the first in that order, not in the order the YAML was written.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/engine/model';
import { resultOf, run } from './fixtures';

describe('decoding errors, first in sorted-key order', () => {
  it('reports spec.replicas before a container port further down the template', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '80' }] }] },
        },
        selector: { matchLabels: { a: 'b' } },
        replicas: '3',
      },
    } as unknown as Deployment;
    expect(resultOf(run([deployment]), 'web')?.error).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it("reports a port's name before its number (name < port)", () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { ports: [{ port: '80', name: 8080 }] },
    } as never;
    expect(resultOf(run([service]), 'web')?.error).toBe(
      'Error from server (BadRequest): Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number into Go struct field ServicePort.spec.ports.name of type string',
    );
  });
});
