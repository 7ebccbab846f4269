/**
 * Lesson links: `?lesson=<id>&step=<n>` (n from 1) opens a lesson at a step, `?present=1` opens
 * presentation mode. The URL follows the learner's moves (so a reload or a copied address comes
 * back to the same step), and the position is kept in localStorage so that a reload keeps the
 * learner's edits on that step instead of loading its starting text again. Unknown lessons and
 * out-of-range steps are ignored or clamped, as a link from outside may say anything.
 */
import { findLesson, lessons } from '../lessons';
import { clampStep, stepDocument } from '../lessons/steps';
import { findScenario } from '../scenarios';
import type { LessonPosition } from './lessonSlice';
import { toSharedState } from './share/openShareLink';
import { saveDocument } from './share/savedDocuments';
import type { AppState, AppStore } from './store';

export const lessonStorageKey = 'kube-service-playground:lesson:v1';

export interface LessonLink {
  lesson: LessonPosition | null;
  present: boolean;
}

const truthy = new Set(['1', 'true', 'yes', 'on', '']);

/** Reads the lesson and presentation parameters of a page's query string. */
export function readLessonLink(search: string): LessonLink {
  const params = new URLSearchParams(search);
  const present = params.has('present') && truthy.has((params.get('present') ?? '').toLowerCase());
  const lesson = findLesson(params.get('lesson'));
  if (!lesson) return { lesson: null, present };
  const step = Number(params.get('step') ?? '1');
  return {
    lesson: { id: lesson.id, step: clampStep(lesson, Number.isFinite(step) ? step - 1 : 0) },
    present,
  };
}

function readSavedPosition(
  storage: Storage | undefined,
): (LessonPosition & { text: string }) | undefined {
  try {
    const raw = storage?.getItem(lessonStorageKey);
    if (!raw) return undefined;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, step, text } = value as Record<string, unknown>;
    if (typeof id !== 'string' || typeof step !== 'number' || typeof text !== 'string')
      return undefined;
    return { id, step, text };
  } catch {
    return undefined;
  }
}

/** The URL with the lesson and presentation parameters set (or removed) for a position. */
export function withLessonParams(
  href: string,
  lesson: LessonPosition | null,
  present: boolean,
): string {
  const url = new URL(href);
  if (lesson) {
    url.searchParams.set('lesson', lesson.id);
    url.searchParams.set('step', String(lesson.step + 1));
    url.searchParams.delete('scenario');
  } else {
    url.searchParams.delete('lesson');
    url.searchParams.delete('step');
  }
  if (present) url.searchParams.set('present', '1');
  else url.searchParams.delete('present');
  return url.href;
}

/**
 * Opens the lesson the page's URL names, then keeps the URL and the saved position in step with
 * the store. Returns the function that stops following it.
 */
export function startLessonLinks(store: AppStore, storage: Storage | undefined): () => void {
  const link = readLessonLink(window.location.search);
  if (link.lesson) {
    const saved = readSavedPosition(storage);
    const keep =
      saved?.id === link.lesson.id &&
      saved.step === link.lesson.step &&
      saved.text === store.getState().text;
    store.getState().startLesson(link.lesson.id, link.lesson.step, keep);
  }
  if (link.present) store.getState().setPresenting(true);

  const save = () => {
    const { lesson, text } = store.getState();
    try {
      if (lesson) storage?.setItem(lessonStorageKey, JSON.stringify({ ...lesson, text }));
      else storage?.removeItem(lessonStorageKey);
    } catch {
      // The position is a convenience: without storage a reload starts the step afresh.
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.lesson !== previous.lesson || state.presenting !== previous.presenting) {
      const href = withLessonParams(window.location.href, state.lesson, state.presenting);
      if (href !== window.location.href)
        window.history.replaceState(window.history.state, '', href);
      save();
    } else if (state.lesson && state.text !== previous.text) {
      clearTimeout(timer);
      timer = setTimeout(save, 200);
    }
  });
  window.addEventListener('pagehide', save);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('pagehide', save);
  };
}

/** Whether the text is one the playground ships (a scenario's or a lesson step's), unchanged. */
function isShippedText(state: AppState): boolean {
  if (state.text.trim() === '' || findScenario(state.scenario)?.text === state.text) return true;
  return lessons.some((lesson) => lesson.steps.some((step) => stepDocument(step) === state.text));
}

/**
 * Before a lesson replaces the document, the person's own work is kept in Saved documents (as
 * opening a link does). Returns the name it was saved under, or undefined.
 */
export function keepOwnWork(
  store: AppStore,
  storage: Storage | undefined,
  title: string,
  now: Date = new Date(),
): string | undefined {
  const state = store.getState();
  if (isShippedText(state)) return undefined;
  const name = `Before the lesson "${title}", ${now.toLocaleString()}`;
  return saveDocument(storage, name, toSharedState(state)) === undefined ? name : undefined;
}
