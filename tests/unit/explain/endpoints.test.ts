import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { computeEndpointExplanation, computeLabelMismatches } from '../../../src/engine/explain';
import type { PodEndpointExplanation } from '../../../src/engine/explain';

interface PodOptions {
  labels?: string;
  ports?: string;
  status?: string;
  meta?: string;
  spec?: string;
}

const pod = (name: string, o: PodOptions = {}) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${o.labels ?? '    app: web\n'}${o.meta ?? ''}spec:
${o.spec ?? ''}  containers:
  - name: c
    image: nginx
    ports:
${o.ports ?? '    - name: http\n      containerPort: 8080\n'}${o.status ? `status:\n${o.status}` : ''}`;

const service = (
  ports = '  - name: web\n    port: 80\n    targetPort: http\n',
  extra = '',
) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${extra}  selector:
    app: web
  ports:
${ports}`;

const notReadyStatus = `  phase: Running
  podIP: 10.244.0.50
  conditions:
  - type: Ready
    status: "False"
    reason: ContainersNotReady
    message: "containers with unready status: [c]"
`;

function explain(...documents: string[]): PodEndpointExplanation[] {
  const sim = simulate(documents.join('---\n'));
  const explanation = computeEndpointExplanation(sim.cluster, 'default', 'web');
  if (!explanation) throw new Error('no Service web');
  return explanation.pods;
}

function one(pods: PodEndpointExplanation[], name: string): PodEndpointExplanation {
  const found = pods.find((p) => p.pod === `default/${name}`);
  if (!found) throw new Error(`no pod ${name}`);
  return found;
}

const codes = (p: PodEndpointExplanation) => p.reasons.map((r) => r.code);

describe('computeEndpointExplanation', () => {
  it('explains a ready selected pod as an endpoint in both Endpoints and EndpointSlice', () => {
    const p = one(explain(service(), pod('a')), 'a');
    expect(p).toMatchObject({ selected: true, endpoints: 'ready', endpointSlice: 'ready' });
    expect(codes(p)).toEqual(['selected']);
  });

  it('names the label key and value that do not match', () => {
    const pods = explain(
      service(),
      pod('other', { labels: '    app: api\n' }),
      pod('bare', { labels: '    tier: x\n' }),
    );
    const other = one(pods, 'other');
    expect(other).toMatchObject({ selected: false, endpoints: 'absent', endpointSlice: 'absent' });
    expect(other.reasons[0]?.message).toContain('app=api');
    expect(other.reasons[0]?.message).toContain('app=web');
    expect(one(pods, 'bare').reasons[0]?.message).toContain('has no label app');
  });

  it('says which condition makes a pod not ready, and that it is listed as not ready', () => {
    const p = one(explain(service(), pod('slow', { status: notReadyStatus })), 'slow');
    expect(p).toMatchObject({ endpoints: 'not-ready', endpointSlice: 'not-ready' });
    expect(codes(p)).toEqual(['not-ready']);
    expect(p.reasons[0]?.message).toContain('Ready is False (ContainersNotReady');
  });

  it('lists a not-ready pod as ready under publishNotReadyAddresses', () => {
    const pods = explain(
      service(undefined, '  publishNotReadyAddresses: true\n'),
      pod('slow', { status: notReadyStatus }),
    );
    const p = one(pods, 'slow');
    expect(p).toMatchObject({ endpoints: 'ready', endpointSlice: 'ready' });
    expect(codes(p)).toEqual(['not-ready', 'publish-not-ready']);
  });

  it('follows each controller for a named targetPort the pod lacks', () => {
    const pods = explain(service(), pod('noport', { ports: '    - containerPort: 8080\n' }));
    const p = one(pods, 'noport');
    // Endpoints leaves the pod out; the EndpointSlice keeps it in a slice without ports.
    expect(p).toMatchObject({ endpoints: 'absent', endpointSlice: 'ready', missingPorts: ['web'] });
    expect(codes(p)).toEqual(['named-port-missing']);
    expect(p.reasons[0]?.message).toContain('slice without ports');
  });

  it('keeps a pod for the ports it resolves when only one named port is missing', () => {
    const ports =
      '  - name: web\n    port: 80\n    targetPort: http\n  - name: admin\n    port: 81\n    targetPort: admin\n';
    const p = one(explain(service(ports), pod('a')), 'a');
    expect(p).toMatchObject({
      endpoints: 'ready',
      endpointSlice: 'ready',
      missingPorts: ['admin'],
    });
    expect(p.reasons[0]?.message).toContain('left out of port "admin"');
  });

  it('explains a terminating pod: dropped from Endpoints, kept as terminating in the slice', () => {
    const meta = '  deletionTimestamp: "2025-01-11T11:59:00Z"\n  finalizers: ["x"]\n';
    const p = one(explain(service(), pod('going', { meta })), 'going');
    expect(p).toMatchObject({ endpoints: 'absent', endpointSlice: 'terminating' });
    expect(codes(p)).toContain('terminating');
  });

  it('explains a pod without an IP and a finished pod', () => {
    const pods = explain(
      service(),
      pod('noip', { status: '  phase: Pending\n' }),
      pod('done', { status: '  phase: Succeeded\n  podIP: 10.244.0.60\n' }),
    );
    expect(codes(one(pods, 'noip'))).toEqual(['no-ip']);
    expect(one(pods, 'noip').endpointSlice).toBe('absent');
    expect(codes(one(pods, 'done'))).toEqual(['terminal-phase']);
  });

  it('lists selected pods first, then the closest misses', () => {
    const pods = explain(
      service(undefined, '').replace('    app: web\n', '    app: web\n    tier: front\n'),
      pod('far', { labels: '    app: api\n' }),
      pod('near', { labels: '    app: web\n    tier: back\n' }),
      pod('a', { labels: '    app: web\n    tier: front\n' }),
    );
    expect(pods.map((p) => p.pod)).toEqual(['default/a', 'default/near', 'default/far']);
  });

  it('lists at most the given number of unselected pods, and counts them all', () => {
    const sim = simulate(
      [service(), pod('x', { labels: '    app: x\n' }), pod('y', { labels: '    app: y\n' })].join(
        '---\n',
      ),
    );
    const explanation = computeEndpointExplanation(sim.cluster, 'default', 'web', 1);
    expect(explanation?.pods.map((p) => p.pod)).toEqual(['default/x']);
    expect(explanation?.unselectedCount).toBe(2);
  });

  it('says a Service without a selector gets its endpoints from objects written by hand', () => {
    const sim = simulate(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n  - port: 5432\n',
    );
    expect(computeEndpointExplanation(sim.cluster, 'default', 'db')).toMatchObject({
      source: 'manual',
      pods: [],
    });
    expect(computeEndpointExplanation(sim.cluster, 'default', 'none')).toBeUndefined();
  });
});

describe('computeLabelMismatches', () => {
  it('reports every pair that is missing or different', () => {
    const reasons = computeLabelMismatches(
      [
        ['app', 'web'],
        ['tier', 'frontend'],
      ],
      { app: 'web', tier: 'backend' },
    );
    expect(reasons.map((r) => r.message)).toEqual([
      'has label tier=backend, the selector wants tier=frontend',
    ]);
  });
});
