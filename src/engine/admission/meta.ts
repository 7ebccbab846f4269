/**
 * Object metadata: validation as the API server does it
 * (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go,
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go) and the system fields
 * it fills in on create and update.
 */
import type { LabelSelector, ObjectMeta } from '../model';
import { jsonStringMap } from './goFormat';
import { forbidden, invalid, required, tooLong, type FieldErrors } from './fieldErrors';
import {
  byteLength,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from './names';

export type NameCheck = (name: string, prefix: boolean) => readonly string[];

/**
 * maskTrailingDash (apimachinery generic.go): a generateName prefix longer than one character
 * that ends in a dash is checked as if its last two characters were `a`, since a suffix is
 * appended to it. Upstream drops the character before the dash as well, so `A-` passes as `a`
 * and a lone `-` is checked as it is.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** A name check of a value check: a generateName prefix is checked with its dash masked. */
function nameCheck(check: (value: string) => readonly string[]): NameCheck {
  return (name, prefix) => check(prefix ? maskTrailingDash(name) : name);
}

/** `NameIsDNSSubdomain`, `NameIsDNS1035Label` and `NameIsDNSLabel`, made once. */
export const nameIsDNSSubdomain = nameCheck(isDNS1123Subdomain);
export const nameIsDNS1035Label = nameCheck(isDNS1035Label);
export const nameIsDNSLabel = nameCheck(isDNS1123Label);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * ValidateLabels: every key a qualified name, every value a label value; errors name the map, not
 * the key. Read with for-in: Object.entries made a list and a pair per label of every object.
 */
export function validateLabels(labels: unknown, path: string): FieldErrors {
  const errs: FieldErrors = [];
  if (labels !== undefined) addLabelErrors(errs, labels, path);
  return errs;
}

/** validateLabels into `errs`; `path` is made only for an error (most maps have none). */
function addLabelErrors(errs: FieldErrors, labels: unknown, path: string): void {
  if (!isRecord(labels)) return;
  for (const key in labels) {
    const value = labels[key];
    for (const msg of isQualifiedName(key)) errs.push(invalid(path, key, msg));
    if (typeof value === 'string')
      for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
}

/** TotalAnnotationSizeLimitB: 256 KiB of keys and values. */
const annotationSizeLimit = 256 * 1024;

/**
 * ValidateAnnotations: keys are qualified names, case aside; the keys and values together hold at
 * most 256 KiB, counted in UTF-8 bytes as Go's len() counts them. A UTF-16 unit is at most three
 * bytes, so the bytes are counted only when a third of the limit in units is passed.
 */
export function validateAnnotations(annotations: unknown, path: string): FieldErrors {
  const errs: FieldErrors = [];
  if (!isRecord(annotations)) return errs;
  let units = 0;
  for (const key in annotations) {
    const value = annotations[key];
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(path, key, msg));
    units += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (units * 3 > annotationSizeLimit && annotationBytes(annotations) > annotationSizeLimit)
    errs.push(tooLong(path, annotationSizeLimit));
  return errs;
}

/** ValidateAnnotationsSize's total: the UTF-8 bytes of every key and value. */
function annotationBytes(annotations: Record<string, unknown>): number {
  let size = 0;
  for (const key in annotations) {
    const value = annotations[key];
    size += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
  }
  return size;
}

/** ValidateLabelSelector with strict label values (apps validation passes AllowInvalidLabelValueInSelector false). */
export function validateLabelSelector(
  selector: LabelSelector | undefined,
  path: string,
): FieldErrors {
  const errs: FieldErrors = [];
  if (!isRecord(selector)) return errs;
  errs.push(...validateLabels(selector.matchLabels, `${path}.matchLabels`));
  (Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = Array.isArray(expr.values) ? expr.values : [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(
            required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            forbidden(
              `${at}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errs.push(
          invalid(`${at}.operator`, String(expr.operator ?? ''), 'not a valid selector operator'),
        );
    }
    for (const msg of isQualifiedName(String(expr.key ?? '')))
      errs.push(invalid(`${at}.key`, String(expr.key ?? ''), msg));
    values.forEach((v: unknown, j: number) => {
      for (const msg of isValidLabelValue(String(v)))
        errs.push(invalid(`${at}.values[${j}]`, String(v), msg));
    });
  });
  return errs;
}

/** ValidateObjectMeta for create: name (or generateName), namespace, generation, labels, annotations. */
export function validateObjectMeta(
  meta: ObjectMeta,
  requiresNamespace: boolean,
  check: NameCheck,
  path = 'metadata',
): FieldErrors {
  const errs: FieldErrors = [];
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (typeof meta.generateName === 'string' && meta.generateName !== '')
    for (const msg of check(meta.generateName, true))
      errs.push(invalid(`${path}.generateName`, meta.generateName, msg));
  if (name === '') errs.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of check(name, false)) errs.push(invalid(`${path}.name`, name, msg));
  if (requiresNamespace) {
    const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
    if (ns === '') errs.push(required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(ns)) errs.push(invalid(`${path}.namespace`, ns, msg));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0)
    errs.push(invalid(`${path}.generation`, meta.generation, 'must be greater than or equal to 0'));
  validateObjectMetaUpdate(errs, meta, path);
  return errs;
}

/**
 * The checks of ValidateObjectMetaAccessorUpdate that an apply can fail, which ValidateObjectMeta
 * ends with too: the labels and the annotations, into `errs`.
 */
export function validateObjectMetaUpdate(
  errs: FieldErrors,
  meta: ObjectMeta,
  path = 'metadata',
): void {
  // Absent (as in most requests): no path to make, and no list of errors to add.
  if (meta.labels !== undefined) addLabelErrors(errs, meta.labels, `${path}.labels`);
  if (meta.annotations !== undefined)
    errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
}

/** The label map of a template as the API server prints it in `selector does not match` errors. */
export function renderLabels(labels: unknown): string {
  return jsonStringMap(isRecord(labels) ? labels : undefined);
}

/**
 * The fixed clock of the playground: 2025-01-01T00:00:00Z plus one second per applied object, so
 * that creation timestamps, uids and resourceVersions follow the order of the input and never the
 * wall clock (the same input always yields the same objects).
 */
export const epochSeconds = Date.UTC(2025, 0, 1) / 1000;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The timestamps of the first day, made once each: every run stamps its n-th object with the
 * same one, and one string shared by all runs is less for the garbage collector to copy.
 */
const firstDay: string[] = [];

export function timestampAt(sequence: number): string {
  if (sequence >= 0 && sequence < 86400) return (firstDay[sequence] ??= timeOfFirstDay(sequence));
  return `${new Date((epochSeconds + sequence) * 1000).toISOString().slice(0, 19)}Z`;
}

function timeOfFirstDay(sequence: number): string {
  const h = Math.floor(sequence / 3600);
  const m = Math.floor((sequence % 3600) / 60);
  // Joined: a flat string (a template literal leaves a rope in every object's metadata).
  return ['2025-01-01T', two(h), ':', two(m), ':', two(sequence % 60), 'Z'].join('');
}

/** Character codes of the lowercase hex digits. */
const hexCodes = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** The uid's characters, reused: one flat string is made of them per uid. */
const uidCodes = new Array<number>(36).fill('-'.charCodeAt(0));

/** Writes hex digits `from` to `to` (0 = most significant) of the 32-bit `word` at `at`. */
function putHex(word: number, from: number, to: number, at: number): void {
  for (let k = from; k < to; k++)
    uidCodes[at + k - from] = hexCodes[(word >>> (28 - 4 * k)) & 0xf] as number;
}

/** One mixing round of uidFor (a murmur-style finalizer step). */
function mix(h: number): number {
  let x = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  x = Math.imul(x ^ (x >>> 12), 0x297a2d39) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}

function fnvStep(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x;
}

/** A UUID-shaped uid derived from the object's key and creation sequence (FNV-1a, then mixed). */
export function uidFor(key: string, sequence: number): string {
  // FNV-1a over `${key}#${sequence}`, hashed in parts rather than over a built string.
  const h = fnvStep(fnvStep(fnvStep(0x811c9dc5, key), '#'), String(sequence));
  const w0 = mix(h);
  const w1 = mix(w0);
  const w2 = mix(w1);
  const w3 = mix(w2);
  // Layout: w0 - w1[0:4] - '4' w1[5:8] - 'a' w2[1:4] - w2[4:8] w3, built from character
  // codes: a flat string rather than a rope of small ones kept by every object.
  putHex(w0, 0, 8, 0);
  putHex(w1, 0, 4, 9);
  uidCodes[14] = hexCodes[4] as number;
  putHex(w1, 5, 8, 15);
  uidCodes[19] = hexCodes[10] as number;
  putHex(w2, 1, 4, 20);
  putHex(w2, 4, 8, 24);
  putHex(w3, 0, 8, 28);
  return String.fromCharCode(...uidCodes);
}
