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

/** What the comparators read of an entry: AF_INET (2) or AF_INET6 (10), the address as 32-bit words, most significant first (IPv4 in w0), the port. */
interface Keyed<T> {
  item: T;
  af: number;
  protocol: number;
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  port: number;
}

function keyed<T>(item: T, address: string, port: number, protocol: number): Keyed<T> {
  const ip = parseIP(address);
  const key = { item, af: 2, protocol, w0: 0, w1: 0, w2: 0, w3: 0, port };
  if (!ip) return key;
  if (ip.family === 4) {
    key.w0 = Number(ip.value);
    return key;
  }
  const v = ip.value;
  key.af = 10;
  key.w0 = Number((v >> 96n) & 0xffffffffn);
  key.w1 = Number((v >> 64n) & 0xffffffffn);
  key.w2 = Number((v >> 32n) & 0xffffffffn);
  key.w3 = Number(v & 0xffffffffn);
  return key;
}

/** `ntohl(a) - ntohl(b)` word by word, then the ports, kept in an int as C keeps them. */
function compareAddress<T>(a: Keyed<T>, b: Keyed<T>): number {
  return (
    (a.w0 - b.w0) | 0 ||
    (a.af === 10 && ((a.w1 - b.w1) | 0 || (a.w2 - b.w2) | 0 || (a.w3 - b.w3) | 0)) ||
    a.port - b.port
  );
}

function compareService<T>(a: Keyed<T>, b: Keyed<T>): number {
  return a.af - b.af || a.protocol - b.protocol || compareAddress(a, b);
}

/** glibc's qsort for arrays that fit in memory: a stable top-down merge sort, first half n/2 (msort.c msort_with_tmp). */
function mergeSort<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  const tmp = list.slice();
  const sort = (lo: number, n: number) => {
    if (n <= 1) return;
    const n1 = n >> 1;
    sort(lo, n1);
    sort(lo + n1, n - n1);
    let i = lo;
    let j = lo + n1;
    const iEnd = j;
    const jEnd = lo + n;
    let k = lo;
    while (i < iEnd && j < jEnd) {
      tmp[k++] = cmp(list[i] as T, list[j] as T) <= 0 ? (list[i++] as T) : (list[j++] as T);
    }
    while (i < iEnd) tmp[k++] = list[i++] as T;
    while (j < jEnd) tmp[k++] = list[j++] as T;
    for (let m = lo; m < jEnd; m++) list[m] = tmp[m] as T;
  };
  sort(0, list.length);
  return list;
}

/** Virtual services in ipvsadm's order: family, protocol, address, port (ipvs_cmp_services). */
export function ipvsadmServiceOrder(list: readonly IpvsVirtualServer[]): IpvsVirtualServer[] {
  const keys = list.map((vs) => keyed(vs, vs.address, vs.port, protocolNumber[vs.protocol] ?? 0));
  return mergeSort(keys, compareService).map((k) => k.item);
}

/** Destinations in ipvsadm's order: address, port (ipvs_cmp_dests). */
export function ipvsadmDestinationOrder(list: readonly IpvsRealServer[]): IpvsRealServer[] {
  if (list.length <= 1) return list.slice();
  const keys = list.map((rs) => keyed(rs, rs.address, rs.port, 0));
  return mergeSort(keys, compareAddress).map((k) => k.item);
}
