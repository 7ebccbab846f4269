/** `ipvsadm -Ln` on every node of a scenario, as kube-proxy's IPVS mode would program it. */
import { simulate } from '../../../src/engine';
import { computeVirtualServers, renderIpvsadm } from '../../../src/engine/kubeproxy/ipvs';
import type { GoldenView } from './index';

export const ipvs: GoldenView = {
  name: 'ipvs',
  render(scenario) {
    const { cluster } = simulate(scenario.text);
    const files: Record<string, string> = {};
    for (const node of cluster.nodes) {
      const name = node.metadata?.name ?? '';
      files[`ipvsadm-${name}.txt`] = renderIpvsadm(computeVirtualServers(cluster, name));
    }
    return files;
  },
};
