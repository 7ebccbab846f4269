/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): the v1
 * Endpoints of a Service without a selector, written by hand, are copied into EndpointSlices,
 * which are what kube-proxy reads. One slice per subset (after RepackSubsets) and address type,
 * at most 1000 addresses per subset.
 */
import type {
  AddressType,
  Endpoint,
  EndpointSlice,
  EndpointSlicePort,
  Endpoints,
  Service,
} from '../model';
import { formatIP, parseIP, type IP } from '../net/ip';
import { managedByLabel, serviceNameLabel } from './endpointSlice';
import { lessAddress, repackSubsets } from './endpoints';
import { namespaceOf, serviceSelector } from './labels';
import { sortSlicePortsByHash } from './hashOrder';
import { mirrorOntoExisting } from './endpointSliceMirroringExisting';
import { newControllerRef } from './owners';
import { protocolOf } from './podUtil';
import { generateName, type Random } from './random';

export const mirroringControllerName = 'endpointslicemirroring-controller.k8s.io';
export const skipMirrorLabel = 'endpointslice.kubernetes.io/skip-mirror';
const leaderElectionAnnotation = 'control-plane.alpha.kubernetes.io/leader';
/** `--mirroring-max-endpoints-per-subset` default. */
export const maxEndpointsPerSubset = 1000;
const skippedAnnotations = new Set([
  'endpoints.kubernetes.io/last-change-trigger-time',
  'kubectl.kubernetes.io/last-applied-configuration',
]);

/**
 * netutils.ParseIPSloppy: like parseIP, but IPv4 parts may carry leading zeros (read as
 * decimal), and an IPv4-mapped IPv6 address is the IPv4 address it maps.
 */
export function parseIPSloppy(text: string): IP | undefined {
  if (typeof text !== 'string') return undefined;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { family: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  const ip = parseIP(text);
  if (ip?.family === 6 && ip.value >> 32n === 0xffffn)
    return { family: 4, value: ip.value & 0xffffffffn };
  return ip;
}

/** shouldMirror (endpointslicemirroring_controller.go at 003e86297d18a8538c9da3619871393f9703bf70). */
export function shouldMirror(endpoints: Endpoints): boolean {
  return (
    endpoints.metadata?.labels?.[skipMirrorLabel] !== 'true' &&
    !Object.hasOwn(endpoints.metadata?.annotations ?? {}, leaderElectionAnnotation)
  );
}

function byAddress(a: Endpoint, b: Endpoint): number {
  const x = a.addresses?.[0] ?? '';
  const y = b.addresses?.[0] ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface MirrorNaming {
  random: Random;
  taken: Set<string>;
  /**
   * The slices this controller already mirrored for the Endpoints, when the caller passes them:
   * they are then reconciled as upstream
   * does (./endpointSliceMirroringExisting.ts); without them, new slices are made.
   */
  existing?: readonly EndpointSlice[];
}

export interface MirrorResult {
  slices: EndpointSlice[];
  /** Events the controller records on the Endpoints (invalid or too many addresses). */
  warnings: string[];
}

/**
 * reconcile (pkg/controller/endpointslicemirroring/reconciler.go at
 * d030b9e3ff2376f691839946addb5e0a3feca1ee; newEndpointSlice and addressToEndpoint in utils.go
 * at 5822bb52320747902750e4add316192f7344e542): the slices mirrored from one Endpoints whose
 * Service exists and has no selector; none while the Endpoints is being deleted. Endpoints are
 * ordered by address (upstream: map order).
 */
export function mirrorEndpoints(
  endpoints: Endpoints,
  service: Service | undefined,
  naming: MirrorNaming,
): MirrorResult {
  if (
    !service ||
    serviceSelector(service.spec?.selector) !== undefined ||
    !shouldMirror(endpoints) ||
    endpoints.metadata?.deletionTimestamp
  ) {
    return { slices: [], warnings: [] };
  }
  const groups = new Map<
    string,
    { addressType: AddressType; ports: EndpointSlicePort[]; endpoints: Map<string, Endpoint> }
  >();
  let invalid = 0;
  let skipped = 0;
  for (const subset of repackSubsets(Array.isArray(endpoints.subsets) ? endpoints.subsets : [])) {
    const ports: EndpointSlicePort[] = (subset.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port ?? 0,
      protocol: protocolOf(p.protocol),
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    }));
    // epPortsToEpsPorts, then NewPortMapKey, which sorts the ports in place by hash.
    sortSlicePortsByHash(ports);
    const portsKey = JSON.stringify(ports);
    const total = (subset.addresses?.length ?? 0) + (subset.notReadyAddresses?.length ?? 0);
    let added = 0;
    const take = (list: typeof subset.addresses, ready: boolean) => {
      for (const address of [...(list ?? [])].sort(lessAddress)) {
        if (added >= maxEndpointsPerSubset) return;
        const ip = parseIPSloppy(address.ip ?? '');
        if (!ip) {
          invalid++;
          continue;
        }
        added++;
        const addressType: AddressType = ip.family === 4 ? 'IPv4' : 'IPv6';
        const key = `${addressType}-${portsKey}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { addressType, ports, endpoints: new Map() }));
        const endpoint: Endpoint = { addresses: [formatIP(ip)], conditions: { ready } };
        if (address.hostname) endpoint.hostname = address.hostname;
        if (address.targetRef) endpoint.targetRef = address.targetRef;
        if (typeof address.nodeName === 'string') endpoint.nodeName = address.nodeName;
        const identity = `${formatIP(ip)}\u0000${address.hostname ?? ''}\u0000${address.targetRef?.namespace ?? ''}/${address.targetRef?.name ?? ''}`;
        group.endpoints.set(identity, endpoint);
      }
    };
    take(subset.addresses, true);
    take(subset.notReadyAddresses, false);
    skipped += total - added;
  }
  const warnings: string[] = [];
  if (invalid > 0)
    warnings.push(`Skipped ${invalid} invalid IP addresses when mirroring to EndpointSlices`);
  if (skipped > invalid) {
    warnings.push(
      `A max of ${maxEndpointsPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${skipped} addresses were skipped`,
    );
  }
  const name = endpoints.metadata?.name ?? '';
  const labels: Record<string, string> = { ...(endpoints.metadata?.labels ?? {}) };
  labels[serviceNameLabel] = name;
  labels[managedByLabel] = mirroringControllerName;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(endpoints.metadata?.annotations ?? {})) {
    if (!skippedAnnotations.has(k)) annotations[k] = String(v);
  }
  const owner = newControllerRef({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: endpoints.metadata,
  });
  const ordered = [...groups.entries()].sort(([, a], [, b]) =>
    a.addressType === b.addressType ? 0 : a.addressType === 'IPv4' ? -1 : 1,
  );
  const make = (
    [, { addressType, ports, endpoints: set }]: (typeof ordered)[number],
    sliceName: string,
  ): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: sliceName,
      generateName: `${name}-`,
      namespace: namespaceOf(endpoints),
      // PrepareForCreate (pkg/registry/discovery/endpointslice/strategy.go).
      generation: 1,
      labels: { ...labels },
      ...(Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
      ownerReferences: [{ ...owner }],
    },
    addressType,
    endpoints: [...set.values()].sort(byAddress),
    ports: ports.length > 0 ? ports : null,
  });
  const generated = () => generateName(naming.random, `${name}-`, naming.taken);
  if (naming.existing && naming.existing.length > 0) {
    const desired = ordered.map((entry) => ({ key: entry[0], slice: make(entry, '') }));
    const slices = mirrorOntoExisting(desired, naming.existing, annotations, endpoints, generated);
    return { slices, warnings };
  }
  const slices = ordered.map((entry) => make(entry, generated()));
  return { slices, warnings };
}
