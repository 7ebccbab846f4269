/** Where the terminal's commands run: your machine, a node, or a pod (the same as `ssh NODE` or `kubectl exec -it POD -- sh`). */
import { selectNodes, selectPods } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
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
  const shown = pods.filter((p) => p.podIPs.length > 0).slice(0, podLimit);
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
