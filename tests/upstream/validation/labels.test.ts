/**
 * Label and label-selector cases from apimachinery's pkg/apis/meta/v1/validation/validation_test.go
 * (kubernetes/apimachinery at commit eed236ceee2c19c2753a3d93ac0631dc20750454): TestValidateLabels
 * and TestLabelSelectorMatchExpression, applied through kubectl as a Service's labels and a
 * Deployment's selector. Upstream checks a part of each message; here the whole message is spelled
 * out as pkg/api/validate/content/kube.go (IsLabelKey, IsLabelValue) and
 * pkg/apis/meta/v1/validation/validation.go (ValidateLabels, ValidateLabelSelectorRequirement)
 * word it, with the paths they give (a requirement's value is indexed). Since Kubernetes 1.35 a
 * label key's or value's length is worded in bytes (content.MaxLenError, apimachinery commit
 * 3d65366320fd86c6eabc296a7613d8619c4c59a0, tag kubernetes-1.35.0); DNS names keep "characters".
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, LabelSelector, Service } from '../../../src/engine/model';
import { fieldErrors, resultOf, run } from './fixtures';

const namePart =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValue =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function labelled(labels: Record<string, string>): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels },
    spec: { ports: [{ port: 80 }] },
  };
}
const labelErrors = (labels: Record<string, string>) =>
  fieldErrors(run([labelled(labels)]), 'Service/default/web');

describe('ValidateLabels through a Service (TestValidateLabels)', () => {
  const valid = [
    { simple: 'bar' },
    { 'now-with-dashes': 'bar' },
    { '1-starts-with-num': 'bar' },
    { '1234': 'bar' },
    { 'simple/simple': 'bar' },
    { 'now.with.dots/simple': 'bar' },
    { '1-num.2-num/3-num': 'bar' },
    { '1.2.3.4/5678': 'bar' },
    { UpperCaseAreOK123: 'bar' },
    { goodvalue: '123_-.BaR' },
  ];
  for (const labels of valid)
    it(`accepts ${JSON.stringify(labels)}`, () => expect(labelErrors(labels)).toEqual([]));

  const invalid: [Record<string, string>, string][] = [
    [
      { 'nospecialchars^=@': 'bar' },
      `metadata.labels: Invalid value: "nospecialchars^=@": ${namePart}`,
    ],
    [
      { 'cantendwithadash-': 'bar' },
      `metadata.labels: Invalid value: "cantendwithadash-": ${namePart}`,
    ],
    [
      { 'only/one/slash': 'bar' },
      "metadata.labels: Invalid value: \"only/one/slash\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
    [
      { ['a'.repeat(254)]: 'bar' },
      `metadata.labels: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 bytes`,
    ],
    [
      { toolongvalue: 'a'.repeat(64) },
      `metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 bytes`,
    ],
    [
      { backslashesinvalue: 'some\\bad\\value' },
      `metadata.labels: Invalid value: "some\\\\bad\\\\value": ${labelValue}`,
    ],
    [
      { nocommasallowed: 'bad,value' },
      `metadata.labels: Invalid value: "bad,value": ${labelValue}`,
    ],
    [
      { strangecharsinvalue: '?#$notsogood' },
      `metadata.labels: Invalid value: "?#$notsogood": ${labelValue}`,
    ],
  ];
  for (const [labels, error] of invalid)
    it(`rejects ${JSON.stringify(labels).slice(0, 60)}`, () =>
      expect(labelErrors(labels)).toEqual([error]));
});

describe('ValidateLabelSelector through a Deployment (TestLabelSelectorMatchExpression)', () => {
  function deployment(selector: LabelSelector): Deployment {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        selector,
        template: {
          metadata: { labels: { key: 'value' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    };
  }
  const errorOf = (selector: LabelSelector) => resultOf(run([deployment(selector)]), 'd')?.error;
  const unusable = (selector: string) =>
    `* spec.selector: Invalid value: ${selector}: invalid label selector`;

  it('Valid LabelSelector', () => {
    const sim = run([
      deployment({ matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] }),
    ]);
    expect(resultOf(sim, 'd')?.outcome).toBe('created');
  });

  it("MatchExpression's key name isn't valid", () => {
    expect(
      errorOf({ matchExpressions: [{ key: '-key', operator: 'In', values: ['value'] }] }),
    ).toBe(
      [
        'The Deployment "d" is invalid: ',
        `* spec.selector.matchExpressions[0].key: Invalid value: "-key": ${namePart}`,
        unusable('{"matchExpressions":[{"key":"-key","operator":"In","values":["value"]}]}'),
      ].join('\n'),
    );
  });

  it("MatchExpression's operator isn't valid", () => {
    expect(
      errorOf({ matchExpressions: [{ key: 'key', operator: 'abc', values: ['value'] }] }),
    ).toBe(
      [
        'The Deployment "d" is invalid: ',
        '* spec.selector.matchExpressions[0].operator: Invalid value: "abc": not a valid selector operator',
        unusable('{"matchExpressions":[{"key":"key","operator":"abc","values":["value"]}]}'),
      ].join('\n'),
    );
  });

  it("MatchExpression's value name isn't valid (the value's index is in the path)", () => {
    expect(
      errorOf({ matchExpressions: [{ key: 'key', operator: 'In', values: ['ok', '-value'] }] }),
    ).toBe(
      [
        'The Deployment "d" is invalid: ',
        `* spec.selector.matchExpressions[0].values[1]: Invalid value: "-value": ${labelValue}`,
        unusable('{"matchExpressions":[{"key":"key","operator":"In","values":["ok","-value"]}]}'),
      ].join('\n'),
    );
  });
});
