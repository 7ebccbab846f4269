/**
 * The parts of a pod status the kubelet writes (pkg/kubelet/status/generate.go and
 * pkg/kubelet/kubelet_pods.go): conditions with their reasons and messages, container and init
 * container statuses, and the generation they observe.
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../model';

/**
 * A pod condition, keys in the API's order. Built without spreading: a literal with a spread is
 * made through the runtime, and there are five conditions per pod template.
 */
export function condition(
  type: string,
  ready: boolean,
  at: string | undefined,
  extra?: Partial<PodCondition>,
  generation?: number,
): PodCondition {
  const status = ready ? 'True' : 'False';
  // lastProbeTime is a struct the API always serves: null, as nothing probes these conditions.
  const out: PodCondition = at
    ? { type, status, lastProbeTime: null, lastTransitionTime: at }
    : { type, status, lastProbeTime: null };
  if (generation !== undefined) out.observedGeneration = generation;
  return extra ? Object.assign(out, extra) : out;
}

/**
 * GeneratePodReadyCondition's message for the readiness gates whose condition is missing or not
 * True, every one of them, joined with ", " (pkg/kubelet/status/generate.go).
 */
function readinessGateProblem(pod: Pod, conditions: readonly PodCondition[]): string | undefined {
  const gates = Array.isArray(pod.spec?.readinessGates) ? pod.spec.readinessGates : [];
  let message: string | undefined;
  for (const gate of gates) {
    const type = gate?.conditionType ?? '';
    const found = conditions.find((c) => c.type === type);
    let problem: string | undefined;
    if (!found) problem = `corresponding condition of pod readiness gate "${type}" does not exist.`;
    else if (found.status !== 'True')
      problem = `the status of pod readiness gate "${type}" is not "True", but ${found.status ?? ''}`;
    if (problem !== undefined) message = message === undefined ? problem : `${message}, ${problem}`;
  }
  return message;
}

/**
 * GenerateContainersReadyCondition's message when no container is ready: the sidecars (init
 * containers that restart Always) then the containers, as Go prints a list of names.
 */
export function unreadyMessage(pod: Pod): string {
  const names: string[] = [];
  const init = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  for (const c of init) if (isSidecar(c)) names.push(String(c?.name ?? ''));
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  for (const c of containers) names.push(String(c?.name ?? ''));
  return `containers with unready status: [${names.join(' ')}]`;
}

/** The conditions of a pod whose containers all run (readiness gates aside). */
export function runningConditions(
  pod: Pod,
  at: string | undefined,
  generation?: number,
): PodCondition[] {
  const gate = readinessGateProblem(pod, []);
  return [
    condition('PodReadyToStartContainers', true, at, undefined, generation),
    condition('Initialized', true, at, undefined, generation),
    condition(
      'Ready',
      gate === undefined,
      at,
      gate ? { reason: 'ReadinessGatesNotReady', message: gate } : {},
      generation,
    ),
    condition('ContainersReady', true, at, undefined, generation),
    condition('PodScheduled', true, at, undefined, generation),
  ];
}

/** A container's status as the kubelet reports it (no runtime ids: there is no runtime). */
function containerStatus(
  c: { name?: unknown; image?: unknown } | null | undefined,
  ready: boolean,
  started: boolean,
  state: Record<string, unknown>,
): ContainerStatus {
  // lastState is a struct in the API: always served, empty when the container never restarted.
  return {
    name: String(c?.name ?? ''),
    image: String(c?.image ?? ''),
    lastState: {},
    ready,
    restartCount: 0,
    started,
    state,
  };
}

const isSidecar = (c: unknown): boolean =>
  (c as { restartPolicy?: unknown } | null)?.restartPolicy === 'Always';

export function containerStatuses(
  pod: Pod,
  ready: boolean,
  at: string | undefined,
): ContainerStatus[] {
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  return containers.map((c) => containerStatus(c, ready, true, runningState(at)));
}

const runningState = (at: string | undefined) => ({ running: at ? { startedAt: at } : {} });

/**
 * The init containers of a running pod: each regular one ran to completion (exit code 0), each
 * sidecar (restartPolicy Always) runs on. Undefined without init containers.
 */
export function initContainerStatuses(
  pod: Pod,
  ready: boolean,
  at: string | undefined,
): ContainerStatus[] | undefined {
  const init = pod.spec?.initContainers;
  if (!Array.isArray(init) || init.length === 0) return undefined;
  return init.map((c) =>
    isSidecar(c)
      ? containerStatus(c, ready, true, runningState(at))
      : containerStatus(c, true, false, {
          terminated: at
            ? { exitCode: 0, finishedAt: at, reason: 'Completed', startedAt: at }
            : { exitCode: 0, reason: 'Completed' },
        }),
  );
}

/**
 * GeneratePodInitializedCondition before the sandbox exists: no init container has run (a
 * sidecar has not started, a regular one has not completed), so a pod with any is not
 * initialized.
 */
export function initializedBeforeSandbox(
  pod: Pod,
  at: string | undefined,
  generation: number,
): PodCondition {
  const init = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  if (init.length === 0) return condition('Initialized', true, at, undefined, generation);
  const names = init.map((c) => String(c?.name ?? '')).join(' ');
  return condition(
    'Initialized',
    false,
    at,
    {
      reason: 'ContainersNotInitialized',
      message: `containers with incomplete status: [${names}]`,
    },
    generation,
  );
}

/**
 * The statuses of a pod whose sandbox is not made yet (convertToAPIContainerStatuses' default):
 * every container waiting, for ContainerCreating, or PodInitializing when the pod has init
 * containers (both lists then).
 */
export function waitingStatuses(
  pod: Pod,
): Pick<PodStatus, 'initContainerStatuses' | 'containerStatuses'> {
  const init = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  const reason = init.length > 0 ? 'PodInitializing' : 'ContainerCreating';
  const waiting = (c: { name?: unknown; image?: unknown } | null | undefined) =>
    containerStatus(c, false, false, { waiting: { reason } });
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const out: Pick<PodStatus, 'initContainerStatuses' | 'containerStatuses'> = {};
  if (init.length > 0) out.initContainerStatuses = init.map(waiting);
  out.containerStatuses = containers.map(waiting);
  return out;
}

/**
 * The condition the API server gives a pod created with scheduling gates (applySchedulingGatedCondition,
 * pkg/registry/core/pod/strategy.go).
 */
export const schedulingGated: Partial<PodCondition> = {
  reason: 'SchedulingGated',
  message: 'Scheduling is blocked due to non-empty scheduling gates',
};

/**
 * The generation the kubelet and the scheduler stamp their conditions (and the kubelet the
 * status) with: the pod's, which the API server sets to 1 on creation (PrepareForCreate;
 * PodObservedGenerationTracking, GA in 1.35).
 */
export function observedGenerationOf(pod: Pod): number {
  const generation = pod.metadata?.generation;
  return typeof generation === 'number' && generation > 0 ? generation : 1;
}
