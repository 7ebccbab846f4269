/**
 * The scheduler's NodePorts filter (pkg/scheduler/framework/plugins/nodeports/node_ports.go): a
 * pod asking for host ports fits a node only if none of them is taken there, by (hostIP,
 * protocol, port), 0.0.0.0 (or no hostIP) standing for every address (HostPortInfo.CheckConflict,
 * pkg/scheduler/framework/types.go). Its failure is Unschedulable, not unresolvable: preemption
 * looks for victims, and finds none among pods of the same priority.
 */
import type { Pod } from '../model';
import { protocolOf } from './podUtil';

export const nodePortsReason = "node(s) didn't have free ports for the requested pod ports";

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

const bindAll = '0.0.0.0';

function portsOf(containers: unknown, sidecarsOnly: boolean, out: HostPort[]): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const container = c as { ports?: unknown; restartPolicy?: unknown };
    if (sidecarsOnly && container.restartPolicy !== 'Always') continue;
    if (!Array.isArray(container.ports)) continue;
    for (const p of container.ports as unknown[]) {
      const port = p as { hostPort?: unknown; hostIP?: unknown; protocol?: unknown } | null;
      if (typeof port?.hostPort !== 'number' || port.hostPort <= 0) continue;
      const ip = typeof port.hostIP === 'string' && port.hostIP !== '' ? port.hostIP : bindAll;
      out.push({ ip, protocol: protocolOf(port.protocol), port: port.hostPort });
    }
  }
}

/** The last pod's answer, keyed by its container lists: a ReplicaSet's pods share them. */
let last: { containers: unknown; init: unknown; ports: HostPort[] } | undefined;

/**
 * GetHostPorts (pkg/scheduler/util): the host ports of the sidecars (init containers that
 * restart Always, running as long as the pod) and of the containers.
 */
export function hostPortsOf(pod: Pod): HostPort[] {
  const containers = pod.spec?.containers;
  const init = pod.spec?.initContainers;
  if (last && last.containers === containers && last.init === init && containers) return last.ports;
  const ports: HostPort[] = [];
  portsOf(init, true, ports);
  portsOf(containers, false, ports);
  last = { containers, init, ports };
  return ports;
}

/** The host ports taken on one node, as `ip/protocol/port` keys and `protocol/port` counts. */
export class UsedPorts {
  private readonly exact = new Set<string>();
  private readonly any = new Set<string>();

  add(ports: readonly HostPort[]): void {
    for (const p of ports) {
      this.exact.add(`${p.ip}/${p.protocol}/${p.port}`);
      this.any.add(`${p.protocol}/${p.port}`);
    }
  }

  /** Whether any of `ports` conflicts with a port taken here. */
  conflicts(ports: readonly HostPort[]): boolean {
    for (const p of ports) {
      if (p.ip === bindAll) {
        if (this.any.has(`${p.protocol}/${p.port}`)) return true;
      } else if (
        this.exact.has(`${bindAll}/${p.protocol}/${p.port}`) ||
        this.exact.has(`${p.ip}/${p.protocol}/${p.port}`)
      )
        return true;
    }
    return false;
  }
}
