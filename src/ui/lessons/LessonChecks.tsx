/** The checks of a step: each goal with pass or fail, what it saw, and a hint while it fails. */
import type { CheckOutcome } from '../../lessons/steps';
import { RichText } from './RichText';

export function LessonChecks({ results }: { results: CheckOutcome[] | undefined }) {
  if (!results) return <p className="muted">Waiting for the simulation…</p>;
  return (
    <ul className="lesson-checks" aria-label="Checks" data-testid="lesson-checks">
      {results.map((r) => (
        <li
          key={r.id}
          className={r.pass ? 'check pass' : 'check fail'}
          data-testid="lesson-check"
          data-check={r.id}
          data-pass={r.pass}
        >
          <span className="check-mark" aria-hidden="true">
            {r.pass ? '✓' : '○'}
          </span>
          <span className="check-body">
            <span className="check-label">
              <span className="visually-hidden">{r.pass ? 'Passed: ' : 'Not yet: '}</span>
              {r.label}
            </span>
            <span className="check-detail">{r.detail}</span>
            {r.pass ? null : (
              <span className="check-hint">
                Hint: <RichText text={r.hint} />
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
