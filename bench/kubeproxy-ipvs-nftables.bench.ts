/**
 * IPVS and nftables rule generation for one node at 10,000 Services x 5 endpoints (plus 1,000 for
 * scale). One JSON line per case, medians of several runs. Target: under 1 s each at 10,000.
 */
import { performance } from 'node:perf_hooks';
import { simulate } from '../src/engine';
import { computeIpvsState, renderIpvsadm } from '../src/engine/kubeproxy/ipvs';
import { computeNftablesTable, renderNftTransaction } from '../src/engine/kubeproxy/nftables';
import { generateClusterYaml } from './generate';
import { measure } from './measure';

for (const services of [1000, 10000]) {
  const { cluster } = simulate(generateClusterYaml({ services, replicas: 5, nodes: 10 }), {
    seed: 1,
  });
  const node = cluster.nodes[0]?.metadata?.name ?? 'node-1';
  const runs = services >= 10000 ? 5 : 9;
  const ipvs = measure(runs, 1, () => {
    const t0 = performance.now();
    const state = computeIpvsState(cluster, node, 4);
    const t1 = performance.now();
    renderIpvsadm(state.virtualServers);
    return { generate: t1 - t0, total: performance.now() - t0 };
  });
  console.log(
    JSON.stringify({
      case: `ipvs-${services}-services`,
      ...ipvs,
      targetMs: services >= 10000 ? 1000 : 100,
    }),
  );
  const nft = measure(runs, 1, () => {
    const t0 = performance.now();
    const table = computeNftablesTable(cluster, node, 4);
    const t1 = performance.now();
    renderNftTransaction(table);
    return { generate: t1 - t0, total: performance.now() - t0 };
  });
  console.log(
    JSON.stringify({
      case: `nftables-${services}-services`,
      ...nft,
      targetMs: services >= 10000 ? 1000 : 100,
    }),
  );
}
