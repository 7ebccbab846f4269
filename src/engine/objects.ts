/**
 * Turns parsed documents into the objects `kubectl apply -f` would send: `kind: List` expanded
 * into its items, each object knowing where it was written.
 */
import type { Diagnostic, Kind, KubeObject, SourcedObject } from './model';
import type { ParsedDocument } from './parse';

/** The group/versions each modelled kind is served at. */
export const servedVersions: Record<Kind, readonly string[]> = {
  Namespace: ['v1'],
  Node: ['v1'],
  Pod: ['v1'],
  Service: ['v1'],
  Endpoints: ['v1'],
  ConfigMap: ['v1'],
  Deployment: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  EndpointSlice: ['discovery.k8s.io/v1'],
  ServiceCIDR: ['networking.k8s.io/v1'],
  KubeProxyConfiguration: ['kubeproxy.config.k8s.io/v1alpha1'],
  ClusterConfiguration: ['kubeadm.k8s.io/v1beta3', 'kubeadm.k8s.io/v1beta4'],
};

/** Kinds a real cluster serves that the playground reads past (they do not change Service routing). */
const knownUnmodelled = new Set([
  'Secret',
  'ServiceAccount',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'Event',
  'Lease',
  'PodDisruptionBudget',
  'ControllerRevision',
  'CustomResourceDefinition',
  'InitConfiguration',
  'JoinConfiguration',
  'KubeletConfiguration',
]);

export function isModelledKind(kind: string): kind is Kind {
  return Object.hasOwn(servedVersions, kind);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of a field of the item at `prefix` (e.g. `items[0]`), in the whole document. */
function within(prefix: string, path: string): string {
  return prefix === '' ? path : path === '' ? prefix : `${prefix}.${path}`;
}

/** The object `kubectl apply` sends for a parsed value: metadata always present. */
function requestOf(value: Record<string, unknown>): KubeObject {
  return { ...value, metadata: value.metadata ?? {} } as unknown as KubeObject;
}

/**
 * The object read from a document's own value, kept with its parsed text. The parse hands out
 * the same value for a document whose text is unchanged, and nothing modifies a value or the
 * object read from it (the API server decodes its own copy): a keystroke reads 20,000 unchanged
 * documents as the very objects it read before, which admission recognises by identity.
 */
function documentRequest(doc: ParsedDocument, value: Record<string, unknown>): KubeObject {
  return (doc.read.request ??= requestOf(value)) as KubeObject;
}

/**
 * An object with where it was written. Built by assignment: a literal with a conditional spread
 * is cloned through the runtime, for every one of 20,000 objects.
 */
function sourced(
  object: KubeObject,
  order: number,
  file: string | undefined,
  locate: SourcedObject['locate'],
): SourcedObject {
  const source: Partial<SourcedObject> = { object, order };
  if (file !== undefined) source.file = file;
  source.locate = locate;
  return source as SourcedObject;
}

export interface ReadResult {
  objects: SourcedObject[];
  diagnostics: Diagnostic[];
}

/** Reads the objects of every document; problems become diagnostics, never exceptions. */
export function readObjects(documents: ParsedDocument[], file?: string): ReadResult {
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];

  const report = (
    doc: ParsedDocument,
    path: string,
    message: string,
    severity: Diagnostic['severity'] = 'error',
  ) => {
    const at = doc.rangeOf(path) ?? { line: doc.startLine, column: 1 };
    diagnostics.push({
      severity,
      message,
      document: doc.index,
      path,
      line: at.line,
      column: at.column,
      source: 'kubectl',
    });
  };

  const take = (doc: ParsedDocument, value: unknown, prefix: string) => {
    if (!isRecord(value)) {
      report(
        doc,
        prefix,
        `error validating data: the document is not an object (found ${Array.isArray(value) ? 'a list' : typeof value})`,
      );
      return;
    }
    const kind = value.kind;
    const apiVersion = value.apiVersion;
    if (typeof kind !== 'string' || kind === '') {
      report(doc, within(prefix, ''), 'error validating data: kind not set');
      return;
    }
    if (kind === 'List' || kind.endsWith('List')) {
      const items = value.items;
      if (!Array.isArray(items)) {
        report(doc, within(prefix, 'items'), 'error validating data: items not set in List');
        return;
      }
      items.forEach((item, i) => take(doc, item, within(prefix, `items[${i}]`)));
      return;
    }
    if (!isModelledKind(kind)) {
      const what = knownUnmodelled.has(kind)
        ? 'the playground does not model it: it is read past'
        : 'no such kind is served';
      report(
        doc,
        within(prefix, 'kind'),
        `${kind} "${String((value.metadata as Record<string, unknown> | undefined)?.name ?? '')}": ${what}`,
        knownUnmodelled.has(kind) ? 'info' : 'error',
      );
      return;
    }
    if (typeof apiVersion !== 'string' || apiVersion === '') {
      report(doc, within(prefix, ''), 'error validating data: apiVersion not set');
      return;
    }
    if (!servedVersions[kind].includes(apiVersion)) {
      const name = String((value.metadata as Record<string, unknown> | undefined)?.name ?? '');
      report(
        doc,
        within(prefix, 'apiVersion'),
        `resource mapping not found for name: "${name}": no matches for kind "${kind}" in version "${apiVersion}"`,
      );
      return;
    }
    if (value.metadata !== undefined && !isRecord(value.metadata)) {
      report(doc, within(prefix, 'metadata'), 'error validating data: metadata must be an object');
      return;
    }
    const object = prefix === '' ? documentRequest(doc, value) : requestOf(value);
    // A document's own object is located by the document's paths as they are: no closure
    // made per object (tsx names each one it makes, with a defineProperty call).
    const locate: SourcedObject['locate'] =
      prefix === '' ? doc.rangeOf : (path) => doc.rangeOf(within(prefix, path));
    objects.push(sourced(object, objects.length, file, locate));
  };

  for (const doc of documents) {
    if (doc.error) {
      diagnostics.push({
        severity: 'error',
        message: `error converting YAML to JSON: yaml: line ${doc.error.line}: ${doc.error.message}`,
        document: doc.index,
        path: '',
        line: doc.error.line,
        column: doc.error.column,
        source: 'yaml',
      });
      continue;
    }
    if (doc.value === null || doc.value === undefined) continue;
    take(doc, doc.value, '');
  }
  return { objects, diagnostics };
}
