/**
 * The commands of a pod (after `kubectl exec -it POD -- sh`) that ask the cluster's DNS:
 * `nslookup NAME` through the pod's search list, `dig NAME [TYPE] [+short]` (dig itself does
 * not search), `cat /etc/resolv.conf` and `hostname`. `curl` is curl.ts.
 */
import {
  computeDnsAnswer,
  computeDnsServer,
  computePodResolvConf,
  renderResolvConf,
  toDigJson,
} from '../../coredns';
import type { Pod, Simulation } from '../../model';
import { dig } from '../commands/dig';
import { nslookup } from '../commands/nslookup';
import { runCliCommand } from './cliCommand';
import type { Output } from './output';

export const podCommandNames = ['nslookup', 'dig', 'cat', 'hostname', 'curl'] as const;

/** `dig +short`: each answer's data on its own line. */
function digShort(simulation: Simulation, name: string, type: string, out: Output): number {
  const response = computeDnsAnswer(computeDnsServer(simulation.cluster), name, type);
  for (const record of toDigJson(response).answer) {
    const data = record.data;
    if (typeof data === 'string') out.stdout(`${data}\n`);
    else if (Array.isArray(data)) out.stdout(`${data.map((s) => `"${s}"`).join(' ')}\n`);
    else if ('target' in data && 'port' in data)
      out.stdout(`${data.priority} ${data.weight} ${data.port} ${data.target}\n`);
    else if ('mname' in data)
      out.stdout(
        `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}\n`,
      );
  }
  return 0;
}

export function runPodCommand(
  simulation: Simulation,
  pod: Pod,
  words: readonly string[],
  out: Output,
): number | undefined {
  const [name, ...args] = words;
  const key = `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
  switch (name) {
    case 'hostname':
      out.stdout(`${pod.metadata?.name ?? ''}\n`);
      return 0;
    case 'cat': {
      if (args.length === 1 && args[0] === '/etc/resolv.conf') {
        out.stdout(renderResolvConf(computePodResolvConf(pod, simulation.cluster.settings)));
        return 0;
      }
      out.stderr(
        `cat: can't open '${args[0] ?? ''}': the playground models only /etc/resolv.conf\n`,
      );
      return 1;
    }
    case 'nslookup': {
      const [host] = args.filter((a) => !a.startsWith('-'));
      if (host === undefined) {
        out.stderr('Usage: nslookup [HOST] [SERVER]\n');
        return 1;
      }
      return runCliCommand(nslookup, simulation, { operands: [host], flags: { from: key } }, out);
    }
    case 'dig': {
      const short = args.includes('+short');
      const operands = args.filter((a) => !a.startsWith('+') && !a.startsWith('@'));
      const [host, type] = operands;
      if (host === undefined) {
        out.stderr('dig: give a name to look up: dig NAME [TYPE]\n');
        return 1;
      }
      if (short) return digShort(simulation, host, (type ?? 'A').toUpperCase(), out);
      return runCliCommand(
        dig,
        simulation,
        { operands: type === undefined ? [host] : [host, type] },
        out,
      );
    }
    default:
      return undefined;
  }
}
