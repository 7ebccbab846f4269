/** Every Service with its type, ClusterIP, ports and endpoints; follows every keystroke. */
import { useMemo } from 'react';
import { selectServices } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { ServiceSummary } from '../../worker/protocol';
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

function ServiceCard({ service }: { service: ServiceSummary }) {
  return (
    <li className="card" data-testid="service" data-service={service.key}>
      <h3>
        <span className="muted">{service.namespace}/</span>
        <span data-testid="service-name">{service.name}</span>
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

export function ServicesPanel() {
  const services = useAppStore(selectServices);
  // The input's Services first, in the order written; the built-in ones after them.
  const ordered = useMemo(
    () => [...services.filter((s) => s.source), ...services.filter((s) => !s.source)],
    [services],
  );
  return (
    <section className="panel" aria-labelledby="services-title" data-testid="services-panel">
      <h2 id="services-title">Services</h2>
      <ul className="cards">
        {ordered.map((s) => (
          <ServiceCard key={s.key} service={s} />
        ))}
      </ul>
    </section>
  );
}
