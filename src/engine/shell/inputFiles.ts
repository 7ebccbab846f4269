/**
 * The input files of a command, joined as `kubectl apply -f` reads them: in order, each file
 * starting a new document, with a record of which lines came from which file.
 */
import type { InputFile } from './command';

/** A file as read: its name as given (`-` for standard input) and its text. */
export interface ReadFile {
  name: string;
  text: string;
}

/** Joins the files with `---` lines between, so each file starts a new document. */
export function joinInputFiles(read: readonly ReadFile[]): { files: InputFile[]; input: string } {
  const files: InputFile[] = [];
  let input = '';
  let line = 1;
  for (const file of read) {
    if (files.length > 0) {
      input += '---\n';
      line += 1;
    }
    const text = file.text.endsWith('\n') || file.text === '' ? file.text : `${file.text}\n`;
    const lineCount = text.split('\n').length - 1;
    files.push({ name: file.name, text: file.text, startLine: line, lineCount });
    input += text;
    line += lineCount;
  }
  return { files, input };
}

/** The file that holds a line of the joined input (a position past a file's end belongs to it), and the line within that file. */
export function fileAt(
  files: readonly InputFile[],
  line: number,
): { file: InputFile; line: number } | undefined {
  let found: InputFile | undefined;
  for (const file of files) if (file.startLine <= line) found = file;
  return found && { file: found, line: line - found.startLine + 1 };
}
