/**
 * The shown Service's DNS records as CoreDNS serves them, and a lookup box: a question straight
 * to CoreDNS, or a name resolved from a pod through its search list, every question and answer
 * on the way.
 */
import { Fragment, useId, useState, type FormEvent } from 'react';
import { selectPods } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { DnsLookupAnswer, DnsLookupRequest } from '../../worker/queries/dns';
import { useEngineQuery } from './engineQuery';
import { ServicePicker, useShownService } from './ServicePicker';
import './panels.css';

const types = ['A', 'AAAA', 'SRV', 'PTR', 'TXT', 'CNAME', 'NS', 'SOA'];
const podLimit = 500;

/** Records as dig prints them, one per line; a long record wraps under itself, after a dot. */
function Records({ lines, testId }: { lines: string[]; testId?: string }) {
  return (
    <pre className="records" data-testid={testId}>
      {lines.map((line, i) => (
        <span key={i} className="record">
          {line.split(/(?<=\.)/).map((part, j) => (
            <Fragment key={j}>
              {part}
              <wbr />
            </Fragment>
          ))}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

function LookupResult({ lookup }: { lookup: DnsLookupAnswer }) {
  return (
    <div
      className="dns-lookup-result"
      data-testid="dns-lookup-result"
      data-outcome={lookup.outcome}
    >
      {lookup.problem ? <p className="notice">{lookup.problem}</p> : null}
      {lookup.from ? (
        <p className="muted">
          From {lookup.from}: nameserver <code>{lookup.nameserver ?? 'none'}</code>, search{' '}
          <code>{lookup.searches.join(' ') || '(none)'}</code>
        </p>
      ) : (
        <p className="muted">Sent straight to CoreDNS (the kube-dns Service).</p>
      )}
      <ol className="dns-steps">
        {lookup.steps.map((step, i) => (
          <li
            key={`${step.name}-${i}`}
            className={`dns-step${lookup.answeredBy === i ? ' is-answer' : ''}`}
            data-testid="dns-step"
            data-outcome={step.outcome}
          >
            {step.exchanges.map((x, j) => (
              <div key={j} className="dns-exchange">
                <div>
                  <code>
                    {x.name} {x.type}
                  </code>{' '}
                  <span className={`badge rcode-${x.rcode === 'NOERROR' ? 'ok' : 'other'}`}>
                    {x.rcode === 'NOERROR' && x.answer.length === 0 ? 'NOERROR, no data' : x.rcode}
                  </span>
                </div>
                {x.answer.length > 0 ? <Records lines={x.answer} /> : null}
                {x.notes.map((n) => (
                  <p key={n} className="muted">
                    {n}
                  </p>
                ))}
              </div>
            ))}
          </li>
        ))}
      </ol>
      <p data-testid="dns-addresses">
        {lookup.addresses.length > 0 ? (
          <>
            Resolves to <code>{lookup.addresses.join(', ')}</code>
          </>
        ) : (
          <>No address ({lookup.outcome})</>
        )}
      </p>
    </div>
  );
}

export function DnsPanel() {
  const id = useId();
  const service = useShownService();
  const pods = useAppStore(selectPods);
  const records = useEngineQuery(service ? { kind: 'dns', service: service.key } : null);
  const [form, setForm] = useState<DnsLookupRequest>({ name: '', type: 'A', from: '' });
  const [asked, setAsked] = useState<DnsLookupRequest | null>(null);
  const lookup = useEngineQuery(asked ? { kind: 'dns', lookup: asked } : null);
  const name = form.name === '' && service ? service.name : form.name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request: DnsLookupRequest = { name: name.trim(), type: form.type };
    if (form.from) request.from = form.from;
    if (request.name !== '') setAsked(request);
  };

  return (
    <section className="panel dns-panel" aria-labelledby="dns-title" data-testid="dns-panel">
      <h2 id="dns-title">DNS</h2>
      <ServicePicker service={service} />
      <h3 className="subhead">Records</h3>
      {records.answer?.records.length === 0 ? (
        <p className="muted">CoreDNS serves no record for this Service.</p>
      ) : null}
      <Records
        lines={
          (records.answer?.service === service?.key ? records.answer?.records : undefined) ?? []
        }
        testId="dns-records"
      />
      <h3 className="subhead">Look up a name</h3>
      <form className="dns-form" onSubmit={submit} data-testid="dns-lookup">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          data-testid="dns-name"
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <label htmlFor={`${id}-type`}>Type</label>
        <select
          id={`${id}-type`}
          value={form.type}
          data-testid="dns-type"
          onChange={(e) => setForm({ ...form, type: e.target.value })}
        >
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label htmlFor={`${id}-from`}>From</label>
        <select
          id={`${id}-from`}
          value={form.from ?? ''}
          data-testid="dns-from"
          onChange={(e) => setForm({ ...form, from: e.target.value })}
        >
          <option value="">CoreDNS directly (dig)</option>
          {pods.slice(0, podLimit).map((p) => (
            <option key={p.key} value={p.key}>
              pod {p.key}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="dns-submit">
          Look up
        </button>
      </form>
      {lookup.error ? <p className="notice">{lookup.error}</p> : null}
      {lookup.answer?.lookup ? <LookupResult lookup={lookup.answer.lookup} /> : null}
    </section>
  );
}
