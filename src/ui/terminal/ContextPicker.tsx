/** Where the terminal's commands run: your machine, a node, or a pod (the same as `ssh NODE` or `kubectl exec -it POD -- sh`). */
import { selectNodes, selectPods } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { PodSummary } from '../../worker/protocol';
import type { ShellContext } from '../../worker/queries/shell';
import { contextFromId, contextId } from './prompt';

const podLimit = 500;

export function ContextPicker({
  context,
  onChange,
}: {
  context: ShellContext;
  onChange(context: ShellContext): void;
}) {
  const nodes = useAppStore(selectNodes);
  const pods = useAppStore(selectPods);
  // The workloads of the YAML first, the cluster's own (kube-system) after them.
  const system = (p: PodSummary) => (p.namespace === 'kube-system' ? 1 : 0);
  const shown = pods
    .filter((p) => p.podIPs.length > 0)
    .sort((a, b) => system(a) - system(b))
    .slice(0, podLimit);
  const id = contextId(context);
  const known =
    id === 'local' ||
    nodes.some((n) => `node:${n.name}` === id) ||
    shown.some((p) => `pod:${p.key}` === id);
  return (
    <label className="term-context">
      Run in{' '}
      <select
        value={id}
        data-testid="terminal-context"
        onChange={(event) => onChange(contextFromId(event.target.value))}
      >
        <option value="local">your machine (external client)</option>
        <optgroup label="Nodes (ssh)">
          {nodes.map((n) => (
            <option key={n.name} value={`node:${n.name}`}>
              {n.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Pods (kubectl exec)">
          {shown.map((p) => (
            <option key={p.key} value={`pod:${p.key}`}>
              {p.key}
            </option>
          ))}
        </optgroup>
        {known ? null : <option value={id}>{id}</option>}
      </select>
    </label>
  );
}
