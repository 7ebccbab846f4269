/**
 * How the API server prints a field error's bad value (apimachinery field/errors.go ErrorBody):
 * `%q` for a string, `%v` for a number, and JSON (encoding/json) for lists, maps, structs and
 * named string types. The values are rendered once, where the error is made, so that every
 * message reads byte for byte as the real API server writes it.
 */

/** `%q` (strconv.Quote): printable runes kept, `"` and `\` escaped, control characters as Go escapes them. */
export function goQuote(text: string): string {
  if (isPlainPrintable(text)) return `"${text}"`;
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code === 7) out += '\\a';
    else if (code === 8) out += '\\b';
    else if (code === 12) out += '\\f';
    else if (code === 11) out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Whether `text` is printable ASCII without `"` or `\`: what goQuote keeps as it is. */
function isPlainPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * A string as Go's encoding/json writes it: JSON's escapes, plus `<`, `>`, `&`, U+2028 and U+2029
 * as `\u` escapes (Go escapes them for HTML; JSON.stringify does not).
 */
export function jsonQuote(text: string): string {
  const json = JSON.stringify(text);
  return /[<>&\u2028\u2029]/.test(json)
    ? json.replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
    : json;
}

/** A value json.Marshal writes: a scalar, a list, a map or a struct. */
export type JSONValue = string | number | boolean | null | JSONValue[] | JSONObject;
/** A Go map (keys sorted) or struct (`fields`, in declaration order). */
export type JSONObject =
  | { map: Readonly<Record<string, JSONValue>> }
  | { fields: readonly (readonly [string, JSONValue])[] };

/**
 * A composite value (a list, a map, a struct) as field errors print it since Kubernetes 1.34
 * (apimachinery field/errors.go ErrorBody: json.Marshal of the bad value): `["a","b"]`,
 * `{"app":"web"}`, `null` for a nil list or map. Map keys are sorted, as Go sorts them; a
 * struct's fields keep the order the caller gives (Go's declaration order).
 */
export function goJSON(value: JSONValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return jsonQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJSON).join(',')}]`;
  const entries =
    'map' in value
      ? Object.keys(value.map)
          .sort()
          .map((k) => [k, value.map[k] ?? null] as const)
      : value.fields;
  return `{${entries.map(([k, v]) => `${jsonQuote(k)}:${goJSON(v)}`).join(',')}}`;
}

/** json.Marshal of a `[]string`: `["a","b"]`, or `null` when absent (a nil slice). */
export function jsonStringSlice(values: readonly unknown[] | undefined): string {
  return values === undefined ? 'null' : goJSON(values.map(String));
}

/** A `map[string]string` for goJSON: its values as strings. */
export function jsonStringMapValue(values: Readonly<Record<string, unknown>>): JSONObject {
  const map: Record<string, string> = {};
  for (const k in values) map[k] = String(values[k]);
  return { map };
}

/** json.Marshal of a `map[string]string`: keys sorted; `null` when absent (a nil map). */
export function jsonStringMap(values: Readonly<Record<string, unknown>> | undefined): string {
  return values === undefined ? 'null' : goJSON(jsonStringMapValue(values));
}

/** A value that arrived with the wrong JSON type, printed the way Go prints what it decoded to. */
export function goScalar(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'null';
}
