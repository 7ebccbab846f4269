/** `kube-playground describe service NAME FILE...`: kubectl describe's layout. */
import { renderDescribeService } from '../../kubectl';
import type { Command } from '../command';

const serviceNames = new Set(['service', 'services', 'svc']);

export const describe: Command = {
  name: 'describe',
  usage: 'describe service NAME FILE...',
  summary: 'Prints kubectl describe service NAME (ports, target ports, node ports, endpoints).',
  operands: { min: 2, max: 2 },
  run(context) {
    const [type = '', name = ''] = context.operands;
    if (!serviceNames.has(type.toLowerCase())) {
      context.stderr(
        `error: describe is modelled for services only (kube-playground describe service NAME), not "${type}"\n`,
      );
      return 1;
    }
    const result = renderDescribeService(
      context.simulation.cluster,
      context.options.namespace,
      name,
    );
    context.stdout(result.stdout);
    context.stderr(result.stderr);
    return result.exitCode;
  },
};
