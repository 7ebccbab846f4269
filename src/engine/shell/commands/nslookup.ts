/** `kube-playground nslookup NAME --from POD FILE...`: a lookup through the pod's search list. */
import { askerFor, computeDnsServer, computePodResolvConf, renderNslookup } from '../../coredns';
import type { Command } from '../command';

export const nslookup: Command = {
  name: 'nslookup',
  usage: 'nslookup NAME --from POD FILE...',
  summary:
    'Resolves NAME from a pod, through its resolv.conf and search list, as nslookup prints it.',
  operands: { min: 1, max: 1 },
  flags: [
    {
      name: 'from',
      takesValue: true,
      description: 'the pod the lookup runs in (NAME in -n NAMESPACE, or NAMESPACE/NAME)',
    },
  ],
  run(context) {
    const [name = ''] = context.operands;
    const from = context.flags.from;
    if (typeof from !== 'string' || from === '') {
      context.stderr('error: --from POD is required\n');
      return 2;
    }
    const slash = from.indexOf('/');
    const namespace = slash === -1 ? context.options.namespace : from.slice(0, slash);
    const podName = slash === -1 ? from : from.slice(slash + 1);
    const { cluster } = context.simulation;
    const pod = cluster.pods.find(
      (p) => p.metadata.name === podName && (p.metadata.namespace ?? 'default') === namespace,
    );
    if (!pod) {
      context.stderr(`Error from server (NotFound): pods "${podName}" not found\n`);
      return 1;
    }
    const server = computeDnsServer(cluster);
    const conf = computePodResolvConf(pod, cluster.settings);
    const result = renderNslookup(name, conf, askerFor(server, cluster, conf));
    context.stdout(result.text);
    return result.exitCode;
  },
};
