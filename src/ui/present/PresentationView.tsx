/**
 * Presentation mode, for a classroom: the lesson's step in large type beside the graph, one step
 * at a time, moved with the keyboard (→ PageDown Space / ← PageUp; Esc leaves). Requests are
 * animated at half speed with bigger packets (--packet-scale), so that a room can follow them.
 * The YAML can be shown beside the step.
 */
import { lazy, Suspense, useEffect, useEffectEvent, useState } from 'react';
import { findLesson } from '../../lessons';
import {
  selectGoToStep,
  selectLesson,
  selectSetPlaybackSpeed,
  selectSetPresenting,
} from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { ClusterGraph } from '../graph/ClusterGraph';
import { SplitView, type Pane } from '../layout/SplitView';
import { LessonStepView } from '../lessons/LessonStepView';
import { presentMove } from './presentKeys';
import './present.css';

const YamlEditor = lazy(() => import('../editor/YamlEditor'));

/** The speed requests are animated at while presenting: slow enough to follow on a projector. */
export const presentationSpeed = 0.5;

export function PresentationView() {
  const store = useAppStoreApi();
  const position = useAppStore(selectLesson);
  const goToStep = useAppStore(selectGoToStep);
  const setPresenting = useAppStore(selectSetPresenting);
  const setSpeed = useAppStore(selectSetPlaybackSpeed);
  const [showYaml, setShowYaml] = useState(false);
  const lesson = findLesson(position?.id);

  // Paced for an audience while presenting; the previous speed comes back after.
  useEffect(() => {
    const previous = store.getState().playback.speed;
    setSpeed(presentationSpeed);
    return () => setSpeed(previous);
  }, [store, setSpeed]);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    if (
      event.key === 'Escape' &&
      !(event.target instanceof Element && event.target.closest('dialog, .monaco-editor'))
    ) {
      setPresenting(false);
      return;
    }
    const move = presentMove(event);
    if (!move || !position) return;
    event.preventDefault();
    goToStep(position.step + (move === 'next' ? 1 : -1));
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const stepPane: Pane = {
    id: 'step',
    label: 'step',
    size: showYaml ? 0.3 : 0.36,
    min: 0.2,
    content: (
      <div className="present-step">
        <LessonStepView large />
      </div>
    ),
  };
  const yamlPane: Pane = {
    id: 'editor',
    label: 'editor',
    size: 0.3,
    min: 0.15,
    content: (
      <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
        <YamlEditor />
      </Suspense>
    ),
  };
  const graphPane: Pane = {
    id: 'graph',
    label: 'graph',
    size: showYaml ? 0.4 : 0.64,
    min: 0.3,
    content: <ClusterGraph key={position ? `${position.id}:${position.step}` : 'none'} />,
  };

  return (
    <div className="app presentation" data-testid="presentation">
      <header className="present-bar">
        <span className="present-title">{lesson?.title ?? 'Kube Service Playground'}</span>
        {lesson && position ? (
          <span className="present-progress" aria-live="polite">
            Step {position.step + 1} / {lesson.steps.length}
          </span>
        ) : null}
        <span className="present-keys muted">→ next · ← back · Esc leave</span>
        <button
          type="button"
          aria-pressed={showYaml}
          data-testid="present-yaml"
          onClick={() => setShowYaml(!showYaml)}
        >
          {showYaml ? 'Hide YAML' : 'Show YAML'}
        </button>
        <button type="button" data-testid="present-exit" onClick={() => setPresenting(false)}>
          Leave presentation
        </button>
      </header>
      <main className="workspace">
        <SplitView
          key={showYaml ? 'with-yaml' : 'without-yaml'}
          panes={showYaml ? [stepPane, yamlPane, graphPane] : [stepPane, graphPane]}
        />
      </main>
    </div>
  );
}
