/** `kube-playground apply FILE...`: what `kubectl apply -f` prints for each object. */
import { toResourceName } from '../../kubectl';
import type { ApplyResult, Diagnostic, Simulation } from '../../model';
import type { Command } from '../command';

/** kubectl's wording for what its client-side checks reject before sending anything. */
function clientError(d: Diagnostic, file: string): string {
  if (d.message.startsWith('error validating data:')) {
    return `error: error validating "${file}": ${d.message}; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  const mapping = /^resource mapping not found for name: "([^"]*)": (.*)$/.exec(d.message);
  if (mapping) {
    return `error: resource mapping not found for name: "${mapping[1] ?? ''}" namespace: "" from "${file}": ${mapping[2] ?? ''}\nensure CRDs are installed first`;
  }
  return `error: ${d.message}`;
}

/** What an apply reports, in kubectl's order: per object its warnings and then the object, and the errors at the end. */
export interface ApplyReporter {
  warning(text: string): void;
  applied(result: ApplyResult): void;
  error(text: string): void;
}

/** Walks the simulation's apply results as `kubectl apply -f` reports them; returns the exit code. Shared with the terminal's `kubectl apply -f -`. */
export function reportApply(
  simulation: Simulation,
  fileOf: (line: number) => string,
  reporter: ApplyReporter,
): number {
  const errors: string[] = [];
  const clientErrors = simulation.diagnostics.filter(
    (d) => d.source === 'kubectl' && d.severity === 'error' && d.object === undefined,
  );
  // Several errors reach kubectl's checkErr as an aggregate, each printed through MultipleErrors
  // (Error from server (Invalid): ...) rather than as the one error it explains in full.
  let failures = clientErrors.length;
  for (const result of simulation.applied) if (result.outcome === 'rejected') failures++;
  for (const result of simulation.applied) {
    for (const warning of result.warnings ?? []) reporter.warning(`Warning: ${warning}\n`);
    if (result.outcome === 'rejected') {
      errors.push(
        (failures > 1 ? result.aggregatedError : undefined) ??
          result.error ??
          `error when applying ${toResourceName(result.kind, result.name)}`,
      );
      continue;
    }
    reporter.applied(result);
  }
  for (const d of clientErrors) errors.push(clientError(d, fileOf(d.line)));
  for (const error of errors) reporter.error(`${error}\n`);
  return errors.length > 0 ? 1 : 0;
}

export const apply: Command = {
  name: 'apply',
  usage: 'apply FILE...',
  summary: "Applies the files in order and prints kubectl's line per object (service/web created).",
  operands: { min: 0, max: 0 },
  run(context) {
    return reportApply(context.simulation, (line) => context.fileAt(line)?.file.name ?? '', {
      warning: context.stderr,
      applied: (result) =>
        context.stdout(`${toResourceName(result.kind, result.name)} ${result.outcome}\n`),
      error: context.stderr,
    });
  },
};
