/**
 * Field errors of the configuration documents, printed as apimachinery's field.Error prints
 * them (`path: Invalid value: "x": detail`), which is how kube-proxy and kubeadm report an
 * invalid configuration before they refuse to start.
 */

/** One problem with a field of a configuration document: where, and the component's text. */
export interface ConfigFieldError {
  /** The field's path in the document as written (v1alpha1 / v1beta4 names), e.g. `ipvs.excludeCIDRs[1]`. */
  path: string;
  message: string;
}

/**
 * A value as field.Error prints it: strings quoted, numbers as they are, a list of strings as
 * Go's %#v writes a []string.
 */
function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  return JSON.stringify(value);
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
  const values = supported.map((v) => JSON.stringify(v)).join(', ');
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
