/** One line under the request bar: what happened to the selected request (or why none went). */
import {
  selectBatch,
  selectBatchSeq,
  selectSelectedRequest,
  selectSelectedRequestIndex,
  selectTrafficError,
  selectTrafficStatus,
} from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { describeOutcome, destinationText } from './describe';

export function RequestResult() {
  const batch = useAppStore(selectBatch);
  const seq = useAppStore(selectBatchSeq);
  const request = useAppStore(selectSelectedRequest);
  const index = useAppStore(selectSelectedRequestIndex);
  const status = useAppStore(selectTrafficStatus);
  const error = useAppStore(selectTrafficError);

  if (status === 'failed') {
    return (
      <p
        className="request-result is-bad"
        role="status"
        data-testid="request-result"
        data-batch={seq}
      >
        The engine could not trace the requests: {error}
      </p>
    );
  }
  if (!batch) {
    return (
      <p
        className="request-result muted"
        role="status"
        data-testid="request-result"
        data-batch={seq}
      >
        Pick a source and a destination, and send requests to watch them cross the cluster.
      </p>
    );
  }
  if (batch.problem || !request) {
    return (
      <p
        className="request-result is-bad"
        role="status"
        data-testid="request-result"
        data-batch={seq}
      >
        {batch.problem ?? 'No request was sent.'}
      </p>
    );
  }
  const stopped = request.verdict === 'DROP' || request.verdict === 'REJECT';
  const outcome = describeOutcome(request);
  return (
    <p
      title={`${request.client} → ${destinationText(request)}: ${outcome}`}
      className={`request-result${stopped ? ' is-bad' : ''}`}
      role="status"
      data-testid="request-result"
      data-batch={seq}
      data-verdict={request.verdict}
      data-pod={request.pod ?? ''}
      data-pod-node={request.podNode ?? ''}
      data-source-seen={request.sourceSeen ?? ''}
      data-masquerade={String(request.masquerade)}
      data-stopped-at={request.stoppedAt?.place.type === 'node' ? request.stoppedAt.place.name : ''}
    >
      <span className="request-index">
        #{index + 1}/{batch.requests.length}
      </span>{' '}
      <code>
        {request.client} → {destinationText(request)}
      </code>{' '}
      {outcome}
    </p>
  );
}
