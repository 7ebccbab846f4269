/**
 * Undo and redo of the what-ifs: two buttons, and Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) anywhere
 * outside the editor and form fields (inside the editor, its own undo applies).
 */
import { useEffect } from 'react';
import { selectCanRedo, selectCanUndo, selectRedo, selectUndo } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

/** Whether a key press belongs to a place with its own undo (the editor, a text field). */
function ownsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.monaco-editor, input, textarea, select, [contenteditable="true"]')) {
    return true;
  }
  return false;
}

export function HistoryControls() {
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const undo = useAppStore(selectUndo);
  const redo = useAppStore(selectRedo);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || ownsUndo(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo]);

  return (
    <div className="history-controls" role="group" aria-label="What-if history">
      <button
        type="button"
        onClick={undo}
        disabled={!canUndo}
        data-testid="undo"
        title="Undo the last what-if (Ctrl+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={!canRedo}
        data-testid="redo"
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
    </div>
  );
}
