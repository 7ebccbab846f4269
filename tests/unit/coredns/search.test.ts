import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import {
  computeDnsServer,
  computeNameLookup,
  renderNslookup,
  askerFor,
  computePodResolvConf,
} from '../../../src/engine/coredns';

const yaml = `
apiVersion: v1
kind: Namespace
metadata: { name: default }
---
apiVersion: v1
kind: Namespace
metadata: { name: prod }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: prod }
spec: { type: ClusterIP, clusterIP: 10.96.0.50, ports: [{ name: http, port: 80, protocol: TCP }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: default }
spec: { dnsPolicy: ClusterFirst }
status: { podIP: 10.244.1.5 }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: prod }
spec: { dnsPolicy: ClusterFirst }
status: { podIP: 10.244.2.5 }
`;

const { cluster } = simulate(yaml, { admitted: true });
const server = computeDnsServer(cluster);
const podIn = (namespace: string) => {
  const pod = cluster.pods.find((p) => p.metadata.namespace === namespace);
  if (!pod) throw new Error(namespace);
  return pod;
};
const trail = (namespace: string, name: string) =>
  computeNameLookup(server, cluster, podIn(namespace), name).steps.map(
    (s) => `${s.name} ${s.outcome}`,
  );

describe('a lookup through the search list', () => {
  it('answers a short name from the first search domain in the same namespace', () => {
    expect(trail('prod', 'web')).toEqual(['web.prod.svc.cluster.local. answer']);
  });

  it('tries the namespace domain first for <service>.<namespace>', () => {
    expect(trail('default', 'web.prod')).toEqual([
      'web.prod.default.svc.cluster.local. NXDOMAIN',
      'web.prod.svc.cluster.local. answer',
    ]);
  });

  it('walks the whole search list before trying a name with fewer than ndots dots as is', () => {
    expect(trail('default', 'web.prod.svc.cluster.local')).toEqual([
      'web.prod.svc.cluster.local.default.svc.cluster.local. NXDOMAIN',
      'web.prod.svc.cluster.local.svc.cluster.local. NXDOMAIN',
      'web.prod.svc.cluster.local.cluster.local. NXDOMAIN',
      'web.prod.svc.cluster.local. answer',
    ]);
    expect(trail('default', 'web.prod.svc.cluster.local.')).toEqual([
      'web.prod.svc.cluster.local. answer',
    ]);
  });

  it('goes on past NODATA, and leaves names outside the cluster to the upstream resolver', () => {
    // `web.svc.cluster.local` would be namespace "web": it does not exist, so NXDOMAIN.
    expect(trail('default', 'web')).toEqual([
      'web.default.svc.cluster.local. NXDOMAIN',
      'web.svc.cluster.local. NXDOMAIN',
      'web.cluster.local. NXDOMAIN',
      'web. not simulated',
    ]);
    expect(trail('default', 'prod')[1]).toBe('prod.svc.cluster.local. NODATA');
  });

  it('returns the addresses of the answering question', () => {
    const lookup = computeNameLookup(server, cluster, podIn('default'), 'web.prod');
    expect(lookup.answeredBy).toBe(1);
    expect(lookup.addresses).toEqual(['10.96.0.50']);
    expect(lookup.nameserver).toBe('10.96.0.10');
  });

  it('prints what nslookup prints', () => {
    const conf = computePodResolvConf(podIn('default'), cluster.settings);
    const result = renderNslookup('web.prod', conf, askerFor(server, cluster, conf));
    expect(result.text).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.prod.svc.cluster.local\nAddress: 10.96.0.50\n\n',
    );
    expect(result.exitCode).toBe(0);
  });
});
