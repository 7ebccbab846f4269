/** The `shell` query: the terminal panel runs a command line, or asks for tab completions, against the latest simulation. */
import type { Simulation } from '../../engine/model';
import { completeShell, type Completion } from '../../engine/shell/terminal/complete';
import { runShell } from '../../engine/shell/terminal/runShell';
import type { ShellContext, ShellOutcome, ShellRequest } from '../../engine/shell/terminal/types';

export type {
  AppliedObject,
  OutputChunk,
  ShellContext,
  ShellEdit,
  ShellObjectRef,
  ShellOutcome,
  ShellRequest,
  ShellResult,
  ShellTraffic,
} from '../../engine/shell/terminal/types';
export type { Completion } from '../../engine/shell/terminal/complete';

export type ShellQuery =
  | { kind: 'shell'; action: 'run'; request: ShellRequest }
  | { kind: 'shell'; action: 'complete'; context: ShellContext; input: string };

export type ShellAnswer =
  { action: 'run'; outcome: ShellOutcome } | { action: 'complete'; completion: Completion };

export function answerShell(simulation: Simulation, query: ShellQuery): ShellAnswer {
  if (query.action === 'complete') {
    return {
      action: 'complete',
      completion: completeShell(simulation.cluster, query.context, query.input),
    };
  }
  return { action: 'run', outcome: runShell(simulation, query.request) };
}
