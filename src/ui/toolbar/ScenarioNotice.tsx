/** What to notice in the current scenario, from its file's header. */
import { findScenario } from '../../scenarios';
import { selectScenario } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function ScenarioNotice() {
  const scenario = findScenario(useAppStore(selectScenario));
  if (!scenario?.notice) return null;
  return (
    <p className="scenario-notice" data-testid="scenario-notice">
      <strong>Notice:</strong> {scenario.notice}
    </p>
  );
}
