/**
 * The row of a Pod in `kubectl get pods`: printPod of pkg/printers/internalversion/printers.go.
 * READY counts ready app containers and started sidecars (restartable init containers); STATUS is
 * the phase, overwritten by the status reason, a scheduling gate, the first unfinished init
 * container (`Init:0/2`, `Init:CrashLoopBackOff`), then the app containers' waiting or terminated
 * reasons; RESTARTS adds how long ago the last container terminated (`3 (10s ago)`).
 */
import type { Pod, PodCondition } from '../model';
import { humanDuration, toAge } from './duration';

interface ContainerState {
  waiting?: { reason?: string };
  running?: unknown;
  terminated?: { reason?: string; signal?: number; exitCode?: number; finishedAt?: string };
}

/** A container status as the API serves it (core/v1 ContainerStatus), the fields printPod reads. */
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  started?: boolean;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface PodStatusView {
  phase?: string;
  reason?: string;
  conditions?: PodCondition[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  nominatedNodeName?: string;
  podIP?: string;
  podIPs?: { ip?: string }[];
}

/** The latest `lastState.terminated.finishedAt` seen, as epoch milliseconds (0: none). */
class LastRestart {
  at = 0;
  see(status: ContainerStatus): void {
    const finishedAt = status.lastState?.terminated?.finishedAt;
    if (status.lastState?.terminated === undefined || !finishedAt) return;
    const at = Date.parse(finishedAt);
    if (!Number.isNaN(at) && at > this.at) this.at = at;
  }
}

const conditionTrue = (conditions: PodCondition[] | undefined, type: string) =>
  conditions?.find((c) => c.type === type)?.status === 'True';

/** `Init:ExitCode:1`, `Init:Signal:9`, `Init:Error`: a failed init container. */
function terminatedReason(t: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (t.reason) return `${prefix}${t.reason}`;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

/** READY, STATUS and RESTARTS of printPod. */
function podStatusCells(pod: Pod, now: number): [string, string, string] {
  const status = (pod.status ?? {}) as PodStatusView;
  const initSpecs = pod.spec?.initContainers ?? [];
  const sidecars = initSpecs.filter((c) => c.restartPolicy === 'Always');
  const restartable = new Set(sidecars.map((c) => c.name ?? ''));
  const total = (pod.spec?.containers?.length ?? 0) + sidecars.length;
  let ready = 0;
  let reason = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let restarts = 0;
  let sidecarRestarts = 0;
  const lastRestart = new LastRestart();
  const lastSidecarRestart = new LastRestart();
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] ?? {};
    const isSidecar = restartable.has(c.name ?? '');
    restarts += c.restartCount ?? 0;
    lastRestart.see(c);
    if (isSidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart.see(c);
    }
    const state = c.state ?? {};
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && c.started === true) {
      if (c.ready) ready += 1;
      continue;
    }
    if (state.terminated) reason = terminatedReason(state.terminated, 'Init:');
    else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  let restartAt = lastRestart.at;
  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    restartAt = lastSidecarRestart.at;
    const last = new LastRestart();
    last.at = restartAt;
    let hasRunning = false;
    let errorReason = '';
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] ?? {};
      restarts += c.restartCount ?? 0;
      last.see(c);
      const state = c.state ?? {};
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated) {
        reason = terminatedReason(state.terminated, '');
        if ((state.terminated.exitCode ?? 0) !== 0) errorReason = reason;
      } else if (c.ready && state.running !== undefined) {
        hasRunning = true;
        ready += 1;
      }
    }
    restartAt = last.at;
    if (reason === 'Completed') {
      const podReady = (status.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      if (hasRunning && podReady) reason = 'Running';
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  const restartsCell =
    restarts !== 0 && restartAt !== 0
      ? `${restarts} (${humanDuration((now - restartAt) / 1000)} ago)`
      : String(restarts);
  return [`${ready}/${total}`, reason, restartsCell];
}

/** The `-o wide` cells of printPod: IP, NODE, NOMINATED NODE, READINESS GATES. */
function podWideCells(pod: Pod): [string, string, string, string] {
  const status = (pod.status ?? {}) as PodStatusView;
  const gates = pod.spec?.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const trueCount = gates.filter((g) => {
      const condition = status.conditions?.find((c) => c.type === g.conditionType);
      return condition?.status === 'True';
    }).length;
    readinessGates = `${trueCount}/${gates.length}`;
  }
  // The server prints from the internal PodStatus, whose first pod IP is podIP when that is set
  // (pkg/apis/core/v1/conversion.go, Convert_v1_PodStatus_To_core_PodStatus).
  const ip = status.podIP || status.podIPs?.[0]?.ip;
  return [
    ip || '<none>',
    pod.spec?.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates,
  ];
}

/** printPod's cells, wide cells included. */
export function podRow(pod: Pod, now: number): string[] {
  return [
    pod.metadata.name ?? '',
    ...podStatusCells(pod, now),
    toAge(pod.metadata.creationTimestamp, now),
    ...podWideCells(pod),
  ];
}
