/**
 * `kubectl get nodes|deployments|replicasets [-o wide]` on the fixtures of kubernetes/kubernetes
 * pkg/printers/internalversion/printers_test.go (read at openshift/kubernetes, reference-index file
 * id 27467372157): TestPrintNodeStatus, TestPrintNodeRole, TestPrintNodeOSImage,
 * TestPrintNodeKernelVersion, TestPrintNodeContainerRuntimeVersion, TestPrintNodeName,
 * TestPrintNodeExternalIP, TestPrintNodeInternalIP, TestPrintDeployment, TestPrintReplicaSet,
 * TestPrintReplicaSetList.
 */
import { describe, expect, it } from 'vitest';
import { ago, kubectl, table } from './harness';

const nodeHeader = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
const nodeWideHeader = [
  ...nodeHeader,
  'INTERNAL-IP',
  'EXTERNAL-IP',
  'OS-IMAGE',
  'KERNEL-VERSION',
  'CONTAINER-RUNTIME',
];

const node = (metadata: string, rest = '') => `apiVersion: v1
kind: Node
metadata: ${metadata}
${rest}
`;

describe('kubectl get nodes (TestPrintNodeStatus, TestPrintNodeRole, TestPrintNodeName)', () => {
  const ready = (s: string) => `status: {conditions: [{type: Ready, status: "${s}"}]}`;
  it.each([
    ['a Ready node', node('{name: foo1}', ready('True')), 'foo1', 'Ready'],
    [
      'an unschedulable Ready node',
      node('{name: foo2}', `spec: {unschedulable: true}\n${ready('True')}`),
      'foo2',
      'Ready,SchedulingDisabled',
    ],
    [
      'a node with two Ready conditions',
      node(
        '{name: foo3}',
        'status: {conditions: [{type: Ready, status: "True"}, {type: Ready, status: "True"}]}',
      ),
      'foo3',
      'Ready',
    ],
    ['a NotReady node', node('{name: foo4}', ready('False')), 'foo4', 'NotReady'],
    [
      'an unschedulable NotReady node',
      node('{name: foo5}', `spec: {unschedulable: true}\n${ready('False')}`),
      'foo5',
      'NotReady,SchedulingDisabled',
    ],
    [
      'a node without a Ready condition',
      node('{name: foo6}', 'status: {conditions: [{type: InvalidValue, status: "True"}]}'),
      'foo6',
      'Unknown',
    ],
    [
      'a node with an empty condition',
      node('{name: foo7}', 'status: {conditions: [{}]}'),
      'foo7',
      'Unknown',
    ],
    [
      'an unschedulable node without a Ready condition',
      node(
        '{name: foo8}',
        'spec: {unschedulable: true}\nstatus: {conditions: [{type: InvalidValue, status: "True"}]}',
      ),
      'foo8',
      'Unknown,SchedulingDisabled',
    ],
    [
      'an unschedulable node with an empty condition',
      node('{name: foo9}', 'spec: {unschedulable: true}\nstatus: {conditions: [{}]}'),
      'foo9',
      'Unknown,SchedulingDisabled',
    ],
    [
      'a node named by its address',
      node('{name: 127.0.0.1}', 'status: {}'),
      '127.0.0.1',
      'Unknown',
    ],
  ])('prints %s', (_, yaml, name, status) => {
    expect(kubectl(['get', 'nodes'], yaml).stdout).toBe(
      table([nodeHeader, [name, status, '<none>', '<unknown>', '']]),
    );
  });

  it('lists the roles of node-role.kubernetes.io/* labels and kubernetes.io/role, sorted', () => {
    const yaml = [
      node('{name: foo9}'),
      node(
        '{name: foo10, labels: {node-role.kubernetes.io/master: "", node-role.kubernetes.io/control-plane: "", node-role.kubernetes.io/proxy: "", kubernetes.io/role: node}}',
      ),
      node('{name: foo11, labels: {kubernetes.io/role: node}}'),
    ].join('---\n');
    expect(kubectl(['get', 'nodes'], yaml).stdout).toBe(
      table([
        nodeHeader,
        ['foo9', 'Unknown', '<none>', '<unknown>', ''],
        ['foo10', 'Unknown', 'control-plane,master,node,proxy', '<unknown>', ''],
        ['foo11', 'Unknown', 'node', '<unknown>', ''],
      ]),
    );
  });
});

describe('kubectl get nodes -o wide (TestPrintNodeOSImage and the other wide columns)', () => {
  const wide = (name: string, status: string) => node(`{name: ${name}}`, `status:\n${status}`);
  const external = '  addresses: [{type: ExternalIP, address: 1.1.1.1}]';
  it.each([
    [
      'the OS image',
      wide('foo1', `  nodeInfo: {osImage: fake-os-image}\n${external}`),
      ['<none>', '1.1.1.1', 'fake-os-image', '<unknown>', '<unknown>'],
    ],
    [
      'the kernel version',
      wide('foo1', `  nodeInfo: {kernelVersion: fake-kernel-version}\n${external}`),
      ['<none>', '1.1.1.1', '<unknown>', 'fake-kernel-version', '<unknown>'],
    ],
    [
      'the container runtime',
      wide('foo1', `  nodeInfo: {containerRuntimeVersion: "foo://1.2.3"}\n${external}`),
      ['<none>', '1.1.1.1', '<unknown>', '<unknown>', 'foo://1.2.3'],
    ],
    [
      'nothing of the node info',
      wide('foo1', `  nodeInfo: {}\n${external}`),
      ['<none>', '1.1.1.1', '<unknown>', '<unknown>', '<unknown>'],
    ],
    [
      'the first InternalIP and the first ExternalIP',
      wide(
        'foo1',
        '  addresses: [{type: ExternalIP, address: 2.2.2.2}, {type: InternalIP, address: 3.3.3.3}, {type: ExternalIP, address: 4.4.4.4}]',
      ),
      ['3.3.3.3', '2.2.2.2', '<unknown>', '<unknown>', '<unknown>'],
    ],
    [
      'an InternalIP alone',
      wide('foo1', '  addresses: [{type: InternalIP, address: 1.1.1.1}]'),
      ['1.1.1.1', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    ],
  ])('prints %s', (_, yaml, cells) => {
    expect(kubectl(['get', 'nodes', '-o', 'wide'], yaml).stdout).toBe(
      table([nodeWideHeader, ['foo1', 'Unknown', '<none>', '<unknown>', '', ...cells]]),
    );
  });
});

const template = `  template:
    spec:
      containers:
      - {name: fake-container1, image: fake-image1}
      - {name: fake-container2, image: fake-image2}`;

describe('kubectl get deployments (TestPrintDeployment)', () => {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: test1, creationTimestamp: "${ago(-1.9)}"}
spec:
  replicas: 5
${template}
  selector: {matchLabels: {foo: bar}}
status: {replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4}
`;
  const header = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
  it('prints ready/desired, up-to-date and available replicas', () => {
    expect(kubectl(['get', 'deployments'], yaml).stdout).toBe(
      table([header, ['test1', '0/5', '2', '1', '0s']]),
    );
  });
  it('adds containers, images and the selector with -o wide', () => {
    expect(kubectl(['get', 'deployments', '-o', 'wide'], yaml).stdout).toBe(
      table([
        [...header, 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        [
          'test1',
          '0/5',
          '2',
          '1',
          '0s',
          'fake-container1,fake-container2',
          'fake-image1,fake-image2',
          'foo=bar',
        ],
      ]),
    );
  });
});

describe('kubectl get replicasets (TestPrintReplicaSet, TestPrintReplicaSetList)', () => {
  const rs = (name: string, replicas: number, spec: string, status: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}, creationTimestamp: "${ago(-1.9)}"}
spec:
  replicas: ${replicas}
${spec}
status: ${status}
`;
  const header = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'];
  const test1 = rs(
    'test1',
    5,
    `${template}\n  selector: {matchLabels: {foo: bar}}`,
    '{replicas: 5, readyReplicas: 2}',
  );
  it('prints desired, current and ready replicas', () => {
    expect(kubectl(['get', 'replicasets'], test1).stdout).toBe(
      table([header, ['test1', '5', '5', '2', '0s']]),
    );
  });
  it('adds containers, images and the selector with -o wide', () => {
    expect(kubectl(['get', 'replicasets', '-o', 'wide'], test1).stdout).toBe(
      table([
        [...header, 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        [
          'test1',
          '5',
          '5',
          '2',
          '0s',
          'fake-container1,fake-container2',
          'fake-image1,fake-image2',
          'foo=bar',
        ],
      ]),
    );
  });
  it('prints every ReplicaSet of the list', () => {
    const yaml = [
      rs('replicaset1', 5, template, '{replicas: 5, readyReplicas: 2}'),
      rs(
        'replicaset2',
        4,
        '  template: {}\n  selector: {matchLabels: {foo: bar}}',
        '{replicas: 3, readyReplicas: 1}',
      ),
    ].join('---\n');
    expect(kubectl(['get', 'replicasets'], yaml).stdout).toBe(
      table([header, ['replicaset1', '5', '5', '2', '0s'], ['replicaset2', '4', '3', '1', '0s']]),
    );
  });
});

describe('the wide SELECTOR of a workload without a selector (printers.go)', () => {
  const workload = (kind: string) => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: test1}
spec:
  replicas: 1
${template}
`;
  it('is empty for a Deployment: printDeployment prints LabelSelectorAsSelector(nil).String()', () => {
    expect(kubectl(['get', 'deployments', '-o', 'wide'], workload('Deployment')).stdout).toBe(
      table([
        ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        [
          'test1',
          '0/1',
          '0',
          '0',
          '<unknown>',
          'fake-container1,fake-container2',
          'fake-image1,fake-image2',
          '',
        ],
      ]),
    );
  });
  it('is <none> for a ReplicaSet: printReplicaSet prints metav1.FormatLabelSelector', () => {
    expect(kubectl(['get', 'replicasets', '-o', 'wide'], workload('ReplicaSet')).stdout).toBe(
      table([
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        [
          'test1',
          '1',
          '0',
          '0',
          '<unknown>',
          'fake-container1,fake-container2',
          'fake-image1,fake-image2',
          '<none>',
        ],
      ]),
    );
  });
});
