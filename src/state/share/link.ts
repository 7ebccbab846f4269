/**
 * Share links: the whole SharedState in the URL fragment, `#v<version>:<base64url of the
 * deflate-raw compressed JSON>`. A fragment never reaches a server, so a link shares a document
 * without one. Opening a link goes through `restore` (and its migrations for older versions).
 */
import { restore, type RestoreOutcome } from './restore';
import {
  currentVersion,
  maxDocumentChars,
  maxFragmentChars,
  type SharedState,
} from './sharedState';

const fragmentPattern = /^#?v(\d{1,4}):([A-Za-z0-9_-]*)$/;

/** Whether a location's hash is a share link's fragment (of any version). */
export function isShareFragment(hash: string): boolean {
  return fragmentPattern.test(hash);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Reads a stream to its end, or gives up past `limit` bytes (a compressed bomb). */
async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  return readAll(source.pipeThrough(stream), limit);
}

/** The fragment (with its `#`) that carries a state. */
export async function toShareFragment(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const compressed = await transform(json, new CompressionStream('deflate-raw'));
  return `#v${currentVersion}:${toBase64Url(compressed)}`;
}

export type ShareLinkOutcome =
  { ok: true; url: string } | { ok: false; fragmentChars: number; message: string };

/** A link to `page` (its fragment replaced) carrying `state`, unless it would be too long. */
export async function toShareLink(state: SharedState, page: string): Promise<ShareLinkOutcome> {
  const fragment = await toShareFragment(state);
  if (fragment.length > maxFragmentChars) {
    return {
      ok: false,
      fragmentChars: fragment.length,
      message: `This document is too large for a link (${Math.ceil(fragment.length / 1024)} KB compressed; a link holds up to ${maxFragmentChars / 1024} KB). Download it as a file and share the file instead: Upload opens it.`,
    };
  }
  const url = new URL(page);
  url.hash = '';
  return { ok: true, url: `${url.href.replace(/#$/, '')}${fragment}` };
}

/** Reads a share link's fragment back: decoding, then the one repair step, `restore`. */
export async function readShareFragment(hash: string): Promise<RestoreOutcome> {
  const match = fragmentPattern.exec(hash);
  if (!match) return { ok: false, message: 'This is not a playground link.' };
  const version = Number(match[1]);
  if (version > currentVersion) return restore({}, version);
  let json: string;
  try {
    const bytes = await transform(
      fromBase64Url(match[2] ?? ''),
      new DecompressionStream('deflate-raw'),
      maxDocumentChars * 4 + 64 * 1024,
    );
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return {
      ok: false,
      message:
        error instanceof RangeError
          ? 'This link holds a document larger than the playground opens.'
          : 'This link is damaged (cut short when it was copied?): its document cannot be read.',
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: 'This link is damaged: its document cannot be read.' };
  }
  return restore(data, version);
}
