/**
 * kubectl's view of each scenario: `kubectl get nodes,pods,services,endpoints,endpointslices -A
 * -o wide` (kubectl-get.txt) and `kubectl get endpoints,endpointslices -A -o yaml` (endpoints.yaml).
 */
import { simulate } from '../../../src/engine';
import { renderGet } from '../../../src/engine/kubectl';
import type { GoldenView } from './index';

export const kubectl: GoldenView = {
  name: 'kubectl',
  render({ name, text }) {
    const { cluster } = simulate(text, { file: `${name}.yaml` });
    const get = (args: string[], output: 'wide' | 'yaml') => {
      const result = renderGet(cluster, { args, namespace: 'default', allNamespaces: true, output });
      return result.stdout + result.stderr;
    };
    return {
      'kubectl-get.txt': get(['nodes,pods,services,endpoints,endpointslices'], 'wide'),
      'endpoints.yaml': get(['endpoints,endpointslices'], 'yaml'),
    };
  },
};
