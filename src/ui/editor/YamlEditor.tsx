/**
 * The YAML editor (Monaco, loaded lazily). The store's text is the source of truth: typing
 * writes to it, and a text set from elsewhere (a scenario) replaces the model's text as one undoable
 * edit. The engine's diagnostics are shown as markers; a reveal request moves the cursor; the
 * selection of every view selects its object's text (selectionSync.ts).
 */
import { useEffect, useRef } from 'react';
import { selectDiagnostics, selectReveal } from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { resolvedTheme } from '../toolbar/theme';
import { monaco } from './monacoSetup';
import { pasteLargeTextInSlices } from './largePaste';
import { syncSelection } from './selectionSync';
import { markerOwner, toMarkers } from './toMarkers';

type Editor = ReturnType<typeof monaco.editor.create>;

const modelUri = monaco.Uri.parse('file:///playground.yaml');
const darkScheme = '(prefers-color-scheme: dark)';
/** Above this many lines, sticky scroll (which outlines the whole document) is turned off. */
const stickyScrollLines = 20_000;
/**
 * Above this many lines (a pasted cluster of thousands of objects), the features that walk the
 * whole document on the main thread after each change are turned off: folding (its ranges come
 * from the YAML worker as one large message, then become tens of thousands of decorations),
 * bracket-pair colouring and guides, occurrence and selection highlights, links.
 */
const largeDocumentLines = 50_000;

type EditorOptions = Parameters<Editor['updateOptions']>[0];

/**
 * The model's language for its size: a huge document is plain text. Monaco makes this choice
 * itself (`largeFileOptimizations`) only when a model is created, and ours is created with a
 * scenario's few lines: a pasted 5 MB cluster was then tokenized on the main thread in tasks of
 * 50-200 ms for seconds, and validated against the schema in the YAML worker, competing with the
 * engine for the CPU. The engine's diagnostics are shown all the same.
 */
function languageFor(lines: number): string {
  return lines >= largeDocumentLines ? 'plaintext' : 'yaml';
}

function sizeOptions(lines: number): EditorOptions {
  const large = lines >= largeDocumentLines;
  return {
    stickyScroll: { enabled: lines < stickyScrollLines },
    folding: !large,
    bracketPairColorization: { enabled: !large },
    guides: { indentation: !large, bracketPairs: false },
    matchBrackets: large ? 'never' : 'always',
    occurrencesHighlight: large ? 'off' : 'singleFile',
    selectionHighlight: !large,
    links: !large,
  };
}

function themeFor(dark: boolean): string {
  return dark ? 'vs-dark' : 'vs';
}

export default function YamlEditor() {
  const store = useAppStoreApi();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const diagnostics = useAppStore(selectDiagnostics);
  const reveal = useAppStore(selectReveal);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const model =
      monaco.editor.getModel(modelUri) ??
      monaco.editor.createModel(store.getState().text, 'yaml', modelUri);
    const media = window.matchMedia(darkScheme);
    const editor = monaco.editor.create(element, {
      model,
      theme: themeFor(resolvedTheme() === 'dark'),
      automaticLayout: true,
      fontSize: 16,
      lineHeight: 24,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      wordBasedSuggestions: 'off',
      renderWhitespace: 'selection',
      ariaLabel: 'Kubernetes YAML. Press Ctrl+M to let Tab move the focus out of the editor.',
      fixedOverflowWidgets: true,
      editContext: false,
    });
    editorRef.current = editor;
    // The toolbar's choice (light, dark, or the system's), followed as it changes.
    const onTheme = () => monaco.editor.setTheme(themeFor(resolvedTheme() === 'dark'));
    media.addEventListener('change', onTheme);
    window.addEventListener('themechange', onTheme);

    // Features that read the whole document on the main thread: off for huge documents (set
    // only when the size class changes: updating options re-lays out the editor), and the
    // language with them.
    let sizeKey = '';
    const fitToSize = (lines = model.getLineCount()) => {
      const language = languageFor(lines);
      if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
      const options = sizeOptions(lines);
      const key = JSON.stringify(options);
      if (key === sizeKey) return;
      sizeKey = key;
      editor.updateOptions(options);
    };
    fitToSize();
    // The text the model and the store agree on. Reading a 10 MB model's text takes tens of
    // milliseconds: it is read once per edit of the model, never to compare with the store.
    let synced = model.getValue();
    let applyingStore = false;
    // A large paste arrives in slices (./largePaste.ts): the store hears of it once, at the end.
    let pasting = false;
    const changed = () => {
      if (pasting) return;
      fitToSize();
      if (applyingStore) return;
      const text = model.getValue();
      synced = text;
      if (text !== store.getState().text) store.getState().setText(text);
    };
    const typed = model.onDidChangeContent(changed);
    const followStore = store.subscribe((state, previous) => {
      if (state.text === previous.text || state.text === synced) return;
      synced = state.text;
      applyingStore = true;
      try {
        model.pushEditOperations(
          [],
          [{ range: model.getFullModelRange(), text: state.text }],
          () => null,
        );
      } finally {
        applyingStore = false;
      }
    });
    // Monaco scrolls with transforms; when the browser natively scrolls its overflow-hidden
    // scrollable element (a paste through EditContext does), the text is drawn off to the side
    // while the line numbers stay: undo such native scrolls.
    const scrollable = element.querySelector('.monaco-scrollable-element');
    const undoNativeScroll = () => {
      if (!scrollable || (scrollable.scrollLeft === 0 && scrollable.scrollTop === 0)) return;
      scrollable.scrollLeft = 0;
      scrollable.scrollTop = 0;
    };
    scrollable?.addEventListener('scroll', undoNativeScroll);
    const stopSync = syncSelection(monaco, editor, store);
    const stopLargePaste = pasteLargeTextInSlices(monaco, editor, {
      begin(text) {
        pasting = true;
        // Sized for the text to come, so that no slice is tokenized as YAML only to be dropped.
        let lines = model.getLineCount();
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
        fitToSize(lines);
      },
      end() {
        pasting = false;
        changed();
      },
    });
    return () => {
      stopLargePaste();
      stopSync();
      scrollable?.removeEventListener('scroll', undoNativeScroll);
      followStore();
      typed.dispose();
      media.removeEventListener('change', onTheme);
      window.removeEventListener('themechange', onTheme);
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    const model = monaco.editor.getModel(modelUri);
    if (!model) return;
    monaco.editor.setModelMarkers(model, markerOwner, toMarkers(monaco, model, diagnostics));
  }, [diagnostics]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    const position = { lineNumber: reveal.line, column: reveal.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [reveal]);

  return <div ref={host} className="editor-host" data-testid="editor" />;
}
