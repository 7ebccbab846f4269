import { describe, expect, it } from 'vitest';
import { createApiServer } from '../../../src/engine/admission';
import { defaultClusterSettings } from '../../../src/engine/settings';
import type { KubeObject, SourcedObject } from '../../../src/engine/model';
import { serviceNamed, serviceYaml, simulate } from './helpers';

describe('kubectl apply semantics', () => {
  it('reports created, then unchanged for the same object, then configured for a change', () => {
    const sim = simulate(
      [
        serviceYaml('web'),
        serviceYaml('web'),
        serviceYaml('web', '\n  sessionAffinity: ClientIP'),
      ].join('---\n'),
    );
    expect(sim.applied.map((r) => r.outcome)).toEqual(['created', 'unchanged', 'configured']);
  });

  it('keeps the allocated clusterIP and nodePort when the new version omits them', () => {
    const first = serviceNamed(simulate(serviceYaml('web', '', 'NodePort')), 'web');
    const sim = simulate(
      [
        serviceYaml('web', '', 'NodePort'),
        serviceYaml('web', '\n  sessionAffinity: ClientIP', 'NodePort'),
      ].join('---\n'),
    );
    const second = serviceNamed(sim, 'web');
    expect(second?.spec?.clusterIP).toBe(first?.spec?.clusterIP);
    expect(second?.spec?.ports?.[0]?.nodePort).toBe(first?.spec?.ports?.[0]?.nodePort);
    expect(second?.spec?.sessionAffinity).toBe('ClientIP');
  });

  it('keeps the earlier version when a later one is rejected', () => {
    const sim = simulate(
      [serviceYaml('web'), serviceYaml('web', '\n  sessionAffinity: Sticky')].join('---\n'),
    );
    expect(sim.applied.map((r) => r.outcome)).toEqual(['created', 'rejected']);
    expect(sim.applied[1]?.error).toBe(
      'The Service "web" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    );
    expect(serviceNamed(sim, 'web')?.spec?.sessionAffinity).toBe('None');
  });

  it('does not store a rejected object, and frees what it had reserved', () => {
    const sim = simulate(
      [
        serviceYaml('bad', '\n    nodePort: 30100\n  - name: x\n    port: 0', 'NodePort'),
        serviceYaml('good', '\n    nodePort: 30100', 'NodePort'),
      ].join('---\n'),
    );
    expect(sim.applied.map((r) => r.outcome)).toEqual(['rejected', 'created']);
    expect(serviceNamed(sim, 'bad')).toBeUndefined();
    expect(serviceNamed(sim, 'good')?.spec?.ports?.[0]?.nodePort).toBe(30100);
  });

  it('creates Namespaces in order and rejects objects in a namespace that does not exist yet', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const inShop = serviceYaml('cart').replace('name: cart', 'name: cart\n  namespace: shop');
    const sim = simulate([inShop, ns, inShop].join('---\n'));
    expect(sim.applied.map((r) => r.outcome)).toEqual(['rejected', 'created', 'created']);
    expect(sim.applied[0]?.error).toBe('Error from server (NotFound): namespaces "shop" not found');
  });

  it('rejects an object in a namespace that does not exist after one in a namespace that does', () => {
    const inShop = serviceYaml('cart').replace('name: cart', 'name: cart\n  namespace: shop');
    const sim = simulate([serviceYaml('web'), inShop, serviceYaml('api')].join('---\n'));
    expect(sim.applied.map((r) => r.outcome)).toEqual(['created', 'rejected', 'created']);
  });

  it("prints kubectl's own error for an object without a name", () => {
    const sim = simulate(
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels: {a: b}\nspec:\n  ports:\n  - port: 80\n',
      {
        file: 'svc.yaml',
      },
    );
    expect(sim.applied[0]?.error).toBe(
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=services", GroupVersionKind: "/v1, Kind=Service"\nName: "", Namespace: "default"\nfrom server for: "svc.yaml": resource name may not be empty',
    );
  });

  it('returns the v1 Endpoints deprecation warning', () => {
    const sim = simulate(
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: db\nsubsets:\n- addresses:\n  - ip: 192.168.1.50\n  ports:\n  - port: 5432\n',
    );
    expect(sim.applied[0]?.warnings).toEqual([
      'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
    ]);
  });

  it('reports a JSON type error as kubectl shows the BadRequest', () => {
    const sim = simulate(serviceYaml('web').replace('port: 80', 'port: "80"'), {
      file: 'web.yaml',
    });
    expect(sim.applied[0]?.error).toBe(
      'Error from server (BadRequest): error when creating "web.yaml": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    );
  });

  it('fills metadata from the order of the input, not the clock', () => {
    const a = simulate(serviceYaml('web'));
    const b = simulate(serviceYaml('web'));
    const meta = serviceNamed(a, 'web')?.metadata;
    expect(meta?.uid).toBe(serviceNamed(b, 'web')?.metadata.uid);
    expect(meta?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(meta?.creationTimestamp).toMatch(/^2025-01-01T00:00:\d\dZ$/);
    expect(meta?.resourceVersion).toMatch(/^\d+$/);
  });

  it('points each field error at its line and column', () => {
    const sim = simulate(serviceYaml('web', '\n    nodePort: 80', 'NodePort'));
    const d = sim.diagnostics.find((x) => x.source === 'api-server');
    expect(d).toMatchObject({
      severity: 'error',
      path: 'spec.ports[0].nodePort',
      line: 13,
      column: 15,
      object: 'Service/default/web',
      message:
        'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    });
  });
});

describe('allocation', () => {
  it('allocates from the dynamic upper band of the service CIDR and of the NodePort range', () => {
    const spec = serviceNamed(simulate(serviceYaml('web', '', 'NodePort')), 'web')?.spec;
    const [a, b, c, d] = (spec?.clusterIP ?? '').split('.').map(Number);
    expect(a).toBe(10);
    const offset = (((b ?? 0) - 96) << 16) + ((c ?? 0) << 8) + (d ?? 0);
    expect(offset).toBeGreaterThanOrEqual(257);
    expect(spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30086);
  });

  it("keeps a Service's ClusterIP and NodePort when other Services are added or removed", () => {
    const alone = serviceNamed(simulate(serviceYaml('web', '', 'NodePort')), 'web');
    const crowd = Array.from({ length: 50 }, (_, i) => serviceYaml(`other-${i}`, '', 'NodePort'));
    const withOthers = serviceNamed(
      simulate([...crowd, serviceYaml('web', '', 'NodePort')].join('---\n')),
      'web',
    );
    expect(withOthers?.spec?.clusterIP).toBe(alone?.spec?.clusterIP);
    expect(withOthers?.spec?.ports?.[0]?.nodePort).toBe(alone?.spec?.ports?.[0]?.nodePort);
  });

  it('gives every Service its own ClusterIP and NodePort', () => {
    const sim = simulate(
      Array.from({ length: 300 }, (_, i) => serviceYaml(`s-${i}`, '', 'NodePort')).join('---\n'),
    );
    const ips = sim.cluster.services.map((s) => s.spec?.clusterIP);
    const ports = sim.cluster.services
      .flatMap((s) => (s.spec?.ports ?? []).map((p) => p.nodePort))
      .filter(Boolean);
    expect(new Set(ips).size).toBe(ips.length);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('allocates a healthCheckNodePort for a LoadBalancer with externalTrafficPolicy Local', () => {
    const spec = serviceNamed(
      simulate(serviceYaml('lb', '\n  externalTrafficPolicy: Local', 'LoadBalancer')),
      'lb',
    )?.spec;
    expect(spec?.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(spec?.healthCheckNodePort).not.toBe(spec?.ports?.[0]?.nodePort);
  });

  it('allocates no NodePorts when allocateLoadBalancerNodePorts is false', () => {
    const spec = serviceNamed(
      simulate(serviceYaml('lb', '\n  allocateLoadBalancerNodePorts: false', 'LoadBalancer')),
      'lb',
    )?.spec;
    expect(spec?.ports?.[0]?.nodePort).toBeUndefined();
  });

  it('admits 10,000 Services and 10,000 Deployments in linear time', () => {
    const objects: SourcedObject[] = [];
    for (let i = 0; i < 10000; i++) {
      const labels = { app: `app-${i}` };
      const service: KubeObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${i}`, namespace: 'default' },
        spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      };
      const deployment: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app-${i}`, namespace: 'default' },
        spec: {
          replicas: 5,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }],
            },
          },
        },
      };
      objects.push({ object: service, order: 2 * i, locate: () => undefined });
      objects.push({ object: deployment, order: 2 * i + 1, locate: () => undefined });
    }
    const api = createApiServer(defaultClusterSettings);
    api.apply(
      {
        object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
        order: -1,
        locate: () => undefined,
      },
      { builtIn: true },
    );
    const start = performance.now();
    for (const o of objects) api.apply(o);
    const elapsed = performance.now() - start;
    expect(api.stored().length).toBe(20001);
    // A quadratic scan over stored objects would take minutes here; the absolute budget is
    // measured by `npm run bench` on an idle machine, this bound only has to survive a busy one.
    expect(elapsed).toBeLessThan(5000);
  });
});
