/**
 * TestNoEndpointsMetric without the metric: kube-proxy counts a Service in
 * sync_proxy_rules_no_local_endpoints_total{traffic_policy="internal"} exactly when it writes a
 * "has no local endpoints" DROP for its ClusterIP, and in `external` exactly when it writes one
 * for its NodePort (externalTrafficPolicy Local); a Service with no endpoints at all gets REJECT
 * rules and counts in neither. Each case checks those rules against upstream's expected counts,
 * and that every chain a nat rule jumps to is declared (iptables-restore refuses the input
 * otherwise): with both policies Local the port still has its KUBE-SVC chain, for the
 * short-circuit of pod and node traffic (pkg/proxy/serviceport.go UsesClusterEndpoints).
 *
 * Source: see ./source.ts (currentSource).
 */
import { describe, expect, it } from 'vitest';
import {
  noEndpointsCases as cases,
  noEndpointsObjects,
} from '../kubeproxy/noEndpointsMetric.cases';
import { fixtureHeader, iptablesSaveOf } from './harness';

describe('TestNoEndpointsMetric, as rules', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const dump = iptablesSaveOf(`${fixtureHeader()}---\n${noEndpointsObjects(tc)}`);
      const [filterText = '', natText = ''] = dump.split('*nat');
      const filter = filterText.split('\n').filter((l) => l.startsWith('-A '));
      const noLocal = filter.filter(
        (r) => r.includes('"ns1/svc1 has no local endpoints"') && r.endsWith('-j DROP'),
      );
      expect(noLocal.filter((r) => r.startsWith('-A KUBE-SERVICES '))).toHaveLength(tc.internal);
      expect(
        noLocal.filter((r) => r.startsWith('-A KUBE-EXTERNAL-SERVICES ') && r.includes('123')),
      ).toHaveLength(tc.external);
      if (tc.nodes.length === 0) {
        expect(
          filter.filter((r) => r.includes('has no endpoints') && r.endsWith('REJECT')),
        ).toHaveLength(2);
      }
      const nat = natText.split('\n');
      const declared = new Set(
        nat.filter((l) => l.startsWith(':')).map((l) => l.slice(1).split(' ')[0]),
      );
      const targets = nat
        .map((r) => / -j (KUBE-\S+)/.exec(r)?.[1])
        .filter((t): t is string => t !== undefined);
      expect(targets.filter((t) => !declared.has(t))).toEqual([]);
    });
  }
});
