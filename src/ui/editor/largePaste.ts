/**
 * A large paste, applied in slices, one slice per task. Monaco applies a paste in one task: for
 * a 5 MB cluster that task builds its view of every line, its tokens and brackets, its text
 * buffer and its undo element (300-400 ms on a 2-core machine), and the page freezes for it. In
 * slices of about 256 KB, cut at line ends, each task stays in the tens of milliseconds; the
 * slices make one undo step, as the paste would.
 */
import type { monaco as Monaco } from './monacoSetup';

type Editor = ReturnType<typeof Monaco.editor.create>;

/** Texts longer than this are pasted in slices of about this size. */
export const sliceLength = 256 * 1024;

/** The end of the slice of `text` that starts at `from`: after a line end, when there is one. */
export function sliceEnd(text: string, from: number, length = sliceLength): number {
  const end = from + length;
  if (end >= text.length) return text.length;
  const lineEnd = text.lastIndexOf('\n', end);
  return lineEnd > from ? lineEnd + 1 : end;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What the editor's owner does around a sliced paste: the edits between are one change to it. */
export interface SlicedPaste {
  /** Before the first slice, with the whole text (to size the editor's features for it). */
  begin(text: string): void;
  /** After the last slice, or when another edit cut the paste short. */
  end(): void;
}

async function pasteInSlices(
  monaco: typeof Monaco,
  editor: Editor,
  text: string,
  hooks: SlicedPaste,
): Promise<void> {
  const model = editor.getModel();
  const selection = editor.getSelection();
  if (!model || !selection) return;
  hooks.begin(text);
  try {
    await nextTask();
    await applySlices(monaco, editor, model, selection, text);
  } finally {
    if (!model.isDisposed()) hooks.end();
  }
}

async function applySlices(
  monaco: typeof Monaco,
  editor: Editor,
  model: Monaco.editor.ITextModel,
  selection: Monaco.Selection,
  text: string,
): Promise<void> {
  editor.pushUndoStop();
  let range: Monaco.IRange = selection;
  let offset = model.getOffsetAt(selection.getStartPosition());
  for (let from = 0; from < text.length;) {
    const to = sliceEnd(text, from);
    // Until the last slice, nothing closes the undo element: the slices are one undo step.
    model.pushEditOperations([], [{ range, text: text.slice(from, to) }], () => null);
    const version = model.getVersionId();
    offset += to - from;
    const at = model.getPositionAt(offset);
    range = new monaco.Range(at.lineNumber, at.column, at.lineNumber, at.column);
    from = to;
    if (from === text.length) break;
    await nextTask();
    // Another edit meanwhile (a what-if, the store replacing the text): the rest is dropped.
    if (model.isDisposed() || model.getVersionId() !== version) return;
  }
  const end = model.getPositionAt(offset);
  editor.pushUndoStop();
  editor.setPosition(end);
  editor.revealPosition(end);
}

/**
 * Takes over the pastes of more than `sliceLength` characters into `editor` (a listener on its
 * DOM node, in the capture phase: before Monaco's own); smaller ones are Monaco's.
 */
export function pasteLargeTextInSlices(
  monaco: typeof Monaco,
  editor: Editor,
  hooks: SlicedPaste,
): () => void {
  const node = editor.getDomNode();
  if (!node) return () => undefined;
  const onPaste = (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= sliceLength || editor.getOption(monaco.editor.EditorOption.readOnly)) return;
    event.preventDefault();
    event.stopPropagation();
    void pasteInSlices(monaco, editor, text, hooks);
  };
  node.addEventListener('paste', onPaste, true);
  return () => node.removeEventListener('paste', onPaste, true);
}
