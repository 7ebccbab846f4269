/**
 * `-o yaml`'s encoder on the cases of kubernetes-sigs/yaml yaml_test.go TestYAMLToJSON at commit
 * aadfabb7d36952151672ec164d4220a6f0e31f63, read in the direction kubectl uses (JSON to YAML,
 * upstream's `yamlReverseOverwrite` where it gives one): go-yaml v2 quoting of keys that would read
 * back as another type, line wrapping of long strings past 80 columns, top-level sequences.
 */
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../../src/engine/kubectl/yaml';
import { kubectl } from './harness';

describe('toYaml (TestYAMLToJSON, reversed)', () => {
  it.each<[string, unknown, string]>([
    ['string value', { t: 'a' }, 't: a\n'],
    ['null value', { t: null }, 't: null\n'],
    ['boolean value', { t: true }, 't: true\n'],
    ['integer value (1e+36)', { t: 1e36 }, 't: 1e+36\n'],
    [
      'line-wrapped string value',
      {
        t: 'this is very long line with spaces and it must be longer than 80 so we will repeat that it must be longer that 80',
      },
      't: this is very long line with spaces and it must be longer than 80 so we will repeat\n  that it must be longer that 80\n',
    ],
    ['boolean key', { true: 'a' }, '"true": a\n'],
    ['boolean key (no)', { false: 'a' }, '"false": a\n'],
    ['integer key', { '1': 'a' }, '"1": a\n'],
    ['float key', { '1.2': 'a' }, '"1.2": a\n'],
    ['large integer key', { '1e+36': 'a' }, '"1e+36": a\n'],
    ['array', [{ t: 'a' }], '- t: a\n'],
    [
      'nested struct array',
      [{ t: 'a' }, { t: { b: 1, c: 2 } }],
      '- t: a\n- t:\n    b: 1\n    c: 2\n',
    ],
    ['empty struct value', [{ t: null }], '- t: null\n'],
    ['binary data', { a: '\ufffd\ufffd\ufffd' }, 'a: \ufffd\ufffd\ufffd\n'],
  ])('%s', (_, json, yaml) => {
    expect(toYaml(json)).toBe(yaml);
  });
});

describe('kubectl get -o yaml of long strings', () => {
  it('wraps a long annotation at a space past 80 columns, continuing two spaces deeper', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
  annotations:
    description: "this is very long line with spaces and it must be longer than 80 so we will repeat that it must be longer that 80"
spec: {type: ClusterIP}
`;
    expect(kubectl(['get', 'svc', 'web', '-o', 'yaml'], yaml).stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  annotations:
    description: this is very long line with spaces and it must be longer than 80
      so we will repeat that it must be longer that 80
  name: web
  namespace: default
spec:
  type: ClusterIP
`);
  });

  it('wraps a single-quoted string too, and escapes what it must in double quotes', () => {
    expect(
      toYaml({
        message:
          '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
        esc: 'a\x1bb',
        emoji: 'x\u{1F600}',
      }),
    ).toBe(`emoji: "x\\U0001F600"
esc: "a\\eb"
message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
  }, 2 Insufficient cpu.'
`);
  });
});
