/**
 * The API server's side of `kubectl apply`: defaulting, validation and allocation
 * (pkg/registry/core/service, pkg/apis/core/validation). CONTRACT ONLY, pass-through for now:
 * the admission work replaces the body of `createApiServer`, keeping its signature.
 */
import { objectKey } from '../keys';
import type { ApplyResult, ClusterSettings, Diagnostic, SourcedObject } from '../model';

export interface ApiServer {
  /** Applies one object as `kubectl apply` does: created, configured, unchanged, or rejected. */
  apply(
    request: SourcedObject,
    options?: { builtIn?: boolean },
  ): { result: ApplyResult; diagnostics: Diagnostic[] };
  /** What the API server stores, in creation order. */
  stored(): SourcedObject[];
}

export function createApiServer(_settings: ClusterSettings): ApiServer {
  const store = new Map<string, SourcedObject>();
  return {
    apply(request) {
      const key = objectKey(request.object);
      const existed = store.has(key);
      store.set(key, request);
      const { kind, metadata } = request.object;
      return {
        result: {
          kind,
          apiVersion: String(request.object.apiVersion ?? ''),
          name: metadata?.name ?? '',
          ...(metadata?.namespace ? { namespace: metadata.namespace } : {}),
          outcome: existed ? 'configured' : 'created',
        },
        diagnostics: [],
      };
    },
    stored: () => [...store.values()],
  };
}
