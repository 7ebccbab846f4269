/**
 * Small writers of the YAML the lessons start from, so that every step's text reads like a
 * hand-written manifest (two-space indent, kubectl's field order) without repeating it.
 */

export interface DeploymentSpec {
  name: string;
  replicas: number;
  labels: Record<string, string>;
  image: string;
  containerPort: number;
  /** A name for the container port (a Service can then target it by name). */
  portName?: string;
  namespace?: string;
}

const indent = (lines: string[], by: string) => lines.map((l) => `${by}${l}`);
const labelLines = (labels: Record<string, string>) =>
  Object.entries(labels).map(([k, v]) => `${k}: ${v}`);

export function deployment(spec: DeploymentSpec): string {
  const labels = labelLines(spec.labels);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${spec.name}`,
    ...(spec.namespace ? [`  namespace: ${spec.namespace}`] : []),
    'spec:',
    `  replicas: ${spec.replicas}`,
    '  selector:',
    '    matchLabels:',
    ...indent(labels, '      '),
    '  template:',
    '    metadata:',
    '      labels:',
    ...indent(labels, '        '),
    '    spec:',
    '      containers:',
    `      - name: ${spec.name}`,
    `        image: ${spec.image}`,
    '        ports:',
    ...(spec.portName
      ? [`        - name: ${spec.portName}`, `          containerPort: ${spec.containerPort}`]
      : [`        - containerPort: ${spec.containerPort}`]),
  ].join('\n');
}

/** A pod to send requests and DNS questions from. */
export function clientPod(name = 'client', namespace?: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    '  labels:',
    '    app: client',
    'spec:',
    '  containers:',
    '  - name: shell',
    '    image: busybox:1.36',
    '    command: ["sleep", "infinity"]',
  ].join('\n');
}

/** Documents joined as `kubectl apply -f` reads them. */
export const documents = (...texts: string[]): string => `${texts.join('\n---\n')}\n`;
