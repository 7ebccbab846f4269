/**
 * Orders upstream derives from hashing a value's DeepHashObject dump (k8s.io/utils/dump
 * ForHash: go-spew's `%#v` at d8f796af33cc, which names each value's Go type, prints a nil
 * pointer or slice as `<nil>` and never a pointer's address) with FNV-128a:
 * - SortSubsets (pkg/api/v1/endpoints/util.go): a v1 Endpoints' ports and subsets;
 * - NewPortMapKey (staging/src/k8s.io/endpointslice/util/controller_utils.go), which sorts an
 *   EndpointSlice's ports in place before hashing them into its key.
 * The dumps are written out here for the structs involved, fields in their Go order.
 */
import type { EndpointAddress, EndpointPort, EndpointSlicePort, EndpointSubset } from '../model';
import { fnv128a } from './fnv128a';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): string => (typeof value === 'number' ? String(value) : '0');
/** A *string: `<nil>` when absent, else its value. */
const ptr = (value: unknown): string => (typeof value === 'string' ? value : '<nil>');

/** A v1.EndpointPort's fields, between braces. */
function portFields(p: EndpointPort): string {
  return `{Name:(string)${str(p.name)} Port:(int32)${num(p.port)} Protocol:(v1.Protocol)${str(p.protocol)} AppProtocol:(*string)${ptr(p.appProtocol)}}`;
}

function addressFields(a: EndpointAddress): string {
  const r = a.targetRef;
  const ref = r
    ? `{Kind:(string)${str(r.kind)} Namespace:(string)${str(r.namespace)} Name:(string)${str(r.name)} UID:(types.UID)${str(r.uid)} APIVersion:(string)${str(r.apiVersion)} ResourceVersion:(string)${str(r.resourceVersion)} FieldPath:(string)${str(r.fieldPath)}}`
    : '<nil>';
  return `{IP:(string)${str(a.ip)} Hostname:(string)${str(a.hostname)} NodeName:(*string)${ptr(a.nodeName)} TargetRef:(*v1.ObjectReference)${ref}}`;
}

/** A slice: `<nil>` when absent, its elements (their type not repeated) between brackets. */
function slice<T>(list: readonly T[] | undefined, fields: (item: T) => string): string {
  return list ? `[${list.map(fields).join(' ')}]` : '<nil>';
}

/** The dump DeepHashObject writes for a v1.EndpointPort value. */
export function dumpEndpointPort(p: EndpointPort): string {
  return `(v1.EndpointPort)${portFields(p)}`;
}

/** The dump DeepHashObject writes for a v1.EndpointSubset value. */
export function dumpEndpointSubset(s: EndpointSubset): string {
  return `(v1.EndpointSubset){Addresses:([]v1.EndpointAddress)${slice(s.addresses, addressFields)} NotReadyAddresses:([]v1.EndpointAddress)${slice(s.notReadyAddresses, addressFields)} Ports:([]v1.EndpointPort)${slice(s.ports, portFields)}}`;
}

/** The dump of a discovery.k8s.io/v1 EndpointPort (its fields all pointers). */
export function dumpEndpointSlicePort(p: EndpointSlicePort): string {
  const port = typeof p.port === 'number' ? String(p.port) : '<nil>';
  return `(v1.EndpointPort){Name:(*string)${ptr(p.name)} Protocol:(*v1.Protocol)${ptr(p.protocol)} Port:(*int32)${port} AppProtocol:(*string)${ptr(p.appProtocol)}}`;
}

/** Port hashes seen before: most Services share a few ports (bounded, cleared when full). */
const portHashes = new Map<string, string>();

function hashOf(dump: string): string {
  let hash = portHashes.get(dump);
  if (hash === undefined) {
    if (portHashes.size >= 4096) portHashes.clear();
    portHashes.set(dump, (hash = fnv128a(dump)));
  }
  return hash;
}

/** Sorts `items` by their hashes (bytes.Compare of the sums: hex of equal length compares alike). */
function byHash<T>(items: T[], hash: (item: T) => string): void {
  if (items.length < 2) return;
  const keyed = items.map((item) => ({ item, key: hash(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach((k, i) => (items[i] = k.item));
}

/** portsByHash: sorts a subset's ports in place. */
export function sortPortsByHash(ports: EndpointPort[]): void {
  byHash(ports, (p) => hashOf(dumpEndpointPort(p)));
}

/** portsInOrder: sorts an EndpointSlice's ports in place, as NewPortMapKey does. */
export function sortSlicePortsByHash(ports: EndpointSlicePort[]): void {
  byHash(ports, (p) => hashOf(dumpEndpointSlicePort(p)));
}

/** subsetsByHash: sorts the subsets in place (their addresses and ports already sorted). */
export function sortSubsetsByHash(subsets: EndpointSubset[]): void {
  byHash(subsets, (s) => fnv128a(dumpEndpointSubset(s)));
}
