/**
 * `kubectl get -o json`: json.MarshalIndent with four spaces (k8s.io/cli-runtime/pkg/printers/json.go)
 * of an unstructured object, so map keys come out sorted, and Go's encoder escapes `<`, `>`, `&`.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Drops undefined fields, as the API server's JSON never carries them. */
export function toPlain(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

/** Go's encoding/json string encoding (with HTML escaping, as json.Marshal does). */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      ch === '<' ||
      ch === '>' ||
      ch === '&' ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

function sortedKeys(object: Record<string, Json>): string[] {
  return Object.keys(object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function encode(value: Json, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + encode(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = sortedKeys(value);
  if (keys.length === 0) return '{}';
  const fields = keys.map((k) => `${inner}${goString(k)}: ${encode(value[k] ?? null, inner)}`);
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

/** The text `kubectl get -o json` prints for an object or a List, newline included. */
export function toJson(value: unknown): string {
  return `${encode(toPlain(value), '')}\n`;
}
