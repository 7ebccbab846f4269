/** Applying YAML through simulate() and reading back what the API server stored. */
import { simulate } from '../../../src/engine/index';
import type { Service, Simulation } from '../../../src/engine/model';

export function serviceNamed(
  sim: Simulation,
  name: string,
  namespace = 'default',
): Service | undefined {
  return sim.cluster.services.find(
    (s) => s.metadata.name === name && s.metadata.namespace === namespace,
  );
}

export { simulate };

/** A Service document in YAML. */
export function serviceYaml(name: string, extra = '', type = 'ClusterIP'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${type}
  selector:
    app: ${name}
  ports:
  - name: http
    port: 80
    targetPort: 8080${extra}
`;
}
