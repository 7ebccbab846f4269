/**
 * Building blocks of lesson checks: find a Service, count its endpoints, read the latest batch.
 * All pure functions of the facts.
 */
import type { EndpointSummary, ServiceSummary, SimulationSummary } from '../worker/protocol';
import type { RequestBatch, RequestDestinationKind } from '../worker/queries/requests';
import type { CheckResult, LessonCheck, LessonFacts } from './types';

export const pass = (detail: string): CheckResult => ({ pass: true, detail });
export const fail = (detail: string): CheckResult => ({ pass: false, detail });

/** A Service of the default namespace by name, or any by `namespace/name`. */
export function findService(summary: SimulationSummary, name: string): ServiceSummary | undefined {
  return name.includes('/')
    ? summary.services.find((s) => s.key === name)
    : summary.services.find((s) => s.name === name && s.namespace === 'default');
}

/** Endpoints that receive traffic: ready (kube-proxy's choice for new connections). */
export function readyEndpoints(service: ServiceSummary): EndpointSummary[] {
  return service.endpoints.filter((e) => e.ready);
}

/** The distinct addresses among endpoints (a Service with several ports lists each address once per port). */
export function distinctAddresses(endpoints: EndpointSummary[]): string[] {
  return [...new Set(endpoints.map((e) => e.ip))];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A check about one Service; fails with a clear detail when the Service is not there. */
export function serviceCheck(
  check: Omit<LessonCheck, 'run'> & { service: string },
  test: (service: ServiceSummary, facts: LessonFacts) => CheckResult,
): LessonCheck {
  const { service: name, ...rest } = check;
  return {
    ...rest,
    run: (facts) => {
      const service = findService(facts.summary, name);
      return service ? test(service, facts) : fail(`There is no Service ${name}.`);
    },
  };
}

/** Passes when the Service has exactly `count` ready endpoint addresses. */
export function readyEndpointCount(service: ServiceSummary, count: number): CheckResult {
  const ready = distinctAddresses(readyEndpoints(service));
  const all = distinctAddresses(service.endpoints);
  const detail = `${service.name} has ${plural(ready.length, 'ready endpoint')}${
    all.length > ready.length ? ` (and ${all.length - ready.length} not ready)` : ''
  }.`;
  return ready.length === count ? pass(detail) : fail(detail);
}

/** The latest batch when it was sent to `service`'s addresses (or by its name), else undefined. */
export function batchTo(
  facts: LessonFacts,
  service: ServiceSummary,
  minCount = 1,
): RequestBatch | undefined {
  const { batch } = facts;
  if (!batch || batch.problem || batch.requests.length < minCount) return undefined;
  const { destination } = batch.input;
  const addresses = new Set([
    ...service.clusterIPs,
    ...service.loadBalancerIngress,
    ...service.externalIPs,
  ]);
  const nodePorts = new Set(service.ports.map((p) => p.nodePort).filter((p) => p !== undefined));
  const byName =
    destination.kind === 'dnsName' &&
    (destination.host === service.name || destination.host.startsWith(`${service.name}.`));
  const byAddress = addresses.has(destination.host) && destination.kind !== 'nodePort';
  const byNodePort = destination.kind === 'nodePort' && nodePorts.has(destination.port);
  return byName || byAddress || byNodePort ? batch : undefined;
}

/** Requests of the batch per pod reached, largest first. */
export function podCounts(batch: RequestBatch): { pod: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const d of batch.distribution) {
    const key = d.pod ?? d.endpoint;
    counts.set(key, (counts.get(key) ?? 0) + d.count);
  }
  return [...counts]
    .map(([pod, count]) => ({ pod, count }))
    .sort((a, b) => b.count - a.count || a.pod.localeCompare(b.pod));
}

export function describeCounts(batch: RequestBatch): string {
  const counts = podCounts(batch);
  if (counts.length === 0) return `none of the ${batch.requests.length} requests reached a pod`;
  return counts.map((c) => `${c.pod.split('/').pop() ?? c.pod}: ${c.count}`).join(', ');
}

/**
 * A check on the latest batch sent to a Service (through `via`, when given, and of at least
 * `minCount` requests): by default, that it reached a pod.
 */
export function requestCheck(
  check: Omit<LessonCheck, 'run'> & {
    service: string;
    via?: RequestDestinationKind;
    minCount?: number;
  },
  test: (batch: RequestBatch, service: ServiceSummary) => CheckResult = (batch) =>
    (batch.verdicts.DNAT ?? 0) > 0 ? pass(describeCounts(batch)) : fail(describeCounts(batch)),
): LessonCheck {
  const { via, minCount = 1, ...rest } = check;
  return serviceCheck(rest, (service, facts) => {
    const batch = batchTo(facts, service, minCount);
    if (!batch || (via && batch.input.destination.kind !== via)) {
      const what = minCount > 1 ? `${minCount} requests` : 'a request';
      return fail(`Send ${what} to ${service.name}${via ? ` (${via})` : ''} first.`);
    }
    return test(batch, service);
  });
}
