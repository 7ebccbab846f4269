/**
 * SHA-256 and base32, written out in plain TypeScript so the engine needs no platform crypto:
 * kube-proxy names its chains from `base32(sha256(...))[:16]`.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Uint32Array(64);
const H = new Uint32Array(8);

function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

let block = new Uint8Array(256);

/** Compresses the first `length` bytes of `block`, padded, into H (FIPS 180-4 section 6.2). */
function digestBlock(length: number): void {
  const total = Math.ceil((length + 9) / 64) * 64;
  block.fill(0, length, total);
  block[length] = 0x80;
  const bitLength = length * 8;
  const high = Math.floor(bitLength / 0x100000000);
  for (let i = 0; i < 4; i++) {
    block[total - 1 - i] = (bitLength >>> (i * 8)) & 255;
    block[total - 5 - i] = (high >>> (i * 8)) & 255;
  }
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
  for (let offset = 0; offset < total; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const b = offset + i * 4;
      W[i] =
        ((block[b] as number) << 24) |
        ((block[b + 1] as number) << 16) |
        ((block[b + 2] as number) << 8) |
        (block[b + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const a = W[i - 15] as number;
      const b = W[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[i] = (W[i - 16] as number) + s0 + (W[i - 7] as number) + s1;
    }
    let a = H[0] as number;
    let b = H[1] as number;
    let c = H[2] as number;
    let d = H[3] as number;
    let e = H[4] as number;
    let f = H[5] as number;
    let g = H[6] as number;
    let h = H[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K[i] as number) + (W[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] = (H[0] as number) + a;
    H[1] = (H[1] as number) + b;
    H[2] = (H[2] as number) + c;
    H[3] = (H[3] as number) + d;
    H[4] = (H[4] as number) + e;
    H[5] = (H[5] as number) + f;
    H[6] = (H[6] as number) + g;
    H[7] = (H[7] as number) + h;
  }
}

function digestText(text: string): void {
  const ascii = isAscii(text);
  const bytes = ascii ? undefined : utf8(text);
  const length = bytes ? bytes.length : text.length;
  const needed = Math.ceil((length + 9) / 64) * 64;
  if (block.length < needed) block = new Uint8Array(needed * 2);
  if (bytes) block.set(bytes);
  else for (let i = 0; i < length; i++) block[i] = text.charCodeAt(i);
  digestBlock(length);
}

/** The SHA-256 digest (FIPS 180-4) of the UTF-8 bytes of `text`. */
export function sha256(text: string): Uint8Array {
  digestText(text);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = H[i] as number;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 255;
    out[i * 4 + 2] = (v >>> 8) & 255;
    out[i * 4 + 3] = v & 255;
  }
  return out;
}

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 with padding, as Go's `base32.StdEncoding.EncodeToString`. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bitsHeld = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bitsHeld += 8;
    while (bitsHeld >= 5) {
      out += base32Alphabet[(buffer >>> (bitsHeld - 5)) & 31];
      bitsHeld -= 5;
    }
  }
  if (bitsHeld > 0) out += base32Alphabet[(buffer << (5 - bitsHeld)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/** The first 16 base32 characters of the SHA-256 of `text` (pkg/proxy/iptables/proxier.go portProtoHash). */
export function hash16(text: string): string {
  digestText(text);
  // 16 characters = 80 bits: all of H[0] and H[1], and the top 16 bits of H[2].
  const h0 = H[0] as number;
  const h1 = H[1] as number;
  const h2 = H[2] as number;
  const hi = h0 * 256 + (h1 >>> 24); // 40 bits
  const lo = (h1 & 0xffffff) * 65536 + (h2 >>> 16); // 40 bits
  let out = '';
  for (let i = 7; i >= 0; i--) out += base32Alphabet[Math.floor(hi / 2 ** (i * 5)) % 32];
  for (let i = 7; i >= 0; i--) out += base32Alphabet[Math.floor(lo / 2 ** (i * 5)) % 32];
  return out;
}
