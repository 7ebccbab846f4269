/**
 * The batch's distribution as a small column chart: requests per pod (and per verdict when some
 * reached none). iptables' random choice, IPVS round-robin and ClientIP affinity each have their
 * own shape. Clicking a column selects the first request that went there.
 */
import { selectBatch, selectSelectRequest } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { RequestBatch } from '../../worker/queries/requests';

interface Row {
  key: string;
  label: string;
  detail: string;
  count: number;
  pod: string;
  first: number;
  stopped: boolean;
}

/** Generated pod names differ in their last characters: show those. */
function shortLabel(name: string): string {
  return name.length <= 8 ? name : `…${name.slice(-6)}`;
}

function toRows(batch: RequestBatch): Row[] {
  const rows: Row[] = batch.distribution.map((entry) => ({
    key: entry.endpoint,
    label: shortLabel(entry.pod ? entry.pod.slice(entry.pod.indexOf('/') + 1) : entry.endpoint),
    detail: `${entry.pod ?? entry.endpoint} (${entry.endpoint}${entry.node ? ` on ${entry.node}` : ''})`,
    count: entry.count,
    pod: entry.pod ?? '',
    first: batch.requests.findIndex(
      (r) => r.endpoint === entry.endpoint || r.destination === entry.endpoint,
    ),
    stopped: false,
  }));
  const reached = rows.reduce((n, r) => n + r.count, 0);
  const unreached = batch.requests.filter((r) => !r.pod && !r.podNode);
  for (const [verdict, count] of Object.entries(batch.verdicts)) {
    const n = unreached.filter((r) => r.verdict === verdict).length;
    if (!count || n === 0 || reached === batch.requests.length) continue;
    rows.push({
      key: verdict,
      label: verdict,
      detail: `${n} requests reached no pod: ${verdict}`,
      count: n,
      pod: '',
      first: batch.requests.findIndex((r) => r.verdict === verdict && !r.pod),
      stopped: true,
    });
  }
  return rows;
}

export function Distribution() {
  const batch = useAppStore(selectBatch);
  const selectRequest = useAppStore(selectSelectRequest);
  if (!batch || batch.requests.length < 2) return null;
  const rows = toRows(batch);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <figure className="distribution" data-testid="distribution" data-mode={batch.mode}>
      <figcaption>
        {batch.requests.length} requests, kube-proxy {batch.mode}
      </figcaption>
      <ul>
        {rows.map((row) => (
          <li key={row.key}>
            <button
              type="button"
              className={`distribution-column${row.stopped ? ' is-stopped' : ''}`}
              data-testid="distribution-row"
              data-pod={row.pod}
              data-count={row.count}
              title={row.detail}
              aria-label={`${row.detail}: ${row.count}`}
              onClick={() => row.first >= 0 && selectRequest(row.first)}
            >
              <span className="distribution-count">{row.count}</span>
              <span className="distribution-bar" aria-hidden="true">
                <span style={{ height: `${(100 * row.count) / max}%` }} />
              </span>
              <span className="distribution-label">{row.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </figure>
  );
}
