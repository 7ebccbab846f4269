/**
 * Field errors as the API server builds and prints them
 * (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go).
 */
import { goQuote } from './goFormat';

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Internal error'
  | 'Not found';

/** One field error; `value` is already rendered as Go prints it (see goFormat). */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: string;
  detail: string;
}

export type FieldErrors = FieldError[];

export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** `value` is the rendered bad value: pass numbers as they are, strings through goQuote. */
export function invalid(field: string, value: string | number, detail: string): FieldError {
  return { type: 'Invalid value', field, value: renderValue(value), detail };
}

export function duplicate(field: string, value: string | number): FieldError {
  return { type: 'Duplicate value', field, value: renderValue(value), detail: '' };
}

/** TooLong: the value is omitted; the limit is in bytes. */
export function tooLong(field: string, maxBytes: number): FieldError {
  return {
    type: 'Too long',
    field,
    detail: `may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}`,
  };
}

/** TooMany: a list holds `actual` items where at most `max` are allowed. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return {
    type: 'Too many',
    field,
    value: String(actual),
    detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}`,
  };
}

/** NotSupported: the supported values are listed quoted, in the order the caller gives them. */
export function notSupported(
  field: string,
  value: string | number,
  supported: readonly string[],
): FieldError {
  const detail =
    supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { type: 'Unsupported value', field, value: renderValue(value), detail };
}

/** Strings become `%q`; numbers print plainly; a pre-rendered Go value passes through `raw`. */
function renderValue(value: string | number): string {
  return typeof value === 'number' ? String(value) : goQuote(value);
}

/** A field error whose value is already a rendered Go literal (e.g. `[]string{"a"}`). */
export function invalidRaw(field: string, rendered: string, detail: string): FieldError {
  return { type: 'Invalid value', field, value: rendered, detail };
}

export function duplicateRaw(field: string, rendered: string): FieldError {
  return { type: 'Duplicate value', field, value: rendered, detail: '' };
}

export function notSupportedRaw(
  field: string,
  rendered: string,
  supported: readonly string[],
): FieldError {
  const e = notSupported(field, '', supported);
  return { ...e, value: rendered };
}

/** `ErrorBody()`: the type, the value where the type shows one, and the detail. */
export function errorBody(e: FieldError): string {
  const shown =
    e.type === 'Required value' ||
    e.type === 'Forbidden' ||
    e.type === 'Too long' ||
    e.type === 'Internal error'
      ? e.type
      : `${e.type}: ${e.value ?? 'null'}`;
  return e.detail === '' ? shown : `${shown}: ${e.detail}`;
}

/** `Error()`: `field: body`. */
export function errorText(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** Drops repeated messages, as ErrorList.ToAggregate does. */
export function dedupe(errors: FieldErrors): FieldErrors {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const text = errorText(e);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** An aggregate's `Error()`: one message alone, several as `[a, b]` (util/errors/errors.go). */
export function aggregateText(errors: FieldErrors): string {
  const texts = dedupe(errors).map(errorText);
  return texts.length === 1 ? (texts[0] ?? '') : `[${texts.join(', ')}]`;
}
