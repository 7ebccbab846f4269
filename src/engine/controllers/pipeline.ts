/**
 * runControllers: what kube-controller-manager, kube-scheduler, the kubelets and a
 * load-balancer implementation make of the stored objects once the cluster has settled.
 * Input objects are never modified: every change is made on a copy.
 */
import { objectKey } from '../keys';
import { defineOnRead, once } from '../onRead';
import type { EndpointSlice, Endpoints, Service } from '../model';
import { computeEndpoints } from './endpoints';
import {
  computeEndpointSlices,
  endpointSliceControllerName,
  managedByLabel,
  serviceNameLabel,
} from './endpointSlice';
import { mirrorEndpoints, mirroringControllerName } from './endpointSliceMirroring';
import { findingsLog, groupByKind, type ControllerInput, type ControllerOutput } from './groups';
import { namespaceOf, serviceSelector } from './labels';
import { podReferences } from './podUtil';
import { assignLoadBalancerIPs } from './loadBalancer';
import { seededRandom, TakenNames } from './random';
import { serviceEndpointsMemo, settleWorkloadsOnce } from './reuse';
import { sanitizeMeta } from './sanitize';
import { created, withUID } from './workloads';

const workloadKinds = new Set(['Node', 'Deployment', 'ReplicaSet', 'Pod']);

export function runControllers(input: ControllerInput): ControllerOutput {
  const { seed, settings } = input;
  const objects = input.objects.map(sanitizeMeta);
  const groups = groupByKind(objects);
  const { findings, report } = findingsLog();

  const workloads = settleWorkloadsOnce({
    settings,
    seed,
    objects: objects.filter((o) => workloadKinds.has(o.kind)),
  });
  for (const f of workloads.findings) report(f.object, f.path, f.message, f.source);
  const { nodesByName, index } = workloads;

  // Load balancers.
  const lb = assignLoadBalancerIPs(groups.services.map((s) => withUID(seed, s)));
  for (const p of lb.problems)
    report(objectKey(p.service), p.path, p.message, 'metallb-controller');
  const services = lb.services;

  // Endpoints, EndpointSlices, mirroring.
  const givenEndpoints = groups.endpoints.map((e) => withUID(seed, e));
  const endpointsByKey = new Map(
    givenEndpoints.map((e) => [`${namespaceOf(e)}/${e.metadata?.name ?? ''}`, e]),
  );
  // Only the mirroring of given Endpoints looks Services up by key (the built-in `kubernetes`
  // one, a selectorless Service's): the Services of those names only are keyed, when asked.
  let servicesByKey: Map<string, Service> | undefined;
  const serviceAt = (key: string) => {
    if (!servicesByKey) {
      const names = new Set(givenEndpoints.map((e) => e.metadata?.name ?? ''));
      servicesByKey = new Map();
      for (const s of services)
        if (names.has(s.metadata?.name ?? ''))
          servicesByKey.set(`${namespaceOf(s)}/${s.metadata?.name ?? ''}`, s as Service);
    }
    return servicesByKey.get(key);
  };
  const sliceNames = new Map<string, TakenNames>();
  const takenIn = (ns: string) => {
    let set = sliceNames.get(ns);
    if (!set) sliceNames.set(ns, (set = new TakenNames()));
    return set;
  };
  const reusable = new Map<string, EndpointSlice[]>();
  const keptSlices: EndpointSlice[] = [];
  for (const slice of groups.endpointSlices) {
    const ns = namespaceOf(slice);
    takenIn(ns).add(slice.metadata?.name ?? '');
    const managedBy = slice.metadata?.labels?.[managedByLabel];
    const owner = slice.metadata?.labels?.[serviceNameLabel];
    if (
      owner !== undefined &&
      (managedBy === endpointSliceControllerName || managedBy === mirroringControllerName)
    ) {
      const key = `${managedBy}/${ns}/${owner}`;
      reusable.set(key, [...(reusable.get(key) ?? []), slice]);
    } else keptSlices.push(slice);
  }

  const computedEndpoints = new Map<string, () => Endpoints>();
  const computedSlices: EndpointSlice[] = [];
  const memo = serviceEndpointsMemo(seed, workloads.nodes);
  const synced = new Set<string>();
  for (const service of services) {
    const ns = namespaceOf(service);
    const name = service.metadata?.name ?? '';
    const key = `${ns}/${name}`;
    const pairs = serviceSelector(service.spec?.selector);
    const reuseKey = `${endpointSliceControllerName}/${key}`;
    synced.add(reuseKey);
    if (service.spec?.type === 'ExternalName' || pairs === undefined) {
      keptSlices.push(...(reusable.get(reuseKey) ?? []));
      continue;
    }
    const input = {
      service,
      pods: index.selectSet(ns, pairs),
      given: endpointsByKey.get(key),
      reusable: reusable.get(reuseKey) ?? [],
    };
    const taken = takenIn(ns);
    let result = memo.reusable(key, input, taken);
    if (!result) {
      // The Endpoints and the EndpointSlices name each pod with one shared targetRef.
      const targetRefs = podReferences(input.pods);
      // Made when first read (see onRead.ts): the run's pods are final by now.
      const { pods, given } = input;
      const endpoints = once(() =>
        created(seed, computeEndpoints(service, pods, given, targetRefs), service.metadata),
      );
      const made = taken.recording(() =>
        computeEndpointSlices(
          service,
          input.pods,
          nodesByName,
          {
            random: seededRandom(seed, `EndpointSlice/${key}`),
            taken,
            existing: input.reusable,
          },
          targetRefs,
        ),
      );
      // Built field by field: a literal that starts with a spread is slow to make, 10,000 times.
      result = {
        service: input.service,
        pods: input.pods,
        given: input.given,
        reusable: input.reusable,
        endpoints,
        slices: made.value.slices.map((slice) => created(seed, slice, service.metadata)),
        error: made.value.error,
        generated: made.added,
        clean: made.clean,
      };
      memo.keep(key, result);
    }
    if (result.error) {
      report(
        objectKey(service),
        'spec.selector',
        `Error updating Endpoint Slices for Service ${key}: ${result.error}`,
        'endpointslice-controller',
      );
    }
    computedEndpoints.set(key, result.endpoints);
    computedSlices.push(...result.slices);
  }
  keptSlices.push(...slicesOfMissingServices(reusable, synced));
  // The v1 Endpoints, given ones first (the controller's own in their place), made when read.
  const endpoints = () => {
    const list = givenEndpoints.map(
      (e) => computedEndpoints.get(`${namespaceOf(e)}/${e.metadata?.name ?? ''}`)?.() ?? e,
    );
    for (const [key, e] of computedEndpoints) if (!endpointsByKey.has(key)) list.push(e());
    return list;
  };

  for (const e of givenEndpoints) {
    const key = `${namespaceOf(e)}/${e.metadata?.name ?? ''}`;
    if (computedEndpoints.has(key)) continue;
    const mirroredBefore = reusable.get(`${mirroringControllerName}/${key}`) ?? [];
    const mirrored = mirrorEndpoints(e, serviceAt(key), {
      random: seededRandom(seed, `EndpointSliceMirroring/${key}`),
      taken: takenIn(namespaceOf(e)),
      existing: mirroredBefore,
    });
    for (const w of mirrored.warnings)
      report(objectKey(e), 'subsets', w, 'endpointslicemirroring-controller');
    for (const slice of mirrored.slices) computedSlices.push(created(seed, slice, e.metadata));
  }

  const output: ControllerOutput = {
    ...groups,
    nodes: workloads.nodes,
    pods: workloads.pods,
    deployments: workloads.deployments,
    replicaSets: workloads.replicaSets,
    services: services as Service[],
    endpoints: [],
    endpointSlices: [...keptSlices, ...computedSlices],
    findings,
  };
  return defineOnRead(output, 'endpoints', endpoints);
}

/**
 * The slices labelled as the EndpointSlice controller's for a Service that does not exist: they
 * stay, as its sync of a missing Service only forgets it (endpointslice_controller.go
 * syncService); the mirroring controller's, unlike them, are deleted with their Endpoints.
 */
function slicesOfMissingServices(
  reusable: ReadonlyMap<string, EndpointSlice[]>,
  synced: ReadonlySet<string>,
): EndpointSlice[] {
  const kept: EndpointSlice[] = [];
  const prefix = `${endpointSliceControllerName}/`;
  for (const [key, slices] of reusable)
    if (key.startsWith(prefix) && !synced.has(key)) kept.push(...slices);
  return kept;
}
