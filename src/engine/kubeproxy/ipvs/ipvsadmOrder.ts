/**
 * The order `ipvsadm -Ln` lists virtual services and destinations in (libipvs/libipvs.c
 * ipvs_cmp_services, ipvs_cmp_dests, sorted with qsort). The comparators subtract addresses as
 * 32-bit words into a C `int`, so a difference of 2^31 or more wraps: 192.168.1.11 comes before
 * 10.96.0.1, as on a real node, where NodePort services on the node IP are listed before the
 * 10.96/12 ClusterIPs.
 */
import { parseIP } from '../../net/ip';
import type { IpvsRealServer, IpvsVirtualServer } from './proxier';

const protocolNumber: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };
/** AF_INET and AF_INET6 on Linux. */
const addressFamily = { 4: 2, 6: 10 } as const;

interface AddressKey {
  af: number;
  /** The address as 32-bit words, most significant first (one for IPv4, four for IPv6). */
  words: number[];
  port: number;
}

function addressKey(address: string, port: number): AddressKey {
  const ip = parseIP(address);
  if (!ip) return { af: addressFamily[4], words: [0], port };
  const count = ip.family === 4 ? 1 : 4;
  const words: number[] = [];
  for (let i = count - 1; i >= 0; i--) {
    words.push(Number((ip.value >> BigInt(32 * i)) & 0xffffffffn));
  }
  return { af: addressFamily[ip.family], words, port };
}

/** `ntohl(a) - ntohl(b)` word by word, kept in an int as C keeps it. */
function compareWords(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const r = ((a[i] ?? 0) - (b[i] ?? 0)) | 0;
    if (r !== 0) return r;
  }
  return 0;
}

/** glibc's qsort for small arrays: a stable top-down merge sort (msort.c msort_with_tmp). */
function mergeSort<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  if (list.length <= 1) return list;
  const half = list.length >> 1;
  const left = mergeSort(list.slice(0, half), cmp);
  const right = mergeSort(list.slice(half), cmp);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (cmp(left[i] as T, right[j] as T) <= 0) out.push(left[i++] as T);
    else out.push(right[j++] as T);
  }
  while (i < left.length) out.push(left[i++] as T);
  while (j < right.length) out.push(right[j++] as T);
  return out;
}

/** Virtual services in ipvsadm's order: family, protocol, address, port (ipvs_cmp_services). */
export function ipvsadmServiceOrder(list: readonly IpvsVirtualServer[]): IpvsVirtualServer[] {
  const keyed = list.map((vs) => ({
    vs,
    protocol: protocolNumber[vs.protocol] ?? 0,
    key: addressKey(vs.address, vs.port),
  }));
  return mergeSort(keyed, (a, b) => {
    if (a.key.af !== b.key.af) return a.key.af - b.key.af;
    if (a.protocol !== b.protocol) return a.protocol - b.protocol;
    return compareWords(a.key.words, b.key.words) || a.key.port - b.key.port;
  }).map((k) => k.vs);
}

/** Destinations in ipvsadm's order: address, port (ipvs_cmp_dests). */
export function ipvsadmDestinationOrder(list: readonly IpvsRealServer[]): IpvsRealServer[] {
  const keyed = list.map((rs) => ({ rs, key: addressKey(rs.address, rs.port) }));
  return mergeSort(
    keyed,
    (a, b) => compareWords(a.key.words, b.key.words) || a.key.port - b.key.port,
  ).map((k) => k.rs);
}
