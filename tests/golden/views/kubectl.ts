/**
 * kubectl's view of each scenario: `kubectl get nodes,pods,services,endpoints,endpointslices -A
 * -o wide` (kubectl-get.txt, as a terminal shows it: the API server's warnings, which kubectl
 * writes to stderr when the response arrives, then the table) and `kubectl get
 * endpoints,endpointslices -A -o yaml` (endpoints.yaml: the YAML on stdout).
 */
import { simulate } from '../../../src/engine';
import { renderGet } from '../../../src/engine/kubectl';
import type { GoldenView } from './index';

export const kubectl: GoldenView = {
  name: 'kubectl',
  render({ name, text }) {
    const { cluster } = simulate(text, { file: `${name}.yaml` });
    const get = (args: string[], output: 'wide' | 'yaml') =>
      renderGet(cluster, { args, namespace: 'default', allNamespaces: true, output });
    const table = get(['nodes,pods,services,endpoints,endpointslices'], 'wide');
    return {
      'kubectl-get.txt': (table.warnings ?? '') + table.stdout + table.stderr,
      'endpoints.yaml': get(['endpoints,endpointslices'], 'yaml').stdout,
    };
  },
};
