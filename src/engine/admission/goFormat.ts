/**
 * Go's fmt verbs as the API server uses them in field errors: `%q` for strings, `%#v` for slices,
 * maps and structs. The values are rendered once, where the error is made, so that every message
 * reads byte for byte as the real API server writes it.
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

/** `%#v` of a `[]string`: `[]string{"a", "b"}`, or `[]string(nil)` when absent. */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** `%#v` of a `map[string]string`: keys sorted, as fmt prints maps; `map[string]string(nil)` when absent. */
export function goStringMap(values: Readonly<Record<string, string>> | undefined): string {
  if (values === undefined) return 'map[string]string(nil)';
  const keys = Object.keys(values).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(values[k]))}`).join(', ')}}`;
}

/** A value that arrived with the wrong JSON type, printed the way Go prints what it decoded to. */
export function goScalar(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'null';
}
