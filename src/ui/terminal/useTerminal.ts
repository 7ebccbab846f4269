/**
 * The terminal's behaviour: a line typed runs through the worker's `shell` query (a here-doc
 * continues with `> `; `kubectl apply -f -` collects standard input up to Ctrl-D), its output
 * goes on the screen, and its effects are carried out (shellEffects.ts). Tab asks the worker for
 * completions; the history is kept for the session.
 */
import { useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import { requestSeed } from '../../state/trafficSlice';
import type { ShellContext } from '../../worker/queries/shell';
import { EngineClientContext } from '../panels/engineQuery';
import { loadHistory, remember } from './history';
import { promptOf } from './prompt';
import {
  clearScreen,
  getSession,
  subscribeSession,
  updateSession,
  write,
  writeOutput,
} from './session';
import { applyEdit, externalClient, sendTraffic } from './shellEffects';

const commonPrefix = (words: readonly string[]): string =>
  words.reduce((prefix, word) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === word[i]) i++;
    return prefix.slice(0, i);
  });

export function useTerminal() {
  const session = useSyncExternalStore(subscribeSession, getSession);
  const client = useContext(EngineClientContext);
  const store = useAppStoreApi();
  const history = useRef<string[]>(loadHistory());

  const run = useCallback(
    async (input: string, stdin?: string) => {
      const { context } = getSession();
      if (!client) {
        write([{ kind: 'stderr', text: 'The engine is not connected.\n' }]);
        return;
      }
      updateSession({ busy: true });
      const reset = { busy: false, mode: 'command' as const, pending: [], stdin: [] };
      const outcome = await client.query({
        kind: 'shell',
        action: 'run',
        request: {
          input,
          context,
          // The seed of the send a `curl` triggers, so what it prints is what the graph animates.
          seed: requestSeed(store.getState().seed, store.getState().sendSeq + 1),
          externalClient,
          ...(stdin === undefined ? {} : { stdin }),
        },
      });
      if (outcome.type === 'unanswered' || outcome.answer.action !== 'run') {
        write([
          {
            kind: 'stderr',
            text: `${outcome.type === 'unanswered' ? outcome.error : 'no answer'}\n`,
          },
        ]);
        updateSession(reset);
        return;
      }
      const result = outcome.answer.outcome;
      if (result.type === 'incomplete') {
        updateSession({ busy: false, mode: 'continue', pending: input.split('\n') });
        return;
      }
      if (result.type === 'stdin') {
        updateSession({ busy: false, mode: 'stdin', pending: input.split('\n'), stdin: [] });
        return;
      }
      if (!input.includes('\n')) history.current = remember(history.current, input);
      if (result.clear) clearScreen();
      writeOutput(result.output);
      if (result.edit) await applyEdit(store, result.edit, input.split('\n')[0] ?? input, client);
      if (result.traffic) sendTraffic(store, result.traffic);
      updateSession({ ...reset, context: result.context });
    },
    [client, store],
  );

  /** Enter: the line goes on the screen after its prompt, and runs (or continues the command). */
  const submit = useCallback(
    async (line: string) => {
      const s = getSession();
      if (s.busy) return;
      const prompt = s.mode === 'command' ? promptOf(s.context) : s.mode === 'continue' ? '> ' : '';
      write([{ kind: 'input', text: `${prompt}${line}\n` }]);
      if (s.mode === 'stdin') {
        updateSession({ stdin: [...s.stdin, line] });
        return;
      }
      await run([...s.pending, line].join('\n'));
    },
    [run],
  );

  /** Ctrl-D: ends standard input (or, on an empty line, leaves the node or pod). */
  const endOfInput = useCallback(async () => {
    const s = getSession();
    if (s.busy) return;
    if (s.mode === 'stdin') {
      await run(s.pending.join('\n'), s.stdin.map((l) => `${l}\n`).join(''));
    } else if (s.mode === 'command' && s.context.type !== 'local') {
      write([{ kind: 'input', text: `${promptOf(s.context)}exit\n` }]);
      await run('exit');
    }
  }, [run]);

  /** Ctrl-C: drops what is being typed. */
  const interrupt = useCallback((line: string) => {
    const s = getSession();
    const prompt = s.mode === 'command' ? promptOf(s.context) : s.mode === 'continue' ? '> ' : '';
    write([{ kind: 'input', text: `${prompt}${line}^C\n` }]);
    updateSession({ mode: 'command', pending: [], stdin: [] });
  }, []);

  /** Tab: the completed line, or undefined (several candidates are listed on the screen). */
  const complete = useCallback(
    async (input: string): Promise<string | undefined> => {
      const { context, mode } = getSession();
      if (!client || mode !== 'command') return undefined;
      const outcome = await client.query({ kind: 'shell', action: 'complete', context, input });
      if (outcome.type !== 'answered' || outcome.answer.action !== 'complete') return undefined;
      const { from, candidates } = outcome.answer.completion;
      const [only] = candidates;
      if (only === undefined) return undefined;
      if (candidates.length === 1)
        return `${input.slice(0, from)}${only}${/[/=]$/.test(only) ? '' : ' '}`;
      const prefix = commonPrefix(candidates);
      if (prefix.length > input.length - from) return input.slice(0, from) + prefix;
      write([
        { kind: 'input', text: `${promptOf(context)}${input}\n` },
        { kind: 'info', text: `${candidates.join('  ')}\n` },
      ]);
      return undefined;
    },
    [client],
  );

  const setContext = useCallback((context: ShellContext) => {
    updateSession({ context, mode: 'command', pending: [], stdin: [] });
  }, []);

  return { session, submit, endOfInput, interrupt, complete, setContext, history, clearScreen };
}
