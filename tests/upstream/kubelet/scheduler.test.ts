/**
 * What the scheduler makes of a pod, read from the simulated pod (spec.nodeName, or the
 * PodScheduled condition's message when it fits nowhere). Cases from kubernetes/kubernetes:
 * - pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
 *   TestTaintTolerationFilter at 04c0d74f8e8bf18e93a9d8d082b218d3eb4c6395 (the message no longer
 *   names the taint since kubernetes/kubernetes#134740);
 * - pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go
 *   TestNodeUnschedulable, and plugins/nodeaffinity/node_affinity.go PreFilter at
 *   00d375050338df847285c0a12bbd90c328d0e707 (matchFields metadata.name In narrows the nodes;
 *   pkg/scheduler/schedule_one.go gives the others "node(s) didn't satisfy plugin(s) [...]");
 * - pkg/scheduler/framework/types_test.go TestFitError_Error (reference-index file 60702751550):
 *   reasons counted, sorted as strings, ". " before the PostFilter messages; those are
 *   DynamicResources' "no new claims to deallocate" (plugins/dynamicresources/dynamicresources.go,
 *   reference-index file 882775000) then DefaultPreemption's, joined with ", ".
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/engine';

const docs = (...d: string[]) => d.join('---\n');

const node = (name: string, spec = '', labels = '') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels:
    kubernetes.io/hostname: ${name}
${labels}${spec ? `spec:\n${spec}` : ''}status:
  addresses:
  - type: InternalIP
    address: 10.0.0.${name.charCodeAt(name.length - 1) % 200}
`;

const pod = (spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: pod1
spec:
${spec}  containers:
  - name: c
    image: nginx
`;

/** Where pod1 landed, or the scheduler's message when it did not. */
function schedule(input: string): string {
  const p = simulate(input).cluster.pods.find((x) => x.metadata.name === 'pod1');
  if (p?.spec?.nodeName) return p.spec.nodeName;
  const c = p?.status?.conditions?.find((x) => x.type === 'PodScheduled');
  return `${c?.reason}: ${c?.message}`;
}

const fitError = (nodes: number, reasons: string) =>
  `Unschedulable: 0/${nodes} nodes are available: ${reasons}. no new claims to deallocate, ` +
  `preemption: 0/${nodes} nodes are available: ${nodes} Preemption is not helpful for scheduling.`;

type Taint = [key: string, value: string, effect: string];

const taints = (...list: Taint[]) =>
  `  taints:\n${list.map(([k, v, e]) => `  - key: ${k}\n    value: ${v}\n    effect: ${e}\n`).join('')}`;

const taint = (key: string, value: string, effect: string) => taints([key, value, effect]);

const tolerations = (...t: string[]) => `  tolerations:\n${t.map((x) => `  - ${x}\n`).join('')}`;

describe('TaintToleration Filter (taint_toleration_test.go TestTaintTolerationFilter)', () => {
  const untolerated = fitError(1, '1 node(s) had untolerated taint(s)');
  const cases: { name: string; taints: string; tolerations: string; fits: boolean }[] = [
    {
      name: 'a pod having no tolerations cannot go to a node with taints',
      taints: taint('dedicated', 'user1', 'NoSchedule'),
      tolerations: '',
      fits: false,
    },
    {
      name: 'a pod tolerating dedicated=user1:NoSchedule goes to the node so tainted',
      taints: taint('dedicated', 'user1', 'NoSchedule'),
      tolerations: tolerations('{key: dedicated, value: user1, effect: NoSchedule}'),
      fits: true,
    },
    {
      name: 'a pod tolerating user2 cannot go to a node dedicated to user1',
      taints: taint('dedicated', 'user1', 'NoSchedule'),
      tolerations: tolerations(
        '{key: dedicated, operator: Equal, value: user2, effect: NoSchedule}',
      ),
      fits: false,
    },
    {
      name: 'an Exists toleration tolerates the taint whatever its value',
      taints: taint('foo', 'bar', 'NoSchedule'),
      tolerations: tolerations('{key: foo, operator: Exists, effect: NoSchedule}'),
      fits: true,
    },
    {
      name: 'every taint tolerated by one of several tolerations',
      taints: taints(['dedicated', 'user2', 'NoSchedule'], ['foo', 'bar', 'NoSchedule']),
      tolerations: tolerations(
        '{key: dedicated, operator: Equal, value: user2, effect: NoSchedule}',
        '{key: foo, operator: Exists, effect: NoSchedule}',
      ),
      fits: true,
    },
    {
      name: 'a toleration whose (non-empty) effect differs does not tolerate',
      taints: taint('foo', 'bar', 'NoSchedule'),
      tolerations: tolerations('{key: foo, operator: Equal, value: bar, effect: PreferNoSchedule}'),
      fits: false,
    },
    {
      name: 'a toleration with an empty effect tolerates a NoSchedule taint',
      taints: taint('foo', 'bar', 'NoSchedule'),
      tolerations: tolerations('{key: foo, operator: Equal, value: bar}'),
      fits: true,
    },
    {
      name: 'a PreferNoSchedule taint does not filter a pod with another toleration',
      taints: taint('dedicated', 'user1', 'PreferNoSchedule'),
      tolerations: tolerations(
        '{key: dedicated, operator: Equal, value: user2, effect: NoSchedule}',
      ),
      fits: true,
    },
    {
      name: 'a PreferNoSchedule taint does not filter a pod without tolerations',
      taints: taint('dedicated', 'user1', 'PreferNoSchedule'),
      tolerations: '',
      fits: true,
    },
    {
      name: 'a Gt toleration does not tolerate while TaintTolerationComparisonOperators is off',
      taints: taint('node.kubernetes.io/sla', '"950"', 'NoSchedule'),
      tolerations: tolerations(
        '{key: node.kubernetes.io/sla, operator: Gt, value: "750", effect: NoSchedule}',
      ),
      fits: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const input = docs(node('nodea', c.taints), pod(c.tolerations));
      expect(schedule(input)).toBe(c.fits ? 'nodea' : untolerated);
    });

  it('stops at the first untolerated taint: NoExecute counts, the node counts once', () => {
    const spec = taints(['a', 'x', 'NoExecute'], ['b', 'y', 'NoSchedule']);
    expect(schedule(docs(node('nodea', spec), pod()))).toBe(untolerated);
  });
});

describe('NodeUnschedulable Filter (node_unschedulable_test.go TestNodeUnschedulable)', () => {
  const cordoned = '  unschedulable: true\n';
  it('keeps a pod off an unschedulable node', () => {
    expect(schedule(docs(node('nodea', cordoned), pod()))).toBe(
      fitError(1, '1 node(s) were unschedulable'),
    );
  });
  it('lets a pod on that tolerates node.kubernetes.io/unschedulable:NoSchedule', () => {
    const t = tolerations(
      '{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}',
    );
    expect(schedule(docs(node('nodea', cordoned), pod(t)))).toBe('nodea');
  });
  it('is checked before taints: a cordoned, tainted node is reported as unschedulable', () => {
    const spec = cordoned + taint('dedicated', 'user1', 'NoSchedule');
    expect(schedule(docs(node('nodea', spec), pod()))).toBe(
      fitError(1, '1 node(s) were unschedulable'),
    );
  });
});

describe('the PodScheduled condition of a pod that fits nowhere', () => {
  it('carries the pod generation (schedule_one.go handleSchedulingFailure)', () => {
    const input = docs(node('nodea', taint('dedicated', 'user1', 'NoSchedule')), pod());
    const p = simulate(input).cluster.pods.find((x) => x.metadata.name === 'pod1');
    expect(p?.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'PodScheduled',
        reason: 'Unschedulable',
        observedGeneration: 1,
      }),
    ]);
    expect(p?.status?.observedGeneration).toBeUndefined();
  });
});

describe('the FitError message (types_test.go TestFitError_Error)', () => {
  it('counts each reason over the nodes and sorts the counted reasons as strings', () => {
    const nodes = docs(
      node('a', taint('node-role.kubernetes.io/control-plane', '""', 'NoSchedule')),
      node('b', '', '    disktype: hdd\n'),
      node('c', '', '    disktype: hdd\n'),
    );
    expect(schedule(docs(nodes, pod('  nodeSelector:\n    disktype: ssd\n')))).toBe(
      fitError(
        3,
        "1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector",
      ),
    );
  });
});

describe('NodeAffinity PreFilter (node_affinity.go): matchFields metadata.name In', () => {
  const nodes = docs(
    node('a', taint('dedicated', 'user1', 'NoSchedule')),
    node('b', '', '    zone: x\n'),
    node('c', '', '    zone: x\n'),
  );
  const byName = (names: string, extra = '') =>
    pod(`  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - key: metadata.name
            operator: In
            values: [${names}]
${extra}`);

  it('places the pod on the node it names', () => {
    expect(schedule(docs(nodes, byName('c')))).toBe('c');
  });

  it('reports the nodes left out as not satisfying NodeAffinity, the named ones by their filter', () => {
    expect(schedule(docs(nodes, byName('a, missing')))).toBe(
      fitError(
        3,
        "1 node(s) had untolerated taint(s), 2 node(s) didn't satisfy plugin(s) [NodeAffinity]",
      ),
    );
  });

  it('counts every node as left out when the named node does not exist', () => {
    expect(schedule(docs(nodes, byName('missing')))).toBe(
      fitError(3, "3 node(s) didn't satisfy plugin(s) [NodeAffinity]"),
    );
  });

  it('runs the Filter on the named nodes: nodeSelector still applies', () => {
    const input = docs(nodes, byName('b', '  nodeSelector:\n    zone: y\n'));
    expect(schedule(input)).toBe(
      fitError(
        3,
        "1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]",
      ),
    );
  });

  it('leaves every node in when one term names no node', () => {
    const input = docs(
      nodes,
      pod(`  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - {key: metadata.name, operator: In, values: [missing]}
        - matchExpressions:
          - {key: zone, operator: In, values: [y]}
`),
    );
    expect(schedule(input)).toBe(
      fitError(
        3,
        "1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector",
      ),
    );
  });
});

describe('scheduling gates (strategy_test.go TestSchedulingGatedCondition, plugins/schedulinggates)', () => {
  it('leaves a gated pod unscheduled with the SchedulingGated condition the API server gives it', () => {
    // pkg/registry/core/pod/strategy.go applySchedulingGatedCondition (reference-index file
    // 94068187) and its test (161124122); the SchedulingGates PreEnqueue plugin keeps the pod
    // out of the scheduling queue.
    const p = simulate(pod('  schedulingGates:\n  - name: example.com/foo\n')).cluster.pods.find(
      (x) => x.metadata.name === 'pod1',
    );
    expect(p?.spec?.nodeName).toBeUndefined();
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      }),
    ]);
    // Set by the API server, which stamps no observedGeneration on it.
    expect(p?.status?.conditions?.[0]?.observedGeneration).toBeUndefined();
  });

  it('schedules the pod once its gates are gone (an empty list)', () => {
    expect(schedule(pod('  schedulingGates: []\n'))).toMatch(/^node-/);
  });
});

describe('node affinity Gt and Lt (component-helpers nodeaffinity, labels.Requirement.Matches)', () => {
  const nodes = docs(
    node('a', '', '    cores: "8"\n'),
    node('b', '', '    cores: "1e3"\n'),
    node('c', '', '    cores: "016"\n'),
  );
  const gt = (value: string) =>
    pod(`  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: cores, operator: Gt, values: ["${value}"]}
`);
  it('compares the label as a base-10 integer (strconv.ParseInt), "016" included', () => {
    expect(schedule(docs(nodes, gt('10')))).toBe('c');
  });
  it('does not read 1e3 as a number', () => {
    expect(schedule(docs(nodes, gt('100')))).toBe(
      fitError(3, "3 node(s) didn't match Pod's node affinity/selector"),
    );
  });
});

describe('NodePorts Filter (nodeports/node_ports_test.go TestNodePorts)', () => {
  // node_ports.go at the reference index: ErrReason, a status Unschedulable, so preemption
  // dry-runs the node and finds no lower-priority victim there.
  const portsSpec = (...ports: string[]) => `  containers:
  - name: c
    image: nginx
    ports:
${ports.map((p) => `    - ${p}\n`).join('')}`;
  const bound = (name: string, ...ports: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: nodea
${portsSpec(...ports)}`;
  const wanting = (...ports: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: pod1
spec:
${portsSpec(...ports)}`;
  const taken = `Unschedulable: 0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`;
  const cases: { name: string; existing: string[]; want: string[]; fits: boolean }[] = [
    {
      name: 'nothing running',
      existing: [],
      want: ['{containerPort: 8080, hostPort: 8080}'],
      fits: true,
    },
    {
      name: 'other port',
      existing: ['{containerPort: 9090, hostPort: 9090, hostIP: 127.0.0.1}'],
      want: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1}'],
      fits: true,
    },
    {
      name: 'same udp port',
      existing: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1, protocol: UDP}'],
      want: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1, protocol: UDP}'],
      fits: false,
    },
    {
      name: 'same tcp port',
      existing: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1}'],
      want: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1}'],
      fits: false,
    },
    {
      name: 'different host ip',
      existing: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.2}'],
      want: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1}'],
      fits: true,
    },
    {
      name: 'different protocol',
      existing: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1, protocol: TCP}'],
      want: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1, protocol: UDP}'],
      fits: true,
    },
    {
      name: 'second udp port conflict',
      existing: ['{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1, protocol: UDP}'],
      want: [
        '{containerPort: 8000, hostPort: 8000, hostIP: 127.0.0.1, protocol: TCP}',
        '{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1, protocol: UDP}',
      ],
      fits: false,
    },
    {
      name: '0.0.0.0 on the node conflicts with a specific address',
      existing: ['{containerPort: 8001, hostPort: 8001}'],
      want: ['{containerPort: 8001, hostPort: 8001, hostIP: 127.0.0.1}'],
      fits: false,
    },
    {
      name: 'a specific address on the node conflicts with 0.0.0.0',
      existing: ['{containerPort: 8001, hostPort: 8001, hostIP: 127.0.0.1}'],
      want: ['{containerPort: 8001, hostPort: 8001}'],
      fits: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const existing = c.existing.length > 0 ? [bound('existing', ...c.existing)] : [];
      const input = docs(node('nodea'), ...existing, wanting(...c.want));
      expect(schedule(input)).toBe(c.fits ? 'nodea' : taken);
    });

  it('counts preemption per node: no victims where ports are taken, no help behind a taint', () => {
    const nodes = docs(node('a', taint('dedicated', 'user1', 'NoSchedule')), node('b'), node('c'));
    const holder = (name: string, at: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${at}
${portsSpec('{containerPort: 80, hostPort: 80}')}`;
    const input = docs(
      nodes,
      holder('hb', 'b'),
      holder('hc', 'c'),
      wanting('{containerPort: 80, hostPort: 80}'),
    );
    expect(schedule(input)).toBe(
      "Unschedulable: 0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't have free ports for the requested pod ports. " +
        'no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('spreads a host-network Deployment one pod per node, the extra pod Pending', () => {
    const input = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: edge
spec:
  replicas: 4
  selector: {matchLabels: {app: edge}}
  template:
    metadata: {labels: {app: edge}}
    spec:
      hostNetwork: true
      containers:
      - name: c
        image: nginx
        ports:
        - containerPort: 8080
`;
    const pods = simulate(input).cluster.pods.filter((p) => p.metadata.labels?.app === 'edge');
    expect(pods.map((p) => p.spec?.nodeName ?? '').sort()).toEqual([
      '',
      'node-1',
      'node-2',
      'node-3',
    ]);
    const pending = pods.find((p) => !p.spec?.nodeName);
    expect(pending?.status?.conditions?.[0]?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports. " +
        'no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });
});
