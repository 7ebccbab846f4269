/** What just happened to the document (a link opened, a file refused), until dismissed. */
import { useEffect } from 'react';
import { selectDismissNotice, selectDocumentNotice } from '../../state/share/selectors';
import { useAppStore } from '../../state/useAppStore';

/** How long a good news toast stays; warnings and errors stay until dismissed. */
const okMs = 6000;

export function DocumentToast() {
  const notice = useAppStore(selectDocumentNotice);
  const dismiss = useAppStore(selectDismissNotice);

  useEffect(() => {
    if (!notice || notice.tone !== 'ok') return;
    const timer = setTimeout(dismiss, okMs);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <div className="document-toast-region" role="status" aria-live="polite">
      {notice ? (
        <div
          className={`document-toast tone-${notice.tone}`}
          data-testid="document-notice"
          data-tone={notice.tone}
          key={notice.seq}
        >
          <span>{notice.message}</span>
          <button type="button" onClick={dismiss} aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
