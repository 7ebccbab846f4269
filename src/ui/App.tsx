/**
 * The page: a toolbar, then the editor, the graph and the panels side by side. Embedded
 * (`?embed=1`) it is the compact embed view; presenting, the presentation view.
 */
import { lazy, Suspense } from 'react';
import { selectEmbed, selectLesson, selectPresenting } from '../state/selectors';
import { useAppStore } from '../state/useAppStore';
import { EmbedApp } from './embed/EmbedApp';
import { EmbedButton } from './embed/EmbedButton';
import { ClusterGraph } from './graph/ClusterGraph';
import { SplitView } from './layout/SplitView';
import { Gallery } from './lessons/Gallery';
import { LessonsButton } from './lessons/LessonsButton';
import { LessonStepView } from './lessons/LessonStepView';
import { PresentButton } from './present/PresentButton';
import { PresentationView } from './present/PresentationView';
import { ShareTools } from './share/ShareTools';
import { PanelTabs } from './panels/PanelTabs';
import { StaleNotice } from './panels/StaleNotice';
import { EngineStatus } from './toolbar/EngineStatus';
import { HistoryControls } from './toolbar/HistoryControls';
import { ProxyModePicker } from './toolbar/ProxyModePicker';
import { ScenarioNotice } from './toolbar/ScenarioNotice';
import { ScenarioPicker } from './toolbar/ScenarioPicker';
import { ThemeToggle } from './toolbar/ThemeToggle';
import './toolbar/toolbar.css';

const YamlEditor = lazy(() => import('./editor/YamlEditor'));

export function App() {
  const embed = useAppStore(selectEmbed);
  const presenting = useAppStore(selectPresenting);
  const lesson = useAppStore(selectLesson);
  if (embed) return <EmbedApp />;
  if (presenting) return <PresentationView />;
  return (
    <div className="app">
      <header className="toolbar">
        <h1>Kube Service Playground</h1>
        <ScenarioPicker />
        <LessonsButton />
        <ProxyModePicker />
        <HistoryControls />
        <ShareTools />
        <span className="classroom-tools">
          <EmbedButton />
          <PresentButton />
        </span>
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
              size: 0.42,
              min: 0.15,
              // A new lesson step is a new cluster: the graph is fitted to it.
              content: <ClusterGraph key={lesson ? `${lesson.id}:${lesson.step}` : 'free'} />,
            },
            {
              id: 'panels',
              label: 'panels',
              size: 0.28,
              min: 0.15,
              content: (
                <div className="panels">
                  <LessonStepView />
                  <ScenarioNotice />
                  <StaleNotice />
                  <PanelTabs />
                </div>
              ),
            },
          ]}
        />
      </main>
      <Gallery />
    </div>
  );
}
