/** Reading a lesson: a step's starting text, and its checks run against the facts. */
import { findScenario } from '../scenarios';
import type { CheckResult, Lesson, LessonFacts, LessonStep } from './types';

/** The text a step starts from, or undefined when it continues from the learner's text. */
export function stepDocument(step: LessonStep): string | undefined {
  if (step.yaml !== undefined) return step.yaml;
  if (step.scenario !== undefined) return findScenario(step.scenario)?.text;
  return undefined;
}

/**
 * The text a step starts from when the learner opens it directly (a link to step 3): the nearest
 * earlier step's text.
 */
export function stepStartText(lesson: Lesson, index: number): string {
  for (let i = Math.min(index, lesson.steps.length - 1); i >= 0; i -= 1) {
    const step = lesson.steps[i];
    const text = step ? stepDocument(step) : undefined;
    if (text !== undefined) return text;
  }
  return '';
}

export interface CheckOutcome extends CheckResult {
  id: string;
  label: string;
  hint: string;
}

/** Runs every check of a step; a check that throws fails (a lesson bug must not break the page). */
export function runChecks(step: LessonStep, facts: LessonFacts): CheckOutcome[] {
  return step.checks.map(({ id, label, hint, run }) => {
    try {
      return { id, label, hint, ...run(facts) };
    } catch (error) {
      return { id, label, hint, pass: false, detail: `This check failed to run: ${String(error)}` };
    }
  });
}

/** Clamps a step number from outside (a link) to the lesson's steps. */
export function clampStep(lesson: Lesson, step: number): number {
  if (!Number.isInteger(step)) return 0;
  return Math.max(0, Math.min(lesson.steps.length - 1, step));
}
