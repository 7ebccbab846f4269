/**
 * What a finished command does beyond its output: its edit becomes the document's text (through
 * the what-if history, so the toolbar's undo covers it) and the terminal waits for the new
 * simulation before the next command; its request goes to the traffic slice, which animates it.
 */
import type { AppStore } from '../../state/store';
import { externalClients } from '../../state/trafficSlice';
import type { EngineClient } from '../../worker/engineClient';
import type { PodSummary } from '../../worker/protocol';
import type { ShellEdit, ShellTraffic } from '../../worker/queries/shell';
import { applyShellEdit } from './applyShellEdit';
import { write } from './session';

/** Your machine is the request bar's first external client. */
export const externalClient = externalClients[0] ?? '203.0.113.10';

/** Resolves when the store receives the next simulation (or after `timeoutMs`). */
function nextSimulation(store: AppStore, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const stop = store.subscribe((state, previous) => {
      if (state.diagnostics !== previous.diagnostics || state.status !== previous.status) done();
    });
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/**
 * The pods an edit may name: the summary's, and, when a large cluster's summary lists only its
 * first pods, the named ones it lacks, asked of the engine.
 */
async function podsFor(
  store: AppStore,
  edit: ShellEdit,
  client: EngineClient | null,
): Promise<readonly PodSummary[]> {
  const summary = store.getState().summary;
  const listed = summary?.pods ?? [];
  if (!summary?.omittedPods || !client) return listed;
  const refs =
    edit.type === 'delete'
      ? edit.targets.map((t) => t.ref)
      : edit.type === 'label'
        ? [edit.target]
        : [];
  const keys = refs
    .filter((ref) => ref.kind === 'Pod')
    .map((ref) => `${ref.namespace ?? 'default'}/${ref.name}`)
    .filter((key) => !listed.some((p) => p.key === key));
  if (keys.length === 0) return listed;
  const outcome = await client.query({ kind: 'pods', keys });
  return outcome.type === 'answered' ? [...listed, ...outcome.answer.pods] : listed;
}

export async function applyEdit(
  store: AppStore,
  edit: ShellEdit,
  command: string,
  client: EngineClient | null = null,
): Promise<void> {
  const pods = await podsFor(store, edit, client);
  const state = store.getState();
  const applied = applyShellEdit(state.text, edit, pods);
  if (!applied.ok) {
    write([{ kind: 'stderr', text: applied.stderr }]);
    return;
  }
  write([
    { kind: 'stdout', text: applied.stdout },
    { kind: 'stderr', text: applied.stderr },
  ]);
  if (applied.text === state.text) return;
  const simulated = nextSimulation(store);
  state.applyWhatIf(command, { ok: true, text: applied.text, message: applied.stdout.trim() });
  await simulated;
}

export function sendTraffic(store: AppStore, traffic: ShellTraffic): void {
  const state = store.getState();
  state.setRequestSource(traffic.source);
  state.setRequestDestination(traffic.destination);
  state.setRequestCount(1);
  state.sendRequests();
}
