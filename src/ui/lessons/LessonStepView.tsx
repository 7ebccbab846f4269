/**
 * One step of the lesson being followed: its text, the request it offers to send, its checks,
 * and the moves (back, next, leave). Shown beside the graph, and in large type when presenting.
 */
import { findLesson } from '../../lessons';
import { runChecks } from '../../lessons/steps';
import { selectExitLesson, selectGoToStep, selectLesson } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { LessonChecks } from './LessonChecks';
import { RichText } from './RichText';
import { useLessonFacts } from './useLessonFacts';
import { useStepRequest } from './useStepRequest';
import './lessons.css';

export function LessonStepView({ large = false }: { large?: boolean }) {
  const position = useAppStore(selectLesson);
  const goToStep = useAppStore(selectGoToStep);
  const exit = useAppStore(selectExitLesson);
  const lesson = findLesson(position?.id);
  const step = position ? lesson?.steps[position.step] : undefined;
  const facts = useLessonFacts(step);
  const request = useStepRequest(step?.request);
  if (!lesson || !position || !step) return null;
  const results = facts ? runChecks(step, facts) : undefined;
  const done = results?.every((r) => r.pass) ?? false;
  const last = position.step === lesson.steps.length - 1;

  return (
    <section
      className={large ? 'lesson-step large' : 'lesson-step'}
      aria-label={`Lesson: ${lesson.title}`}
      data-testid="lesson-step"
      data-lesson={lesson.id}
      data-step={position.step + 1}
      data-done={done}
    >
      <header className="lesson-header">
        <span className="lesson-title">{lesson.title}</span>
        <span className="lesson-progress" data-testid="lesson-progress">
          Step {position.step + 1} of {lesson.steps.length}
        </span>
      </header>
      <h2 className="step-title">{step.title}</h2>
      <p className="step-text">
        <RichText text={step.text} />
      </p>
      {step.request && request ? (
        <p className="step-request">
          <button
            type="button"
            data-testid="lesson-send"
            disabled={request.problem !== undefined}
            title={request.problem}
            onClick={request.send}
          >
            {step.request.label}
          </button>
          {request.problem ? <span className="muted"> {request.problem}</span> : null}
        </p>
      ) : null}
      <LessonChecks results={results} />
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button
          type="button"
          data-testid="lesson-back"
          disabled={position.step === 0}
          onClick={() => goToStep(position.step - 1)}
        >
          ← Back
        </button>
        {last ? (
          <button type="button" data-testid="lesson-finish" onClick={exit}>
            Finish
          </button>
        ) : (
          <button
            type="button"
            className={done ? 'primary' : undefined}
            data-testid="lesson-next"
            onClick={() => goToStep(position.step + 1)}
          >
            Next →
          </button>
        )}
        {large ? null : (
          <button type="button" className="lesson-exit" data-testid="lesson-exit" onClick={exit}>
            Leave lesson
          </button>
        )}
      </nav>
    </section>
  );
}
