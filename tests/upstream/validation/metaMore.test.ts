/**
 * Object metadata through kubectl apply: apimachinery's TestValidateAnnotations and
 * TestValidateObjectMetaTrimsTrailingDash (pkg/api/validation/objectmeta_test.go, kubernetes/apimachinery
 * at eed236ceee2c19c2753a3d93ac0631dc20750454), with the generateName masking of generic.go
 * (maskTrailingDash) and the byte count of ValidateAnnotationsSize at the same commit;
 * TestValidateNamespace and TestValidateNamespaceUpdate, and the Pod names of TestValidatePod's
 * success cases (kubernetes/kubernetes pkg/apis/core/validation/validation_test.go at
 * b1ce15c54586daabffbc79d6ef36feabbf5a0875); and the name rule of each kind: a DNS-1035 label for
 * a Service, a DNS-1123 subdomain for a Pod or a Deployment. Upstream checks a part of each
 * message; here the whole line is spelled out. Annotation keys are checked by
 * validation.IsQualifiedName, which since Kubernetes 1.35 is content.IsLabelKey ("a valid label
 * key", lengths in bytes).
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod, Service } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const namePart =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const dns1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
/** TotalAnnotationSizeLimitB. */
const limit = 256 * 1024;

function service(metadata: Service['metadata']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata, spec: { ports: [{ port: 80 }] } };
}
const annotated = (annotations: Record<string, string>) => service({ name: 'web', annotations });

describe('TestValidateAnnotations through a Service', () => {
  const valid: Record<string, string>[] = [
    { simple: 'bar' },
    { 'now-with-dashes': 'bar' },
    { '1-starts-with-num': 'bar' },
    { '1234': 'bar' },
    { 'simple/simple': 'bar' },
    { 'now-with-dashes/simple': 'bar' },
    { 'now-with-dashes/now-with-dashes': 'bar' },
    { 'now.with.dots/simple': 'bar' },
    { 'now-with.dashes-and.dots/simple': 'bar' },
    { '1-num.2-num/3-num': 'bar' },
    { '1234/5678': 'bar' },
    { '1.2.3.4/5678': 'bar' },
    { UpperCase123: 'bar' },
    { a: 'b'.repeat(limit - 1) },
    { a: 'b'.repeat(limit / 2 - 1), c: 'd'.repeat(limit / 2 - 1) },
  ];
  valid.forEach((annotations, i) =>
    it(`accepts case[${i}] ${Object.keys(annotations).join(',')}`, () => {
      const sim = run([annotated(annotations)]);
      expect(fieldErrors(sim, 'Service/default/web')).toEqual([]);
      expect(resultOf(sim, 'web')?.outcome).toBe('created');
    }),
  );

  const invalidKeys: { key: string; error: string }[] = [
    { key: 'nospecialchars^=@', error: namePart },
    { key: 'cantendwithadash-', error: namePart },
    {
      key: 'only/one/slash',
      error:
        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    },
    { key: 'a'.repeat(254), error: 'name part must be no more than 63 bytes' },
  ];
  for (const c of invalidKeys)
    it(`rejects the key ${c.key.slice(0, 20)} with one error`, () => {
      expect(fieldErrors(run([annotated({ [c.key]: 'bar' })]), 'Service/default/web')).toEqual([
        `metadata.annotations: Invalid value: "${c.key}": ${c.error}`,
      ]);
    });

  const tooBig: Record<string, string>[] = [
    { a: 'b'.repeat(limit) },
    { a: 'b'.repeat(limit / 2), c: 'd'.repeat(limit / 2) },
  ];
  tooBig.forEach((annotations, i) =>
    it(`rejects total size case[${i}]`, () => {
      expect(fieldErrors(run([annotated(annotations)]), 'Service/default/web')).toEqual([
        'metadata.annotations: Too long: may not be more than 262144 bytes',
      ]);
    }),
  );

  it('counts the size in UTF-8 bytes, as Go does: 140000 two-byte characters are too many', () => {
    // Not a row of upstream's table: ValidateAnnotationsSize sums len() of keys and values.
    expect(fieldErrors(run([annotated({ a: 'é'.repeat(140000) })]), 'Service/default/web')).toEqual(
      ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    );
    expect(resultOf(run([annotated({ a: 'é'.repeat(130000) })]), 'web')?.outcome).toBe('created');
  });
});

describe('generateName (TestValidateObjectMetaTrimsTrailingDash, maskTrailingDash)', () => {
  const withGenerateName = (generateName: string) => service({ name: 'web', generateName });

  it('accepts a prefix ending in a dash', () => {
    expect(fieldErrors(run([withGenerateName('foo-')]), 'Service/default/web')).toEqual([]);
  });

  it('masks the two last characters of a prefix ending in a dash, and nothing of a lone dash', () => {
    // generic.go: name[:len(name)-2] + "a" when the prefix is longer than one character.
    expect(fieldErrors(run([withGenerateName('A-')]), 'Service/default/web')).toEqual([]);
    expect(fieldErrors(run([withGenerateName('-')]), 'Service/default/web')).toEqual([
      `metadata.generateName: Invalid value: "-": ${dns1035}`,
    ]);
    expect(fieldErrors(run([withGenerateName('Ab-')]), 'Service/default/web')).toEqual([
      `metadata.generateName: Invalid value: "Ab-": ${dns1035}`,
    ]);
  });
});

describe('the name rule of each kind', () => {
  const pod = (name: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'ctr', image: 'image' }] },
  });
  const deployment = (name: string): Deployment => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: { containers: [{ name: 'ctr', image: 'image' }] },
      },
    },
  });

  it("accepts TestValidatePod's Pod names 123, abc.123.do-re-mi and 200 characters", () => {
    const long = 'a'.repeat(200);
    const sim = run([pod('123'), pod('abc.123.do-re-mi'), pod(long)]);
    for (const name of ['123', 'abc.123.do-re-mi', long])
      expect(resultOf(sim, name)?.outcome).toBe('created');
  });

  it('a Service name is a DNS-1035 label: no leading digit, no dot', () => {
    expect(fieldErrors(run([service({ name: '123' })]), 'Service/default/123')).toEqual([
      `metadata.name: Invalid value: "123": ${dns1035}`,
    ]);
    expect(fieldErrors(run([service({ name: 'a.b' })]), 'Service/default/a.b')).toEqual([
      `metadata.name: Invalid value: "a.b": ${dns1035}`,
    ]);
  });

  it('a Pod or Deployment name is a DNS-1123 subdomain of at most 253 characters', () => {
    const long = 'a'.repeat(254);
    expect(fieldErrors(run([pod('^Invalid')]), 'Pod/default/^Invalid')).toEqual([
      `metadata.name: Invalid value: "^Invalid": ${dns1123Subdomain}`,
    ]);
    expect(fieldErrors(run([deployment(long)]), `Deployment/default/${long}`)).toEqual([
      `metadata.name: Invalid value: "${long}": must be no more than 253 characters`,
    ]);
    expect(resultOf(run([deployment('abc.123')]), 'abc.123')?.outcome).toBe('created');
  });
});

describe('TestValidateNamespace and TestValidateNamespaceUpdate through kubectl apply', () => {
  const namespace = (name: string, labels?: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(labels ? { labels } : {}) },
  });

  it('accepts abc with valid labels', () => {
    expect(resultOf(run([namespace('abc', { a: 'b' })]), 'abc')?.outcome).toBe('created');
  });

  it('invalid-labels', () => {
    const sim = run([namespace('abc', { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' })]);
    expect(resultOf(sim, 'abc')?.error).toBe(
      `The Namespace "abc" is invalid: metadata.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": ${namePart}`,
    );
  });

  it('a Namespace name is a DNS-1123 label (TestValidateObjectMetaNamespaces on the name itself)', () => {
    expect(resultOf(run([namespace('foo.bar')]), 'foo.bar')?.error).toBe(
      'The Namespace "foo.bar" is invalid: metadata.name: Invalid value: "foo.bar": must not contain dots',
    );
    const long = `${'A'.repeat(63)}b`;
    expect(resultOf(run([namespace(long)]), long)?.error).toBe(
      [
        `The Namespace "${long}" is invalid: `,
        `* metadata.name: Invalid value: "${long}": must be no more than 63 characters`,
        `* metadata.name: Invalid value: "${long}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
        // The strategy labels every Namespace with its name (kubernetes.io/metadata.name) before
        // validation, so the label value is too long as well.
        `* metadata.labels: Invalid value: "${long}": must be no more than 63 bytes`,
      ].join('\n'),
    );
  });

  it('accepts label changes on update: changed, added, replaced, and a capitalised key', () => {
    const cases: [Record<string, string> | undefined, Record<string, string>][] = [
      [{ foo: 'bar' }, { foo: 'baz' }],
      [undefined, { foo: 'baz' }],
      [{ bar: 'foo' }, { foo: 'baz' }],
      [{ foo: 'baz' }, { Foo: 'baz' }],
    ];
    for (const [before, after] of cases)
      expect(
        resultOf(run([namespace('foo', before), namespace('foo', after)]), 'foo')?.outcome,
      ).toBe('configured');
  });
});
