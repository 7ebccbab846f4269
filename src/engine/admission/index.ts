/**
 * The API server's side of `kubectl apply`: decoding, defaulting, allocation, validation and
 * storage (pkg/registry/core/service, pkg/apis/core/validation, pkg/apis/apps/validation,
 * pkg/apis/discovery/validation), and kubectl's own checks and error text around them.
 */
import { isClusterScoped } from '../keys';
import type {
  ApplyResult,
  ClusterSettings,
  Deployment,
  Diagnostic,
  EndpointSlice,
  KubeObject,
  ReplicaSet,
  Service,
  ServiceCIDR,
  SourcedObject,
} from '../model';
import {
  defaultDeployment,
  defaultReplicaSet,
  validateDeployment,
  validateReplicaSet,
} from './apps';
import { decodeError } from './decode';
import { defaultEndpoints, endpointsWarning, validateEndpoints } from './endpoints';
import {
  defaultEndpointSlice,
  validateEndpointSlice,
  validateEndpointSliceUpdate,
} from './endpointSlice';
import { dedupe, errorText, type FieldErrors } from './fieldErrors';
import { equalJSON, threeWayMerge } from './json';
import { kubectlError, type Rejection, type Request } from './kubectl';
import { timestampAt, uidFor } from './meta';
import {
  defaultNamespace,
  validateConfigMap,
  validateNamespace,
  validateNode,
  validateServiceCIDR,
} from './otherKinds';
import { defaultPod, validatePod } from './pod';
import { admitService, type Reservation } from './service/admit';
import { Allocators, type Allocation } from './service/allocator';
import { serviceWarnings } from './service/warnings';
import { admittedBefore, requestCopy, RunMemory, stampedBefore, type Entry } from './previousRun';

export interface ApiServer {
  /** Applies one object as `kubectl apply` does: created, configured, unchanged, or rejected. */
  apply(
    request: SourcedObject,
    options?: { builtIn?: boolean },
  ): { result: ApplyResult; diagnostics: readonly Diagnostic[] };
  /** What the API server stores, in creation order. */
  stored(): SourcedObject[];
}

interface Resource {
  group: string;
  version: string;
  resource: string;
}

/**
 * Group, version and resource of each kind, as discovery serves them. A Map: a request's kind is
 * the parser's own string, which an object's keyed lookup would look up in V8's string table
 * each time, where a Map hashes it once.
 */
const resources = new Map<string, Resource>([
  ['Namespace', { group: '', version: 'v1', resource: 'namespaces' }],
  ['Node', { group: '', version: 'v1', resource: 'nodes' }],
  ['Pod', { group: '', version: 'v1', resource: 'pods' }],
  ['Service', { group: '', version: 'v1', resource: 'services' }],
  ['Endpoints', { group: '', version: 'v1', resource: 'endpoints' }],
  ['ConfigMap', { group: '', version: 'v1', resource: 'configmaps' }],
  ['Deployment', { group: 'apps', version: 'v1', resource: 'deployments' }],
  ['ReplicaSet', { group: 'apps', version: 'v1', resource: 'replicasets' }],
  ['EndpointSlice', { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }],
  ['ServiceCIDR', { group: 'networking.k8s.io', version: 'v1', resource: 'servicecidrs' }],
]);

/**
 * No warnings, and no diagnostics: shared by every request that has none (most of them), rather
 * than an empty array made for each. Frozen: nothing may add to them.
 */
const noWarnings: string[] = [];
Object.freeze(noWarnings);
const noDiagnostics: readonly Diagnostic[] = Object.freeze([]);

/** Kinds whose strategy keeps metadata.generation (it counts spec changes). */
const generationKinds = new Set(['Deployment', 'ReplicaSet', 'EndpointSlice', 'Pod']);

/** A Service's admission also says what it took from the allocators (see Allocation). */
type Admission =
  { rejection: Rejection } | { reservation?: Reservation; allocations?: Allocation[] };

/** The verdict on a request without errors that took nothing (shared: nothing modifies it). */
const accepted: Admission = {};

/** The admission's verdict on a list of field errors: rejected as Invalid when there are any. */
function invalidWhen(errors: FieldErrors): Admission {
  return errors.length > 0 ? { rejection: { reason: 'Invalid', errors } } : accepted;
}

/** Defaulting and validation per kind; a Service also goes through allocation. */
function admit(
  object: KubeObject,
  old: KubeObject | undefined,
  key: string,
  alloc: Allocators,
): Admission {
  switch (object.kind) {
    case 'Service': {
      // Only a Service takes values: its admission alone is recorded.
      const allocations = alloc.record();
      let outcome: ReturnType<typeof admitService>;
      try {
        outcome = admitService(object, old as Service | undefined, key, alloc);
      } finally {
        alloc.stopRecording();
      }
      if ('failure' in outcome) {
        const f = outcome.failure;
        return {
          rejection:
            f.reason === 'Invalid'
              ? f
              : { reason: 'InternalError', message: f.message, path: f.path },
        };
      }
      return { reservation: outcome.reservation, allocations };
    }
    case 'Pod':
      defaultPod(object);
      return invalidWhen(validatePod(object));
    case 'Deployment':
      defaultDeployment(object);
      return invalidWhen(validateDeployment(object, old as Deployment | undefined));
    case 'ReplicaSet':
      defaultReplicaSet(object);
      return invalidWhen(validateReplicaSet(object, old as ReplicaSet | undefined));
    case 'Endpoints':
      defaultEndpoints(object);
      return invalidWhen(validateEndpoints(object));
    case 'EndpointSlice':
      defaultEndpointSlice(object);
      return invalidWhen(
        old
          ? validateEndpointSliceUpdate(object, old as EndpointSlice)
          : validateEndpointSlice(object),
      );
    case 'Namespace':
      defaultNamespace(object);
      return invalidWhen(validateNamespace(object));
    case 'Node':
      return invalidWhen(validateNode(object));
    case 'ConfigMap':
      return invalidWhen(validateConfigMap(object));
    case 'ServiceCIDR':
      return invalidWhen(validateServiceCIDR(object));
    default:
      return {};
  }
}

function warningsFor(object: KubeObject): string[] {
  if (object.kind === 'Endpoints') return [endpointsWarning];
  if (object.kind === 'Service') return serviceWarnings(object);
  return noWarnings;
}

/** Where a field error points: `spec.clusterIPs` falls back to `spec.clusterIP` when only that was written. */
function locateField(request: SourcedObject, path: string) {
  if (path.startsWith('spec.clusterIPs')) {
    const written = (request.object as Service).spec?.clusterIPs;
    if (!Array.isArray(written)) return request.locate('spec.clusterIP') ?? request.locate(path);
  }
  return request.locate(path);
}

/**
 * The result of one apply, before its outcome is known: the keys in the order kubectl's report
 * reads them. Built by assignment: a literal with conditional spreads is cloned through the
 * runtime, which took a tenth of a keystroke's admission.
 */
function resultOf(
  kind: string,
  apiVersion: string,
  namespace: string | undefined,
  name: string,
  file: string | undefined,
): ApplyResult {
  const result: Partial<ApplyResult> = { kind, apiVersion };
  if (namespace !== undefined) result.namespace = namespace;
  result.name = name;
  if (file !== undefined) result.file = file;
  result.outcome = 'created';
  return result as ApplyResult;
}

/**
 * The result of one apply, completed in place (it is this call's own object): the outcome, then
 * the warnings when there are any — the keys in the order kubectl's report reads them.
 */
function finish(
  result: ApplyResult,
  outcome: ApplyResult['outcome'],
  warnings: string[],
): ApplyResult {
  result.outcome = outcome;
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/** The diagnostics of a rejected request, at the fields the rejection names. */
function diagnose(request: SourcedObject, key: string, rejection: Rejection): Diagnostic[] {
  const items =
    rejection.reason === 'Invalid'
      ? dedupe(rejection.errors).map((e) => ({ path: e.field, message: errorText(e) }))
      : [{ path: rejection.path, message: rejection.message }];
  const out: Diagnostic[] = [];
  for (const item of items) {
    const at = locateField(request, item.path) ?? request.locate('');
    if (!at) continue;
    out.push({
      severity: 'error',
      message: item.message,
      document: at.document,
      path: item.path,
      line: at.line,
      column: at.column,
      source: rejection.reason === 'kubectl' ? 'kubectl' : 'api-server',
      object: key,
    });
  }
  return out;
}

/** What a rejection of one apply call needs to know about the request. */
interface ApplyContext {
  request: SourcedObject;
  key: string;
  group: string;
  name: string;
  creating: boolean;
  result: ApplyResult;
  warnings: string[];
}

/** The result and diagnostics of a rejected apply, as kubectl reports them. */
function rejected(
  c: ApplyContext,
  rejection: Rejection,
): { result: ApplyResult; diagnostics: Diagnostic[] } {
  const text = kubectlError(rejection, {
    kind: c.request.object.kind,
    group: c.group,
    name: c.name,
    file: c.request.file,
    creating: c.creating,
  } satisfies Request);
  c.result.error = text.error;
  c.result.aggregatedError = text.aggregated;
  return {
    result: finish(c.result, 'rejected', c.warnings),
    diagnostics: diagnose(c.request, c.key, rejection),
  };
}

const namespaceKeys = new Map<string, string>();

/**
 * The store key of a Namespace, made once per name: every namespaced request looks its
 * namespace up, and a key built each time was a string to make, flatten and hash per request.
 */
function namespaceKey(namespace: string): string {
  let key = namespaceKeys.get(namespace);
  if (key === undefined) {
    key = `Namespace//${namespace}`;
    if (namespaceKeys.size >= 1000) namespaceKeys.clear();
    namespaceKeys.set(namespace, key);
  }
  return key;
}

/**
 * What the API server sets on an object it stores: uid and creationTimestamp (kept from the
 * object it replaces), resourceVersion, and the generation, which counts spec changes.
 */
function stamp(object: KubeObject, key: string, sequence: number, old: KubeObject | undefined) {
  const meta = (object.metadata ??= {});
  const before = old?.metadata;
  meta.uid = before?.uid ?? meta.uid ?? uidFor(key, sequence);
  meta.creationTimestamp =
    before?.creationTimestamp ?? meta.creationTimestamp ?? timestampAt(sequence);
  meta.resourceVersion = String(sequence);
  if (generationKinds.has(object.kind)) {
    const oldSpec = (old as { spec?: unknown } | undefined)?.spec;
    const changed = !old || !equalJSON(oldSpec, (object as { spec?: unknown }).spec);
    meta.generation = (before?.generation ?? 0) + (changed ? 1 : 0);
  }
}

/** kubectl's error for an object without a name, which it cannot look up before applying. */
function emptyName(request: SourcedObject, info: Resource, namespace: string): Rejection {
  const kind = request.object.kind;
  const gv = info.group === '' ? `/${info.version}` : `${info.group}/${info.version}`;
  const where = `Resource: "${gv}, Resource=${info.resource}", GroupVersionKind: "${gv}, Kind=${kind}"\nName: "", Namespace: ${JSON.stringify(namespace)}`;
  const message = `resource name may not be empty`;
  return {
    reason: 'kubectl',
    message:
      request.file === undefined
        ? message
        : `error when retrieving current configuration of:\n${where}\nfrom server for: ${JSON.stringify(request.file)}: ${message}`,
    path: 'metadata',
  };
}

/**
 * What turns a request down before admission, in the order it is checked: no name (kubectl),
 * a namespace that does not exist, a value of the wrong JSON type (`decoded`: a request seen
 * before was decoded without error then).
 */
function refusal(
  request: SourcedObject,
  info: Resource,
  name: string,
  namespace: string,
  hasNamespace: (namespace: string) => boolean,
  decoded: boolean,
): Rejection | undefined {
  const kind = request.object.kind;
  if (name === '') return emptyName(request, info, namespace);
  if (!isClusterScoped(kind) && !hasNamespace(namespace))
    return {
      reason: 'NotFound',
      message: `namespaces ${JSON.stringify(namespace)} not found`,
      path: 'metadata.namespace',
    };
  const error = decoded
    ? undefined
    : decodeError(request.object as unknown as Record<string, unknown>, kind, info.version);
  return error && { reason: 'BadRequest', message: error.message, path: error.path };
}

export function createApiServer(settings: ClusterSettings): ApiServer {
  const store = new Map<string, Entry>();
  const alloc = new Allocators(settings.serviceSubnets, settings.nodePortRange);
  let sequence = 0;
  const memory = new RunMemory(store);

  // The namespace last found stored: nothing leaves the store during a run, and nearly every
  // request names the same namespace as the one before.
  let namespaceFound: string | undefined;
  function hasNamespace(namespace: string): boolean {
    if (namespace === namespaceFound) return true;
    if (!store.has(namespaceKey(namespace))) return false;
    namespaceFound = namespace;
    return true;
  }

  return {
    apply(request, options = {}) {
      const raw = request.object;
      const kind = raw.kind;
      const info = resources.get(kind) ?? {
        group: '',
        version: 'v1',
        resource: kind.toLowerCase(),
      };
      // A first apply of a document admitted before: its defaulted object, without a new copy.
      // (Defaulting leaves the name and namespace alone: the key is the request's.)
      const { position, key, seen } = memory.next(raw);
      const before = seen && admittedBefore(seen, alloc) && !store.has(seen.key) ? seen : undefined;
      const known = before?.admitted;
      // Stored before at the sequence number this apply takes, when it is admitted as before.
      const builtIn = options.builtIn === true;
      let stamped = before && stampedBefore(before, sequence + 1, builtIn);
      const requested = stamped ? stamped.object : requestCopy(raw, known, builtIn);
      const requestedMeta = requested.metadata ?? {};
      const name = typeof requestedMeta.name === 'string' ? requestedMeta.name : '';
      const namespace = requestedMeta.namespace ?? '';
      // An object admitted before is applied only while its key is free: nothing to merge.
      const previous = before ? undefined : store.get(key);
      let object = previous
        ? (threeWayMerge(requested, previous.applied, previous.source.object) as KubeObject)
        : requested;
      const result = resultOf(
        kind,
        String(raw.apiVersion ?? ''),
        isClusterScoped(kind) ? undefined : namespace,
        name,
        request.file,
      );
      const warnings = stamped
        ? (stamped.warnings ??= builtIn ? noWarnings : warningsFor(known as KubeObject))
        : builtIn
          ? noWarnings
          : warningsFor(object);
      const refused = refusal(request, info, name, namespace, hasNamespace, seen !== undefined);
      if (refused)
        return rejected(
          { request, key, group: info.group, name, creating: !previous, result, warnings },
          refused,
        );
      // A request decoded for the first time is known as decodable from now on. A first apply
      // that is admitted is remembered once, below, with what it was admitted as (one Known
      // entry per request, not two); one that is rejected is remembered as it is rejected.
      const firstDecode = !seen;
      if (firstDecode && previous) memory.remember(position, raw);
      if (previous && equalJSON(previous.applied, raw)) {
        return { result: finish(result, 'unchanged', warnings), diagnostics: noDiagnostics };
      }

      let admitting = previous !== undefined || known === undefined;
      if (!admitting && !alloc.replay(seen?.allocated?.allocations ?? [], key)) {
        // Its values are not the ones a fresh admission would take now: admitted afresh.
        object = requestCopy(raw, undefined, builtIn);
        admitting = true;
        stamped = undefined;
      }
      // The entry a first apply that is accepted keeps its stamped object in.
      let entry = previous ? undefined : seen;
      if (admitting) {
        const admission = admit(object, previous?.source.object, key, alloc);
        if ('rejection' in admission) {
          if (firstDecode && !previous) memory.remember(position, raw);
          return rejected(
            { request, key, group: info.group, name, creating: !previous, result, warnings },
            admission.rejection,
          );
        }
        if (!previous) {
          // Kept as admitted (accepted requests only): the very object this run stamps. What a
          // Service took is kept at its length (a list grown by push keeps room for 16 more).
          const allocated =
            kind === 'Service'
              ? { allocations: admission.allocations?.slice() ?? [], ranges: alloc.signature() }
              : undefined;
          entry = memory.remember(position, raw, { object, key }, allocated);
        }
        admission.reservation?.commit();
      }
      if (object.kind === 'ServiceCIDR')
        alloc.setServiceCIDR(name, (object as ServiceCIDR).spec?.cidrs);

      sequence += 1;
      if (!stamped) {
        stamp(object, key, sequence, previous?.source.object);
        if (entry?.admitted)
          entry.stamped = admitting
            ? { sequence, builtIn, object }
            : { sequence, builtIn, object, warnings };
      }
      // The request with the stored object in it (Object.assign: a literal starting with a
      // spread gives each copy a hidden class of its own in V8).
      const source: SourcedObject = Object.assign({}, request);
      source.object = object;
      store.set(key, { source, applied: raw, sequence, position });
      return {
        result: finish(result, previous ? 'configured' : 'created', warnings),
        diagnostics: noDiagnostics,
      };
    },
    stored: () => [...store.values()].map((e) => e.source),
  };
}
