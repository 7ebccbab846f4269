/** What to notice in the current scenario, from its file's header. */
import { findScenario } from '../../scenarios';
import { selectScenario } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function ScenarioNotice() {
  const scenario = findScenario(useAppStore(selectScenario));
  if (!scenario?.notice) return null;
  return (
    <section
      className="scenario-notice"
      aria-label="About this scenario"
      data-testid="scenario-notice"
    >
      <h2>{scenario.title}</h2>
      <p>{scenario.notice}</p>
    </section>
  );
}
