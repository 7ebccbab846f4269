import { readFileSync } from 'node:fs';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  cordon,
  deletePod,
  drain,
  replicasOf,
  scalableOf,
  scale,
  setExternalTrafficPolicy,
  setPodReady,
  setProxyMode,
  uncordon,
  type ClusterView,
} from '../../../src/state/edits/whatIf';
import type { NodeSummary, PodSummary, ServiceSummary } from '../../../src/worker/protocol';

const myWebapp = readFileSync('src/scenarios/my-webapp.yaml', 'utf8');
const webService = readFileSync('src/scenarios/web-service.yaml', 'utf8');

const pod = (name: string, nodeName: string, extra: Partial<PodSummary> = {}): PodSummary => ({
  key: `default/${name}`,
  namespace: 'default',
  name,
  labels: { app: 'my-webapp', 'pod-template-hash': '7b4dfd868b' },
  nodeName,
  podIPs: ['10.244.0.3'],
  ready: true,
  terminating: false,
  owner: 'ReplicaSet/my-webapp-7b4dfd868b',
  ...extra,
});

const node = (name: string, ip: string, cidr: string): NodeSummary => ({
  name,
  internalIPs: [ip],
  podCIDRs: [cidr],
  unschedulable: false,
  ready: true,
});

const node1 = node('node-1', '192.168.1.11', '10.244.0.0/24');
const nodes = [
  node1,
  node('node-2', '192.168.1.12', '10.244.1.0/24'),
  node('node-3', '192.168.1.13', '10.244.2.0/24'),
];

type Doc = {
  kind?: string;
  metadata?: Record<string, unknown>;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  mode?: string;
};
const docs = (text: string) => loadAll(text) as Doc[];
const last = (text: string) => docs(text).at(-1) as Doc;

function ok(outcome: ReturnType<typeof deletePod>): { text: string; message: string } {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

describe('deletePod', () => {
  const victim = pod('my-webapp-7b4dfd868b-4d6kp', 'node-1');

  it('writes the pod as Terminating, with the labels its ReplicaSet adopts and its template', () => {
    const { text, message } = ok(deletePod(myWebapp, victim));
    expect(text.startsWith(myWebapp)).toBe(true);
    const written = last(text);
    expect(written).toMatchObject({
      kind: 'Pod',
      metadata: {
        name: victim.name,
        labels: victim.labels,
        deletionTimestamp: '2025-01-11T12:00:30Z',
        deletionGracePeriodSeconds: 30,
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:latest' }] },
      status: { phase: 'Running', podIP: '10.244.0.3' },
    });
    expect(written.metadata).not.toHaveProperty('ownerReferences');
    expect(message).toContain('ReplicaSet my-webapp-7b4dfd868b creates a replacement');
  });

  it('marks an already written pod instead of writing it twice', () => {
    const once = ok(setPodReady(myWebapp, victim, false)).text;
    const twice = ok(deletePod(once, victim)).text;
    expect(docs(twice).filter((d) => d.kind === 'Pod')).toHaveLength(1);
    expect(last(twice).metadata?.deletionTimestamp).toBe('2025-01-11T12:00:30Z');
  });

  it('removes a pod without a controller from the text', () => {
    const bare: PodSummary = { ...pod('web-pod', 'node-1') };
    delete bare.owner;
    const { text } = ok(deletePod(webService, bare));
    expect(docs(text).map((d) => d.kind)).toEqual(['Service']);
    expect(text).toContain('# title: A Pod behind a NodePort Service');
  });

  it('refuses a pod of a built-in Deployment', () => {
    const dns = pod('coredns-1', 'node-1', {
      namespace: 'kube-system',
      owner: 'ReplicaSet/coredns-7f676b4557',
    });
    expect(deletePod(myWebapp, dns).ok).toBe(false);
  });
});

describe('setPodReady', () => {
  it('writes Ready=False, and back to True on the same document', () => {
    const victim = pod('my-webapp-7b4dfd868b-4d6kp', 'node-1');
    const notReady = ok(setPodReady(myWebapp, victim, false)).text;
    expect(last(notReady).status?.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
    const ready = ok(setPodReady(notReady, { ...victim, ready: false }, true)).text;
    expect(last(ready).status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(docs(ready)).toHaveLength(docs(myWebapp).length + 1);
  });

  it('keeps a written pod’s IP when it gives status for the first time', () => {
    const out = ok(
      setPodReady(webService, pod('web-pod', 'node-2', { podIPs: ['10.244.1.2'] }), false),
    ).text;
    const written = docs(out).find((d) => d.kind === 'Pod');
    expect(written?.status).toEqual({
      phase: 'Running',
      podIP: '10.244.1.2',
      conditions: [{ type: 'Ready', status: 'False' }],
    });
    expect(out).toContain('# title: A Pod behind a NodePort Service');
  });
});

describe('scale', () => {
  it('changes spec.replicas of the Deployment and nothing else', () => {
    const found = scalableOf(myWebapp, pod('my-webapp-7b4dfd868b-4d6kp', 'node-1'));
    if (!found) throw new Error('no Deployment found');
    expect(replicasOf(found)).toBe(3);
    const { text, message } = ok(scale(myWebapp, found, 5));
    expect(text).toBe(myWebapp.replace('replicas: 3', 'replicas: 5'));
    expect(message).toBe('deployment.apps/my-webapp scaled to 5');
  });
});

describe('cordon and drain', () => {
  const cluster: ClusterView = {
    nodes,
    defaultNodes: true,
    pods: [
      pod('my-webapp-7b4dfd868b-4d6kp', 'node-1'),
      pod('my-webapp-7b4dfd868b-72lnr', 'node-3'),
    ],
  };

  it('writes the assumed nodes, sets unschedulable, and keeps the node’s pods where they run', () => {
    const { text, message } = ok(cordon(myWebapp, node1, cluster));
    const all = docs(text);
    expect(all.filter((d) => d.kind === 'Node').map((d) => d.metadata?.name)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
    expect(all.find((d) => d.metadata?.name === 'node-1')?.spec).toEqual({
      podCIDR: '10.244.0.0/24',
      unschedulable: true,
    });
    const pinned = all.filter((d) => d.kind === 'Pod');
    expect(pinned.map((p) => [p.metadata?.name, p.spec?.nodeName])).toEqual([
      ['my-webapp-7b4dfd868b-4d6kp', 'node-1'],
    ]);
    expect(message).toBe('node/node-1 cordoned');
    const back = ok(uncordon(text, node1)).text;
    expect(docs(back).find((d) => d.metadata?.name === 'node-1')?.spec).toEqual({
      podCIDR: '10.244.0.0/24',
    });
  });

  it('drains: the node’s pods are evicted (Terminating) and the node cordoned', () => {
    const { text, message } = ok(drain(myWebapp, node1, cluster));
    const evicted = docs(text).filter((d) => d.kind === 'Pod');
    expect(evicted).toHaveLength(1);
    expect(evicted[0]?.metadata?.deletionTimestamp).toBe('2025-01-11T12:00:30Z');
    expect(message).toBe(
      'node/node-1 cordoned; pod/my-webapp-7b4dfd868b-4d6kp evicted; node/node-1 drained',
    );
  });

  it('refuses to evict a pod that declares no controller, as kubectl drain does', () => {
    const bare: PodSummary = { ...pod('web-pod', 'node-1'), labels: { app: 'web-app' } };
    delete bare.owner;
    const { text, message } = ok(drain(webService, node1, { ...cluster, pods: [bare] }));
    expect(message).toContain(
      'cannot delete Pods that declare no controller (use --force to override): default/web-pod',
    );
    expect(docs(text).find((d) => d.kind === 'Pod')?.spec?.nodeName).toBe('node-1');
  });
});

describe('Service and kube-proxy settings', () => {
  const service: ServiceSummary = {
    key: 'default/my-webapp-nodeport',
    namespace: 'default',
    name: 'my-webapp-nodeport',
    type: 'NodePort',
    clusterIPs: [],
    clusterIP: '10.96.0.10',
    externalIPs: [],
    loadBalancerIngress: [],
    ipFamilies: ['IPv4'],
    ports: [],
    endpoints: [],
  };

  it('switches externalTrafficPolicy, keeping the comments of the ports', () => {
    const { text } = ok(setExternalTrafficPolicy(myWebapp, service, 'Local'));
    expect(text).toContain('  externalTrafficPolicy: Local\n');
    expect(text).toContain('nodePort: 30080 # The static port exposed on each Node');
    const again = ok(setExternalTrafficPolicy(text, service, 'Cluster')).text;
    expect(again).toBe(
      text.replace('externalTrafficPolicy: Local', 'externalTrafficPolicy: Cluster'),
    );
  });

  it('refuses externalTrafficPolicy on a ClusterIP Service', () => {
    expect(setExternalTrafficPolicy(myWebapp, { ...service, type: 'ClusterIP' }, 'Local').ok).toBe(
      false,
    );
  });

  it('adds a KubeProxyConfiguration, then edits its mode', () => {
    const added = ok(setProxyMode(myWebapp, 'ipvs')).text;
    expect(last(added)).toEqual({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      mode: 'ipvs',
    });
    const edited = ok(setProxyMode(added, 'nftables')).text;
    expect(edited).toBe(added.replace('mode: ipvs', 'mode: nftables'));
    expect(load(edited.split('---').at(-1) ?? '')).toMatchObject({ mode: 'nftables' });
  });
});
