/**
 * The terminal's input line: the prompt of the context, Enter runs, Tab completes (on an empty
 * line it moves focus on, so the panel stays keyboard-usable), Up/Down walk the history, Ctrl-C
 * drops the line, Ctrl-D ends standard input or leaves a node or pod, Ctrl-L clears. A paste of
 * several lines runs them one after the other (a here-doc's lines included).
 */
import { useRef, useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react';

export interface TerminalInputProps {
  prompt: string;
  busy: boolean;
  history: RefObject<string[]>;
  inputRef: RefObject<HTMLInputElement | null>;
  submit(line: string): Promise<void>;
  complete(line: string): Promise<string | undefined>;
  interrupt(line: string): void;
  endOfInput(): Promise<void>;
  clear(): void;
}

export function TerminalInput(props: TerminalInputProps) {
  const { prompt, busy, history, inputRef } = props;
  const [value, setValue] = useState('');
  /** Position in the history while walking it (history length = the line being typed). */
  const [cursor, setCursor] = useState<number | null>(null);
  const [draft, setDraft] = useState('');

  // Lines entered while a command runs wait their turn, as a terminal buffers what is typed ahead.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const runLines = (lines: readonly string[]) => {
    setValue('');
    setCursor(null);
    const done = queue.current.then(async () => {
      for (const line of lines) await props.submit(line);
    });
    queue.current = done.catch(() => undefined);
    return done;
  };

  const walk = (step: -1 | 1) => {
    const list = history.current;
    const at = cursor ?? list.length;
    const next = Math.max(0, Math.min(list.length, at + step));
    if (next === at) return;
    if (cursor === null) setDraft(value);
    setCursor(next === list.length ? null : next);
    setValue(next === list.length ? draft : (list[next] ?? ''));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const ctrl = event.ctrlKey && !event.altKey && !event.metaKey;
    if (event.key === 'Enter') {
      event.preventDefault();
      void runLines([value]);
    } else if (event.key === 'Tab' && !event.shiftKey && value.trim() !== '') {
      event.preventDefault();
      void props.complete(value).then((completed) => {
        if (completed !== undefined) setValue(completed);
      });
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      walk(-1);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      walk(1);
    } else if (
      ctrl &&
      event.key === 'c' &&
      event.currentTarget.selectionStart === event.currentTarget.selectionEnd
    ) {
      event.preventDefault();
      props.interrupt(value);
      setValue('');
    } else if (ctrl && event.key === 'd' && value === '') {
      event.preventDefault();
      void props.endOfInput();
    } else if (ctrl && event.key === 'l') {
      event.preventDefault();
      props.clear();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n');
    if (!text.includes('\n')) return;
    event.preventDefault();
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const [first = '', ...rest] = lines;
    void runLines([value + first, ...rest]);
  };

  return (
    <div className="term-input-line">
      <label htmlFor="terminal-input" className="term-prompt" data-testid="terminal-prompt">
        {prompt}
      </label>
      <input
        id="terminal-input"
        ref={inputRef}
        className="term-field"
        data-testid="terminal-input"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setCursor(null);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        aria-busy={busy}
        aria-describedby="terminal-keys"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
      />
    </div>
  );
}
