/** kube-proxy's nftables table (`nft -f` lines, ip then ip6) on every node of a scenario. */
import { simulate } from '../../../src/engine';
import { computeNftText } from '../../../src/engine/kubeproxy/nftables';
import type { GoldenView } from './index';

export const nftables: GoldenView = {
  name: 'nftables',
  render(scenario) {
    const { cluster } = simulate(scenario.text);
    const files: Record<string, string> = {};
    for (const node of cluster.nodes) {
      const name = node.metadata?.name ?? '';
      files[`nft-${name}.txt`] = computeNftText(cluster, name);
    }
    return files;
  },
};
