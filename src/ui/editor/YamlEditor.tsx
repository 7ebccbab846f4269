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
import { syncSelection } from './selectionSync';
import { markerOwner, toMarkers } from './toMarkers';

type Editor = ReturnType<typeof monaco.editor.create>;

const modelUri = monaco.Uri.parse('file:///playground.yaml');
const darkScheme = '(prefers-color-scheme: dark)';
/** Above this many lines, sticky scroll (which outlines the whole document) is turned off. */
const stickyScrollLines = 20_000;

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
    });
    editorRef.current = editor;
    // The toolbar's choice (light, dark, or the system's), followed as it changes.
    const onTheme = () => monaco.editor.setTheme(themeFor(resolvedTheme() === 'dark'));
    media.addEventListener('change', onTheme);
    window.addEventListener('themechange', onTheme);

    // Sticky scroll reads the whole document outline on the main thread: off for huge documents.
    const fitStickyScroll = () =>
      editor.updateOptions({ stickyScroll: { enabled: model.getLineCount() < stickyScrollLines } });
    fitStickyScroll();
    const typed = model.onDidChangeContent(() => {
      fitStickyScroll();
      const text = model.getValue();
      if (text !== store.getState().text) store.getState().setText(text);
    });
    const followStore = store.subscribe((state) => {
      if (state.text === model.getValue()) return;
      model.pushEditOperations(
        [],
        [{ range: model.getFullModelRange(), text: state.text }],
        () => null,
      );
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
    return () => {
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
