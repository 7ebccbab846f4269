/** `kube-playground apply FILE...`: what `kubectl apply -f` prints for each object. */
import { toResourceName } from '../../kubectl';
import type { Diagnostic } from '../../model';
import type { Command, CommandContext } from '../command';

/** kubectl's wording for what its client-side checks reject before sending anything. */
function clientError(d: Diagnostic, context: CommandContext): string {
  const file = context.fileAt(d.line)?.file.name ?? '';
  if (d.message.startsWith('error validating data:')) {
    return `error: error validating "${file}": ${d.message}; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  const mapping = /^resource mapping not found for name: "([^"]*)": (.*)$/.exec(d.message);
  if (mapping) {
    return `error: resource mapping not found for name: "${mapping[1] ?? ''}" namespace: "" from "${file}": ${mapping[2] ?? ''}\nensure CRDs are installed first`;
  }
  return `error: ${d.message}`;
}

export const apply: Command = {
  name: 'apply',
  usage: 'apply FILE...',
  summary: "Applies the files in order and prints kubectl's line per object (service/web created).",
  operands: { min: 0, max: 0 },
  run(context) {
    const { simulation } = context;
    const errors: string[] = [];
    for (const result of simulation.applied) {
      for (const warning of result.warnings ?? []) context.stderr(`Warning: ${warning}\n`);
      if (result.outcome === 'rejected') {
        errors.push(
          result.error ?? `error when applying ${toResourceName(result.kind, result.name)}`,
        );
        continue;
      }
      context.stdout(`${toResourceName(result.kind, result.name)} ${result.outcome}\n`);
    }
    const clientErrors = simulation.diagnostics.filter(
      (d) => d.source === 'kubectl' && d.severity === 'error' && d.object === undefined,
    );
    for (const d of clientErrors) errors.push(clientError(d, context));
    for (const error of errors) context.stderr(`${error}\n`);
    return errors.length > 0 ? 1 : 0;
  },
};
