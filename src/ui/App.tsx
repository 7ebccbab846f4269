/** The page: a toolbar, then the editor, the graph and the panels side by side. */
import { lazy, Suspense } from 'react';
import { ClusterGraph } from './graph/ClusterGraph';
import { SplitView } from './layout/SplitView';
import { ShareTools } from './share/ShareTools';
import { PanelTabs } from './panels/PanelTabs';
import { StaleNotice } from './panels/StaleNotice';
import { EngineStatus } from './toolbar/EngineStatus';
import { HistoryControls } from './toolbar/HistoryControls';
import { ProxyModePicker } from './toolbar/ProxyModePicker';
import { ScenarioNotice } from './toolbar/ScenarioNotice';
import { ScenarioPicker } from './toolbar/ScenarioPicker';
import { ThemeToggle } from './toolbar/ThemeToggle';

const YamlEditor = lazy(() => import('./editor/YamlEditor'));

export function App() {
  return (
    <div className="app">
      <header className="toolbar">
        <h1>Kube Service Playground</h1>
        <ScenarioPicker />
        <ProxyModePicker />
        <HistoryControls />
        <ShareTools />
        <EngineStatus />
        <ThemeToggle />
      </header>
      <main className="workspace">
        <SplitView
          panes={[
            {
              id: 'editor',
              label: 'editor',
              size: 0.3,
              min: 0.2,
              content: (
                <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
                  <YamlEditor />
                </Suspense>
              ),
            },
            {
              id: 'graph',
              label: 'graph',
              size: 0.45,
              min: 0.15,
              content: <ClusterGraph />,
            },
            {
              id: 'panels',
              label: 'panels',
              size: 0.25,
              min: 0.15,
              content: (
                <div className="panels">
                  <ScenarioNotice />
                  <StaleNotice />
                  <PanelTabs />
                </div>
              ),
            },
          ]}
        />
      </main>
    </div>
  );
}
