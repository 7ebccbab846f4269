/**
 * The EndpointSlice controller's reconciler (staging/src/k8s.io/endpointslice/reconciler.go at
 * 020438690733e56d2c3d04f7369908c3eddec113, utils.go at 115584ee0d12b1698f52c5d7cfae1dd84716b6b5):
 * for a Service with a selector, one set of slices per address family, pods grouped by the
 * ports they resolve to, at most 100 endpoints per slice, and an empty placeholder slice when a
 * family has no endpoint at all.
 *
 * Upstream fills slices from a Go map (random order); here endpoints are ordered by address
 * (as the Endpoints controller orders them).
 */
import type {
  AddressType,
  Endpoint,
  EndpointSlice,
  EndpointSlicePort,
  Node,
  ObjectMeta,
  ObjectReference,
  OwnerReference,
  Pod,
  Service,
  ServicePort,
} from '../model';
import { isIPv6 } from '../net/ip';
import { headlessLabel } from './endpoints';
import { namespaceOf } from './labels';
import { reconcileExisting, type SliceFactory } from './endpointSliceFinalize';
import { sortSlicePortsByHash } from './hashOrder';
import { newControllerRef } from './owners';
import {
  canonicalAddress,
  findPort,
  isIPv6Address,
  isPodReady,
  isServiceIPSet,
  isTerminating,
  podIPsOf,
  podReference,
  podReferences,
  protocolOf,
  servicePorts,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './podUtil';
import { generateName, type Random } from './random';
import { sortInPlace } from './sort';
import { lastChangeTriggerTime, triggerTimeAnnotation } from './triggerTime';
import { addTopologyHints, zoneRatiosOf } from './topologyHints';
import { addCloseHints, closeHeuristic, hintsEnabled } from './trafficDistribution';

export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const endpointSliceControllerName = 'endpointslice-controller.k8s.io';
/** maxEndpointsPerSlice: kube-controller-manager's `--max-endpoints-per-slice` default. */
export const maxEndpointsPerSlice = 100;
export const zoneLabel = 'topology.kubernetes.io/zone';

/** getAddressTypesForService: from ipFamilies; else the ClusterIP's family; a headless Service without families gets both. */
export function addressTypesForService(service: Service): AddressType[] {
  const families = Array.isArray(service.spec?.ipFamilies) ? service.spec.ipFamilies : [];
  const types: AddressType[] = [];
  for (const f of families) {
    const t = f === 'IPv4' ? 'IPv4' : f === 'IPv6' ? 'IPv6' : undefined;
    if (t && !types.includes(t)) types.push(t);
  }
  if (types.length > 0) return types;
  if (isServiceIPSet(service)) return [isIPv6(service.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/**
 * getEndpointAddresses: the pod IPs of one family, re-printed canonically. Made at its length
 * (a list grown by push keeps room for 17, in every endpoint).
 */
function endpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const v6 = addressType === 'IPv6';
  const ips = podIPsOf(pod);
  if (ips.length === 1) {
    const ip = ips[0] as string;
    return isIPv6Address(ip) === v6 ? [canonicalAddress(ip)] : [];
  }
  return ips.filter((ip) => isIPv6Address(ip) === v6).map(canonicalAddress);
}

/** The eight possible condition sets, shared (and frozen) rather than built per endpoint. */
const conditionSets = Array.from({ length: 8 }, (_, i) =>
  Object.freeze({ ready: (i & 4) !== 0, serving: (i & 2) !== 0, terminating: (i & 1) !== 0 }),
);

function conditionsOf(ready: boolean, serving: boolean, terminating: boolean) {
  return conditionSets[(ready ? 4 : 0) | (serving ? 2 : 0) | (terminating ? 1 : 0)] as {
    ready: boolean;
    serving: boolean;
    terminating: boolean;
  };
}

/**
 * podToEndpoint: serving = pod Ready; ready = serving and not terminating, or
 * publishNotReadyAddresses. The usual endpoint is one literal (a key added after it would be
 * kept apart, in a property array of its own).
 */
export function podToEndpoint(
  pod: Pod,
  node: Node | undefined,
  service: Service,
  addressType: AddressType,
  targetRef: ObjectReference = podReference(pod),
): Endpoint {
  const serving = isPodReady(pod);
  const terminating = isTerminating(pod);
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const addresses = endpointAddresses(pod, addressType);
  const conditions = conditionsOf(ready, serving, terminating);
  const hostname = shouldSetHostname(pod, service);
  const nodeName = pod.spec?.nodeName;
  const zone = node?.metadata?.labels?.[zoneLabel];
  if (!hostname && nodeName && !zone) return { addresses, conditions, targetRef, nodeName };
  const endpoint: Endpoint = { addresses, conditions };
  if (hostname) endpoint.hostname = pod.spec?.hostname ?? '';
  endpoint.targetRef = targetRef;
  if (nodeName) endpoint.nodeName = nodeName;
  if (zone) endpoint.zone = zone;
  return endpoint;
}

/**
 * getEndpointPorts: the Service's ports a pod resolved (`numbers`, per Service port), in the
 * order NewPortMapKey leaves them in (it sorts them in place by hash before keying on them).
 */
function endpointPorts(
  ports: readonly ServicePort[],
  numbers: readonly (number | undefined)[],
): EndpointSlicePort[] {
  const out: EndpointSlicePort[] = [];
  ports.forEach((sp, i) => {
    const port = numbers[i];
    if (port === undefined) return;
    out.push({
      name: sp.name ?? '',
      port,
      protocol: protocolOf(sp.protocol),
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  });
  sortSlicePortsByHash(out);
  return out;
}

/** setEndpointSliceLabels: the Service's labels minus the reserved ones, then headless, service-name and managed-by. */
export function endpointSliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata?.labels ?? {})) {
    if (k === serviceNameLabel || k === managedByLabel || k === headlessLabel) continue;
    labels[k] = String(v);
  }
  if (!isServiceIPSet(service)) labels[headlessLabel] = '';
  labels[serviceNameLabel] = service.metadata?.name ?? '';
  labels[managedByLabel] = endpointSliceControllerName;
  return labels;
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  const x = a.addresses?.[0] ?? '';
  const y = b.addresses?.[0] ?? '';
  if (x !== y) return x < y ? -1 : 1;
  const m = a.targetRef?.name ?? '';
  const n = b.targetRef?.name ?? '';
  return m < n ? -1 : m > n ? 1 : 0;
}

export interface SliceNaming {
  random: Random;
  /** Names taken in the Service's namespace. */
  taken: Set<string>;
  /**
   * The slices this controller already manages for the Service, when the caller passes them:
   * an address type that has some is reconciled against them as upstream does
   * (./endpointSliceReconcile.ts); one that has none gets new slices.
   */
  existing?: readonly EndpointSlice[];
}

export interface EndpointSliceResult {
  slices: EndpointSlice[];
  /** The reconciler's aggregated error, when pods were skipped (recorded as a FailedToUpdateEndpointSlices event). */
  error?: string;
}

/** What every slice of one Service shares, and the naming state its slices draw from. */
interface SliceMaker {
  naming: SliceNaming;
  generateName: string;
  namespace: string;
  labels: Record<string, string>;
  /** The trigger-time annotation every slice written in this sync carries, if any. */
  annotations: Record<string, string> | undefined;
  ownerReferences: OwnerReference[];
}

/** A new slice of the Service, under a generated name. */
function newSlice(
  m: SliceMaker,
  addressType: AddressType,
  ports: EndpointSlicePort[],
  endpoints: Endpoint[],
): EndpointSlice {
  const sliceName = generateName(m.naming.random, m.generateName, m.naming.taken);
  return sliceWith(m, sliceName, addressType, ports, endpoints);
}

/**
 * newEndpointSlice, named `sliceName`, with the generation the API server gives a slice it
 * creates (pkg/registry/discovery/endpointslice/strategy.go PrepareForCreate).
 */
function sliceWith(
  m: SliceMaker,
  sliceName: string,
  addressType: AddressType,
  ports: EndpointSlicePort[],
  endpoints: Endpoint[],
): EndpointSlice {
  const metadata: ObjectMeta = m.annotations
    ? {
        name: sliceName,
        generateName: m.generateName,
        namespace: m.namespace,
        generation: 1,
        labels: m.labels,
        annotations: m.annotations,
        ownerReferences: m.ownerReferences,
      }
    : {
        name: sliceName,
        generateName: m.generateName,
        namespace: m.namespace,
        generation: 1,
        labels: m.labels,
        ownerReferences: m.ownerReferences,
      };
  // Empty lists are stored as nothing: the API server returns a placeholder's as null.
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata,
    addressType,
    endpoints: endpoints.length > 0 ? endpoints : null,
    ports: ports.length > 0 ? ports : null,
  };
}

/**
 * Reconcile for one Service: `pods` are the pods its selector matches, `nodes` the Nodes by
 * name, `targetRefs` name the pods (shared with the Service's Endpoints).
 */
export function computeEndpointSlices(
  service: Service,
  pods: readonly Pod[],
  nodes: ReadonlyMap<string, Node>,
  naming: SliceNaming,
  targetRefs: readonly ObjectReference[] = podReferences(pods),
): EndpointSliceResult {
  const namespace = namespaceOf(service);
  const name = service.metadata?.name ?? '';
  // One frozen label map and owner list, shared by the Service's slices (nothing writes them).
  const labels = Object.freeze(endpointSliceLabels(service));
  const ownerReferences = Object.freeze([
    Object.freeze(
      newControllerRef({ apiVersion: 'v1', kind: 'Service', metadata: service.metadata }),
    ),
  ]);
  const errors: string[] = [];
  const slices: EndpointSlice[] = [];
  const triggerTime = lastChangeTriggerTime(service, pods);
  const maker: SliceMaker = {
    naming,
    generateName: `${name}-`,
    namespace,
    labels: labels as Record<string, string>,
    annotations: triggerTime
      ? (Object.freeze({ [triggerTimeAnnotation]: triggerTime }) as Record<string, string>)
      : undefined,
    ownerReferences: ownerReferences as OwnerReference[],
  };
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const svcPorts = servicePorts(service);
  const headlessWithoutPorts = svcPorts.length === 0 && service.spec?.clusterIP === 'None';
  const close = closeHeuristic(service);
  const topology = hintsEnabled(service.metadata?.annotations);
  const ratiosOfNodes = () => zoneRatiosOf(nodes);
  for (const addressType of addressTypesForService(service)) {
    const groups = new Map<string, { ports: EndpointSlicePort[]; endpoints: Endpoint[] }>();
    for (let p = 0; p < pods.length; p++) {
      const pod = pods[p] as Pod;
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const nodeName = pod.spec?.nodeName ?? '';
      const node = nodes.get(nodeName);
      if (!node && !publishNotReady) {
        const message = `skipping Pod ${pod.metadata?.name ?? ''} for Service ${namespace}/${name}: Node ${nodeName} Not Found`;
        if (!errors.includes(message)) errors.push(message);
        continue;
      }
      const endpoint = podToEndpoint(pod, node, service, addressType, targetRefs[p]);
      if ((endpoint.addresses?.length ?? 0) === 0) continue;
      // A pod lacking a named port just lacks that port: pods are grouped by what they resolve.
      const numbers = headlessWithoutPorts ? [] : svcPorts.map((sp) => findPort(pod, sp));
      const key = numbers.join(',');
      let group = groups.get(key);
      if (!group)
        groups.set(key, (group = { ports: endpointPorts(svcPorts, numbers), endpoints: [] }));
      group.endpoints.push(endpoint);
    }
    const existing = naming.existing?.filter((x) => (x.addressType ?? 'IPv4') === addressType);
    if (existing && existing.length > 0) {
      const sorted = [...groups.values()].map(({ ports, endpoints }) => ({
        ports,
        endpoints: sortInPlace(endpoints, compareEndpoints),
      }));
      const factory: SliceFactory = {
        unnamed: (ports) => sliceWith(maker, '', addressType, ports, []),
        generate: () => generateName(naming.random, maker.generateName, naming.taken),
        labels: maker.labels,
        triggerTime,
        max: maxEndpointsPerSlice,
        zoneRatios: ratiosOfNodes,
      };
      slices.push(...reconcileExisting(factory, service, sorted, existing));
      continue;
    }
    // finalize: no new slice is created for a Service being deleted.
    if (service.metadata?.deletionTimestamp) continue;
    const made: EndpointSlice[] = [];
    for (const { ports, endpoints } of groups.values()) {
      sortInPlace(endpoints, compareEndpoints);
      for (let i = 0; i < endpoints.length; i += maxEndpointsPerSlice) {
        made.push(
          newSlice(maker, addressType, ports, endpoints.slice(i, i + maxEndpointsPerSlice)),
        );
      }
    }
    if (made.length === 0) made.push(newSlice(maker, addressType, [], []));
    // The hints of what reconcileExisting wrote are set there, on its own copies.
    if (topology) addTopologyHints({ create: made, update: [], unchanged: [] }, ratiosOfNodes());
    else if (close) addCloseHints(made, close);
    slices.push(...made);
  }
  const error =
    errors.length === 0 ? undefined : errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return { slices, ...(error ? { error } : {}) };
}
