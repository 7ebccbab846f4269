/**
 * FNV-1a, 128 bits (Go's hash/fnv New128a), over the UTF-8 bytes of a text: the Endpoints
 * controller orders ports and subsets by it (pkg/api/v1/endpoints/util.go, which hashed with
 * MD5 until kubernetes/kubernetes#133511). Four 32-bit limbs, least significant first: the
 * prime is 2^88 + 0x13b, so a product is a shift by 88 bits plus a multiple of 0x13b.
 */

const TWO32 = 4294967296;

/** The FNV-1a 128-bit hash of `text`, as 32 hex digits (the big-endian bytes Sum returns). */
export function fnv128a(text: string): string {
  let l0 = 0x6295c58d;
  let l1 = 0x62b82175;
  let l2 = 0x07bb0142;
  let l3 = 0x6c62272e;
  const step = (byte: number) => {
    l0 = (l0 ^ byte) >>> 0;
    const shifted2 = (l0 << 24) >>> 0;
    const shifted3 = ((l0 >>> 8) | (l1 << 24)) >>> 0;
    let t = l0 * 0x13b;
    const n0 = t >>> 0;
    t = l1 * 0x13b + Math.floor(t / TWO32);
    const n1 = t >>> 0;
    t = l2 * 0x13b + shifted2 + Math.floor(t / TWO32);
    const n2 = t >>> 0;
    t = l3 * 0x13b + shifted3 + Math.floor(t / TWO32);
    l0 = n0;
    l1 = n1;
    l2 = n2;
    l3 = t >>> 0;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      step(c);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      step(0xc0 | (c >> 6));
    } else if (c < 0x10000) {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 63));
    } else {
      step(0xf0 | (c >> 18));
      step(0x80 | ((c >> 12) & 63));
      step(0x80 | ((c >> 6) & 63));
    }
    step(0x80 | (c & 63));
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(l3) + hex(l2) + hex(l1) + hex(l0);
}
