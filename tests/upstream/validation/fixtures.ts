/** Builders for validation cases: objects as a person would write them, applied through simulate(). */
import { simulate } from '../../../src/engine/index';
import type { ApplyResult, KubeObject, Service, Simulation } from '../../../src/engine/model';

/** Documents as YAML text (JSON is YAML), one per object. */
export function yamlOf(objects: readonly KubeObject[]): string {
  return objects.map((o) => JSON.stringify(o, null, 2)).join('\n---\n');
}

export function run(objects: readonly KubeObject[]): Simulation {
  return simulate(yamlOf(objects));
}

/** The result of the object named `name` (the last one, when it was applied twice). */
export function resultOf(sim: Simulation, name: string): ApplyResult | undefined {
  return sim.applied.filter((r) => r.name === name).at(-1);
}

/** The API server's field errors for an object, as the diagnostics carry them. */
export function fieldErrors(sim: Simulation, key: string): string[] {
  return sim.diagnostics
    .filter((d) => d.object === key && d.source === 'api-server')
    .map((d) => d.message);
}

/**
 * Our counterpart of upstream's basic valid Service in TestValidateServiceCreate: one named TCP
 * port, a selector, a fixed clusterIP (inside this cluster's service CIDR), in a namespace that exists.
 */
export function validService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'valid', namespace: 'valid', labels: {}, annotations: {} },
    spec: {
      selector: { key: 'val' },
      clusterIP: '10.96.0.50',
      ports: [{ name: 'p', protocol: 'TCP', port: 8675, targetPort: 8675 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
    },
  };
}

export const validNamespace: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'valid' },
};
