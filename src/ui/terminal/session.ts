/**
 * The terminal's session: the screen's entries, the context, the command being typed over several
 * lines (a here-doc) or the standard input being collected. It lives outside React so that the
 * screen survives switching panel tabs; components read it with useSyncExternalStore.
 */
import type { OutputChunk, ShellContext } from '../../worker/queries/shell';

export type EntryKind = 'input' | 'stdout' | 'stderr' | 'info';

export interface Entry {
  id: number;
  kind: EntryKind;
  text: string;
  /** The lines left out of a long output. */
  omitted?: number;
}

export type InputMode = 'command' | 'continue' | 'stdin';

export interface SessionState {
  entries: Entry[];
  context: ShellContext;
  mode: InputMode;
  /** The lines typed so far of a command that continues (here-doc). */
  pending: string[];
  /** The lines typed as standard input (up to Ctrl-D). */
  stdin: string[];
  busy: boolean;
}

/** At most this many lines of one output are shown; the rest is counted. */
export const lineCap = 2000;
/** At most this many entries stay on the screen. */
const entryCap = 300;

let state: SessionState = {
  entries: [
    {
      id: 0,
      kind: 'info',
      text: 'Type help for the commands. Tab completes; Up/Down walk the history. Try: kubectl get svc, ssh node-1, kubectl exec -it POD -- sh\n',
    },
  ],
  context: { type: 'local' },
  mode: 'command',
  pending: [],
  stdin: [],
  busy: false,
};
let nextId = 1;
const listeners = new Set<() => void>();

export function getSession(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateSession(change: Partial<SessionState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

function capped(kind: EntryKind, text: string): Entry {
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1] === '' ? 1 : 0;
  const count = lines.length - trailing;
  if (count <= lineCap) return { id: nextId++, kind, text };
  return {
    id: nextId++,
    kind,
    text: `${lines.slice(0, lineCap).join('\n')}\n`,
    omitted: count - lineCap,
  };
}

/** Writes entries on the screen (long outputs capped, the oldest entries dropped). */
export function write(items: readonly { kind: EntryKind; text: string }[]): void {
  const added = items.filter((i) => i.text !== '').map((i) => capped(i.kind, i.text));
  if (added.length === 0) return;
  updateSession({ entries: [...state.entries, ...added].slice(-entryCap) });
}

export function writeOutput(chunks: readonly OutputChunk[]): void {
  write(chunks.map((c) => ({ kind: c.stream, text: c.text })));
}

export function clearScreen(): void {
  updateSession({ entries: [] });
}
