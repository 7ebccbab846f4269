/**
 * IP addresses and CIDRs for both families, parsed the way Go's net/netip parses them
 * (k8s.io/utils/net): IPv4 dotted quads, IPv6 in any valid spelling, printed canonically.
 */

export type Family = 4 | 6;

export interface IP {
  family: Family;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
}

export interface CIDR {
  ip: IP;
  /** Network address (host bits zero). */
  network: bigint;
  prefix: number;
}

const ipv4Part = /^(0|[1-9]\d{0,2})$/;

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!ipv4Part.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return BigInt(value);
}

function parseIPv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tailV4 = parseIPv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = toGroups(halves[0] ?? '');
  const right = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/**
 * Parsed addresses and CIDRs are cached by their text: the same pod and Service addresses are
 * read by every component, tens of thousands of times in a large cluster. Cached values are
 * frozen, so a caller cannot change what another one reads.
 */
const cacheLimit = 200_000;
const ipCache = new Map<string, IP | null>();
const cidrCache = new Map<string, CIDR | null>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, value);
  return value;
}

function readIP(text: string): IP | undefined {
  if (text.includes(':')) {
    const value = parseIPv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIPv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** Parses an IP address; undefined when it is not one (leading zeros in IPv4 are rejected, as Go does). */
export function parseIP(text: string): IP | undefined {
  if (typeof text !== 'string') return undefined;
  const hit = ipCache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const ip = readIP(text);
  return remember(ipCache, text, ip ? Object.freeze(ip) : null) ?? undefined;
}

const dottedQuad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * netutils.ParseIPSloppy: as parseIP, and also IPv4 with leading zeros in its octets, read as
 * decimal (010.000.000.005 is 10.0.0.5).
 */
export function parseIPSloppy(text: string): IP | undefined {
  const ip = parseIP(text);
  if (ip) return ip;
  const m = dottedQuad.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return { family: 4, value };
}

export function bits(family: Family): number {
  return family === 4 ? 32 : 128;
}

/**
 * An IPv4 address given as a number, dotted. Joined: one flat string, where a template literal
 * leaves a rope of its parts in every object that keeps the address (and in each cache that
 * hashes it); the controllers and the allocator print one per pod and per Service.
 */
export function formatIPv4(v: number): string {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** Prints an address canonically (RFC 5952 for IPv6, as Go's netip does; IPv4-mapped as ::ffff:a.b.c.d). */
export function formatIP(ip: IP): string {
  if (ip.family === 4) return formatIPv4(Number(ip.value));
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  if (ip.value >> 32n === 0xffffn) {
    return `::ffff:${formatIP({ family: 4, value: ip.value & 0xffffffffn })}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const canonicalCache = new Map<string, string>();

/** Re-prints an address canonically; returns the input when it is not an address. */
export function canonicalIP(text: string): string {
  const hit = canonicalCache.get(text);
  if (hit !== undefined) return hit;
  const ip = parseIP(text);
  return remember(canonicalCache, text, ip ? formatIP(ip) : text);
}

export function isIPv6(text: string): boolean {
  return parseIP(text)?.family === 6;
}

/** Parses `a.b.c.d/n` or `x::/n`; undefined when it is not a CIDR. Host bits may be set (ip keeps them). */
export function parseCIDR(text: string): CIDR | undefined {
  if (typeof text !== 'string') return undefined;
  const hit = cidrCache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const cidr = readCIDR(text);
  return remember(cidrCache, text, cidr ? Object.freeze(cidr) : null) ?? undefined;
}

function readCIDR(text: string): CIDR | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits(ip.family)) return undefined;
  return { ip, network: ip.value & mask(ip.family, prefix), prefix };
}

/** netutils.ParseCIDRSloppy: as parseCIDR, and also leading zeros in the IPv4 address or the prefix. */
export function parseCIDRSloppy(text: string): CIDR | undefined {
  const cidr = parseCIDR(text);
  if (cidr || typeof text !== 'string') return cidr;
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIPSloppy(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits(ip.family)) return undefined;
  return { ip, network: ip.value & mask(ip.family, prefix), prefix };
}

const masks = new Map<number, bigint>();

export function mask(family: Family, prefix: number): bigint {
  const key = family * 1000 + prefix;
  const hit = masks.get(key);
  if (hit !== undefined) return hit;
  const value = computeMask(family, prefix);
  masks.set(key, value);
  return value;
}

function computeMask(family: Family, prefix: number): bigint {
  const width = BigInt(bits(family));
  const all = (1n << width) - 1n;
  return prefix === 0 ? 0n : (all >> (width - BigInt(prefix))) << (width - BigInt(prefix));
}

export function cidrContains(cidr: CIDR, ip: IP): boolean {
  return cidr.ip.family === ip.family && (ip.value & mask(ip.family, cidr.prefix)) === cidr.network;
}

/** Number of addresses in the CIDR. */
export function cidrSize(cidr: CIDR): bigint {
  return 1n << BigInt(bits(cidr.ip.family) - cidr.prefix);
}

/** The address at `offset` from the network address (offset 0 is the network address itself). */
export function addressAt(cidr: CIDR, offset: bigint | number): IP {
  return { family: cidr.ip.family, value: cidr.network + BigInt(offset) };
}

/** Prints a CIDR as `network/prefix`, canonically. */
export function formatCIDR(cidr: CIDR): string {
  return `${formatIP({ family: cidr.ip.family, value: cidr.network })}/${cidr.prefix}`;
}

/** Whether `text` lies in `cidrText`; false when either does not parse. */
export function inCIDR(text: string, cidrText: string): boolean {
  const ip = parseIP(text);
  const cidr = parseCIDR(cidrText);
  return !!ip && !!cidr && cidrContains(cidr, ip);
}

/** net.JoinHostPort: `host:port`, an IPv6 address in brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
