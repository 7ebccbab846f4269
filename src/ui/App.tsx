/** The page: a toolbar, then the editor and the panels side by side. */
import { lazy, Suspense } from 'react';
import { SplitView } from './layout/SplitView';
import { DiagnosticsPanel } from './panels/DiagnosticsPanel';
import { ServicesPanel } from './panels/ServicesPanel';
import { EngineStatus } from './toolbar/EngineStatus';
import { ScenarioNotice } from './toolbar/ScenarioNotice';
import { ScenarioPicker } from './toolbar/ScenarioPicker';

const YamlEditor = lazy(() => import('./editor/YamlEditor'));

export function App() {
  return (
    <div className="app">
      <header className="toolbar">
        <h1>Kube Service Playground</h1>
        <ScenarioPicker />
        <EngineStatus />
      </header>
      <ScenarioNotice />
      <main className="workspace">
        <SplitView
          panes={[
            {
              id: 'editor',
              label: 'editor',
              size: 0.5,
              min: 0.2,
              content: (
                <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
                  <YamlEditor />
                </Suspense>
              ),
            },
            {
              id: 'panels',
              label: 'panels',
              size: 0.5,
              min: 0.2,
              content: (
                <div className="panels">
                  <ServicesPanel />
                  <DiagnosticsPanel />
                </div>
              ),
            },
          ]}
        />
      </main>
    </div>
  );
}
