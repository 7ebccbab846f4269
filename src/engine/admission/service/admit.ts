/**
 * A Service's way through the API server after decoding: defaulting, the allocation that
 * storage does before validation (pkg/registry/core/service/storage/storage.go beginCreate and
 * beginUpdate, alloc.go), then validation. Allocation errors stop the request before validation,
 * as in the real server.
 */
import type { Service } from '../../model';
import { jsonStringSlice } from '../goFormat';
import { invalid, invalidRaw, type FieldErrors } from '../fieldErrors';
import type { AllocationError, Allocators } from './allocator';
import { initIPFamilyFields } from './clusterIPs';
import {
  defaultService,
  externallyAccessible,
  needsHealthCheck,
  normalizeClusterIPs,
} from './defaults';
import { validateService } from './validate';
import { validateServiceUpdate } from './validateUpdate';

export type ServiceFailure =
  | { reason: 'Invalid'; errors: FieldErrors }
  | { reason: 'InternalError'; message: string; path: string };

/** What a request reserved, to give back when it fails, and what it gives up when it succeeds. */
export interface Reservation {
  commit(): void;
  revert(): void;
}

const needsNodePorts = (s: Service) =>
  s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';
const shouldAllocateNodePorts = (s: Service) =>
  s.spec?.type === 'NodePort' ||
  (s.spec?.type === 'LoadBalancer' && s.spec.allocateLoadBalancerNodePorts !== false);

/** patchAllocatedValues (storage.go): an update that omits allocated values keeps the stored ones. */
function patchAllocatedValues(service: Service, old: Service): void {
  const spec = (service.spec ??= {});
  const oldSpec = old.spec ?? {};
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    if ((spec.clusterIP ?? '') === '' && oldSpec.clusterIP !== undefined)
      spec.clusterIP = oldSpec.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIPs ?? []).length > 0)
      spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
  }
  if (needsNodePorts(old) && needsNodePorts(service)) {
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const inNew = new Set(
      ports.map((p) => p.nodePort).filter((n) => typeof n === 'number' && n !== 0),
    );
    const byName = new Map((oldSpec.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of ports) {
      if (typeof p.nodePort === 'number' && p.nodePort !== 0) continue;
      const previous = byName.get(p.name ?? '') ?? 0;
      if (previous !== 0 && !inNew.has(previous)) p.nodePort = previous;
    }
  }
  if (
    needsHealthCheck(old) &&
    needsHealthCheck(service) &&
    (spec.healthCheckNodePort ?? 0) === 0 &&
    oldSpec.healthCheckNodePort !== undefined
  )
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
}

/**
 * sameNodePorts (strategy.go): the update adds no NodePort the stored Service did not hold; ports
 * may be added, removed or changed, and their NodePorts dropped, as long as none is new.
 */
function noNewNodePorts(service: Service, old: Service): boolean {
  const held = new Set((old.spec?.ports ?? []).map((p) => p.nodePort ?? 0));
  return (service.spec?.ports ?? []).every((p) => {
    const nodePort = p.nodePort ?? 0;
    return nodePort === 0 || held.has(nodePort);
  });
}

/**
 * dropTypeDependentFields (pkg/registry/core/service/strategy.go PrepareForUpdate): when the type
 * changes, values that the old type needed and the user did not change are wiped.
 */
function dropTypeDependentFields(service: Service, old: Service): void {
  const spec = (service.spec ??= {});
  const oldSpec = old.spec ?? {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (oldSpec.type !== 'ExternalName' && spec.type === 'ExternalName') {
    if (same(oldSpec.clusterIPs, spec.clusterIPs) && oldSpec.clusterIP === spec.clusterIP) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(oldSpec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (oldSpec.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePorts(old) && !needsNodePorts(service) && noNewNodePorts(service, old))
    for (const p of spec.ports ?? []) delete p.nodePort;
  if (
    needsHealthCheck(old) &&
    !needsHealthCheck(service) &&
    oldSpec.healthCheckNodePort === spec.healthCheckNodePort
  )
    delete spec.healthCheckNodePort;
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (oldSpec.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts)
      delete spec.allocateLoadBalancerNodePorts;
    if (oldSpec.loadBalancerClass === spec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (
    externallyAccessible(old) &&
    !externallyAccessible(service) &&
    oldSpec.externalTrafficPolicy === spec.externalTrafficPolicy
  )
    delete spec.externalTrafficPolicy;
  // The load balancer's status goes with the type: an empty struct, as the API serves it.
  if (spec.type !== 'LoadBalancer') (service.status ??= {}).loadBalancer = {};
}

/**
 * Whether a stored Service's ports hold the NodePort `value` (non-zero; collectServiceNodePorts),
 * never for a create; asked per port, so no list of them is made.
 */
function holdsNodePort(service: Service | undefined, value: number): boolean {
  return (service?.spec?.ports ?? []).some((p) => p.nodePort === value);
}

/** Values held by a stored Service. */
function heldValues(service: Service | undefined): { ips: string[]; ports: number[] } {
  const spec = service?.spec ?? {};
  const ips =
    spec.type === 'ExternalName'
      ? []
      : (spec.clusterIPs ?? []).filter((ip) => ip !== 'None' && ip !== '');
  const ports = (spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0);
  if ((spec.healthCheckNodePort ?? 0) !== 0) ports.push(spec.healthCheckNodePort ?? 0);
  return { ips, ports };
}

/**
 * The first of a Service's families that this admission allocates a ClusterIP for, if any
 * (alloc.go allocClusterIPs and updateClusterIPs): all of them on create or when the Service
 * leaves ExternalName, none for ExternalName or headless Services (nor on update of a stored
 * headless one), and on update only the secondary family a single-stack Service gains. Any other
 * change of clusterIPs is left to validation.
 */
function firstFamilyToAllocate(service: Service, old: Service | undefined): number | undefined {
  const spec = service.spec ?? {};
  if (spec.type === 'ExternalName' || spec.clusterIPs?.[0] === 'None') return undefined;
  if (!old || old.spec?.type === 'ExternalName') return 0;
  if (old.spec?.clusterIPs?.[0] === 'None') return undefined;
  const upgraded =
    (old.spec?.ipFamilies ?? []).length === 1 && (spec.ipFamilies ?? []).length === 2;
  return upgraded ? 1 : undefined;
}

/**
 * What one admission took from the allocators, given back when it fails; when it succeeds, the
 * reservation to commit. A class rather than closures made per Service (tsx's keepNames wraps
 * each closure in a defineProperty call).
 */
class Taken implements Reservation {
  readonly ips: string[] = [];
  readonly ports: number[] = [];
  private readonly alloc: Allocators;
  private readonly owner: string;
  private readonly service: Service;
  private readonly old: Service | undefined;

  constructor(alloc: Allocators, owner: string, service: Service, old: Service | undefined) {
    this.alloc = alloc;
    this.owner = owner;
    this.service = service;
    this.old = old;
  }

  /** Releases what the old version held and the new one does not (a create held nothing). */
  commit(): void {
    if (!this.old) return;
    const now = heldValues(this.service);
    const before = heldValues(this.old);
    before.ips
      .filter((ip) => !now.ips.includes(ip))
      .forEach((ip) => this.alloc.releaseIP(ip, this.owner));
    before.ports
      .filter((p) => !now.ports.includes(p))
      .forEach((p) => this.alloc.releasePort(p, this.owner));
  }

  revert(): void {
    this.ips.forEach((ip) => this.alloc.releaseIP(ip, this.owner));
    this.ports.forEach((p) => this.alloc.releasePort(p, this.owner));
  }

  fail(failure: ServiceFailure): { failure: ServiceFailure } {
    this.revert();
    return { failure };
  }

  /**
   * Takes the port `value` for this request, as allocHealthCheckNodePort takes a requested
   * healthCheckNodePort; the error when it cannot. A port this Service holds (or took earlier in
   * this request) is already allocated, as the port allocator only knows numbers.
   */
  takePort(value: number): AllocationError | undefined {
    if (this.alloc.portOwner(value) === this.owner)
      return { error: 'provided port is already allocated' };
    const error = this.alloc.reservePort(value, this.owner);
    if (!error) this.ports.push(value);
    return error;
  }

  /**
   * Reserves the NodePort `value` asked for at `spec.ports[i]`; the failure when it cannot. On
   * update (portallocator in updateNodePorts), a NodePort the stored Service's ports held, or one
   * this request took already, is kept as it is; on create a second request of one is refused.
   * Any other port the Service holds, such as its healthCheckNodePort, is already allocated.
   */
  reservePort(i: number, value: number): ServiceFailure | undefined {
    const takenNow = this.ports.includes(value);
    if (takenNow && !this.old)
      return {
        reason: 'Invalid',
        errors: [invalid(`spec.ports[${i}].nodePort`, value, 'provided port is already allocated')],
      };
    if (takenNow || holdsNodePort(this.old, value)) return undefined;
    const error = this.takePort(value);
    if (error)
      return {
        reason: 'Invalid',
        errors: [invalid(`spec.ports[${i}].nodePort`, value, error.error)],
      };
    return undefined;
  }
}

/**
 * Defaults, allocates and validates a Service. `owner` is its `Service/namespace/name` key. On
 * success the returned reservation must be committed (it releases what the old version held and
 * the new one does not); on failure everything it took has already been given back.
 */
export function admitService(
  service: Service,
  old: Service | undefined,
  owner: string,
  alloc: Allocators,
): { failure: ServiceFailure } | { reservation: Reservation } {
  defaultService(service);
  if (old) patchAllocatedValues(service, old);
  normalizeClusterIPs(service, old);
  const taken = new Taken(alloc, owner, service, old);
  const takenIPs = taken.ips;
  const takenPorts = taken.ports;
  const familyErrors = initIPFamilyFields(service, old, alloc.configured);
  if (familyErrors.length > 0) return taken.fail({ reason: 'Invalid', errors: familyErrors });

  const spec = (service.spec ??= {});
  const identity = owner.slice('Service/'.length);
  const first = firstFamilyToAllocate(service, old);
  if (first !== undefined) {
    const ips = [...(spec.clusterIPs ?? [])];
    for (const [i, family] of (spec.ipFamilies ?? []).entries()) {
      if (i < first) continue;
      const requested = ips[i] ?? '';
      if (requested === '') {
        const got = alloc.allocateIP(family, owner);
        if (typeof got !== 'string')
          return taken.fail({
            reason: 'InternalError',
            message: `failed to allocate a serviceIP: ${got.error}`,
            path: 'spec.clusterIP',
          });
        ips[i] = got;
        takenIPs.push(got);
      } else {
        // The allocator knows addresses, not owners: one this Service holds is taken too.
        const error =
          alloc.ipOwner(requested) === owner
            ? { error: 'provided IP is already allocated' }
            : alloc.reserveIP(requested, owner);
        if (error)
          return taken.fail({
            reason: 'Invalid',
            errors: [
              invalidRaw(
                'spec.clusterIPs',
                jsonStringSlice(spec.clusterIPs),
                `failed to allocate IP ${requested}: ${error.error}`,
              ),
            ],
          });
        takenIPs.push(requested);
      }
    }
    // Stored at its length: a list grown by assignment keeps room for 16 more, in every Service.
    spec.clusterIPs = ips.slice();
    if (ips[0] !== undefined) spec.clusterIP = ips[0];
  }

  if (needsNodePorts(service)) {
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const byPort = new Map<number, number>();
    for (const [i, p] of ports.entries()) {
      const requested = typeof p.nodePort === 'number' ? p.nodePort : 0;
      if (requested === 0 && !shouldAllocateNodePorts(service)) continue;
      const port = typeof p.port === 'number' ? p.port : 0;
      // On create, ports that share a port number (e.g. 53/TCP and 53/UDP) share a NodePort.
      const shared = old ? undefined : byPort.get(port);
      if (shared !== undefined && (requested === 0 || requested === shared)) {
        p.nodePort = shared;
        continue;
      }
      const wanted =
        requested !== 0 || old
          ? requested
          : (ports.find(
              (q) => q.port === port && typeof q.nodePort === 'number' && q.nodePort !== 0,
            )?.nodePort ?? 0);
      if (wanted !== 0) {
        const failure = taken.reservePort(i, wanted);
        if (failure) return taken.fail(failure);
        p.nodePort = wanted;
      } else {
        const got = alloc.allocatePort(`${identity}:${port}`, owner);
        if (typeof got !== 'number')
          return taken.fail({
            reason: 'InternalError',
            message: `failed to allocate a nodePort: ${got.error}`,
            path: `spec.ports[${i}]`,
          });
        p.nodePort = got;
        takenPorts.push(got);
      }
      if (!byPort.has(port)) byPort.set(port, p.nodePort);
    }
  }

  // On update, a Service that needed a healthCheckNodePort before keeps the one it holds
  // (updateHealthCheckNodePort); validation refuses a change of it.
  if (needsHealthCheck(service) && !(old && needsHealthCheck(old))) {
    const requested = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
    if (requested !== 0) {
      const error = taken.takePort(requested);
      if (error)
        return taken.fail({
          reason: 'InternalError',
          message: `failed to allocate requested HealthCheck NodePort ${requested}: ${error.error}`,
          path: 'spec.healthCheckNodePort',
        });
    } else {
      const got = alloc.allocatePort(`${identity}:healthCheckNodePort`, owner);
      if (typeof got !== 'number')
        return taken.fail({
          reason: 'InternalError',
          message: `failed to allocate a HealthCheck NodePort 0: ${got.error}`,
          path: 'spec',
        });
      spec.healthCheckNodePort = got;
      takenPorts.push(got);
    }
  }

  if (old) dropTypeDependentFields(service, old);
  const errors = old
    ? [...validateServiceUpdate(service, old), ...validateService(service)]
    : validateService(service);
  if (errors.length > 0) return taken.fail({ reason: 'Invalid', errors });
  return { reservation: taken };
}
