/** The chosen rule in full (wrapped: the list cuts long lines), and the objects it belongs to. */
import type { RuleLine } from './ruleLines';

export function RuleDetail({ line }: { line: RuleLine | undefined }) {
  if (!line || line.text.trim() === '') return null;
  return (
    <div className="rule-detail" data-testid="rule-detail" aria-live="polite">
      <code>{line.text}</code>
      <p className="muted">
        {[
          line.table ? `table ${line.table}` : '',
          line.chain ? `chain ${line.chain}` : '',
          line.service ? `Service ${line.service}` : '',
          line.pod ? `to pod ${line.pod}` : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </div>
  );
}
