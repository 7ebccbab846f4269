/**
 * Reset: back to the shipped scenario's original text, after a confirmation. The reset is a
 * what-if edit, so the toolbar's Undo (and Ctrl+Z) brings the edits back.
 */
import { findScenario } from '../../scenarios';
import { selectApplyWhatIf, selectScenario, selectText } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { selectNotify } from '../../state/share/selectors';
import { Dialog } from './Dialog';

interface Props {
  open: boolean;
  onClose(): void;
}

export function ResetDialog({ open, onClose }: Props) {
  const scenario = findScenario(useAppStore(selectScenario));
  const text = useAppStore(selectText);
  const applyWhatIf = useAppStore(selectApplyWhatIf);
  const notify = useAppStore(selectNotify);
  const title = scenario ? scenario.title || scenario.name : '';

  const reset = () => {
    if (!scenario) return;
    applyWhatIf(`reset to the original ${scenario.name}`, {
      ok: true,
      text: scenario.text,
      message: `reset to the original of ${scenario.name}`,
    });
    notify(`Reset to the original "${title}". Undo (Ctrl+Z) brings your edits back.`);
    onClose();
  };

  return (
    <Dialog open={open} title="Reset the document" onClose={onClose} testId="reset-dialog">
      {!scenario ? (
        <p>
          This document was not made from a shipped scenario, so there is no original to go back to.
        </p>
      ) : scenario.text === text ? (
        <p>This is already the original text of “{title}”.</p>
      ) : (
        <p>
          Replace your text with the original of “{title}”? Your edits are replaced; Undo in the
          toolbar (or Ctrl+Z) brings them back. To keep them for later, save them first.
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="primary danger"
          onClick={reset}
          disabled={!scenario || scenario.text === text}
          data-testid="reset-confirm"
        >
          Reset
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
