/** The toolbar's switch to presentation mode (a lesson in large type, one step at a time). */
import { lessons } from '../../lessons';
import { selectLesson, selectSetPresenting, selectStartLesson } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function PresentButton() {
  const setPresenting = useAppStore(selectSetPresenting);
  const lesson = useAppStore(selectLesson);
  const startLesson = useAppStore(selectStartLesson);
  return (
    <button
      type="button"
      className="toolbar-button icon-button"
      data-testid="present"
      aria-label="Present"
      title="Present: a lesson in large type, one step at a time (→ / ← to move, Esc to leave)"
      onClick={() => {
        const first = lessons[0];
        if (!lesson && first) startLesson(first.id, 0);
        setPresenting(true);
      }}
    >
      ▶
    </button>
  );
}
