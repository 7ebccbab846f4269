/**
 * The shown Service's endpoints as kubectl prints them (Endpoints and EndpointSlices), and for
 * every pod of its namespace why it is, or is not, an endpoint. Choosing a pod selects it.
 */
import { useState } from 'react';
import type { EndpointPresence, PodEndpointExplanation } from '../../engine/explain/types';
import { selectSelect, selectSelection } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { useEngineQuery } from './engineQuery';
import { KubectlOutputs } from './KubectlOutputs';
import { ServicePicker, useShownService } from './ServicePicker';
import './panels.css';

/** Pod rows shown at first, and added by each "Show more" (a Service may have thousands). */
const rowsPerPage = 60;

const presenceText: Record<EndpointPresence, string> = {
  ready: 'ready',
  'not-ready': 'not ready',
  terminating: 'terminating',
  absent: 'not listed',
};

function Presence({ what, presence }: { what: string; presence: EndpointPresence }) {
  return (
    <span className={`presence presence-${presence}`} data-testid={`presence-${what}`}>
      <span className="muted">{what}:</span> {presenceText[presence]}
    </span>
  );
}

function PodRow({ pod, selected }: { pod: PodEndpointExplanation; selected: boolean }) {
  const select = useAppStore(selectSelect);
  const name = pod.pod.slice(pod.pod.indexOf('/') + 1);
  const verdict = pod.endpointSlice === 'ready' && pod.endpoints !== 'absent' ? 'in' : 'out';
  return (
    <li
      className={`pod-explanation verdict-${verdict}${selected ? ' is-selected' : ''}`}
      data-testid="pod-explanation"
      data-pod={pod.pod}
      data-selected={pod.selected}
      data-endpoints={pod.endpoints}
      data-endpointslice={pod.endpointSlice}
    >
      <div className="pod-explanation-head">
        <button
          type="button"
          className="link"
          onClick={() => select({ kind: 'pod', key: pod.pod })}
          aria-pressed={selected}
        >
          {name}
        </button>
        <code className="muted">{pod.podIPs.join(', ') || 'no IP'}</code>
        {pod.nodeName ? <span className="muted">on {pod.nodeName}</span> : null}
      </div>
      <div className="pod-explanation-presence">
        <Presence what="Endpoints" presence={pod.endpoints} />
        <Presence what="EndpointSlice" presence={pod.endpointSlice} />
      </div>
      <ul className="reasons">
        {pod.reasons.map((r, i) => (
          <li key={i} className={`reason reason-${r.code}`} data-testid="reason" data-code={r.code}>
            {r.effect === 'both' ? null : (
              <span className="muted">
                {r.effect === 'endpoints' ? 'Endpoints: ' : 'EndpointSlice: '}
              </span>
            )}
            {r.message}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function EndpointsPanel() {
  const service = useShownService();
  const selection = useAppStore(selectSelection);
  const { answer, error, pending } = useEngineQuery(
    service ? { kind: 'endpoints', service: service.key } : null,
  );
  const explanation = answer?.service === service?.key ? answer?.explanation : undefined;
  const [rows, setRows] = useState(rowsPerPage);
  const listedUnselected = explanation?.pods.filter((p) => !p.selected).length ?? 0;
  const hidden = (explanation?.unselectedCount ?? 0) - listedUnselected;
  return (
    <section
      className="panel endpoints-panel"
      aria-labelledby="endpoints-title"
      data-testid="endpoints-panel"
      aria-busy={pending}
    >
      <h2 id="endpoints-title">Endpoints</h2>
      <ServicePicker service={service} />
      {!service ? <p className="muted">No Service to show.</p> : null}
      {error ? <p className="notice">{error}</p> : null}
      {answer && answer.service === service?.key ? (
        <KubectlOutputs outputs={answer.kubectl} />
      ) : null}
      {explanation?.source === 'external-name' ? (
        <p className="muted">An ExternalName Service has no endpoints: DNS answers a CNAME.</p>
      ) : null}
      {explanation?.source === 'manual' ? (
        <p className="muted" data-testid="no-selector">
          No selector: the controllers leave this Service&apos;s Endpoints and EndpointSlices to you
          (the ones written in the text are used as they are).
        </p>
      ) : null}
      {explanation?.source === 'selector' ? (
        <>
          <h3 className="subhead">
            Pods in {explanation.service.split('/')[0]}{' '}
            <span className="muted">
              selector{' '}
              <code data-testid="endpoints-selector">
                {explanation.selector.map(([k, v]) => `${k}=${v}`).join(',')}
              </code>
            </span>
          </h3>
          {explanation.pods.length === 0 ? (
            <p className="muted">No pod in this namespace.</p>
          ) : null}
          <ul className="pod-explanations">
            {explanation.pods.slice(0, rows).map((p) => (
              <PodRow
                key={p.pod}
                pod={p}
                selected={selection?.kind === 'pod' && selection.key === p.pod}
              />
            ))}
          </ul>
          {explanation.pods.length > rows ? (
            <button type="button" onClick={() => setRows(rows + rowsPerPage)}>
              Show {Math.min(rowsPerPage, explanation.pods.length - rows)} more pods
            </button>
          ) : null}
          {hidden > 0 ? (
            <p className="muted" data-testid="unselected-hidden">
              {hidden} more pods in this namespace do not match the selector either.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
