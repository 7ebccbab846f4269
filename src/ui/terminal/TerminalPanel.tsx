/**
 * The Terminal panel: a shell with kubectl's look on the playground's cluster. kubectl, the node
 * tools (iptables-save, ipvsadm, nft...), nslookup, dig and curl print what the real tools
 * print; commands that change the cluster edit the YAML; curl animates its request in the graph.
 */
import { useRef } from 'react';
import { ContextPicker } from './ContextPicker';
import { promptOf } from './prompt';
import { TerminalInput } from './TerminalInput';
import { TerminalScreen } from './TerminalScreen';
import { useTerminal } from './useTerminal';
import './terminal.css';

export function TerminalPanel() {
  const terminal = useTerminal();
  const { session } = terminal;
  const inputRef = useRef<HTMLInputElement>(null);
  const prompt =
    session.mode === 'continue' ? '> ' : session.mode === 'stdin' ? '' : promptOf(session.context);
  return (
    <div
      className="panel term-panel"
      data-testid="terminal"
      data-context={
        session.context.type === 'local'
          ? 'local'
          : session.context.type === 'node'
            ? `node:${session.context.node}`
            : `pod:${session.context.pod}`
      }
      data-busy={String(session.busy)}
    >
      <div className="term-toolbar">
        <ContextPicker
          context={session.context}
          onChange={(context) => {
            terminal.setContext(context);
            inputRef.current?.focus();
          }}
        />
        <button type="button" onClick={terminal.clearScreen} data-testid="terminal-clear">
          Clear
        </button>
      </div>
      {/* A click anywhere on the terminal types into it, as in a real one. */}
      <div
        className="term-body"
        onClick={() => {
          if (!window.getSelection()?.toString()) inputRef.current?.focus();
        }}
      >
        <TerminalScreen entries={session.entries} />
        <TerminalInput
          prompt={prompt}
          busy={session.busy}
          history={terminal.history}
          inputRef={inputRef}
          submit={terminal.submit}
          complete={terminal.complete}
          interrupt={terminal.interrupt}
          endOfInput={terminal.endOfInput}
          clear={terminal.clearScreen}
        />
      </div>
      <p id="terminal-keys" className="term-keys">
        {session.mode === 'stdin'
          ? 'Reading standard input: paste or type the YAML, then Ctrl-D. Ctrl-C cancels.'
          : 'Enter runs · Tab completes · ↑/↓ history · Ctrl-C cancels · Ctrl-D exits a node or pod · Ctrl-L clears'}
      </p>
    </div>
  );
}
