/** The YAML of a read-only embed, as text with line numbers (no editor to load). */
import { selectText } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function ReadOnlyYaml() {
  const text = useAppStore(selectText);
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre
      className="readonly-yaml"
      data-testid="readonly-yaml"
      aria-label="The cluster's YAML (read-only)"
      tabIndex={0}
    >
      {lines.map((line, i) => (
        <span key={i} className="line">
          <span className="number" aria-hidden="true">
            {i + 1}
          </span>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
