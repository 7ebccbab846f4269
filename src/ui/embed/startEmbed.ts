/**
 * Starts the embed (`?embed=1`): the embed view in the store, its theme (for this page only,
 * not saved), read-only when asked, the postMessage bridge, and autoplay: the requests sent
 * once the cluster is simulated, as the request bar would send them.
 */
import { resolveRequestTarget } from '../../lessons/requestTarget';
import type { AppStore } from '../../state/store';
import { externalClients } from '../../state/trafficSlice';
import { setThemeChoice } from '../toolbar/theme';
import { toDestinationOptions } from '../traffic/requestOptions';
import { startMessageBridge } from './bridge';
import { toClusterCounts, toRequestResult } from './messages';
import type { EmbedStart } from './params';
import { firstSimulation, sendAndWait } from './storeWaits';

const readOnlyMessage =
  'This embed is read-only: open it in the full playground to change the cluster.';

/** Refuses every change a reader could make (what-ifs, terminal edits, undo and redo). */
function makeReadOnly(store: AppStore): void {
  const refuse = () =>
    store.setState((s) => ({
      whatIfNotice: {
        message: readOnlyMessage,
        ok: false,
        seq: (s.whatIfNotice?.seq ?? 0) + 1,
      },
    }));
  store.setState({ applyWhatIf: refuse, undo: refuse, redo: refuse });
}

async function autoplay(
  store: AppStore,
  start: EmbedStart,
): Promise<ReturnType<typeof toRequestResult> | undefined> {
  const state = await firstSimulation(store);
  const summary = state?.summary;
  if (!summary) return undefined;
  const client = externalClients[0] ?? '203.0.113.10';
  const { request, autoplay: count } = start.options;
  if (count === 0) return undefined;
  const s = store.getState();
  if (request) {
    const target = resolveRequestTarget(summary, request, client);
    if (!target.ok) return undefined;
    s.setRequestSource(target.source);
    s.setRequestDestination(target.destination);
  } else {
    const source = s.requestForm.source;
    const first = toDestinationOptions(summary, source)[0];
    if (!first) return undefined;
    s.setRequestDestination(first.destination);
  }
  s.setRequestCount(count);
  const sent = await sendAndWait(store);
  return sent.ok ? toRequestResult(sent.batch) : undefined;
}

export function startEmbed(store: AppStore, start: EmbedStart, win: Window = window): () => void {
  const { options } = start;
  const { panels, editor, readOnly, height, id } = options;
  const state = store.getState();
  state.setEmbed({ panels, editor, readOnly, height, id });
  state.select(start.selection);
  state.showPanel(start.panel);
  if (options.theme) setThemeChoice(options.theme, false);
  if (readOnly) makeReadOnly(store);
  const bridge = startMessageBridge(store, { origins: options.origins, id }, win);
  void firstSimulation(store).then(async (simulated) => {
    if (simulated?.summary)
      bridge.announce({ type: 'ready', counts: toClusterCounts(simulated.summary) });
    const result = await autoplay(store, start);
    if (result) bridge.announce({ type: 'result', result }, 'autoplay');
  });
  return () => bridge.stop();
}
