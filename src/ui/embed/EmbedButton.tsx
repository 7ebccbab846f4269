/** The toolbar's button to the embed code generator. */
import { useState } from 'react';
import { EmbedDialog } from './EmbedDialog';

export function EmbedButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="toolbar-button icon-button"
        data-testid="open-embed"
        aria-label="Embed"
        title="Embed this cluster in a documentation page"
        onClick={() => setOpen(true)}
      >
        {'</>'}
      </button>
      <EmbedDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
