/**
 * A modal dialog on the native <dialog>: focus moves into it and stays there, Escape closes it,
 * and the page behind is inert. Its content is mounted only while it is open; the element
 * marked `data-autofocus` gets the focus.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  testId: string;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({ open, title, onClose, testId, children, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The element marked `data-autofocus` takes the focus (the close button otherwise).
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'share-dialog wide' : 'share-dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open ? (
        <div className="share-dialog-body">
          <header>
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="close" onClick={onClose} aria-label="Close">
              ×
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
