/**
 * What to notice in the current scenario, from its file's header. It folds to its title, so the
 * panels below it keep their room; whether it is open is remembered per scenario.
 */
import { useState } from 'react';
import { findScenario } from '../../scenarios';
import { selectScenario } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function ScenarioNotice() {
  const scenario = findScenario(useAppStore(selectScenario));
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  if (!scenario?.notice) return null;
  const open = !closed.has(scenario.name);
  return (
    <details
      className="scenario-notice"
      aria-label="About this scenario"
      data-testid="scenario-notice"
      open={open}
      onToggle={(event) => {
        const isOpen = event.currentTarget.open;
        if (isOpen === open) return;
        setClosed((previous) => {
          const next = new Set(previous);
          if (isOpen) next.delete(scenario.name);
          else next.add(scenario.name);
          return next;
        });
      }}
    >
      <summary>
        <h2>{scenario.title}</h2>
      </summary>
      <p>{scenario.notice}</p>
    </details>
  );
}
