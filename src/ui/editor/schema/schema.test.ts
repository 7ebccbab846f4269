import { describe, expect, it } from 'vitest';
import schemaText from './kubernetes.schema.json?raw';

interface Schema {
  $comment: string;
  definitions: Record<
    string,
    { type?: unknown; additionalProperties?: unknown; properties?: Record<string, unknown> }
  >;
}

const schema = JSON.parse(schemaText) as Schema;

describe('the generated Kubernetes schema', () => {
  it('names its upstream source and version', () => {
    expect(schema.$comment).toMatch(/api\/openapi-spec\/swagger\.json.*release-1\.36/);
  });

  it('holds the kinds the playground models and what they reference, nothing else', () => {
    const names = Object.keys(schema.definitions);
    for (const kind of [
      'core.v1.Service',
      'core.v1.Pod',
      'apps.v1.Deployment',
      'discovery.v1.EndpointSlice',
    ]) {
      expect(names).toContain(`io.k8s.api.${kind}`);
    }
    expect(names).toContain('io.k8s.api.core.v1.ServicePort');
    expect(names).not.toContain('io.k8s.api.batch.v1.Job');
  });

  it('accepts a number or a name for a targetPort, and flags unknown fields', () => {
    expect(schema.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.type).toEqual([
      'integer',
      'string',
    ]);
    expect(schema.definitions['io.k8s.api.core.v1.ServiceSpec']?.additionalProperties).toBe(false);
  });
});
