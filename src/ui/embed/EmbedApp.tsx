/**
 * The compact view of `?embed=1`, for an iframe in a documentation page: the graph with its
 * request bar, the chosen panels, the YAML when asked (read-only as text, or the editor), and a
 * link to the full playground carrying the state.
 */
import { lazy, Suspense } from 'react';
import { findLesson } from '../../lessons';
import { findScenario } from '../../scenarios';
import { selectEmbed, selectLesson, selectScenario } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { ClusterGraph } from '../graph/ClusterGraph';
import { SplitView, type Pane } from '../layout/SplitView';
import { LessonStepView } from '../lessons/LessonStepView';
import { EmbedPanels } from './EmbedPanels';
import { OpenFullLink } from './OpenFullLink';
import { ReadOnlyYaml } from './ReadOnlyYaml';
import './embed.css';

const YamlEditor = lazy(() => import('../editor/YamlEditor'));

/** The panels' share of the width: less when the YAML is shown too, so the graph keeps room. */
const sideSize = (editor: boolean) => (editor ? 0.28 : 0.34);

export function EmbedApp() {
  const embed = useAppStore(selectEmbed);
  const scenario = findScenario(useAppStore(selectScenario));
  const lesson = useAppStore(selectLesson);
  if (!embed) return null;
  const side = embed.panels.length > 0 || lesson !== null;
  const panes: Pane[] = [];
  if (embed.editor) {
    panes.push({
      id: 'editor',
      label: 'editor',
      size: side ? 0.27 : 0.4,
      min: 0.15,
      content: embed.readOnly ? (
        <ReadOnlyYaml />
      ) : (
        <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
          <YamlEditor />
        </Suspense>
      ),
    });
  }
  const graphSize =
    1 - (embed.editor ? (side ? 0.27 : 0.4) : 0) - (side ? sideSize(embed.editor) : 0);
  panes.push({
    id: 'graph',
    label: 'graph',
    size: graphSize,
    min: 0.25,
    content: <ClusterGraph key={lesson ? `${lesson.id}:${lesson.step}` : 'embed'} />,
  });
  if (side) {
    panes.push({
      id: 'panels',
      label: 'panels',
      size: sideSize(embed.editor),
      min: 0.15,
      content: (
        <div className="panels">
          <LessonStepView />
          <EmbedPanels />
        </div>
      ),
    });
  }
  const title = findLesson(lesson?.id)?.title ?? scenario?.title ?? 'Kube Service Playground';
  return (
    <div
      className={embed.readOnly ? 'app embed read-only' : 'app embed'}
      data-testid="embed"
      data-embed-id={embed.id}
      style={embed.height ? { maxHeight: embed.height } : undefined}
    >
      <header className="embed-bar">
        <span className="embed-title">{title}</span>
        {embed.readOnly ? <span className="embed-badge">read-only</span> : null}
        <OpenFullLink />
      </header>
      <main className="workspace">
        <SplitView key={panes.map((p) => p.id).join()} panes={panes} />
      </main>
    </div>
  );
}
