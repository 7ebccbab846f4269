/**
 * ClusterIP and NodePort allocation (pkg/registry/core/service/ipallocator,
 * pkg/registry/core/service/portallocator), made deterministic for the playground.
 */
import type { IPFamily } from '../../model';
import { bits, formatCIDR, formatIP, parseCIDR, parseIP, type CIDR, type IP } from '../../net/ip';

/** FNV-1a, 32 bits: a stable hash of an object's identity. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The reserved lower band of a range (KEP-3070 for IPs, KEP-3668 for ports):
 * min(max(16, size/step), max), none when the range has 16 values or fewer.
 */
export function rangeOffset(size: bigint, step: bigint, max: bigint): bigint {
  if (size <= 16n) return 0n;
  const offset = size / step;
  return offset < 16n ? 16n : offset > max ? max : offset;
}

/** A set of values owned by objects, with the probe that picks a free one. */
class Pool<K> {
  readonly owners = new Map<K, string>();

  /**
   * Picks a free value for `owner`: the upper, dynamic band first, starting at the hash of
   * `identity` and probing upwards with wrap-around, then the lower band, as the real allocators
   * try the upper band first. Hashing the identity (not counting) keeps a Service's value stable
   * while other Services come and go.
   */
  pick(
    identity: string,
    bands: readonly [bigint, bigint][],
    key: (offset: bigint) => K,
    probed?: K[],
  ): bigint | undefined {
    const hash = BigInt(fnv1a(identity));
    for (const [first, last] of bands) {
      const size = last - first + 1n;
      if (size <= 0n) continue;
      const start = hash % size;
      for (let i = 0n; i < size; i++) {
        const candidate = first + ((start + i) % size);
        const k = key(candidate);
        if (!this.owners.has(k)) return candidate;
        probed?.push(k);
      }
    }
    return undefined;
  }
}

export type AllocationError = { error: string };

/**
 * One value an admission took: its pool, its key there, and the keys a pick found taken before
 * it (none for a requested value). Replayed in a later run, it takes the same value exactly when
 * those keys are still taken and the value is free: the pick would end at the same place.
 */
export interface Allocation {
  pool: 'ips' | 'ports';
  key: string | number;
  probed: readonly (string | number)[];
}

/** The IP ranges one family allocates from: the primary service CIDR, then any added ServiceCIDR. */
interface FamilyRanges {
  primary: CIDR;
  /** The primary CIDR's dynamic band then its reserved lower band (see allocateIP), made once. */
  bands: readonly [bigint, bigint][];
  extra: Map<string, CIDR[]>;
}

function lastAddress(cidr: CIDR): bigint {
  const broadcast = cidr.network + (1n << BigInt(bits(cidr.ip.family) - cidr.prefix)) - 1n;
  return cidr.ip.family === 4 ? broadcast - 1n : broadcast;
}

/**
 * The bands a ClusterIP is picked from in `cidr`: the upper, dynamic band first, then the
 * reserved lower one (KEP-3070), between the first and last usable addresses.
 */
function ipBands(cidr: CIDR): [bigint, bigint][] {
  const first = cidr.network + 1n;
  const last = lastAddress(cidr);
  const offset = rangeOffset(1n << BigInt(bits(cidr.ip.family) - cidr.prefix), 16n, 256n);
  return [
    [first + offset, last],
    [first, first + offset - 1n],
  ];
}

export class Allocators {
  private readonly ips = new Pool<string | number>();
  private readonly ports = new Pool<number>();
  private journal: Allocation[] | undefined;
  private ranges: string | undefined;
  private readonly families = new Map<IPFamily, FamilyRanges>();
  readonly configured: IPFamily[] = [];
  readonly portBase: number;
  readonly portSize: number;
  /** The NodePort range's dynamic band then its reserved lower band (KEP-3668), made once. */
  private readonly portBands: readonly [bigint, bigint][];

  constructor(serviceSubnets: readonly string[], nodePortRange: { base: number; size: number }) {
    for (const text of serviceSubnets) {
      const cidr = parseCIDR(text);
      if (!cidr) continue;
      const family: IPFamily = cidr.ip.family === 4 ? 'IPv4' : 'IPv6';
      if (this.families.has(family)) continue;
      this.families.set(family, { primary: cidr, bands: ipBands(cidr), extra: new Map() });
      this.configured.push(family);
    }
    this.portBase = nodePortRange.base;
    this.portSize = nodePortRange.size;
    const base = BigInt(this.portBase);
    const size = BigInt(this.portSize);
    const offset = rangeOffset(size, 32n, 128n);
    this.portBands = [
      [base + offset, base + size - 1n],
      [base, base + offset - 1n],
    ];
  }

  /** `net.PortRange.String()`. */
  portRangeText(): string {
    return `${this.portBase}-${this.portBase + this.portSize - 1}`;
  }

  /** A ServiceCIDR object adds ranges to its families (MultiCIDRServiceAllocator); `undefined` removes them. */
  setServiceCIDR(name: string, cidrs: readonly string[] | undefined): void {
    this.ranges = undefined;
    for (const ranges of this.families.values()) ranges.extra.delete(name);
    for (const text of cidrs ?? []) {
      const cidr = parseCIDR(text);
      const ranges = cidr && this.families.get(cidr.ip.family === 4 ? 'IPv4' : 'IPv6');
      if (!cidr || !ranges) continue;
      ranges.extra.set(name, [...(ranges.extra.get(name) ?? []), cidr]);
    }
  }

  /**
   * An IP's key in its pool: an IPv4 address is its number (a safe integer, never equal to an
   * IPv6 key, which is text), rather than a string made from a BigInt and hashed for each probe.
   */
  private ipKey(ip: IP): string | number {
    return ip.family === 4 ? Number(ip.value) : `6/${ip.value}`;
  }

  ipOwner(text: string): string | undefined {
    const ip = parseIP(text);
    return ip ? this.ips.owners.get(this.ipKey(ip)) : undefined;
  }

  portOwner(port: number): string | undefined {
    return this.ports.owners.get(port);
  }

  /**
   * Reserves a requested ClusterIP (MetaAllocator.AllocateService, ipallocator.go allocateService):
   * the IP must lie in a ServiceCIDR of its family, between its first and last usable address, and
   * be free (or already held by `owner`).
   */
  reserveIP(text: string, owner: string): AllocationError | undefined {
    const ip = parseIP(text);
    const ranges = ip && this.families.get(ip.family === 4 ? 'IPv4' : 'IPv6');
    const all = ranges ? [ranges.primary, ...[...ranges.extra.values()].flat()] : [];
    const cidr =
      ip &&
      all.find(
        (c) =>
          ip.value >> BigInt(bits(c.ip.family) - c.prefix) ===
          c.network >> BigInt(bits(c.ip.family) - c.prefix),
      );
    if (!ip || !cidr) return { error: 'the provided network does not match the current range' };
    if (ip.value < cidr.network + 1n || ip.value > lastAddress(cidr))
      return {
        error: `the provided IP (${formatIP(ip)}) is not in the valid range. The range of valid IPs is ${formatCIDR(cidr)}`,
      };
    const key = this.ipKey(ip);
    const holder = this.ips.owners.get(key);
    if (holder !== undefined && holder !== owner)
      return { error: 'provided IP is already allocated' };
    this.take('ips', key, owner, []);
    return undefined;
  }

  /** Picks a ClusterIP of `family` for `owner` (see Pool.pick), from the primary service CIDR. */
  allocateIP(family: IPFamily, owner: string): string | AllocationError {
    const ranges = this.families.get(family);
    if (!ranges) return { error: 'range is full' };
    const cidr = ranges.primary;
    const probed: (string | number)[] = [];
    const value = this.ips.pick(
      owner,
      ranges.bands,
      (v) => this.ipKey({ family: cidr.ip.family, value: v }),
      probed,
    );
    if (value === undefined) return { error: 'range is full' };
    const ip = { family: cidr.ip.family, value };
    this.take('ips', this.ipKey(ip), owner, probed);
    return formatIP(ip);
  }

  releaseIP(text: string, owner: string): void {
    const ip = parseIP(text);
    if (!ip) return;
    const key = this.ipKey(ip);
    if (this.ips.owners.get(key) === owner) this.ips.owners.delete(key);
  }

  /** portallocator Allocate: in range and free (or already held by `owner`). */
  reservePort(port: number, owner: string): AllocationError | undefined {
    if (!(port >= this.portBase && port < this.portBase + this.portSize))
      return {
        error: `provided port is not in the valid range. The range of valid ports is ${this.portRangeText()}`,
      };
    const holder = this.ports.owners.get(port);
    if (holder !== undefined && holder !== owner)
      return { error: 'provided port is already allocated' };
    this.take('ports', port, owner, []);
    return undefined;
  }

  /** Picks a NodePort for `owner`, hashing `identity` (the Service and its port) into the dynamic band. */
  allocatePort(identity: string, owner: string): number | AllocationError {
    const probed: number[] = [];
    const value = this.ports.pick(identity, this.portBands, (v) => Number(v), probed);
    if (value === undefined) return { error: 'range is full' };
    this.take('ports', Number(value), owner, probed);
    return Number(value);
  }

  releasePort(port: number, owner: string): void {
    if (this.ports.owners.get(port) === owner) this.ports.owners.delete(port);
  }

  private take(
    pool: Allocation['pool'],
    key: string | number,
    owner: string,
    probed: Allocation['probed'],
  ): void {
    (this[pool] as Pool<string | number>).owners.set(key, owner);
    this.journal?.push({ pool, key, probed });
  }

  /**
   * Records what is taken from now on, until stopRecording, in the list returned (releases
   * aside: a failed admission gives all back). Begun and ended by the caller, rather than around
   * a closure made per request.
   */
  record(): Allocation[] {
    const allocations: Allocation[] = [];
    this.journal = allocations;
    return allocations;
  }

  stopRecording(): void {
    this.journal = undefined;
  }

  /**
   * Takes again for `owner` what an earlier admission of the same request took, when a fresh
   * admission would take exactly that now (see Allocation); false, and nothing taken, when not.
   */
  replay(allocations: readonly Allocation[], owner: string): boolean {
    const done: Allocation[] = [];
    for (const a of allocations) {
      const pool = this[a.pool] as Pool<string | number>;
      const holder = pool.owners.get(a.key);
      const free = holder === undefined || holder === owner;
      if (!free || a.probed.some((k) => !pool.owners.has(k))) {
        for (const d of done) (this[d.pool] as Pool<string | number>).owners.delete(d.key);
        return false;
      }
      if (holder === undefined) done.push(a);
      pool.owners.set(a.key, owner);
    }
    return true;
  }

  /** The ranges values are taken from: an admission replays only under the same ones. */
  signature(): string {
    this.ranges ??= JSON.stringify([
      this.configured,
      [...this.families.values()].map((r) => [
        formatCIDR(r.primary),
        [...r.extra].map(([n, c]) => [n, c.map(formatCIDR)]),
      ]),
      this.portBase,
      this.portSize,
    ]);
    return this.ranges;
  }
}
