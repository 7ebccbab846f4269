/** The toolbar's switch to presentation mode (a lesson in large type, one step at a time). */
import { lessons } from '../../lessons';
import { selectLesson, selectSetPresenting, selectStartLesson } from '../../state/selectors';
import { keepOwnWork } from '../../state/lessonLinks';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';

export function PresentButton() {
  const store = useAppStoreApi();
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
        if (!lesson && first) {
          let storage: Storage | undefined;
          try {
            storage = window.localStorage;
          } catch {
            storage = undefined;
          }
          const kept = keepOwnWork(store, storage, first.title);
          startLesson(first.id, 0);
          if (kept)
            store.getState().notify(`Your document is kept in Saved documents as "${kept}".`);
        }
        setPresenting(true);
      }}
    >
      ▶
    </button>
  );
}
