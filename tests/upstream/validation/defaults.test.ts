/**
 * Defaulting cases from upstream's pkg/apis/core/v1/defaults_test.go (kubernetes/kubernetes at
 * commit b0d609f08083d7a8aa3426540d6d5f9090944906): TestSetDefaultPodSpecHostNetwork,
 * TestSetDefaultProbe, the Probe and LifeCycle cases of TestSetDefaultReplicationControllerInitContainers,
 * TestSetDefaultObjectFieldSelectorAPIVersion, TestSetDefaultRequestsPod,
 * TestDefaultRequestIsNotSetForReplicationController, TestSetDefaultConfigMapVolumeSource (and its
 * secret, downwardAPI and projected siblings), TestSetDefaultHostPathVolumeSource,
 * TestSetDefaultServicePort and TestSetDefaultServiceExternalTraffic; applied as YAML, read back
 * from what the API server stores. Host ports are defaulted in Pods only since Kubernetes 1.28
 * (feature gate DefaultHostNetworkHostPortsInPodTemplates, off by default, removed in 1.31).
 */
import { describe, expect, it } from 'vitest';
import type { Container, Deployment, KubeObject, Pod, Service } from '../../../src/engine/model';
import { run } from './fixtures';

function pod(spec: NonNullable<Pod['spec']>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

function deployment(spec: NonNullable<Pod['spec']>): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec },
    },
  };
}

const storedPod = (objects: KubeObject[], name = 'p') =>
  run(objects).cluster.pods.find((p) => p.metadata.name === name);

const deploymentD = (sim: ReturnType<typeof run>) =>
  sim.cluster.deployments.find((d) => d.metadata.name === 'd');

const container = (fields: Record<string, unknown>): Container => ({
  name: 'c',
  image: 'image',
  ...fields,
});

describe('Pod defaulting (pkg/apis/core/v1/defaults.go)', () => {
  it('TestSetDefaultPodSpecHostNetwork: a hostNetwork Pod gets hostPort = containerPort, init containers too', () => {
    const p = storedPod([
      pod({
        hostNetwork: true,
        containers: [container({ ports: [{ containerPort: 8080 }] })],
        initContainers: [container({ name: 'i', ports: [{ containerPort: 8080 }] })],
      }),
    ]);
    expect(p?.spec?.containers?.[0]?.ports?.[0]?.hostPort).toBe(8080);
    expect(p?.spec?.initContainers?.[0]?.ports?.[0]?.hostPort).toBe(8080);
  });

  it("leaves a Deployment template's hostPort unset, and gives it to the pods made from it", () => {
    const sim = run([
      deployment({
        hostNetwork: true,
        containers: [container({ ports: [{ containerPort: 8080 }] })],
      }),
    ]);
    const template = deploymentD(sim)?.spec?.template?.spec;
    expect(template?.containers?.[0]?.ports?.[0]?.hostPort).toBeUndefined();
    const made = sim.cluster.pods.find((p) => p.metadata.name?.startsWith('d-'));
    expect(made?.spec?.containers?.[0]?.ports?.[0]?.hostPort).toBe(8080);
  });

  it('TestSetDefaultProbe: timeout 1, period 10, success 1, failure 3; an HTTP GET on / over HTTP', () => {
    const p = storedPod([
      pod({
        containers: [container({ livenessProbe: {}, readinessProbe: { httpGet: { port: 80 } } })],
      }),
    ]);
    const c = p?.spec?.containers?.[0];
    expect(c?.livenessProbe).toEqual({
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c?.readinessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('LifeCycle: postStart and preStop HTTP GETs on / over HTTP, in templates too', () => {
    const sim = run([
      deployment({
        containers: [
          container({
            lifecycle: {
              postStart: { httpGet: { host: 'localhost', port: 80 } },
              preStop: { httpGet: { host: 'localhost', port: 80 } },
            },
          }),
        ],
      }),
    ]);
    expect(deploymentD(sim)?.spec?.template?.spec?.containers?.[0]?.lifecycle).toEqual({
      postStart: { httpGet: { host: 'localhost', port: 80, path: '/', scheme: 'HTTP' } },
      preStop: { httpGet: { host: 'localhost', port: 80, path: '/', scheme: 'HTTP' } },
    });
  });

  it('TestSetDefaultObjectFieldSelectorAPIVersion: an env fieldRef reads v1', () => {
    const p = storedPod([
      pod({
        containers: [
          container({
            env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          }),
        ],
      }),
    ]);
    expect(p?.spec?.containers?.[0]?.env).toEqual([
      { name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } },
    ]);
  });

  it('TestSetDefaultRequestsPod: limits stand for missing requests, a request of 0 is kept', () => {
    const p = storedPod([
      pod({
        containers: [
          container({
            resources: { requests: { memory: '0' }, limits: { cpu: '100m', memory: '1Gi' } },
          }),
        ],
      }),
    ]);
    expect(p?.spec?.containers?.[0]?.resources).toEqual({
      requests: { memory: '0', cpu: '100m' },
      limits: { cpu: '100m', memory: '1Gi' },
    });
  });

  it("TestDefaultRequestIsNotSetForReplicationController: a template's requests are left alone, its pods get them", () => {
    const sim = run([
      deployment({ containers: [container({ resources: { limits: { cpu: '100m' } } })] }),
    ]);
    expect(deploymentD(sim)?.spec?.template?.spec?.containers?.[0]?.resources).toEqual({
      limits: { cpu: '100m' },
    });
    const made = sim.cluster.pods.find((p) => p.metadata.name?.startsWith('d-'));
    expect(made?.spec?.containers?.[0]?.resources).toEqual({
      limits: { cpu: '100m' },
      requests: { cpu: '100m' },
    });
  });

  it('volume sources: defaultMode 420 for configMap, secret, downwardAPI and projected; hostPath type ""; emptyDir when none', () => {
    const p = storedPod([
      pod({
        containers: [container({})],
        volumes: [
          { name: 'a', configMap: { name: 'x' } },
          { name: 'b', secret: { secretName: 'x' } },
          {
            name: 'c',
            downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] },
          },
          { name: 'd', projected: { sources: [] } },
          { name: 'e', hostPath: { path: 'foo' } },
          { name: 'f' },
        ],
      }),
    ]);
    expect(p?.spec?.volumes).toEqual([
      { name: 'a', configMap: { name: 'x', defaultMode: 420 } },
      { name: 'b', secret: { secretName: 'x', defaultMode: 420 } },
      {
        name: 'c',
        downwardAPI: {
          items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }],
          defaultMode: 420,
        },
      },
      { name: 'd', projected: { sources: [], defaultMode: 420 } },
      { name: 'e', hostPath: { path: 'foo', type: '' } },
      { name: 'f', emptyDir: {} },
    ]);
  });
});

describe('Service defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service)', () => {
  const service = (spec: NonNullable<Service['spec']>): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec,
  });
  const stored = (spec: NonNullable<Service['spec']>) =>
    run([service(spec)]).cluster.services.find((s) => s.metadata.name === 's')?.spec;

  it('TestSetDefaultServicePort: protocol and a targetPort that is set are kept', () => {
    const spec = stored({
      ports: [
        { name: 'a', protocol: 'UDP', port: 9376, targetPort: 'p' },
        { name: 'b', protocol: 'UDP', port: 8675, targetPort: 309 },
      ],
    });
    expect(spec?.ports).toEqual([
      { name: 'a', protocol: 'UDP', port: 9376, targetPort: 'p' },
      { name: 'b', protocol: 'UDP', port: 8675, targetPort: 309 },
    ]);
  });

  it('TestSetDefaultServicePort: an empty protocol is TCP, an empty or 0 targetPort is the port', () => {
    const spec = stored({
      ports: [
        { name: 'a', port: 9376, targetPort: '' },
        { name: 'b', port: 8675, targetPort: 0 },
      ],
    });
    expect(spec?.ports).toEqual([
      { name: 'a', port: 9376, targetPort: 9376, protocol: 'TCP' },
      { name: 'b', port: 8675, targetPort: 8675, protocol: 'TCP' },
    ]);
  });

  it('TestSetDefaultServiceExternalTraffic: Cluster for NodePort, LoadBalancer and ClusterIP with externalIPs only', () => {
    expect(stored({ type: 'NodePort', ports: [{ port: 80 }] })?.externalTrafficPolicy).toBe(
      'Cluster',
    );
    expect(stored({ type: 'LoadBalancer', ports: [{ port: 80 }] })?.externalTrafficPolicy).toBe(
      'Cluster',
    );
    expect(
      stored({ type: 'ClusterIP', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] })
        ?.externalTrafficPolicy,
    ).toBe('Cluster');
    expect(
      stored({ type: 'ClusterIP', ports: [{ port: 80 }] })?.externalTrafficPolicy,
    ).toBeUndefined();
    expect(
      stored({ type: 'ExternalName', externalName: 'example.com' })?.externalTrafficPolicy,
    ).toBeUndefined();
  });
});
