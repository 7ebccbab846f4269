/**
 * Every Service with its type, ClusterIP, ports and endpoints; follows every keystroke. A large
 * cluster is shown a page at a time (with a filter), so 10,000 Services stay fast; choosing a
 * Service's name selects it in every view.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { selectSelect, selectSelection, selectServices } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { ServiceSummary } from '../../worker/protocol';
import './panels.css';
import { endpointState, formatClusterIP, formatEndpoint, formatServicePort } from './format';

function Endpoints({ service }: { service: ServiceSummary }) {
  if (service.type === 'ExternalName') {
    return (
      <p className="muted">No endpoints: DNS answers with a CNAME to {service.externalName}.</p>
    );
  }
  if (service.endpoints.length === 0) {
    return (
      <p className="muted" data-testid="no-endpoints">
        No endpoints
      </p>
    );
  }
  return (
    <ul className="endpoints">
      {service.endpoints.map((e, i) => {
        const state = endpointState(e);
        return (
          <li
            key={`${e.ip}-${e.port}-${e.portName}-${i}`}
            className={`endpoint endpoint-${state.replace(' ', '-')}`}
            data-testid="endpoint"
            data-state={state}
          >
            <code data-testid="endpoint-address">{formatEndpoint(e)}</code>
            <span className="muted">{[e.portName, e.protocol].filter(Boolean).join(' ')}</span>
            <span className="badge">{state}</span>
            {e.pod || e.nodeName ? (
              <span className="endpoint-where muted">
                {e.pod ? e.pod.split('/')[1] : ''}
                {e.nodeName ? ` on ${e.nodeName}` : ''}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function ServiceCard({ service, selected }: { service: ServiceSummary; selected: boolean }) {
  const select = useAppStore(selectSelect);
  return (
    <li
      className={`card${selected ? ' is-selected' : ''}`}
      data-testid="service"
      data-service={service.key}
    >
      <h3>
        <button
          type="button"
          className="link"
          aria-pressed={selected}
          data-testid="service-select"
          onClick={() => select({ kind: 'service', key: service.key })}
        >
          <span className="muted">{service.namespace}/</span>
          <span data-testid="service-name">{service.name}</span>
        </button>
      </h3>
      <dl className="facts">
        <dt>Type</dt>
        <dd data-testid="service-type">{service.type}</dd>
        <dt>ClusterIP</dt>
        <dd data-testid="service-cluster-ip">
          <code>{formatClusterIP(service)}</code>
        </dd>
        <dt>Ports</dt>
        <dd data-testid="service-ports">
          <code>{service.ports.map(formatServicePort).join(',') || '<none>'}</code>
        </dd>
        {service.loadBalancerIngress.length > 0 ? (
          <>
            <dt>External IP</dt>
            <dd>
              <code>{service.loadBalancerIngress.join(',')}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <Endpoints service={service} />
    </li>
  );
}

/** Services shown at first, and added by each "Show more". */
export const servicesPageSize = 50;

export function ServicesPanel() {
  const id = useId();
  // Cards follow a new summary in a background render (a large cluster has 10,000 Services).
  const services = useDeferredValue(useAppStore(selectServices));
  const selection = useAppStore(selectSelection);
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(servicesPageSize);
  const needle = useDeferredValue(filter.trim().toLowerCase());
  // The input's Services first, in the order written; the built-in ones after them.
  const ordered = useMemo(
    () => [...services.filter((s) => s.source), ...services.filter((s) => !s.source)],
    [services],
  );
  const matching = useMemo(
    () => (needle === '' ? ordered : ordered.filter((s) => s.key.toLowerCase().includes(needle))),
    [ordered, needle],
  );
  const selectedKey = selection?.kind === 'service' ? selection.key : null;
  const shown = matching.slice(0, limit);
  const selected = selectedKey ? matching.find((s) => s.key === selectedKey) : undefined;
  if (selected && !shown.includes(selected)) shown.unshift(selected);
  return (
    <section className="panel" aria-labelledby="services-title" data-testid="services-panel">
      <h2 id="services-title">
        Services <span className="count">{services.length}</span>
      </h2>
      {ordered.length > servicesPageSize ? (
        <div className="services-filter">
          <label htmlFor={`${id}-filter`}>Filter</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            placeholder="namespace/name"
            data-testid="services-filter"
            onChange={(e) => {
              setFilter(e.target.value);
              setLimit(servicesPageSize);
            }}
          />
          <span className="muted" data-testid="services-shown">
            {Math.min(limit, matching.length)} of {matching.length}
          </span>
        </div>
      ) : null}
      <ul className="cards">
        {shown.map((s) => (
          <ServiceCard key={s.key} service={s} selected={s.key === selectedKey} />
        ))}
      </ul>
      {matching.length > limit ? (
        <button
          type="button"
          data-testid="services-more"
          onClick={() => setLimit(limit + servicesPageSize)}
        >
          Show {Math.min(servicesPageSize, matching.length - limit)} more
        </button>
      ) : null}
    </section>
  );
}
