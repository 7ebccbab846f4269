/** kubectl commands and what they print, as a terminal shows them. */
import type { KubectlOutput } from '../../worker/queries/endpoints';

export function KubectlOutputs({ outputs }: { outputs: KubectlOutput[] }) {
  return (
    <div className="kubectl-outputs">
      {outputs.map((o) => (
        <figure key={o.command} className="terminal" data-testid="kubectl-output">
          <figcaption>
            <code>$ {o.command}</code>
          </figcaption>
          <pre>{o.output}</pre>
        </figure>
      ))}
    </div>
  );
}
