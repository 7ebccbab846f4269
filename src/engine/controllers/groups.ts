/** What the controllers read and write, and the grouping of stored objects by kind. */
import type { ClusterObjects, ClusterSettings, Finding, KubeObject } from '../model';

export interface ControllerInput {
  settings: ClusterSettings;
  seed: number;
  /** Everything the API server stores, in creation order, Nodes included. */
  objects: KubeObject[];
}

export interface ControllerOutput extends ClusterObjects {
  findings: Finding[];
}

/** Groups stored objects by kind, as informers list them. */
export function groupByKind(objects: KubeObject[]): ClusterObjects {
  const out: ClusterObjects = {
    namespaces: [],
    nodes: [],
    pods: [],
    deployments: [],
    replicaSets: [],
    services: [],
    endpoints: [],
    endpointSlices: [],
    serviceCIDRs: [],
    configMaps: [],
  };
  for (const o of objects) {
    switch (o.kind) {
      case 'Namespace':
        out.namespaces.push(o);
        break;
      case 'Node':
        out.nodes.push(o);
        break;
      case 'Pod':
        out.pods.push(o);
        break;
      case 'Deployment':
        out.deployments.push(o);
        break;
      case 'ReplicaSet':
        out.replicaSets.push(o);
        break;
      case 'Service':
        out.services.push(o);
        break;
      case 'Endpoints':
        out.endpoints.push(o);
        break;
      case 'EndpointSlice':
        out.endpointSlices.push(o);
        break;
      case 'ServiceCIDR':
        out.serviceCIDRs.push(o);
        break;
      case 'ConfigMap':
        out.configMaps.push(o);
        break;
      default:
        break;
    }
  }
  return out;
}

/** The warnings components record about stored objects, each reported once. */
export function findingsLog(): {
  findings: Finding[];
  report(object: string, path: string, message: string, source: string): void;
} {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  return {
    findings,
    report(object, path, message, source) {
      const key = `${object}\u0000${path}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ severity: 'warning', object, path, message, source });
    },
  };
}
