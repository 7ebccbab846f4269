/**
 * `kubectl get`: resource arguments, the table printer (NAMESPACE column with `-A`, `kind/name`
 * when several kinds are printed, a blank line between kinds), `-o yaml|json` as one object or a
 * `List`, and kubectl's messages (k8s.io/kubectl/pkg/cmd/get/get.go).
 */
import { endpointsWarning } from '../admission/endpoints';
import type { Cluster, KubeObject } from '../model';
import {
  configMapTable,
  deploymentTable,
  namespaceTable,
  nodeTable,
  podTable,
  replicaSetTable,
  serviceRow,
  serviceTable,
} from './columns';
import type { Column, TableSpec } from './columns';
import { endpointSliceTable, endpointsTable } from './endpointTables';
import { simulatedNow } from './duration';
import { toJson } from './json';
import type { CommandOutput } from './output';
import { findResourceType, parseResourceList, toKindPrefix, toResourceName } from './resources';
import type { GettableKind, ResourceType } from './resources';
import { alignColumns, getTabwriter } from './tabwriter';
import { toYaml } from './yaml';

export interface GetRequest {
  /** The command's arguments: `pods,svc [NAME...]` or `svc/web [pod/x...]`. */
  args: readonly string[];
  namespace: string;
  allNamespaces: boolean;
  output?: 'wide' | 'yaml' | 'json' | 'name' | undefined;
  /** The moment ages are computed against (default: the simulated now). */
  now?: number;
  /**
   * `storage` (default): the API server's list order, by namespace and name. `given`: the order of
   * the input, for a snapshot (`--admitted`), which lists objects as the server it came from did,
   * as kubectl's own test fixtures do.
   */
  order?: 'storage' | 'given';
}

const apiVersions: Record<GettableKind, string> = {
  Pod: 'v1',
  Service: 'v1',
  Endpoints: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Node: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Namespace: 'v1',
  ConfigMap: 'v1',
};

function objectsOf(cluster: Cluster, kind: GettableKind): KubeObject[] {
  switch (kind) {
    case 'Pod':
      return cluster.pods;
    case 'Service':
      return cluster.services;
    case 'Endpoints':
      return cluster.endpoints;
    case 'EndpointSlice':
      return cluster.endpointSlices;
    case 'Node':
      return cluster.nodes;
    case 'Deployment':
      return cluster.deployments;
    case 'ReplicaSet':
      return cluster.replicaSets;
    case 'Namespace':
      return cluster.namespaces;
    case 'ConfigMap':
      return cluster.configMaps;
  }
}

function tableOf(kind: GettableKind, wide: boolean): TableSpec<never> {
  const tables: Record<GettableKind, TableSpec<never>> = {
    Pod: podTable,
    Service: wide
      ? { columns: serviceTable.columns, row: (s: never, now) => serviceRow(s, now, true) }
      : serviceTable,
    Endpoints: endpointsTable,
    EndpointSlice: endpointSliceTable,
    Node: nodeTable,
    Deployment: deploymentTable,
    ReplicaSet: replicaSetTable,
    Namespace: namespaceTable,
    ConfigMap: configMapTable,
  };
  return tables[kind];
}

const namespaceOf = (o: KubeObject) => o.metadata?.namespace ?? 'default';

/** The API server lists objects in the order of their storage keys: namespace, then name. */
function storageOrder(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

interface Info {
  type: ResourceType;
  object: KubeObject;
}

type Resolved =
  | { type: 'ok'; requests: { type: ResourceType; name?: string }[]; singleItemImplied: boolean }
  | { type: 'error'; message: string };

/** Turns the arguments into (type, name?) requests as kubectl's resource builder does. */
function resolveArgs(args: readonly string[]): Resolved {
  const first = args[0];
  if (first === undefined) {
    return {
      type: 'error',
      message:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
    };
  }
  if (first.includes('/')) {
    const requests: { type: ResourceType; name: string }[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash === -1) {
        return {
          type: 'error',
          message: `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        };
      }
      const typeName = arg.slice(0, slash);
      const type = findResourceType(typeName);
      if (!type)
        return { type: 'error', message: `the server doesn't have a resource type "${typeName}"` };
      requests.push({ type, name: arg.slice(slash + 1) });
    }
    return { type: 'ok', requests, singleItemImplied: requests.length === 1 };
  }
  const parsed = parseResourceList(first);
  if (parsed.type === 'error') {
    return { type: 'error', message: `the server doesn't have a resource type "${parsed.name}"` };
  }
  const names = args.slice(1);
  if (names.length === 0) {
    return {
      type: 'ok',
      requests: parsed.types.map((type) => ({ type })),
      singleItemImplied: false,
    };
  }
  const requests = parsed.types.flatMap((type) => names.map((name) => ({ type, name })));
  return {
    type: 'ok',
    requests,
    singleItemImplied: parsed.types.length === 1 && names.length === 1 && first !== 'all',
  };
}

/** The object as the API server returns it to `-o yaml|json`: apiVersion and kind set, no managedFields. */
function served(info: Info): Record<string, unknown> {
  const object = info.object as unknown as Record<string, unknown>;
  const metadata = { ...(object.metadata as Record<string, unknown> | undefined) };
  delete metadata.managedFields;
  return { ...object, apiVersion: apiVersions[info.type.kind], kind: info.type.kind, metadata };
}

/**
 * appendCellValue (k8s.io/cli-runtime/pkg/printers/tableprinter.go): a cell is cut at its first
 * line break (`...` after it), and ESC is escaped as `^[`.
 */
function toCell(text: string): string {
  return text.replace(/[\n\r\f].*$/s, '...').replaceAll('\x1b', '^[');
}

/** The table of one kind's objects, as the tabwriter lays it out (header included). */
function renderTable(
  infos: Info[],
  options: { wide: boolean; withNamespace: boolean; withKind: boolean; now: number },
): string {
  const kind = infos[0]?.type.kind;
  if (kind === undefined) return '';
  const table = tableOf(kind, options.wide);
  const visible = (c: Column) => options.wide || c.priority === 0;
  const header = [
    ...(options.withNamespace ? ['NAMESPACE'] : []),
    ...table.columns.filter(visible).map((c) => c.name.toUpperCase()),
  ];
  const lines = [header.join('\t')];
  for (const info of infos) {
    const cells = table.row(info.object as never, options.now).filter((_, i) => {
      const column = table.columns[i];
      return column !== undefined && visible(column);
    });
    if (options.withKind) cells[0] = `${toKindPrefix(kind)}/${cells[0] ?? ''}`;
    if (options.withNamespace) cells.unshift(namespaceOf(info.object));
    lines.push(cells.map(toCell).join('\t'));
  }
  return alignColumns(`${lines.join('\n')}\n`, getTabwriter);
}

/** Runs `kubectl get` against the simulated cluster. */
export function renderGet(cluster: Cluster, request: GetRequest): CommandOutput {
  const resolved = resolveArgs(request.args);
  if (resolved.type === 'error')
    return { stdout: '', stderr: `error: ${resolved.message}\n`, exitCode: 1 };
  const now = request.now ?? simulatedNow;
  if (request.allNamespaces && resolved.requests.some((r) => r.name !== undefined)) {
    return {
      stdout: '',
      stderr: 'error: a resource cannot be retrieved by name across all namespaces\n',
      exitCode: 1,
    };
  }

  const infos: Info[] = [];
  const errors: string[] = [];
  const inScope = (type: ResourceType, o: KubeObject) =>
    !type.namespaced || request.allNamespaces || namespaceOf(o) === request.namespace;
  for (const { type, name } of resolved.requests) {
    const objects = objectsOf(cluster, type.kind).filter((o) => inScope(type, o));
    if (request.order !== 'given') objects.sort(storageOrder);
    if (name === undefined) {
      infos.push(...objects.map((object) => ({ type, object })));
      continue;
    }
    const found = objectsOf(cluster, type.kind).find(
      (o) =>
        o.metadata?.name === name && (!type.namespaced || namespaceOf(o) === request.namespace),
    );
    if (found) infos.push({ type, object: found });
    else errors.push(`Error from server (NotFound): ${type.plural} "${name}" not found`);
  }
  // The API server answers every request on v1 Endpoints with its deprecation warning, which
  // kubectl prints once (rest.WarningWriter with Deduplicate) before anything else on stderr.
  const warnings = resolved.requests.some((r) => r.type.kind === 'Endpoints')
    ? `Warning: ${endpointsWarning}\n`
    : undefined;
  const stderr = errors.map((e) => `${e}\n`).join('');
  const exitCode = errors.length > 0 ? 1 : 0;

  if (request.output === 'yaml' || request.output === 'json') {
    if (resolved.singleItemImplied && errors.length > 0)
      return { warnings, stdout: '', stderr, exitCode };
    const print = request.output === 'yaml' ? toYaml : toJson;
    const first = infos[0];
    const value =
      resolved.singleItemImplied && infos.length === 1 && first
        ? served(first)
        : {
            apiVersion: 'v1',
            items: infos.map(served),
            kind: 'List',
            metadata: { resourceVersion: '' },
          };
    return { warnings, stdout: print(value), stderr, exitCode };
  }

  if (request.output === 'name' && infos.length > 0) {
    const names = infos.map((i) => toResourceName(i.type.kind, i.object.metadata?.name ?? ''));
    return { warnings, stdout: names.map((n) => `${n}\n`).join(''), stderr, exitCode };
  }

  const kinds = new Set(infos.map((i) => i.type.kind));
  const withKind = kinds.size > 1;
  const groups: Info[][] = [];
  for (const info of infos) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.type.kind === info.type.kind) last.push(info);
    else groups.push([info]);
  }
  const stdout = groups
    .map((group) =>
      renderTable(group, {
        wide: request.output === 'wide',
        withNamespace: request.allNamespaces && (group[0]?.type.namespaced ?? false),
        withKind,
        now,
      }),
    )
    .join('\n');
  if (stdout === '' && errors.length === 0) {
    const allNamespaced = !request.allNamespaces && infos.every((i) => i.type.namespaced);
    return {
      warnings,
      stdout: '',
      stderr: allNamespaced
        ? `No resources found in ${request.namespace} namespace.\n`
        : 'No resources found\n',
      exitCode: 0,
    };
  }
  return { warnings, stdout, stderr, exitCode };
}
