/** The tab bar over the panels (WAI-ARIA tabs: arrow keys move between tabs, Home/End jump). */
import { useRef, type KeyboardEvent } from 'react';
import { selectActivePanel, selectDiagnostics, selectShowPanel } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { panelTabs } from './panelTabs';

export function PanelTabs() {
  const active = useAppStore(selectActivePanel);
  const show = useAppStore(selectShowPanel);
  const problems = useAppStore(selectDiagnostics).length;
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = panelTabs.find((t) => t.id === active) ?? panelTabs[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = panelTabs.findIndex((t) => t.id === current?.id);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: panelTabs.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const wrapped = (next + panelTabs.length) % panelTabs.length;
    const tab = panelTabs[wrapped];
    if (!tab) return;
    show(tab.id);
    tabs.current[wrapped]?.focus();
  };

  if (!current) return null;
  const Panel = current.component;
  return (
    <div className="panel-tabs">
      <div role="tablist" aria-label="Panels" className="tablist" onKeyDown={onKeyDown}>
        {panelTabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            data-testid={`tab-${tab.id}`}
            onClick={() => show(tab.id)}
          >
            {tab.label}
            {tab.id === 'problems' && problems > 0 ? (
              <span className="count">{problems}</span>
            ) : null}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${current.id}`}
        aria-labelledby={`tab-${current.id}`}
        className="tabpanel"
        data-testid={`tabpanel-${current.id}`}
      >
        <Panel />
      </div>
    </div>
  );
}
