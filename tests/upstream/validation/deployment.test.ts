/**
 * Deployment validation cases from upstream's TestValidateDeployment and
 * TestValidateDeploymentUpdate (kubernetes/kubernetes pkg/apis/apps/validation/validation_test.go,
 * reference-index file id 39353353; the tree's version is at commit
 * afd5df58bd7dcb7b8c3f00e2065936bd0c508b77), applied as apps/v1 YAML, with the whole message of
 * pkg/apis/apps/validation/validation.go (commit 2dd1588c490775be7cd90d0afc59c6dcef07032a) where
 * upstream's test checks a part of it. Composite bad values (the template's labels, a selector,
 * the internal DeploymentStrategy) print as JSON, as apimachinery's field/errors.go ErrorBody has
 * written them since Kubernetes 1.34 (kubernetes/apimachinery commit
 * c58e197ee8cae8fec59a876122b580ffbdd1e886).
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

type Spec = NonNullable<Deployment['spec']>;

/** Our counterpart of upstream's validDeployment(): selector and template labels `name: abc`. */
function validDeployment(tweak: (spec: Spec) => void = () => undefined): Deployment {
  const spec: Spec = {
    selector: { matchLabels: { name: 'abc' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    template: {
      metadata: { labels: { name: 'abc' } },
      spec: { containers: [{ name: 'ctr', image: 'image' }] },
    },
  };
  tweak(spec);
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'abc' }, spec };
}

const percentMessage =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

const cases: { name: string; tweak: (spec: Spec) => void; errors: string[] }[] = [
  { name: 'valid', tweak: () => undefined, errors: [] },
  {
    name: '`selector` does not match template `labels`',
    tweak: (s) => (s.selector = { matchLabels: { name: 'def' } }),
    errors: [
      'spec.template.metadata.labels: Invalid value: {"name":"abc"}: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'RestartPolicy should be always',
    tweak: (s) => s.template?.spec && (s.template.spec.restartPolicy = 'Never'),
    errors: [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
  },
  {
    name: 'must have valid strategy type',
    tweak: (s) => s.strategy && ((s.strategy as { type: string }).type = 'randomType'),
    errors: [
      'spec.strategy: Unsupported value: {"Type":"randomType","RollingUpdate":{"MaxUnavailable":1,"MaxSurge":1}}: supported values: "Recreate", "RollingUpdate"',
    ],
  },
  {
    name: 'rollingUpdate should be nil for recreate',
    tweak: (s) => (s.strategy = { type: 'Recreate', rollingUpdate: {} }),
    errors: [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
  },
  {
    name: 'MaxSurge should be in the form of 20%',
    tweak: (s) =>
      (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '20Percent' } }),
    errors: [`spec.strategy.rollingUpdate.maxSurge: Invalid value: "20Percent": ${percentMessage}`],
  },
  {
    name: 'MaxSurge and MaxUnavailable cannot both be zero',
    tweak: (s) =>
      (s.strategy = {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 },
      }),
    errors: [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ],
  },
  {
    name: 'MaxUnavailable should not be more than 100%',
    tweak: (s) =>
      (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%' } }),
    errors: [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
    ],
  },
  {
    name: 'ProgressDeadlineSeconds should be greater than MinReadySeconds',
    tweak: (s) => {
      s.progressDeadlineSeconds = 600;
      s.minReadySeconds = 600;
    },
    errors: [
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ],
  },
  {
    name: 'empty selector',
    tweak: (s) => (s.selector = {}),
    errors: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'],
  },
  {
    name: 'missing selector (it selects nothing, so the template never matches)',
    tweak: (s) => delete s.selector,
    errors: [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"name":"abc"}: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'negative replicas',
    tweak: (s) => (s.replicas = -1),
    errors: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  },
];

describe('ValidateDeployment through kubectl apply (TestValidateDeployment)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const sim = run([validDeployment(c.tweak)]);
      expect(fieldErrors(sim, 'Deployment/default/abc')).toEqual(c.errors);
      expect(resultOf(sim, 'abc')?.outcome).toBe(c.errors.length === 0 ? 'created' : 'rejected');
    });
  }

  it('prints an invalid selector operator before the selector it spoils, both in one list', () => {
    const sim = run([
      validDeployment(
        (s) =>
          (s.selector = { matchExpressions: [{ key: 'name', operator: 'Foo', values: ['abc'] }] }),
      ),
    ]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      'The Deployment "abc" is invalid: \n* spec.selector.matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator\n* spec.selector: Invalid value: {"matchExpressions":[{"key":"name","operator":"Foo","values":["abc"]}]}: invalid label selector',
    );
  });
});

describe('Deployment update through kubectl apply (TestValidateDeploymentUpdate, apps/v1 strategy)', () => {
  it("rejects a changed selector as immutable, printing the new selector's JSON", () => {
    const moved = validDeployment((s) => {
      s.selector = { matchLabels: { name: 'def' } };
      if (s.template?.metadata) s.template.metadata.labels = { name: 'def' };
    });
    const sim = run([validDeployment(), moved]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      'The Deployment "abc" is invalid: spec.selector: Invalid value: {"matchLabels":{"name":"def"}}: field is immutable',
    );
  });

  it('accepts the same selector written in another key order (ValidateImmutableField compares values)', () => {
    const labels = { name: 'abc', tier: 'web' };
    const first = validDeployment((s) => {
      s.selector = { matchLabels: { name: 'abc', tier: 'web' } };
      if (s.template?.metadata) s.template.metadata.labels = labels;
    });
    const again = validDeployment((s) => {
      s.selector = { matchLabels: { tier: 'web', name: 'abc' } };
      s.replicas = 2;
      if (s.template?.metadata) s.template.metadata.labels = labels;
    });
    expect(resultOf(run([first, again]), 'abc')?.outcome).toBe('configured');
  });

  it('accepts a change of replicas and template labels the selector still matches', () => {
    const scaled = validDeployment((s) => {
      s.replicas = 3;
      if (s.template?.metadata) s.template.metadata.labels = { name: 'abc', tier: 'web' };
    });
    const sim = run([validDeployment(), scaled]);
    expect(resultOf(sim, 'abc')?.outcome).toBe('configured');
  });
});
