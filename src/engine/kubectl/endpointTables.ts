/**
 * The tables of Endpoints and EndpointSlices (pkg/printers/internalversion/printers.go,
 * printEndpoints and printEndpointSlice): at most three addresses, then `+ N more...`.
 */
import type { Endpoints, EndpointSlice } from '../model';
import { joinHostPort } from '../net/ip';
import { col, type TableSpec } from './columns';
import { toAge } from './duration';

/** formatEndpoints (printers.go): `ip:port,...` for every port, at most 3, then `+ N more...`. */
function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip ?? '');
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip ?? '', port.port ?? 0));
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** printEndpoints (printers.go). */
export const endpointsTable: TableSpec<Endpoints> = {
  columns: [col('Name'), col('Endpoints'), col('Age')],
  row: (endpoints, now) => [
    endpoints.metadata.name ?? '',
    formatEndpoints(endpoints),
    toAge(endpoints.metadata.creationTimestamp, now),
  ],
};

/** listWithMoreString (printers.go): `<unset>` when empty. */
function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const text = list.join(',');
  if (more) return `${text} + ${count - max} more...`;
  return text === '' ? '<unset>' : text;
}

/** formatDiscoveryPorts (printers.go): port numbers, `*` for a port without number or name. */
function formatDiscoveryPorts(slice: EndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const port of slice.ports ?? []) {
    if (list.length < 3)
      list.push(port.port !== undefined ? String(port.port) : (port.name ?? '*'));
    else if (list.length === 3) more = true;
    count += 1;
  }
  return listWithMore(list, more, count, 3);
}

/** formatDiscoveryEndpoints (printers.go): every address of every endpoint, ready or not. */
function formatDiscoveryEndpoints(slice: EndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const endpoint of slice.endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (list.length < 3) list.push(address);
      else if (list.length === 3) more = true;
      count += 1;
    }
  }
  return listWithMore(list, more, count, 3);
}

/** printEndpointSlice (printers.go). */
export const endpointSliceTable: TableSpec<EndpointSlice> = {
  columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
  row: (slice, now) => [
    slice.metadata.name ?? '',
    slice.addressType ?? '',
    formatDiscoveryPorts(slice),
    formatDiscoveryEndpoints(slice),
    toAge(slice.metadata.creationTimestamp, now),
  ],
};
