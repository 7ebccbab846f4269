/** Checks that a text from outside can be a YAML document, before it replaces the one on screen. */
import { maxDocumentChars } from './sharedState';

/** How a size reads to a person: `812 bytes`, `34 KB`, `12.5 MB`. */
export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} bytes`;
  if (chars < 1024 * 1024) return `${Math.round(chars / 1024)} KB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

export const tooLargeMessage = (chars: number): string =>
  `This document is ${formatSize(chars)}: the playground opens documents up to ${formatSize(maxDocumentChars)}.`;

/** Bytes that never occur in a YAML text: NUL, other C0 controls but tab/newline/CR, U+FFFD. */
// eslint-disable-next-line no-control-regex
const binary = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/;

/**
 * What a YAML (or JSON) document's first meaningful line looks like: a directive, a document
 * marker, a `key:`, a `- ` item, or a flow collection.
 */
const yamlStart = /^(%YAML|%TAG|---|\.\.\.|-(\s|$)|[{[]|("[^"]*"|'[^']*'|[^\s#:][^:]*?)\s*:(\s|$))/;

/**
 * Why the text cannot be a YAML document, or undefined when it can (an empty text can). Only its
 * size is checked unless `shape` asks whether it looks like YAML too.
 */
export function checkDocumentText(text: string, shape = true): string | undefined {
  if (text.length > maxDocumentChars) return tooLargeMessage(text.length);
  if (!shape) return undefined;
  if (binary.test(text.slice(0, 64 * 1024))) {
    return 'This is not a YAML text: it holds binary data (an image or an archive?).';
  }
  for (const line of text.split('\n', 2000)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (yamlStart.test(trimmed)) return undefined;
    return `This does not look like Kubernetes YAML: its first line is "${trimmed.slice(0, 60)}". A manifest starts with a key such as "apiVersion: v1".`;
  }
  return undefined;
}

/**
 * Whether a text looks like `kubectl get ... -o yaml` of a real cluster: a List whose objects
 * carry the `uid` and `resourceVersion` only an API server writes.
 */
export function looksLikeSnapshot(text: string): boolean {
  const head = text.slice(0, 256 * 1024);
  return (
    /^kind: List\s*$/m.test(head) &&
    /^\s+uid: \S/m.test(head) &&
    /^\s+resourceVersion: /m.test(head)
  );
}
