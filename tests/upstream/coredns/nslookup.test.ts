/**
 * `nslookup NAME` in a pod, as BIND's nslookup asks and prints: isc-projects/bind9
 * bin/dig/nslookup.c `printmessage` and `chase_cnamechain` (reference index file id 12829898767,
 * commit 00084dd2e2df1a7e5df7d698f1cee09e72fe877b): after the A answer it asks AAAA, without the
 * search list, for the name the A answer's CNAME chain ends at.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import {
  askerFor,
  computeDnsServer,
  computePodResolvConf,
  renderNslookup,
} from '../../../src/engine/coredns';

const cluster = `
apiVersion: v1
kind: Namespace
metadata: { name: default }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec: { type: ClusterIP, clusterIP: 10.96.0.50, ports: [{ name: http, port: 80, protocol: TCP }] }
---
apiVersion: v1
kind: Service
metadata: { name: alias, namespace: default }
spec: { type: ExternalName, externalName: web.default.svc.cluster.local }
---
apiVersion: v1
kind: Service
metadata: { name: outside, namespace: default }
spec: { type: ExternalName, externalName: example.com }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: default }
spec: { dnsPolicy: ClusterFirst }
status: { podIP: 10.244.1.5 }
`;

describe('nslookup.c printmessage: the AAAA question follows the CNAME chain', () => {
  const { cluster: state } = simulate(cluster, { admitted: true });
  const server = computeDnsServer(state);
  const pod = state.pods[0];
  if (!pod) throw new Error('no pod');
  const conf = computePodResolvConf(pod, state.settings);
  const run = (name: string) => {
    const ask = askerFor(server, state, conf);
    if (!ask) throw new Error('not the cluster DNS');
    const asked: string[] = [];
    const result = renderNslookup(name, conf, (n, type) => {
      asked.push(`${n} ${type}`);
      return ask(n, type);
    });
    return { ...result, asked };
  };

  it('asks AAAA for the Service an in-cluster ExternalName points to', () => {
    const { text, asked } = run('alias');
    expect(asked).toEqual([
      'alias.default.svc.cluster.local. A',
      'web.default.svc.cluster.local. AAAA',
    ]);
    expect(text).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n' +
        'alias.default.svc.cluster.local\tcanonical name = web.default.svc.cluster.local.\n' +
        'Name:\tweb.default.svc.cluster.local\nAddress: 10.96.0.50\n\n',
    );
  });

  it('prints the CNAME to an outside name once (its AAAA goes upstream)', () => {
    const { text, asked } = run('outside');
    expect(asked).toEqual(['outside.default.svc.cluster.local. A', 'example.com. AAAA']);
    expect(text).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n' +
        'outside.default.svc.cluster.local\tcanonical name = example.com.\n\n',
    );
  });
});
