/** `kube-playground get RESOURCE [NAME...] [-o wide|yaml|json|name] FILE...`: kubectl get's output. */
import { renderGet } from '../../kubectl';
import type { Command } from '../command';

export const get: Command = {
  name: 'get',
  usage: 'get RESOURCE [NAME] [-o wide|yaml|json|name] FILE...',
  summary:
    'Prints kubectl get for pods, services, endpoints, endpointslices, nodes, deployments, replicasets.',
  operands: { min: 1, max: 20 },
  outputs: ['wide', 'yaml', 'json', 'name'],
  run(context) {
    const { options } = context;
    const output = options.output as 'wide' | 'yaml' | 'json' | 'name' | undefined;
    const result = renderGet(context.simulation.cluster, {
      args: context.operands,
      namespace: options.namespace,
      allNamespaces: options.allNamespaces,
      output,
      order: options.admitted ? 'given' : 'storage',
    });
    if (result.warnings) context.stderr(result.warnings);
    context.stdout(result.stdout);
    context.stderr(result.stderr);
    return result.exitCode;
  },
};
