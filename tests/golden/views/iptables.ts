/**
 * The iptables view: `iptables-save` of kube-proxy's rules on every node of the scenario (and
 * `ip6tables-save` where the scenario has IPv6 Services).
 */
import { simulate } from '../../../src/engine';
import { computeIptablesSave } from '../../../src/engine/kubeproxy/iptables';
import type { GoldenView } from './index';

export const iptablesView: GoldenView = {
  name: 'iptables',
  render(scenario) {
    const { cluster } = simulate(scenario.text);
    const files: Record<string, string> = {};
    const v4: string[] = [];
    const v6: string[] = [];
    const hasIPv6 = cluster.services.some((s) =>
      (s.spec?.clusterIPs ?? [s.spec?.clusterIP]).some((ip) => ip?.includes(':')),
    );
    for (const node of cluster.nodes) {
      const name = node.metadata?.name ?? '';
      v4.push(`# Node: ${name}\n${computeIptablesSave(cluster, name, 4)}`);
      if (hasIPv6) v6.push(`# Node: ${name}\n${computeIptablesSave(cluster, name, 6)}`);
    }
    files['iptables-save.txt'] = v4.join('\n');
    if (hasIPv6) files['ip6tables-save.txt'] = v6.join('\n');
    return files;
  },
};
