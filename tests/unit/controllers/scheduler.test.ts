import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';
import { fitErrorMessage, toleratesTaint } from '../../../src/engine/controllers/scheduler';

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
spec:
  containers:
  - name: c
    image: nginx
${extra}`;
const node = (name: string, ip: string, extra = '') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    kubernetes.io/hostname: ${name}
${extra}status:
  addresses:
  - type: InternalIP
    address: ${ip}
`;
const docs = (...d: string[]) => d.join('---\n');
const placed = (input: string) =>
  Object.fromEntries(
    simulate(input)
      .cluster.pods.filter((p) => p.metadata.namespace === 'default')
      .map((p) => [p.metadata.name, p.spec?.nodeName]),
  );

describe('scheduler', () => {
  it('schedules a pod a ReplicaSet adopts at its own place in creation order', () => {
    const labelled = (name: string, app: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${app}
spec:
  containers:
  - name: c
    image: nginx
`;
    const rs = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: late
spec:
  replicas: 1
  selector:
    matchLabels:
      app: late
  template:
    metadata:
      labels:
        app: late
    spec:
      containers:
      - name: c
        image: nginx
`;
    // The default nodes: CoreDNS's two pods went to node-1 and node-2. "second" is adopted by
    // the ReplicaSet (a copy of the stored pod, with its owner set), yet it was still created
    // after "first".
    expect(placed(docs(labelled('first', 'web'), labelled('second', 'late'), rs))).toEqual({
      first: 'node-3',
      second: 'node-1',
    });
  });

  it('spreads pods over the nodes with the fewest pods, ties by node name', () => {
    const nodes = docs(node('b', '10.0.0.2'), node('a', '10.0.0.1'), node('c', '10.0.0.3'));
    // The two CoreDNS pods of the built-in Deployment were created first: on a, then b.
    expect(placed(docs(nodes, pod('p1'), pod('p2'), pod('p3'), pod('p4')))).toEqual({
      p1: 'c',
      p2: 'a',
      p3: 'b',
      p4: 'c',
    });
  });

  it('counts the pods the input binds itself, and the CoreDNS pods', () => {
    // Default nodes: the two CoreDNS pods land on node-1 and node-2, p2 is bound to node-3.
    expect(placed(docs(pod('p1'), pod('p2', '  nodeName: node-3\n'), pod('p3')))).toEqual({
      p1: 'node-1',
      p2: 'node-3',
      p3: 'node-2',
    });
  });

  it('respects nodeSelector', () => {
    const input = docs(pod('p1', '  nodeSelector:\n    kubernetes.io/hostname: node-2\n'));
    expect(placed(input)).toEqual({ p1: 'node-2' });
  });

  it('skips cordoned nodes and nodes with untolerated NoSchedule taints', () => {
    const nodes = docs(
      node('a', '10.0.0.1', 'spec:\n  unschedulable: true\n'),
      node(
        'b',
        '10.0.0.2',
        'spec:\n  taints:\n  - key: dedicated\n    value: gpu\n    effect: NoSchedule\n',
      ),
      node('c', '10.0.0.3'),
    );
    expect(placed(docs(nodes, pod('p1'), pod('p2')))).toEqual({ p1: 'c', p2: 'c' });
    const tolerant = pod('p3', '  tolerations:\n  - key: dedicated\n    operator: Exists\n');
    expect(placed(docs(nodes, pod('p1'), tolerant))).toEqual({ p1: 'c', p3: 'b' });
  });

  it("leaves a pod that fits nowhere Pending, with the scheduler's message at its nodeSelector", () => {
    const input = pod('p1', '  nodeSelector:\n    disktype: ssd\n');
    const sim = simulate(input);
    const p = sim.cluster.pods.find((x) => x.metadata.name === 'p1');
    const message =
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. " +
      'no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(p?.spec?.nodeName).toBeUndefined();
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.podIP).toBeUndefined();
    expect(p?.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
      }),
    ]);
    const d = sim.diagnostics.find((x) => x.source === 'default-scheduler');
    expect(d).toMatchObject({ message, path: 'spec.nodeSelector', line: 11, severity: 'warning' });
  });

  it('reports the problem of a Deployment pod on the Deployment template', () => {
    const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: c
        image: nginx
`;
    const found = simulate(input).diagnostics.filter((x) => x.source === 'default-scheduler');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'spec.template.spec.nodeSelector', line: 15 });
  });

  it("points the NodePorts filter's message at the Deployment template's containers", () => {
    const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: c
        image: nginx
        ports:
        - containerPort: 80
          hostPort: 8080
`;
    const found = simulate(input).diagnostics.filter((x) => x.source === 'default-scheduler');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(
      "3 node(s) didn't have free ports for the requested pod ports",
    );
    expect(found[0]).toMatchObject({ path: 'spec.template.spec.containers', line: 15 });
  });

  it("points NodeAffinity's PreFilter message (matchFields naming no node) at spec.affinity", () => {
    const input = pod(
      'p1',
      `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - {key: metadata.name, operator: In, values: [node-9]}
`,
    );
    const d = simulate(input).diagnostics.find((x) => x.source === 'default-scheduler');
    expect(d?.message).toContain("didn't satisfy plugin(s) [NodeAffinity]");
    expect(d).toMatchObject({ path: 'spec.affinity', line: 11 });
  });

  it('sorts the reasons as the FitError histogram does', () => {
    expect(
      fitErrorMessage([
        "node(s) didn't match Pod's node affinity/selector",
        'node(s) had untolerated taint(s)',
        "node(s) didn't match Pod's node affinity/selector",
      ]),
    ).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. " +
        'no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(fitErrorMessage([])).toBe('no nodes available to schedule pods');
  });

  it('matches tolerations as Toleration.ToleratesTaint does', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', value: 'other' }, taint)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(
      false,
    );
  });

  it('honours required node affinity terms (ORed) with In and NotIn', () => {
    const affinity = `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: kubernetes.io/hostname
            operator: In
            values: [node-3]
`;
    expect(placed(pod('p1', affinity))).toEqual({ p1: 'node-3' });
  });
});
