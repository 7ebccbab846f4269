/**
 * The Trace panel: the selected request of the latest batch, hop by hop, as the engine traced
 * it: on each node the rules it matched, in order. Clicking a hop selects the object the rule
 * belongs to (the pod of a DNAT, the Service of its comment, else the node) and shows the Rules
 * panel, where that rule is highlighted.
 */
import {
  selectBatch,
  selectPods,
  selectSelect,
  selectSelectRequest,
  selectSelectedRequest,
  selectSelectedRequestIndex,
  selectServices,
  selectShowPanel,
} from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { NodeDecision, RequestHop, TracedRequest } from '../../worker/queries/requests';
import { describeOutcome, destinationText } from '../traffic/describe';
import { hopTarget } from '../traffic/hopTarget';
import '../traffic/traffic.css';

/** The Rules panel's tab id (ui/panels/panelTabs.ts). */
const rulesPanel = 'rules';

function Facts({ request }: { request: TracedRequest }) {
  return (
    <dl className="facts">
      <dt>from</dt>
      <dd>
        <code>{request.client || '?'}</code>
      </dd>
      {request.dns ? (
        <>
          <dt>DNS</dt>
          <dd data-testid="trace-dns">
            <code>{request.dns.name}</code> tried{' '}
            {request.dns.tried.map((name) => (
              <code key={name}>{name} </code>
            ))}
            → {request.dns.addresses.join(', ') || request.dns.outcome}
            {request.dns.server ? ` (answered by ${request.dns.server})` : ''}
          </dd>
        </>
      ) : null}
      <dt>to</dt>
      <dd>
        <code>
          {destinationText(request)}/{request.protocol}
        </code>
      </dd>
      <dt>verdict</dt>
      <dd data-testid="trace-outcome">{describeOutcome(request)}</dd>
      {request.stoppedAt?.rule ? (
        <>
          <dt>stopped by</dt>
          <dd>
            <code>{request.stoppedAt.rule.rule}</code>
          </dd>
        </>
      ) : null}
      {request.simplifications?.length ? (
        <>
          <dt>simplified</dt>
          <dd data-testid="trace-simplifications">
            {request.simplifications.map((text) => (
              <p key={text} className="muted">
                {text}
              </p>
            ))}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Decision({
  decision,
  request,
  onHop,
}: {
  decision: NodeDecision;
  request: TracedRequest;
  onHop: (hop: RequestHop) => void;
}) {
  const stop = request.stoppedAt?.rule;
  return (
    <li className="trace-decision">
      <h3>
        {decision.leg === 'dns' ? 'DNS query on ' : ''}
        {decision.node}: {decision.verdict}
        {decision.endpoint ? ` → ${decision.endpoint}` : ''}
        {decision.chain ? ` (${decision.chain})` : ''}
      </h3>
      {decision.hops.length === 0 ? <p className="muted">No kube-proxy rule matched.</p> : null}
      <ol className="trace-hops">
        {decision.hops.map((hop, i) => (
          <li key={i}>
            <button
              type="button"
              className={`trace-hop${hop === stop ? ' is-stop' : ''}${/DNAT|dnat|^-> /.test(hop.rule) ? ' is-final' : ''}`}
              data-testid="trace-hop"
              data-node={hop.node}
              data-chain={hop.chain}
              onClick={() => onHop(hop)}
            >
              <span className="where">
                {hop.table} {hop.chain}
              </span>
              <code>{hop.rule}</code>
            </button>
          </li>
        ))}
      </ol>
    </li>
  );
}

export function TracePanel() {
  const batch = useAppStore(selectBatch);
  const request = useAppStore(selectSelectedRequest);
  const index = useAppStore(selectSelectedRequestIndex);
  const selectRequest = useAppStore(selectSelectRequest);
  const pods = useAppStore(selectPods);
  const services = useAppStore(selectServices);
  const select = useAppStore(selectSelect);
  const showPanel = useAppStore(selectShowPanel);

  if (!batch || !request) {
    return (
      <section className="panel trace-panel" aria-label="Trace">
        <h2>Trace</h2>
        <p className="muted">
          {batch?.problem ??
            'Send a request from the bar over the graph: its path, hop by hop, shows here.'}
        </p>
      </section>
    );
  }
  const total = batch.requests.length;
  const onHop = (hop: RequestHop) => {
    select(hopTarget(hop, pods, services));
    showPanel(rulesPanel);
  };
  return (
    <section className="panel trace-panel" aria-label="Trace" data-testid="trace-panel">
      <h2>Trace</h2>
      <div className="trace-nav">
        <button
          type="button"
          aria-label="Previous request"
          disabled={index === 0}
          onClick={() => selectRequest(index - 1)}
        >
          ◀
        </button>
        <span data-testid="trace-index">
          request {index + 1} of {total}
        </span>
        <button
          type="button"
          aria-label="Next request"
          disabled={index >= total - 1}
          onClick={() => selectRequest(index + 1)}
        >
          ▶
        </button>
      </div>
      <Facts request={request} />
      <ol className="trace-decisions">
        {request.decisions.map((decision, i) => (
          <Decision key={i} decision={decision} request={request} onHop={onHop} />
        ))}
      </ol>
    </section>
  );
}
