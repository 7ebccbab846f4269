import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import type { Diagnostic } from '../../../src/engine/model';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web-pod
  labels:
    app: web
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - name: http
      containerPort: 8080
`;

const service = (spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${spec}`;

function teacher(...documents: string[]): Diagnostic[] {
  return simulate(documents.join('---\n')).diagnostics.filter((d) => d.source === 'playground');
}

describe('teacher warnings', () => {
  it('warns at spec.selector when the selector matches no pod', () => {
    const found = teacher(
      pod,
      service('  selector:\n    app: wbe\n  ports:\n  - port: 80\n    targetPort: 8080\n'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.selector', line: 20 });
    expect(found[0]?.message).toContain('app=wbe matches no pod');
  });

  it('warns at the targetPort that no selected pod exposes, named or numbered', () => {
    const found = teacher(
      pod,
      service(
        '  selector:\n    app: web\n  ports:\n  - name: a\n    port: 80\n    targetPort: htp\n  - name: b\n    port: 81\n    targetPort: 9090\n',
      ),
    );
    expect(found.map((d) => d.path)).toEqual([
      'spec.ports[0].targetPort',
      'spec.ports[1].targetPort',
    ]);
    expect(found[0]?.message).toContain('container port named "htp"');
    expect(found[1]?.message).toContain('declares containerPort 9090');
  });

  it('warns when a NodePort Service has no ready endpoint', () => {
    const found = teacher(
      service('  type: NodePort\n  selector:\n    app: nothing\n  ports:\n  - port: 80\n'),
    );
    expect(found.map((d) => d.path)).toEqual(['spec.type', 'spec.selector']);
    expect(found[0]?.message).toContain('NodePort Service with no ready endpoint');
  });

  it('says nothing about a Service that works, or one without a selector', () => {
    expect(
      teacher(
        pod,
        service(
          '  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: http\n',
        ),
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n  - port: 5432\n',
      ),
    ).toEqual([]);
  });
});

describe('teacher warnings, from run to run', () => {
  it('warns again when the pods of an unchanged Service stop exposing its targetPort', () => {
    // The Service's document comes first and stays the same: the engine hands out the very
    // Service object again, with other pods.
    const web = service(
      '  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: http\n',
    );
    expect(teacher(web, pod)).toEqual([]);
    const renamed = teacher(web, pod.replace('- name: http', '- name: web'));
    expect(renamed.map((d) => d.path)).toEqual(['spec.ports[0].targetPort']);
    expect(teacher(web, pod)).toEqual([]);
  });
});
