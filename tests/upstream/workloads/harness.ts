/**
 * Applies YAML through the whole engine (admission, the Deployment and ReplicaSet controllers,
 * the scheduler and the kubelets) and reads back what `kubectl get <resource> -o json` prints,
 * as the command line does.
 */
import { runCommand } from '../../../src/engine/shell/runCommand';
import type { Deployment, Pod, ReplicaSet } from '../../../src/engine/model';

interface List<T> {
  items: T[];
}

function getJSON<T>(resource: string, yaml: string): T[] {
  let stdout = '';
  let stderr = '';
  const code = runCommand(['get', resource, '-o', 'json', 'input.yaml'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    looksLikeFile: (arg) => arg.endsWith('.yaml'),
    readFiles: (names) => ({ type: 'ok', files: names.map((name) => ({ name, text: yaml })) }),
  });
  if (code !== 0) throw new Error(stderr);
  return (JSON.parse(stdout) as List<T>).items;
}

export const deployments = (yaml: string) => getJSON<Deployment>('deployments', yaml);
export const replicaSets = (yaml: string) => getJSON<ReplicaSet>('replicasets', yaml);
export const pods = (yaml: string) => getJSON<Pod>('pods', yaml);

export interface DeploymentOptions {
  name?: string;
  replicas?: number;
  strategy?: string;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  annotations?: Record<string, string>;
  /** A node selector no node matches: the pods stay Pending. */
  unschedulable?: boolean;
}

/** A Deployment `name` (default `nginx`) selecting app=<name>, one container. */
export function deploymentYAML(o: DeploymentOptions = {}): string {
  const name = o.name ?? 'nginx';
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`];
  if (o.annotations) {
    lines.push('  annotations:');
    for (const [k, v] of Object.entries(o.annotations))
      lines.push(`    ${k}: ${JSON.stringify(v)}`);
  }
  lines.push('spec:', `  replicas: ${o.replicas ?? 3}`);
  if (o.strategy) lines.push(`  strategy: ${o.strategy}`);
  if (o.paused) lines.push('  paused: true');
  if (o.progressDeadlineSeconds !== undefined)
    lines.push(`  progressDeadlineSeconds: ${o.progressDeadlineSeconds}`);
  lines.push(
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
  );
  if (o.unschedulable) lines.push('      nodeSelector: {disk: none}');
  lines.push('      containers: [{name: nginx, image: nginx}]');
  return `${lines.join('\n')}\n`;
}
