/**
 * Copies a link holding the whole state (document, selection, panel, seed) to the clipboard, and
 * says so. When the clipboard refuses, the link is shown to copy by hand; when the document is
 * too large for a link, the page says so and offers the download instead.
 */
import { useEffect, useState } from 'react';
import { toShareLink } from '../../state/share/link';
import { toSharedState } from '../../state/share/openShareLink';
import { useAppStoreApi } from '../../state/useAppStore';
import { Dialog } from './Dialog';
import { downloadName, downloadText } from './fileTransfer';

type Shown =
  | { type: 'idle' }
  | { type: 'copied' }
  | { type: 'manual'; url: string }
  | { type: 'too-large'; message: string };

export function CopyLinkButton() {
  const store = useAppStoreApi();
  const [shown, setShown] = useState<Shown>({ type: 'idle' });

  useEffect(() => {
    if (shown.type !== 'copied') return;
    const timer = setTimeout(() => setShown({ type: 'idle' }), 4000);
    return () => clearTimeout(timer);
  }, [shown]);

  const copy = async () => {
    const link = await toShareLink(toSharedState(store.getState()), window.location.href);
    if (!link.ok) {
      setShown({ type: 'too-large', message: link.message });
      return;
    }
    try {
      await navigator.clipboard.writeText(link.url);
      setShown({ type: 'copied' });
    } catch {
      setShown({ type: 'manual', url: link.url });
    }
  };

  const download = () => {
    const { text, scenario, admitted } = store.getState();
    downloadText(text, downloadName(scenario, admitted));
    setShown({ type: 'idle' });
  };

  return (
    <>
      <button
        type="button"
        data-testid="copy-link"
        className={shown.type === 'copied' ? 'copy-link copied' : 'copy-link'}
        onClick={() => void copy()}
        title="Copy a link to the clipboard that opens this document, selection, panel and seed"
      >
        {shown.type === 'copied' ? '✓ Copied' : 'Share'}
      </button>
      <span className="visually-hidden" role="status" data-testid="copy-link-status">
        {shown.type === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
      <Dialog
        open={shown.type === 'manual' || shown.type === 'too-large'}
        title={shown.type === 'too-large' ? 'Too large for a link' : 'Share link'}
        onClose={() => setShown({ type: 'idle' })}
        testId="share-dialog"
      >
        {shown.type === 'too-large' ? (
          <>
            <p data-testid="share-too-large">{shown.message}</p>
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={download}>
                Download the YAML
              </button>
              <button type="button" onClick={() => setShown({ type: 'idle' })}>
                Close
              </button>
            </div>
          </>
        ) : null}
        {shown.type === 'manual' ? (
          <>
            <p>The browser did not let the page use the clipboard: copy the link from here.</p>
            <input
              className="share-url"
              readOnly
              value={shown.url}
              data-testid="share-url"
              aria-label="Share link"
              onFocus={(event) => event.currentTarget.select()}
              data-autofocus
            />
          </>
        ) : null}
      </Dialog>
    </>
  );
}
