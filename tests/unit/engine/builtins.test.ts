import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';

describe("a fresh kubeadm cluster's built-in objects", () => {
  it('are replaced by an object of the same key in the input, not updated by it', () => {
    const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
spec:
  replicas: 1
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      containers:
      - name: coredns
        image: registry.k8s.io/coredns/coredns:v1.12.0
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
spec:
  selector:
    k8s-app: kube-dns
  ports:
  - name: dns
    port: 53
    protocol: UDP
`;
    const { cluster } = simulate(input);
    const coredns = cluster.deployments.filter((d) => d.metadata?.name === 'coredns');
    // Created from the input (generation 1), not the built-in updated (generation 2).
    expect(coredns.map((d) => d.metadata?.generation)).toEqual([1]);
    const dns = cluster.services.filter((s) => s.metadata?.name === 'kube-dns');
    expect(dns).toHaveLength(1);
    // Its ClusterIP allocated as for any new Service: not the built-in's tenth address kept.
    expect(dns[0]?.spec?.clusterIP).not.toBe('10.96.0.10');
    expect(dns[0]?.spec?.ports?.map((p) => p.name)).toEqual(['dns']);
  });
});
