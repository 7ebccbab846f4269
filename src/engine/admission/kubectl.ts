/**
 * How kubectl prints an API error from `kubectl apply -f FILE`
 * (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr, AddSourceToErr, MultilineError,
 * StandardErrorMessage; staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go NewInvalid).
 */
import { aggregateText, dedupe, errorText, type FieldErrors } from './fieldErrors';
import { goQuote } from './goFormat';

/** Why the API server (or kubectl itself) turned an object down. */
export type Rejection =
  | { reason: 'Invalid'; errors: FieldErrors }
  | { reason: 'NotFound' | 'InternalError' | 'BadRequest'; message: string; path: string }
  | { reason: 'kubectl'; message: string; path: string };

export interface Request {
  kind: string;
  /** API group, '' for the core group. */
  group: string;
  name: string;
  file: string | undefined;
  /** `creating` for a new object; an update is a patch, whose message kubectl words differently. */
  creating: boolean;
}

/** The Status message the API server returns, with kubectl's `error when creating "FILE": ` in front. */
function statusMessage(
  rejection: Exclude<Rejection, { reason: 'kubectl' }>,
  request: Request,
): string {
  const message =
    rejection.reason === 'Invalid'
      ? `${request.group === '' ? request.kind : `${request.kind}.${request.group}`} ${goQuote(request.name)} is invalid: ${aggregateText(rejection.errors)}`
      : rejection.reason === 'InternalError'
        ? `Internal error occurred: ${rejection.message}`
        : rejection.message;
  return request.file !== undefined && request.creating
    ? `error when creating ${goQuote(request.file)}: ${message}`
    : message;
}

/**
 * The text kubectl prints on stderr: `error` when this is the only object of the run that failed,
 * `aggregated` when several failed (kubectl then prints each through MultipleErrors).
 */
export function kubectlError(
  rejection: Rejection,
  request: Request,
): { error: string; aggregated: string } {
  if (rejection.reason === 'kubectl')
    return { error: `error: ${rejection.message}`, aggregated: rejection.message };
  const fromServer = `Error from server (${rejection.reason}): ${statusMessage(rejection, request)}`;
  if (rejection.reason !== 'Invalid') return { error: fromServer, aggregated: fromServer };
  const causes = dedupe(rejection.errors).map(errorText);
  const head = `The ${request.kind} ${goQuote(request.name)} is invalid: `;
  const error =
    causes.length === 1
      ? `${head}${causes[0] ?? ''}`
      : `${head}\n${causes.map((c) => `* ${c}`).join('\n')}`;
  return { error, aggregated: fromServer };
}
