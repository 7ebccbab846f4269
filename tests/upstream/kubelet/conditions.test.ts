/**
 * The conditions the kubelet writes, from kubernetes/kubernetes pkg/kubelet/status/generate.go
 * at 004b6af52532cc7f7aea8a2b05ae44471e4de8dc (GeneratePodReadyCondition,
 * GenerateContainersReadyCondition, GeneratePodInitializedCondition,
 * GeneratePodReadyToStartContainersCondition) and its tests, generate_test.go
 * TestGeneratePodReadyCondition (reference-index file 41365982209): the reasons and messages of
 * a Ready condition that is not True. Read through the simulated cluster's pods.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import type { Pod, PodCondition } from '../../../src/engine/model';

const docs = (...d: string[]) => d.join('---\n');

function podNamed(input: string, name: string): Pod {
  const pod = simulate(input).cluster.pods.find((p) => p.metadata.name === name);
  if (!pod) throw new Error(`no pod ${name}`);
  return pod;
}

/**
 * The conditions without their times and generation: type, status, reason and message. Every one has the
 * lastProbeTime the API serves for a metav1.Time never set: null.
 */
const conditionsOf = (pod: Pod) =>
  (pod.status?.conditions ?? []).map((c: PodCondition) => {
    const { lastTransitionTime: _, observedGeneration: __, lastProbeTime, ...rest } = c;
    expect(lastProbeTime).toBeNull();
    return rest;
  });

describe('kubelet conditions (generate.go)', () => {
  it('names every readiness gate whose condition is missing, joined with ", " (ReadinessGatesNotReady)', () => {
    const input = `apiVersion: v1
kind: Pod
metadata:
  name: gated
spec:
  readinessGates:
  - conditionType: gate1
  - conditionType: gate2
  containers:
  - name: c
    image: nginx
`;
    expect(conditionsOf(podNamed(input, 'gated'))).toEqual([
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      {
        type: 'Ready',
        status: 'False',
        reason: 'ReadinessGatesNotReady',
        message:
          'corresponding condition of pod readiness gate "gate1" does not exist., ' +
          'corresponding condition of pod readiness gate "gate2" does not exist.',
      },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  it('lists the init containers, and the unready sidecars then containers, when the sandbox gets no IP', () => {
    // A /30 pod CIDR: host-local hands out .2 only, so the second pod's sandbox fails.
    const node = `apiVersion: v1
kind: Node
metadata:
  name: small
spec:
  podCIDR: 10.9.0.0/30
status:
  addresses:
  - type: InternalIP
    address: 192.168.9.1
`;
    const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: small
  initContainers:
  - name: setup
    image: busybox
  - name: proxy
    image: envoy
    restartPolicy: Always
  containers:
  - name: web
    image: nginx
  - name: log
    image: fluentd
`;
    const second = podNamed(docs(node, pod('first'), pod('second')), 'second');
    const notReady = {
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [proxy web log]',
    };
    expect(second.status?.phase).toBe('Pending');
    // pkg/kubelet/status/status_manager.go updateStatusInternal: the first status gets a start time.
    expect(second.status?.startTime).toBe(second.metadata.creationTimestamp);
    expect(conditionsOf(second)).toEqual([
      { type: 'PodReadyToStartContainers', status: 'False' },
      {
        type: 'Initialized',
        status: 'False',
        reason: 'ContainersNotInitialized',
        message: 'containers with incomplete status: [setup proxy]',
      },
      { type: 'Ready', ...notReady },
      { type: 'ContainersReady', ...notReady },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  const finished = (phase: string) => `apiVersion: v1
kind: Pod
metadata:
  name: done
spec:
  nodeName: node-1
  containers:
  - name: c
    image: busybox
status:
  phase: ${phase}
`;

  it('gives a Succeeded pod PodCompleted, and no sandbox to start containers in', () => {
    expect(conditionsOf(podNamed(finished('Succeeded'), 'done'))).toEqual([
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  it('gives a Failed pod PodFailed on Ready and ContainersReady, and a plain Initialized', () => {
    expect(conditionsOf(podNamed(finished('Failed'), 'done'))).toEqual([
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'PodFailed' },
      { type: 'ContainersReady', status: 'False', reason: 'PodFailed' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  it('leaves a pod bound to a node that does not exist as the API server created it', () => {
    // pkg/registry/core/pod/strategy.go PrepareForCreate: phase Pending and the QoS class; the
    // PodScheduled condition comes from the scheduler's binding or from the node's kubelet.
    const input = `apiVersion: v1
kind: Pod
metadata:
  name: orphan
spec:
  nodeName: ghost
  containers:
  - name: c
    image: nginx
`;
    expect(podNamed(input, 'orphan').status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('stamps the status and its conditions with the pod generation (PodObservedGenerationTracking)', () => {
    // kubelet_pods.go generateAPIPodStatus: status.observedGeneration and every condition's
    // (CalculatePodConditionObservedGeneration), the pod's generation, 1 from its creation.
    const input = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
`;
    const status = podNamed(input, 'p').status;
    expect(status?.observedGeneration).toBe(1);
    expect(status?.conditions?.map((c) => c.observedGeneration)).toEqual([1, 1, 1, 1, 1]);
  });

  it('fills in the qosClass a given status lacks, as the API server sets it on creation', () => {
    expect(podNamed(finished('Succeeded'), 'done').status?.qosClass).toBe('BestEffort');
  });
});
