/**
 * More of upstream's apps validation tables through kubectl apply: TestValidateReplicaSet, the
 * rows of TestValidateDeployment that deployment.test.ts leaves, TestValidateDeploymentUpdate and
 * TestValidateReplicaSetUpdate (kubernetes/kubernetes pkg/apis/apps/validation/validation_test.go
 * at afd5df58bd7dcb7b8c3f00e2065936bd0c508b77), written as apps/v1 YAML. Upstream counts the
 * errors or checks their fields; here each line is spelled out as
 * pkg/apis/apps/validation/validation.go (ValidateReplicaSetSpec, ValidateDeploymentSpec,
 * ValidatePodTemplateSpecForReplicaSet) and the core pod template checks word it.
 *
 * Through the API server an update keeps the object's name, so the update rows whose old object
 * upstream leaves nameless lose their `metadata.name: field is immutable`, and gain apps/v1's
 * `spec.selector: field is immutable` (the Deployment and ReplicaSet strategies) where the
 * selector changes. A template without a spec is defaulted (restartPolicy Always), so only its
 * missing containers are reported.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

type RSSpec = NonNullable<ReplicaSet['spec']>;
type DeploymentSpec = NonNullable<Deployment['spec']>;

const namePart =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const invalidKey = 'NoUppercaseOrSpecialCharsLike=Equals';
const validLabels = { a: 'b' };
const invalidLabels = { [invalidKey]: 'b' };

/** Upstream's validPodTemplate: labels `a: b`, one container. */
const validTemplate = () => ({
  metadata: { labels: { ...validLabels } },
  spec: { containers: [{ name: 'ctr', image: 'image' }] },
});

function replicaSet(
  tweak: (rs: ReplicaSet & { spec: RSSpec }) => void = () => undefined,
  name = 'abc',
): ReplicaSet {
  const rs = {
    apiVersion: 'apps/v1' as const,
    kind: 'ReplicaSet' as const,
    metadata: { name },
    spec: { selector: { matchLabels: { ...validLabels } }, template: validTemplate() } as RSSpec,
  };
  tweak(rs);
  return rs;
}

describe('TestValidateReplicaSet through kubectl apply', () => {
  it('accepts the success cases: abc, abc-123, a hostNetwork template without hostPort, one replica', () => {
    const hostnet = replicaSet((rs) => {
      rs.spec.template = {
        metadata: { labels: { ...validLabels } },
        spec: {
          hostNetwork: true,
          containers: [
            { name: 'abc', image: 'image', ports: [{ containerPort: 12345, protocol: 'TCP' }] },
          ],
        },
      };
    }, 'hostnet');
    const sim = run([
      replicaSet(),
      replicaSet(undefined, 'abc-123'),
      hostnet,
      replicaSet((rs) => (rs.spec.replicas = 1), 'abc-1234'),
    ]);
    for (const name of ['abc', 'abc-123', 'hostnet', 'abc-1234'])
      expect([name, resultOf(sim, name)?.outcome]).toEqual([name, 'created']);
  });

  const cases: {
    name: string;
    tweak: (rs: ReplicaSet & { spec: RSSpec }) => void;
    errors: string[];
  }[] = [
    {
      name: 'empty selector (none: it selects nothing, so the template never matches)',
      tweak: (rs) => delete rs.spec.selector,
      errors: [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`',
      ],
    },
    {
      name: 'selector_doesnt_match',
      tweak: (rs) => (rs.spec.selector = { matchLabels: { foo: 'bar' } }),
      errors: [
        'spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`',
      ],
    },
    {
      name: 'invalid manifest (no template)',
      tweak: (rs) => delete rs.spec.template,
      errors: [
        'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
        'spec.template.spec.containers: Required value',
      ],
    },
    {
      name: 'negative_replicas (and no template)',
      tweak: (rs) => {
        rs.spec.replicas = -1;
        delete rs.spec.template;
      },
      errors: [
        'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
        'spec.template.spec.containers: Required value',
      ],
    },
    {
      name: 'invalid_label',
      tweak: (rs) => (rs.metadata.labels = { [invalidKey]: 'bar' }),
      errors: [`metadata.labels: Invalid value: "${invalidKey}": ${namePart}`],
    },
    {
      name: 'invalid_label 2 (no selector, a template with invalid labels)',
      tweak: (rs) => {
        rs.metadata.labels = { [invalidKey]: 'bar' };
        delete rs.spec.selector;
        rs.spec.template = { ...validTemplate(), metadata: { labels: { ...invalidLabels } } };
      },
      errors: [
        `metadata.labels: Invalid value: "${invalidKey}": ${namePart}`,
        'spec.selector: Required value',
        `spec.template.metadata.labels: Invalid value: {"${invalidKey}":"b"}: \`selector\` does not match template \`labels\``,
        `spec.template.labels: Invalid value: "${invalidKey}": ${namePart}`,
      ],
    },
    {
      name: 'invalid_annotation (the key is checked in lower case, printed as written)',
      tweak: (rs) => (rs.metadata.annotations = { [invalidKey]: 'bar' }),
      errors: [`metadata.annotations: Invalid value: "${invalidKey}": ${namePart}`],
    },
    {
      name: 'invalid restart policy 1',
      tweak: (rs) => rs.spec.template?.spec && (rs.spec.template.spec.restartPolicy = 'OnFailure'),
      errors: [
        'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      ],
    },
    {
      name: 'invalid restart policy 2',
      tweak: (rs) => rs.spec.template?.spec && (rs.spec.template.spec.restartPolicy = 'Never'),
      errors: [
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      ],
    },
    {
      // Not a row of upstream's table: ValidateReplicaSetSpec checks replicas before
      // minReadySeconds.
      name: 'negative replicas and minReadySeconds, in ValidateReplicaSetSpec order',
      tweak: (rs) => {
        rs.spec.replicas = -1;
        rs.spec.minReadySeconds = -1;
      },
      errors: [
        'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = run([replicaSet(c.tweak)]);
      expect(resultOf(sim, 'abc')?.error).toBe(
        c.errors.length === 1
          ? `The ReplicaSet "abc" is invalid: ${c.errors[0]}`
          : ['The ReplicaSet "abc" is invalid: ', ...c.errors.map((e) => `* ${e}`)].join('\n'),
      );
    });
});

describe('TestValidateReplicaSetUpdate through two applies', () => {
  it('positive replicas: the update is configured', () => {
    const sim = run([replicaSet(), replicaSet((rs) => (rs.spec.replicas = 3))]);
    expect(fieldErrors(sim, 'ReplicaSet/default/abc')).toEqual([]);
    expect(resultOf(sim, 'abc')?.outcome).toBe('configured');
  });

  it('invalid selector: its key, the selector it spoils, and the selector changed', () => {
    const sim = run([
      replicaSet(),
      replicaSet((rs) => {
        rs.spec.replicas = 2;
        rs.spec.selector = { matchLabels: { ...invalidLabels } };
      }),
    ]);
    expect(fieldErrors(sim, 'ReplicaSet/default/abc')).toHaveLength(3);
    expect(resultOf(sim, 'abc')?.error).toBe(
      [
        'The ReplicaSet "abc" is invalid: ',
        `* spec.selector.matchLabels: Invalid value: "${invalidKey}": ${namePart}`,
        `* spec.selector: Invalid value: {"matchLabels":{"${invalidKey}":"b"}}: invalid label selector`,
        `* spec.selector: Invalid value: {"matchLabels":{"${invalidKey}":"b"}}: field is immutable`,
      ].join('\n'),
    );
  });

  it('invalid pod: the template labels neither match nor are valid, and it has no containers', () => {
    const sim = run([
      replicaSet(),
      replicaSet((rs) => {
        rs.spec.replicas = 2;
        rs.spec.template = { metadata: { labels: { ...invalidLabels } }, spec: { containers: [] } };
      }),
    ]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      [
        'The ReplicaSet "abc" is invalid: ',
        `* spec.template.metadata.labels: Invalid value: {"${invalidKey}":"b"}: \`selector\` does not match template \`labels\``,
        `* spec.template.labels: Invalid value: "${invalidKey}": ${namePart}`,
        '* spec.template.spec.containers: Required value',
      ].join('\n'),
    );
  });

  it('negative replicas', () => {
    const sim = run([replicaSet(), replicaSet((rs) => (rs.spec.replicas = -1))]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      'The ReplicaSet "abc" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});

/** TestValidateDeploymentUpdate's deployments: labels `a: b`, the Recreate strategy. */
function recreateDeployment(tweak: (spec: DeploymentSpec) => void = () => undefined): Deployment {
  const spec: DeploymentSpec = {
    selector: { matchLabels: { ...validLabels } },
    template: validTemplate(),
    strategy: { type: 'Recreate' },
  };
  tweak(spec);
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'abc' }, spec };
}

describe('TestValidateDeploymentUpdate through two applies', () => {
  it('positive replicas: the update is configured', () => {
    const sim = run([recreateDeployment(), recreateDeployment((s) => (s.replicas = 2))]);
    expect(fieldErrors(sim, 'Deployment/default/abc')).toEqual([]);
    expect(resultOf(sim, 'abc')?.outcome).toBe('configured');
  });

  it('invalid selector: its key, the selector it spoils, and the selector changed', () => {
    const sim = run([
      recreateDeployment(),
      recreateDeployment((s) => {
        s.replicas = 2;
        s.selector = { matchLabels: { ...invalidLabels } };
      }),
    ]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      [
        'The Deployment "abc" is invalid: ',
        `* spec.selector.matchLabels: Invalid value: "${invalidKey}": ${namePart}`,
        `* spec.selector: Invalid value: {"matchLabels":{"${invalidKey}":"b"}}: invalid label selector`,
        `* spec.selector: Invalid value: {"matchLabels":{"${invalidKey}":"b"}}: field is immutable`,
      ].join('\n'),
    );
  });

  it('invalid pod: the template labels neither match nor are valid, and it has no containers', () => {
    const sim = run([
      recreateDeployment(),
      recreateDeployment((s) => {
        s.replicas = 2;
        s.template = { metadata: { labels: { ...invalidLabels } }, spec: { containers: [] } };
      }),
    ]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      [
        'The Deployment "abc" is invalid: ',
        `* spec.template.metadata.labels: Invalid value: {"${invalidKey}":"b"}: \`selector\` does not match template \`labels\``,
        `* spec.template.labels: Invalid value: "${invalidKey}": ${namePart}`,
        '* spec.template.spec.containers: Required value',
      ].join('\n'),
    );
  });

  it('negative replicas', () => {
    const sim = run([recreateDeployment(), recreateDeployment((s) => (s.replicas = -1))]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      'The Deployment "abc" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});

describe('TestValidateDeployment: the rows deployment.test.ts leaves', () => {
  it('accepts a hostNetwork template whose port has no hostPort', () => {
    const sim = run([
      recreateDeployment((s) => {
        s.template = {
          metadata: { labels: { ...validLabels } },
          spec: {
            hostNetwork: true,
            containers: [
              { name: 'ctr', image: 'image', ports: [{ containerPort: 12345, protocol: 'TCP' }] },
            ],
          },
        };
      }),
    ]);
    expect(fieldErrors(sim, 'Deployment/default/abc')).toEqual([]);
    expect(resultOf(sim, 'abc')?.outcome).toBe('created');
  });

  it('an empty template restartPolicy is defaulted to Always, so accepted', () => {
    const sim = run([
      recreateDeployment((s) => s.template?.spec && (s.template.spec.restartPolicy = '')),
    ]);
    expect(fieldErrors(sim, 'Deployment/default/abc')).toEqual([]);
  });

  it('a template activeDeadlineSeconds out of range is invalid, and forbidden in a ReplicaSet', () => {
    const sim = run([
      recreateDeployment((s) => s.template?.spec && (s.template.spec.activeDeadlineSeconds = 0)),
    ]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      [
        'The Deployment "abc" is invalid: ',
        '* spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
        '* spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      ].join('\n'),
    );
  });
});
