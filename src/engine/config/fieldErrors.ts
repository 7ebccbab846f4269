/**
 * Field errors of the configuration documents, printed as apimachinery's field.Error prints
 * them (`path: Invalid value: "x": detail`), which is how kube-proxy and kubeadm report an
 * invalid configuration before they refuse to start.
 */
import { goQuote, goScalar, jsonStringSlice } from '../admission/goFormat';

/** One problem with a field of a configuration document: where, and the component's text. */
export interface ConfigFieldError {
  /** The field's path in the document as written (v1alpha1 / v1beta4 names), e.g. `ipvs.excludeCIDRs[1]`. */
  path: string;
  message: string;
}

/**
 * A value as field.Error prints it (apimachinery field/errors.go ErrorBody, as the API server's
 * errors: see admission/goFormat.ts): strings quoted as `%q`, numbers and booleans as they are, a
 * list as JSON since Kubernetes 1.34 (`["a","b"]`).
 */
function printValue(value: unknown): string {
  if (Array.isArray(value)) return jsonStringSlice(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return goScalar(value);
}

/** field.Invalid. */
export function invalid(path: string, value: unknown, detail: string): ConfigFieldError {
  return { path, message: `${path}: Invalid value: ${printValue(value)}: ${detail}` };
}

/** field.NotSupported: the supported values quoted, in the order the component lists them. */
export function notSupported(
  path: string,
  value: unknown,
  supported: readonly string[],
): ConfigFieldError {
  const values = supported.map(goQuote).join(', ');
  return {
    path,
    message: `${path}: Unsupported value: ${printValue(value)}: supported values: ${values}`,
  };
}

/** Whether an error is about `field` or something inside it (`field.x`, `field[1]`). */
export function concerns(error: ConfigFieldError, field: string): boolean {
  return (
    error.path === field || error.path.startsWith(`${field}.`) || error.path.startsWith(`${field}[`)
  );
}
