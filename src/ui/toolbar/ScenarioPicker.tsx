/** Picks a shipped scenario; its title and what to notice are shown under the toolbar. */
import { scenarios } from '../../scenarios';
import { selectLoadScenario, selectScenario } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function ScenarioPicker() {
  const current = useAppStore(selectScenario);
  const load = useAppStore(selectLoadScenario);
  return (
    <label className="picker scenario-picker">
      <span className="visually-hidden">Scenario</span>
      <select
        data-testid="scenario-picker"
        title="Scenario (the Lessons gallery describes each one)"
        value={current ?? ''}
        onChange={(event) => load(event.target.value)}
      >
        {current === null ? <option value="">(your own)</option> : null}
        {scenarios.map((s) => (
          <option key={s.name} value={s.name}>
            {s.title || s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
