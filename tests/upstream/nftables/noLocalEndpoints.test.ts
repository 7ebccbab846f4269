/**
 * TestNoEndpointsMetric of kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at commit
 * 81810de635aa13aa0a32992f6def3aa9d6025ebc, without the metric: the proxier counts a Service
 * in sync_proxy_rules_no_local_endpoints_total{traffic_policy="internal"} exactly when it gives
 * its ClusterIP a `drop` verdict (internalTrafficPolicy Local, endpoints elsewhere only), and in
 * `external` exactly when it gives its NodePort one (externalTrafficPolicy Local). A Service with
 * no endpoints at all is rejected instead and counted in neither. Each case checks that the
 * table holds as many `drop` elements as upstream's expected counts, and that every chain a
 * rule or verdict map sends to exists (nft refuses the transaction otherwise): with both
 * policies Local the port still uses its cluster-wide chain, for the short-circuit of pod and
 * node traffic (pkg/proxy/serviceport.go UsesClusterEndpoints).
 */
import { describe, expect, it } from 'vitest';
import {
  noEndpointsCases as cases,
  noEndpointsObjects as objects,
} from '../kubeproxy/noEndpointsMetric.cases';
import { tableFor, upstreamCommit } from './helpers';

describe(`nftables TestNoEndpointsMetric, as table contents (kubernetes@${upstreamCommit.slice(0, 12)})`, () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const table = tableFor(objects(tc));
      const verdicts = (map: string) =>
        (table.maps.get(map)?.elements ?? []).map(
          (e) => `${e.key.join(' . ')} : ${e.value?.join(' ')}`,
        );
      const services = verdicts('no-endpoint-services');
      const nodePorts = verdicts('no-endpoint-nodeports');
      expect(services.filter((v) => v === '172.30.1.1 . tcp . 80 : drop')).toHaveLength(
        tc.internal,
      );
      expect(nodePorts.filter((v) => v === 'tcp . 123 : drop')).toHaveLength(tc.external);
      const targets = new Set<string>();
      const collect = (text: string) => {
        for (const m of text.matchAll(/(?:goto|jump) (\S+)/g)) targets.add(m[1] ?? '');
      };
      for (const chain of table.chains.values()) for (const r of chain.rules) collect(r.rule);
      for (const map of table.maps.values())
        for (const e of map.elements) collect(e.value?.join(' ') ?? '');
      expect([...targets].filter((t) => !table.chains.has(t))).toEqual([]);
      if (tc.nodes.length === 0) {
        expect(services).toEqual(['172.30.1.1 . tcp . 80 : goto reject-chain']);
        expect(nodePorts).toEqual(['tcp . 123 : goto reject-chain']);
      }
    });
  }
});
