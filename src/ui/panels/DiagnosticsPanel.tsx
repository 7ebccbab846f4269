/** The engine's diagnostics for the latest text; choosing one moves the editor to its field. */
import { selectDiagnostics, selectRevealPosition } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function DiagnosticsPanel() {
  const diagnostics = useAppStore(selectDiagnostics);
  const reveal = useAppStore(selectRevealPosition);
  return (
    <section className="panel" aria-labelledby="diagnostics-title" data-testid="diagnostics-panel">
      <h2 id="diagnostics-title">
        Problems <span className="count">{diagnostics.length}</span>
      </h2>
      {diagnostics.length === 0 ? <p className="muted">None.</p> : null}
      <ul className="diagnostics">
        {diagnostics.map((d, i) => (
          <li key={`${d.line}:${d.column}:${i}`}>
            <button
              type="button"
              className={`diagnostic severity-${d.severity}`}
              data-testid="diagnostic"
              data-severity={d.severity}
              data-line={d.line}
              onClick={() => reveal(d.line, d.column)}
            >
              <span className="where">
                {d.line}:{d.column}
              </span>
              <span className="message">{d.message}</span>
              <span className="muted">{d.source}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
