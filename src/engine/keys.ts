/** Identity of stored objects: `kind/namespace/name`, namespace empty for cluster-scoped kinds. */
import type { KubeObject } from './model';

const clusterScoped = new Set([
  'Namespace',
  'Node',
  'ServiceCIDR',
  'KubeProxyConfiguration',
  'ClusterConfiguration',
]);

export function isClusterScoped(kind: string): boolean {
  return clusterScoped.has(kind);
}

export function objectKey(object: KubeObject): string {
  const namespace = isClusterScoped(object.kind) ? '' : (object.metadata?.namespace ?? 'default');
  return `${object.kind}/${namespace}/${object.metadata?.name ?? ''}`;
}
