import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { findLesson, lessons } from '../../../src/lessons';
import { stepDocument, stepStartText, clampStep, runChecks } from '../../../src/lessons/steps';
import { deletePod, setPodReady, setProxyMode } from '../../../src/state/edits/whatIf';
import { summarize } from '../../../src/worker/summarize';
import { factsFor, outcome } from './harness';

type Edit = (text: string) => string;
const same: Edit = (t) => t;

function editOk(outcome: { ok: boolean; text?: string; message: string }): string {
  if (!outcome.ok || outcome.text === undefined) throw new Error(outcome.message);
  return outcome.text;
}

/** The first pod of the `default` namespace whose name starts with `prefix`. */
function podOf(text: string, prefix: string, index = 0) {
  const pods = summarize(simulate(text, { seed: 1 })).pods.filter(
    (p) => p.namespace === 'default' && p.name.startsWith(prefix) && p.ready,
  );
  const pod = pods[index];
  if (!pod) throw new Error(`no pod ${prefix}`);
  return pod;
}

/** A learner's edits that solve each step, in order (identity: nothing to edit, only to send). */
const solutions: Record<string, Edit[]> = {
  'service-types': [
    same,
    (t) =>
      t
        .replace(
          'spec:\n  selector:\n    app: my-webapp',
          'spec:\n  type: NodePort\n  selector:\n    app: my-webapp',
        )
        .replace('    targetPort: 80\n', '    targetPort: 80\n    nodePort: 30080\n'),
    (t) => t.replace('type: NodePort', 'type: LoadBalancer'),
  ],
  'port-layers': [
    (t) => t.replace('    targetPort: 80\n', '    targetPort: 8080\n'),
    same,
    (t) =>
      t
        .replace(
          '        - containerPort: 8080',
          '        - name: http\n          containerPort: 8080',
        )
        .replace('targetPort: 8080', 'targetPort: http'),
  ],
  'selectors-endpoints': [
    (t) =>
      t
        .replace('    tier: backend', '    tier: frontend')
        .replace(
          '  name: web-pod-2\n  labels:\n    app: web-app\n',
          '  name: web-pod-2\n  labels:\n    app: web-app\n    tier: frontend\n',
        ),
    (t) => t.replace('app: webapp', 'app: web-app'),
    (t) => t.replace('replicas: 3', 'replicas: 5'),
  ],
  'iptables-vs-ipvs': [
    same,
    (t) => editOk(setProxyMode(t, 'ipvs')),
    (t) => t.replace('mode: ipvs', 'mode: ipvs\nipvs:\n  scheduler: sh'),
  ],
  'session-affinity': [
    same,
    (t) => t.replace('    targetPort: http', '    targetPort: http\n  sessionAffinity: ClientIP'),
  ],
  'headless-services': [
    same,
    (t) =>
      t.replace(
        'spec:\n  selector:\n    app: backend\n  ports',
        'spec:\n  clusterIP: None\n  selector:\n    app: backend\n  ports',
      ),
  ],
  'external-traffic-policy': [
    same,
    (t) => t.replace('  type: NodePort', '  type: NodePort\n  externalTrafficPolicy: Local'),
    same,
  ],
  'pod-lifecycle': [
    (t) => editOk(setPodReady(t, podOf(t, 'web-'), false)),
    same,
    (t) => editOk(deletePod(t, podOf(t, 'web-'))),
  ],
  'manual-endpoints': [
    (t) =>
      `${t}---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: external-database\nsubsets:\n- addresses:\n  - ip: 192.168.1.100\n  ports:\n  - port: 3306\n`,
    same,
  ],
  'dns-names': [same, (t) => t.replace('  name: client\n', '  name: client\n  namespace: shop\n')],
};

describe('lessons', () => {
  it('has one lesson per topic of the seeds, each with a solution for every step', () => {
    expect(lessons.map((l) => l.id)).toEqual(Object.keys(solutions));
    for (const lesson of lessons) {
      expect(solutions[lesson.id]).toHaveLength(lesson.steps.length);
      expect(lesson.steps[0] && stepDocument(lesson.steps[0])).toBeTruthy();
    }
  });

  it('ids of lessons and of each step’s checks are unique', () => {
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const lesson of lessons) {
      for (const step of lesson.steps) {
        expect(new Set(step.checks.map((c) => c.id)).size).toBe(step.checks.length);
      }
    }
  });

  for (const lesson of lessons) {
    it(`${lesson.id}: every step's starting text has no errors, its task fails, then passes after the right edit`, () => {
      let text = '';
      lesson.steps.forEach((step, index) => {
        text = stepDocument(step) ?? text;
        const errors = summarize(simulate(text, { seed: 1 })).diagnostics.filter(
          (d) => d.severity === 'error',
        );
        expect(errors, `${lesson.id} step ${index + 1}`).toEqual([]);
        const solve = solutions[lesson.id]?.[index] ?? same;
        const solved = solve(text);
        if (solved !== text) {
          expect(outcome(text, step).failed, `${lesson.id} step ${index + 1} before`).not.toEqual(
            [],
          );
        }
        expect(outcome(solved, step).failed, `${lesson.id} step ${index + 1} after`).toEqual([]);
        text = solved;
      });
    });
  }

  it('a check on requests fails until the requests are sent', () => {
    const lesson = findLesson('iptables-vs-ipvs');
    const step = lesson?.steps[0];
    if (!lesson || !step) throw new Error('no lesson');
    const text = stepStartText(lesson, 0);
    expect(outcome(text, step, false).failed).toEqual([
      'iptables-spread: Send 100 requests to my-webapp-nodeport first.',
    ]);
    expect(outcome(text, step, true).failed).toEqual([]);
  });

  it('iptables spreads 100 requests unevenly, IPVS round-robin evenly', () => {
    const lesson = findLesson('iptables-vs-ipvs');
    const [random, roundRobin] = lesson?.steps ?? [];
    if (!lesson || !random || !roundRobin) throw new Error('no lesson');
    const text = stepStartText(lesson, 0);
    const iptables = runChecks(random, factsFor(text, random));
    const ipvs = runChecks(roundRobin, factsFor(editOk(setProxyMode(text, 'ipvs')), roundRobin));
    expect(iptables.find((c) => c.id === 'iptables-spread')?.detail).not.toMatch(/(: 3[34], ){2}/);
    expect(ipvs.find((c) => c.id === 'ipvs-even')?.detail).toMatch(/: 3[34], .*: 3[34], .*: 3[34]/);
  });

  it('the short DNS name also works through an ExternalName Service in the client’s namespace', () => {
    const lesson = findLesson('dns-names');
    const step = lesson?.steps[1];
    if (!lesson || !step) throw new Error('no lesson');
    const text = `${stepStartText(lesson, 1)}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ExternalName\n  externalName: api.shop.svc.cluster.local\n`;
    expect(outcome(text, step).failed).toEqual([]);
  });

  it('a check that throws fails with its message instead of breaking the page', () => {
    const step = {
      title: 't',
      text: 't',
      checks: [
        {
          id: 'x',
          label: 'x',
          hint: 'h',
          run: () => {
            throw new Error('boom');
          },
        },
      ],
    };
    const [result] = runChecks(step, factsFor('', step));
    expect(result).toMatchObject({ pass: false, detail: 'This check failed to run: Error: boom' });
  });

  it('clamps step numbers from links', () => {
    const lesson = lessons[0];
    if (!lesson) throw new Error('no lesson');
    expect(clampStep(lesson, -3)).toBe(0);
    expect(clampStep(lesson, 99)).toBe(lesson.steps.length - 1);
    expect(clampStep(lesson, 1.5)).toBe(0);
    expect(stepStartText(lesson, 2)).toBe(stepStartText(lesson, 0));
  });
});
