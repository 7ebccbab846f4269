/**
 * How `kubectl apply -f` prints rejected objects (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go
 * Run: one error is returned as it is, several as an aggregate; cmd/util/helpers.go checkErr: an
 * Invalid error alone as `The Service "a" is invalid: ...`, an aggregate through MultipleErrors,
 * each as StandardErrorMessage words it, `Error from server (Invalid): error when creating "FILE":
 * Service "a" is invalid: [a, b]`).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine/index';
import { reportApply } from '../../../src/engine/shell/commands/apply';

function stderrOf(yaml: string): { stderr: string; code: number } {
  let stderr = '';
  const simulation = simulate(yaml, { file: 'web.yaml' });
  const code = reportApply(simulation, () => 'web.yaml', {
    warning: (text) => (stderr += text),
    applied: () => undefined,
    error: (text) => (stderr += text),
  });
  return { stderr, code };
}

const badNodePort = `apiVersion: v1
kind: Service
metadata: {name: a}
spec:
  type: NodePort
  ports: [{port: 80, nodePort: 80}]
`;
const unnamedPorts = `apiVersion: v1
kind: Service
metadata: {name: b}
spec:
  ports: [{port: 80}, {port: 81}]
`;

describe('kubectl apply error text', () => {
  it('prints one rejected object in full, its causes on lines of their own', () => {
    expect(stderrOf(unnamedPorts)).toEqual({
      stderr:
        'The Service "b" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n',
      code: 1,
    });
  });

  it('prints each of several rejected objects as the server worded it, causes in brackets', () => {
    expect(stderrOf(`${badNodePort}---\n${unnamedPorts}`)).toEqual({
      stderr: [
        'Error from server (Invalid): error when creating "web.yaml": Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
        'Error from server (Invalid): error when creating "web.yaml": Service "b" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
        '',
      ].join('\n'),
      code: 1,
    });
  });
});
