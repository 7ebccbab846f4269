/** The terminal's output as it is written: stdout and stderr chunks, in order. */
import type { OutputChunk } from './types';

export interface Output {
  chunks: OutputChunk[];
  stdout(text: string): void;
  stderr(text: string): void;
}

export function createOutput(): Output {
  const chunks: OutputChunk[] = [];
  const push = (stream: OutputChunk['stream'], text: string) => {
    if (text === '') return;
    const last = chunks[chunks.length - 1];
    if (last?.stream === stream) last.text += text;
    else chunks.push({ stream, text });
  };
  return {
    chunks,
    stdout: (text) => push('stdout', text),
    stderr: (text) => push('stderr', text),
  };
}

/** The stdout chunks' text, joined (what a pipe reads). */
export function stdoutText(chunks: readonly OutputChunk[]): string {
  return chunks
    .filter((c) => c.stream === 'stdout')
    .map((c) => c.text)
    .join('');
}
