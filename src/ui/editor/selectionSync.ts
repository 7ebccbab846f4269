/**
 * Cross-highlighting between the editor and every other view: selecting a Service, pod or Node
 * anywhere selects its whole YAML in the editor (and scrolls to it); moving the cursor into an
 * object selects it everywhere, once the cursor rests.
 */
import type { AppStore } from '../../state/store';
import type { SimulationSummary } from '../../worker/protocol';
import type { monaco } from './monacoSetup';
import { objectAt, objectRange, type ObjectStart } from './objectRange';

type Monaco = typeof monaco;
type Editor = ReturnType<Monaco['editor']['create']>;

export const cursorSelectDelayMs = 300;

type TextModel = NonNullable<ReturnType<Editor['getModel']>>;

/**
 * The model's lines, each read when it is looked at: an object's range reads a few dozen lines,
 * where `getLinesContent()` would copy all of a 10 MB document's 300,000 lines.
 */
function linesOf(model: TextModel): ArrayLike<string> {
  const length = model.getLineCount();
  return new Proxy<ArrayLike<string>>(
    { length },
    {
      get(target, property) {
        if (typeof property === 'string' && /^\d+$/.test(property)) {
          const index = Number(property);
          return index < length ? model.getLineContent(index + 1) : undefined;
        }
        return Reflect.get(target, property);
      },
    },
  );
}

const startsCache = new WeakMap<SimulationSummary, ObjectStart[]>();

/** The input's objects by where they start (document 0 of the editor's text). */
export function objectStarts(summary: SimulationSummary | undefined): ObjectStart[] {
  if (!summary) return [];
  const cached = startsCache.get(summary);
  if (cached) return cached;
  const starts: ObjectStart[] = [];
  for (const s of summary.services) {
    if (s.source) starts.push({ kind: 'service', key: s.key, ...s.source });
  }
  const templates = new Set<string>();
  for (const p of summary.pods) {
    if (p.source) starts.push({ kind: 'pod', key: p.key, ...p.source });
    else if (p.template?.kind === 'Deployment' && !templates.has(p.template.key)) {
      templates.add(p.template.key);
      starts.push({ kind: 'deployment', key: p.template.key, ...p.template.source });
    }
  }
  // A large cluster's pods that the summary does not list: where they (or their Deployments) start.
  for (const start of summary.omittedPods?.starts ?? []) {
    if (start.kind === 'deployment' && templates.has(start.key)) continue;
    starts.push(start);
  }
  for (const n of summary.nodes) {
    if (n.source) starts.push({ kind: 'node', key: n.name, ...n.source });
  }
  starts.sort((a, b) => a.line - b.line);
  const plain = starts.map(({ kind, key, line, column }) => ({ kind, key, line, column }));
  startsCache.set(summary, plain);
  return plain;
}

/** Starts following the store's selection in `editor`; returns the function that stops it. */
export function syncSelection(m: Monaco, editor: Editor, store: AppStore): () => void {
  /** The selection the cursor made: the editor does not re-select it. */
  let fromCursor: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The object whose text is selected, on the editor's element (for tests and tools). */
  const mark = (object: string, lines: string) => {
    const host = editor.getContainerDomNode().closest<HTMLElement>('[data-testid="editor"]');
    if (!host) return;
    host.dataset.selectedObject = object;
    host.dataset.selectedLines = lines;
  };

  const show = (kind: string, key: string) => {
    const model = editor.getModel();
    if (!model) return;
    const summary = store.getState().summary;
    // A pod a Deployment made has no text of its own: its Deployment's is selected.
    const template =
      kind === 'pod' ? summary?.pods.find((p) => p.key === key && !p.source)?.template : undefined;
    const start = template
      ? { line: template.source.line, column: template.source.column }
      : objectStarts(summary).find((s) => s.kind === kind && s.key === key);
    if (!start || start.line > model.getLineCount()) return;
    const range = objectRange(linesOf(model), start.line, start.column);
    const selection = new m.Selection(
      range.startLine,
      range.startColumn,
      range.endLine,
      range.endColumn,
    );
    editor.setSelection(selection, 'selection-sync');
    editor.revealRangeInCenterIfOutsideViewport(selection);
    mark(`${kind}:${key}`, `${range.startLine}-${range.endLine}`);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    const selection = state.selection;
    if (selection === previous.selection || !selection) return;
    const id = `${selection.kind}:${selection.key}`;
    if (id === fromCursor) return;
    // A selection made elsewhere (the graph, a panel) wins over a cursor move still resting.
    clearTimeout(timer);
    fromCursor = null;
    show(selection.kind, selection.key);
  });
  const blur = editor.onDidBlurEditorText(() => clearTimeout(timer));

  const cursor = editor.onDidChangeCursorPosition((event) => {
    if (event.source === 'selection-sync' || event.source === 'api' || !editor.hasTextFocus()) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      const model = editor.getModel();
      const position = editor.getPosition();
      if (!model || !position) return;
      const state = store.getState();
      const found = objectAt(linesOf(model), objectStarts(state.summary), position.lineNumber);
      if (!found) return;
      const current = state.selection;
      if (current?.kind === found.kind && current.key === found.key) return;
      fromCursor = `${found.kind}:${found.key}`;
      mark(fromCursor, '');
      state.select({ kind: found.kind, key: found.key });
    }, cursorSelectDelayMs);
  });

  return () => {
    clearTimeout(timer);
    cursor.dispose();
    blur.dispose();
    unsubscribe();
  };
}
