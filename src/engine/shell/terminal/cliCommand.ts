/**
 * Runs one of the CLI's command modules (../commands) against the terminal's simulation, so that
 * `kubectl get`, `iptables-save`, `dig`... print exactly what `kube-playground` prints.
 */
import type { Simulation } from '../../model';
import type { Command, CommonOptions } from '../command';
import type { Output } from './output';

export interface CliArgs {
  operands?: string[];
  namespace?: string;
  allNamespaces?: boolean;
  output?: string;
  flags?: Record<string, string | boolean | string[]>;
  node?: string;
}

export function runCliCommand(
  command: Command,
  simulation: Simulation,
  args: CliArgs,
  out: Output,
): number {
  const options: CommonOptions = {
    ...(args.node === undefined ? {} : { node: args.node }),
    namespace: args.namespace ?? 'default',
    namespaceGiven: args.namespace !== undefined,
    allNamespaces: args.allNamespaces ?? false,
    admitted: false,
    nfacct: true,
    randomFully: true,
    ...(args.output === undefined ? {} : { output: args.output }),
  };
  const node = args.node
    ? simulation.cluster.nodes.find((n) => n.metadata.name === args.node)
    : simulation.cluster.nodes[0];
  return command.run({
    operands: args.operands ?? [],
    options,
    flags: args.flags ?? {},
    files: [],
    input: '',
    simulation,
    node,
    fileAt: () => undefined,
    stdout: out.stdout,
    stderr: out.stderr,
  });
}
