/**
 * The container statuses the kubelet reports, after kubernetes/kubernetes
 * pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (every container starts from a
 * waiting state, ContainerCreating, or PodInitializing when the pod has init containers; a
 * finished regular init container is terminated with exit code 0, reason Completed; a sidecar,
 * restartPolicy Always, runs and counts in READY) and generate.go
 * GeneratePodInitializedCondition at 004b6af52532cc7f7aea8a2b05ae44471e4de8dc. The READY and
 * STATUS columns are what kubectl's printPod (staging/src/k8s.io/kubectl/pkg/cmd/get, the
 * internal printers' printPod) makes of them, through the command line.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { runCommand } from '../../../src/engine/shell/runCommand';

const docs = (...d: string[]) => d.join('---\n');

/** A node whose /29 pod CIDR gives host-local five addresses (.2 to .6). */
const node = `apiVersion: v1
kind: Node
metadata:
  name: small
spec:
  podCIDR: 10.9.0.0/29
status:
  addresses:
  - type: InternalIP
    address: 192.168.9.1
`;

const pod = (name: string, init: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: small
${
  init
    ? `  initContainers:
  - name: setup
    image: busybox
  - name: proxy
    image: envoy
    restartPolicy: Always
`
    : ''
}  containers:
  - name: web
    image: nginx
`;

/**
 * Five pods on a node with five addresses, two of them taken by the built-in CoreDNS pods
 * (created first): p0 to p2 run, p3 and p4 wait for a sandbox.
 */
const input = docs(node, ...[0, 1, 2, 3, 4].map((i) => pod(`p${i}`, i % 2 === 0)));

function getPods(yaml: string): string {
  let stdout = '';
  runCommand(['get', 'pods', 'in.yaml'], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    looksLikeFile: (arg) => arg.endsWith('.yaml'),
    readFiles: (names) => ({ type: 'ok', files: names.map((name) => ({ name, text: yaml })) }),
  });
  return stdout;
}

describe('kubelet container statuses (kubelet_pods.go convertToAPIContainerStatuses)', () => {
  const pods = simulate(input).cluster.pods;
  const named = (name: string) => pods.find((p) => p.metadata.name === name);

  it('reports a running pod’s init containers: the regular one Completed, the sidecar running', () => {
    const at = named('p0')?.metadata.creationTimestamp;
    expect(named('p0')?.status?.initContainerStatuses).toEqual([
      {
        name: 'setup',
        image: 'busybox',
        lastState: {},
        ready: true,
        restartCount: 0,
        started: false,
        state: {
          terminated: { exitCode: 0, finishedAt: at, reason: 'Completed', startedAt: at },
        },
      },
      {
        name: 'proxy',
        image: 'envoy',
        lastState: {},
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: at } },
      },
    ]);
    expect(named('p1')?.status?.initContainerStatuses).toBeUndefined();
  });

  it('leaves every container waiting when the sandbox fails: PodInitializing with init containers', () => {
    const waiting = (name: string, image: string, reason: string) => ({
      name,
      image,
      lastState: {},
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason } },
    });
    expect(named('p4')?.status).toMatchObject({
      initContainerStatuses: [
        waiting('setup', 'busybox', 'PodInitializing'),
        waiting('proxy', 'envoy', 'PodInitializing'),
      ],
      containerStatuses: [waiting('web', 'nginx', 'PodInitializing')],
    });
    expect(named('p3')?.status?.initContainerStatuses).toBeUndefined();
    expect(named('p3')?.status?.containerStatuses).toEqual([
      waiting('web', 'nginx', 'ContainerCreating'),
    ]);
  });

  it('shows as kubectl get pods does: sidecars in READY, Init:0/2 and ContainerCreating', () => {
    const rows = getPods(input)
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2,}/).slice(0, 3));
    expect(rows).toEqual([
      ['NAME', 'READY', 'STATUS'],
      ['p0', '2/2', 'Running'],
      ['p1', '1/1', 'Running'],
      ['p2', '2/2', 'Running'],
      ['p3', '0/1', 'ContainerCreating'],
      ['p4', '0/2', 'Init:0/2'],
    ]);
  });
});
