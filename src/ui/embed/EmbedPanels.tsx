/** The panels an embed shows (its `panels` parameter), as tabs when there are several. */
import { selectActivePanel, selectEmbed, selectShowPanel } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { panelTabs } from '../panels/panelTabs';

export function EmbedPanels() {
  const embed = useAppStore(selectEmbed);
  const active = useAppStore(selectActivePanel);
  const show = useAppStore(selectShowPanel);
  const tabs = panelTabs.filter((t) => embed?.panels.includes(t.id));
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (!current) return null;
  const Panel = current.component;
  return (
    <div className="panel-tabs">
      {tabs.length > 1 ? (
        <div role="tablist" aria-label="Panels" className="tablist">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={tab.id === current.id}
              aria-controls={`tabpanel-${tab.id}`}
              data-testid={`tab-${tab.id}`}
              onClick={() => show(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      ) : null}
      <div
        role="tabpanel"
        id={`tabpanel-${current.id}`}
        aria-label={current.label}
        className="tabpanel"
        data-testid={`tabpanel-${current.id}`}
      >
        <Panel />
      </div>
    </div>
  );
}
