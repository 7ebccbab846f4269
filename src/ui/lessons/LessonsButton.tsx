/** The toolbar's button to the gallery of lessons and scenarios. */
import { selectSetGalleryOpen } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function LessonsButton() {
  const setOpen = useAppStore(selectSetGalleryOpen);
  return (
    <button
      type="button"
      className="toolbar-button"
      data-testid="open-gallery"
      onClick={() => setOpen(true)}
      title="Guided lessons and the shipped scenarios"
    >
      Lessons
    </button>
  );
}
