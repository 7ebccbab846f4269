/**
 * `kubectl get pods [-o wide]` on the fixtures of kubernetes/kubernetes
 * pkg/printers/internalversion/printers_test.go (read at openshift/kubernetes, reference-index file
 * id 27467372157, the version with restartable init containers): TestPrintPod,
 * TestPrintPodWithRestartableInitContainer, TestPrintPodwide, TestPrintPodConditions,
 * TestPrintPodList, TestPrintNonTerminatedPod. Each fixture is the Go object as YAML; upstream's
 * `time.Now().Add(-10 * time.Second)` is `ago(10)` against the playground's fixed now. The
 * expected cells are upstream's.
 */
import { describe, expect, it } from 'vitest';
import { ago, kubectl, table } from './harness';

const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
const wideHeader = [...header, 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

const running = (restarts: number, ready = true, finished?: number) =>
  `{ready: ${ready}, restartCount: ${restarts}, state: {running: {}}${
    finished === undefined ? '' : `, lastState: {terminated: {finishedAt: "${ago(finished)}"}}`
  }}`;

function pod(name: string, spec: string, status: string): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
${spec}
status:
${status}
`;
}

const two = '  containers: [{}, {}]';
const oneInitOneApp = '  initContainers: [{}]\n  containers: [{}]';
const twoInitOneApp = '  initContainers: [{}, {}]\n  containers: [{}]';
const sidecars =
  '  initContainers: [{name: restartable-init-1, restartPolicy: Always}, {name: restartable-init-2, restartPolicy: Always}]\n  containers: [{}]';

const cases: [string, string, string[]][] = [
  [
    'TestPrintPod test1: counts ready running containers and sums restarts',
    pod(
      'test1',
      two,
      `  phase: podPhase\n  containerStatuses:\n  - ${running(3)}\n  - {restartCount: 3}`,
    ),
    ['test1', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test2: a waiting container reason overwrites the phase',
    pod(
      'test2',
      two,
      `  phase: podPhase\n  containerStatuses:\n  - ${running(3)}\n  - {state: {waiting: {reason: ContainerWaitingReason}}, restartCount: 3}`,
    ),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test3: the first container overwrites the rest',
    pod(
      'test3',
      two,
      `  phase: podPhase\n  containerStatuses:\n  - {state: {waiting: {reason: ContainerWaitingReason}}, restartCount: 3}\n  - {state: {terminated: {reason: ContainerTerminatedReason}}, restartCount: 3}`,
    ),
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test4: ready is not enough for reporting running',
    pod(
      'test4',
      two,
      `  phase: podPhase\n  containerStatuses:\n  - ${running(3)}\n  - {ready: true, restartCount: 3}`,
    ),
    ['test4', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test5: the status reason overwrites the phase',
    pod(
      'test5',
      two,
      `  reason: podReason\n  phase: podPhase\n  containerStatuses:\n  - ${running(3)}\n  - {ready: true, restartCount: 3}`,
    ),
    ['test5', '1/2', 'podReason', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test6: one running and one completed container, without a Ready condition',
    pod(
      'test6',
      two,
      `  phase: Running\n  containerStatuses:\n  - {ready: true, restartCount: 3, state: {terminated: {reason: Completed, exitCode: 0}}}\n  - ${running(3)}`,
    ),
    ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test6: one running and one completed container, with a Ready condition',
    pod(
      'test6',
      two,
      `  phase: Running\n  containerStatuses:\n  - {ready: true, restartCount: 3, state: {terminated: {reason: Completed, exitCode: 0}}}\n  - ${running(3)}\n  conditions: [{type: Ready, status: "True"}]`,
    ),
    ['test6', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    'TestPrintPod test7: an init container restarting',
    pod(
      'test7',
      oneInitOneApp,
      `  phase: podPhase\n  initContainerStatuses:\n  - ${running(3, false, 10)}\n  containerStatuses:\n  - {ready: false, restartCount: 0, state: {waiting: {}}}`,
    ),
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test8: two init containers, one restarting',
    pod(
      'test8',
      twoInitOneApp,
      `  phase: podPhase\n  initContainerStatuses:\n  - ${running(3, false, 10)}\n  - {ready: false, state: {waiting: {}}}\n  containerStatuses:\n  - {ready: false, state: {waiting: {}}}`,
    ),
    ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test9: one init container completed, the other restarting',
    pod(
      'test9',
      twoInitOneApp,
      `  phase: podPhase\n  initContainerStatuses:\n  - {ready: false, state: {terminated: {}}}\n  - ${running(3, false, 10)}\n  containerStatuses:\n  - {ready: false, state: {waiting: {}}}`,
    ),
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test10: restarts of completed and restarting init containers add up',
    pod(
      'test10',
      twoInitOneApp,
      `  phase: podPhase\n  initContainerStatuses:\n  - {ready: false, restartCount: 2, state: {terminated: {}}, lastState: {terminated: {finishedAt: "${ago(120)}"}}}\n  - ${running(3, false, 10)}\n  containerStatuses:\n  - {ready: false, state: {waiting: {}}}`,
    ),
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test11: once initialized, only the app containers restarts count',
    pod(
      'test11',
      oneInitOneApp,
      `  phase: Running\n  initContainerStatuses:\n  - {ready: false, restartCount: 2, state: {terminated: {}}, lastState: {terminated: {finishedAt: "${ago(120)}"}}}\n  containerStatuses:\n  - ${running(4, false, 20)}`,
    ),
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test12: a container that restarted 5d ago',
    pod(
      'test12',
      '  containers: [{}]',
      `  phase: Running\n  containerStatuses:\n  - ${running(3, true, 5 * 86400)}`,
    ),
    ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test13: one container never restarted, the other 10d ago',
    pod(
      'test13',
      two,
      `  phase: Running\n  containerStatuses:\n  - ${running(0)}\n  - ${running(3, true, 10 * 86400)}`,
    ),
    ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test14: the latest of two restarts is shown',
    pod(
      'test14',
      two,
      `  phase: Running\n  containerStatuses:\n  - ${running(6, true, 5 * 86400)}\n  - ${running(3, true, 20 * 86400)}`,
    ),
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  ],
  [
    'TestPrintPod test15: a scheduling gate',
    pod(
      'test15',
      two,
      '  phase: podPhase\n  conditions: [{type: PodScheduled, status: "False", reason: SchedulingGated}]',
    ),
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  ],
  [
    'TestPrintPodWithRestartableInitContainer: the first sidecar running but not started',
    pod(
      'test1',
      sidecars,
      `  phase: Pending\n  initContainerStatuses:\n  - {name: restartable-init-1, ready: false, restartCount: 3, state: {running: {}}, started: false, lastState: {terminated: {finishedAt: "${ago(10)}"}}}\n  - {name: restartable-init-2, ready: false, state: {waiting: {}}, started: false}\n  containerStatuses:\n  - {ready: false, restartCount: 0, state: {waiting: {}}}\n  conditions: [{type: Initialized, status: "False"}]`,
    ),
    ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPodWithRestartableInitContainer: the first sidecar started, the second not',
    pod(
      'test1',
      sidecars,
      `  phase: Pending\n  initContainerStatuses:\n  - {name: restartable-init-1, ready: false, restartCount: 3, state: {running: {}}, started: true, lastState: {terminated: {finishedAt: "${ago(10)}"}}}\n  - {name: restartable-init-2, ready: false, state: {running: {}}, started: false}\n  containerStatuses:\n  - {ready: false, restartCount: 0, state: {waiting: {}}}\n  conditions: [{type: Initialized, status: "False"}]`,
    ),
    ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPodWithRestartableInitContainer: both sidecars started and the app running',
    pod(
      'test2',
      sidecars,
      `  phase: Running\n  initContainerStatuses:\n  - {name: restartable-init-1, ready: false, restartCount: 3, state: {running: {}}, started: true, lastState: {terminated: {finishedAt: "${ago(10)}"}}}\n  - {name: restartable-init-2, ready: false, state: {running: {}}, started: true}\n  containerStatuses:\n  - ${running(4, true, 20)}\n  conditions: [{type: Initialized, status: "True"}]`,
    ),
    ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPodWithRestartableInitContainer: sidecars failed and the app completed',
    pod(
      'test3',
      sidecars,
      `  phase: Succeeded\n  initContainerStatuses:\n  - {name: restartable-init-1, ready: false, restartCount: 3, state: {terminated: {reason: Error, exitCode: 137}}, started: false, lastState: {terminated: {finishedAt: "${ago(10)}"}}}\n  - {name: restartable-init-2, ready: false, state: {terminated: {reason: Error, exitCode: 137}}, started: false}\n  containerStatuses:\n  - {ready: false, restartCount: 4, state: {terminated: {reason: Completed, exitCode: 0}}, lastState: {terminated: {finishedAt: "${ago(20)}"}}}\n  conditions: [{type: Initialized, status: "True"}]`,
    ),
    ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
  ],
  [
    'TestPrintPodConditions: a running pod',
    pod(
      'test1',
      two,
      `  phase: Running\n  containerStatuses:\n  - ${running(3)}\n  - {restartCount: 3}`,
    ),
    ['test1', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    'TestPrintPodConditions: a succeeded pod',
    pod(
      'test1',
      two,
      `  phase: Succeeded\n  containerStatuses:\n  - ${running(3)}\n  - {restartCount: 3}`,
    ),
    ['test1', '1/2', 'Succeeded', '6', '<unknown>'],
  ],
  [
    'TestPrintPodConditions: a failed pod',
    pod(
      'test2',
      two,
      `  phase: Failed\n  containerStatuses:\n  - ${running(3)}\n  - {restartCount: 3}`,
    ),
    ['test2', '1/2', 'Failed', '6', '<unknown>'],
  ],
  [
    'TestPrintNonTerminatedPod: a pending pod',
    pod(
      'test2',
      two,
      `  phase: Pending\n  containerStatuses:\n  - ${running(3)}\n  - {restartCount: 3}`,
    ),
    ['test2', '1/2', 'Pending', '6', '<unknown>'],
  ],
  [
    'TestPrintNonTerminatedPod: a pod in phase Unknown',
    pod(
      'test3',
      two,
      `  phase: Unknown\n  containerStatuses:\n  - ${running(3)}\n  - {restartCount: 3}`,
    ),
    ['test3', '1/2', 'Unknown', '6', '<unknown>'],
  ],
];

describe('kubectl get pods (printers_test.go TestPrintPod and friends)', () => {
  it.each(cases)('%s', (_, yaml, cells) => {
    expect(kubectl(['get', 'pods'], yaml)).toEqual({
      stdout: table([header, cells]),
      stderr: '',
      code: 0,
    });
  });

  it('TestPrintPodList: one row per pod, in name order', () => {
    const yaml = `${pod(
      'test1',
      two,
      `  phase: podPhase\n  containerStatuses:\n  - ${running(3)}\n  - ${running(3)}`,
    )}---\n${pod('test2', '  containers: [{}]', `  phase: podPhase\n  containerStatuses:\n  - ${running(1)}`)}`;
    expect(kubectl(['get', 'pods'], yaml).stdout).toBe(
      table([
        header,
        ['test1', '2/2', 'podPhase', '6', '<unknown>'],
        ['test2', '1/1', 'podPhase', '1', '<unknown>'],
      ]),
    );
  });
});

const gates = `  containers: [{}, {}]
  nodeName: test1
  readinessGates: [{conditionType: condition1}, {conditionType: condition2}, {conditionType: condition3}]`;

describe('kubectl get pods -o wide (TestPrintPodwide)', () => {
  it.each([
    ['one pod IP', '[{ip: 1.1.1.1}]'],
    ['the first of two pod IPs', '[{ip: 1.1.1.1}, {ip: "2001:db8::"}]'],
  ])('shows the node, nominated node, readiness gates and %s', (_, podIPs) => {
    const yaml = pod(
      'test1',
      gates,
      `  conditions: [{type: condition1, status: "False"}, {type: condition2, status: "True"}]
  phase: podPhase
  podIPs: ${podIPs}
  containerStatuses:
  - ${running(3)}
  - {restartCount: 3}
  nominatedNodeName: node1`,
    );
    expect(kubectl(['get', 'pods', '-o', 'wide'], yaml).stdout).toBe(
      table([
        wideHeader,
        ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
      ]),
    );
  });

  it('shows <none> without node, IP, nominated node or gates', () => {
    const yaml = pod(
      'test2',
      `${two}\n  nodeName: ""`,
      `  phase: podPhase\n  containerStatuses:\n  - ${running(3)}\n  - {state: {waiting: {reason: ContainerWaitingReason}}, restartCount: 3}`,
    );
    expect(kubectl(['get', 'pods', '-o', 'wide'], yaml).stdout).toBe(
      table([
        wideHeader,
        [
          'test2',
          '1/2',
          'ContainerWaitingReason',
          '6',
          '<unknown>',
          '<none>',
          '<none>',
          '<none>',
          '<none>',
        ],
      ]),
    );
  });
});

describe('the IP of kubectl get pods -o wide (Convert_v1_PodStatus_To_core_PodStatus)', () => {
  it.each([
    ['status.podIP alone', 'podIP: 10.0.0.5', '10.0.0.5'],
    [
      'status.podIP when it differs from podIPs[0]',
      'podIP: 10.0.0.5\n  podIPs: [{ip: 10.0.0.6}]',
      '10.0.0.5',
    ],
  ])('shows %s', (_, ips, shown) => {
    const yaml = pod('p', '  containers: [{}]', `  phase: Running\n  ${ips}`);
    expect(kubectl(['get', 'pods', '-o', 'wide'], yaml).stdout).toBe(
      table([
        wideHeader,
        ['p', '0/1', 'Running', '0', '<unknown>', shown, '<none>', '<none>', '<none>'],
      ]),
    );
  });
});

describe('a failed container beside a completed one (kubernetes/kubernetes PR #124766)', () => {
  it.each([
    ['the failed one listed last', 'Completed, exitCode: 0', 'Error, exitCode: 1'],
    ['the failed one listed first', 'Error, exitCode: 1', 'Completed, exitCode: 0'],
  ])('shows Error with %s', (_, first, second) => {
    const yaml = pod(
      'job',
      two,
      `  phase: Failed\n  containerStatuses:\n  - {state: {terminated: {reason: ${first}}}}\n  - {state: {terminated: {reason: ${second}}}}`,
    );
    expect(kubectl(['get', 'pods'], yaml).stdout).toBe(
      table([header, ['job', '0/2', 'Error', '0', '<unknown>']]),
    );
  });
});
