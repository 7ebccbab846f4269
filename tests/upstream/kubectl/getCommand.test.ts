/**
 * `kubectl get` itself on the fixtures of kubernetes/kubectl pkg/cmd/get/get_test.go at commit
 * dee3483a3d6a64c07fdf746caf80af446dee99ac: TestGetTableObjects, TestGetListTableObjects,
 * TestGetMultipleTableResourceTypesShowKinds, TestNoBlankLinesForGetMultipleTableResource,
 * TestNoBlankLinesForGetAll, TestGetEmptyTable, TestGetMultipleTypeObjectsAsList and
 * TestEmptyResultJSON.
 * The fixtures are cmdtesting.TestData(): pods foo and bar, service baz, in namespace test, listed
 * by the fake server in that order, as a snapshot read with --admitted lists them.
 */
import { describe, expect, it } from 'vitest';
import { kubectl } from './harness';

const pod = (name: string, version: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: test, resourceVersion: "${version}"}
spec:
  containers: null
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  restartPolicy: Always
  securityContext: {}
  terminationGracePeriodSeconds: 30
status: {}
`;
const service = `apiVersion: v1
kind: Service
metadata: {name: baz, namespace: test, resourceVersion: "12"}
spec:
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}
`;
const testData = [pod('foo', '10'), pod('bar', '11'), service].join('---\n');
const get = (...args: string[]) => kubectl(['get', ...args, '-n', 'test'], testData);

const podsAndService = `NAME      READY   STATUS   RESTARTS   AGE
pod/foo   0/0              0          <unknown>
pod/bar   0/0              0          <unknown>

NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/baz   ClusterIP   <none>       <none>        <none>    <unknown>
`;

describe('kubectl get (get_test.go)', () => {
  it('TestGetTableObjects: one pod by name', () => {
    expect(get('pods', 'foo')).toEqual({
      stdout:
        'NAME   READY   STATUS   RESTARTS   AGE\nfoo    0/0              0          <unknown>\n',
      stderr: '',
      code: 0,
    });
  });

  it('TestGetListTableObjects: the pods in the order the server lists them', () => {
    expect(get('pods').stdout).toBe(
      'NAME   READY   STATUS   RESTARTS   AGE\n' +
        'foo    0/0              0          <unknown>\n' +
        'bar    0/0              0          <unknown>\n',
    );
  });

  it.each([['all'], ['pods,services']])(
    'TestGetMultipleTableResourceTypesShowKinds, TestNoBlankLinesForGetMultipleTableResource: get %s',
    (resources) => {
      expect(get(resources)).toEqual({ stdout: podsAndService, stderr: '', code: 0 });
    },
  );

  it('TestNoBlankLinesForGetAll, TestGetEmptyTable: nothing found in the namespace', () => {
    expect(kubectl(['get', 'all', '-n', 'test'], service.replace('test', 'other'))).toEqual({
      stdout: '',
      stderr: 'No resources found in test namespace.\n',
      code: 0,
    });
  });

  it('TestGetMultipleTypeObjectsAsList: -o json prints one List of every kind', () => {
    const item = (name: string, version: string) => `        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "${name}",
                "namespace": "test",
                "resourceVersion": "${version}"
            },
            "spec": {
                "containers": null,
                "dnsPolicy": "ClusterFirst",
                "enableServiceLinks": true,
                "restartPolicy": "Always",
                "securityContext": {},
                "terminationGracePeriodSeconds": 30
            },
            "status": {}
        },
`;
    expect(get('pods,services', '-o', 'json').stdout).toBe(`{
    "apiVersion": "v1",
    "items": [
${item('foo', '10')}${item('bar', '11')}        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {
                "name": "baz",
                "namespace": "test",
                "resourceVersion": "12"
            },
            "spec": {
                "sessionAffinity": "None",
                "type": "ClusterIP"
            },
            "status": {
                "loadBalancer": {}
            }
        }
    ],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
`);
  });

  it('TestEmptyResultJSON: an empty List, and nothing on stderr', () => {
    expect(kubectl(['get', 'pods', '-n', 'test', '-o', 'json'], service)).toEqual({
      stdout:
        '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('kubectl get -A (tableprinter_test.go TestPrintTable_WithNamespace; get.go printWithNamespace)', () => {
  const yaml = `${pod('foo', '10')}---\n${pod('bar', '11').replace('namespace: test', 'namespace: other')}---
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {conditions: [{type: Ready, status: "True"}], nodeInfo: {kubeletVersion: v1.34.0}}
`;
  it('prepends NAMESPACE to namespaced kinds only', () => {
    expect(kubectl(['get', 'pods,nodes', '-A'], yaml).stdout).toBe(
      'NAMESPACE   NAME      READY   STATUS   RESTARTS   AGE\n' +
        'test        pod/foo   0/0              0          <unknown>\n' +
        'other       pod/bar   0/0              0          <unknown>\n' +
        '\n' +
        'NAME      STATUS   ROLES    AGE         VERSION\n' +
        'node/n1   Ready    <none>   <unknown>   v1.34.0\n',
    );
  });
  it('refuses a name across all namespaces', () => {
    expect(kubectl(['get', 'pods', 'foo', '-A'], yaml)).toEqual({
      stdout: '',
      stderr: 'error: a resource cannot be retrieved by name across all namespaces\n',
      code: 1,
    });
  });
});
