/** Says, above every panel, when the cluster on screen is older than the text (the text has errors). */
import { selectSummaryIsStale } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function StaleNotice() {
  const stale = useAppStore(selectSummaryIsStale);
  if (!stale) return null;
  return (
    <p className="notice" role="status" data-testid="stale-notice">
      The text has errors: showing the cluster as it was before them.
    </p>
  );
}
