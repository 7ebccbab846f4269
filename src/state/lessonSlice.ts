/**
 * The classroom slice: the lesson being followed (its id and step), presentation mode, and the
 * gallery. Opening a step loads the cluster state it starts from (a step without one continues
 * from the learner's text), and clears the requests sent for the previous step, so that a step's
 * checks read only what was done in it.
 */
import type { StateCreator } from 'zustand';
import { findLesson } from '../lessons';
import { clampStep, stepDocument, stepStartText } from '../lessons/steps';
import type { AppState } from './store';

export interface LessonPosition {
  id: string;
  /** Index of the step, from 0 (links and the page count from 1). */
  step: number;
}

export interface LessonSlice {
  lesson: LessonPosition | null;
  presenting: boolean;
  galleryOpen: boolean;
  /**
   * Opens a lesson at a step. `keepText`: the text on screen is the learner's work on that step
   * (a reload), kept instead of the step's starting text.
   */
  startLesson(id: string, step?: number, keepText?: boolean): void;
  /** Moves to a step of the current lesson (clamped). */
  goToStep(step: number): void;
  exitLesson(): void;
  setPresenting(presenting: boolean): void;
  setGalleryOpen(open: boolean): void;
}

const freshTraffic = { batch: null, selectedRequest: 0 } as const;

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  lesson: null,
  presenting: false,
  galleryOpen: false,
  startLesson: (id, step = 0, keepText = false) => {
    const lesson = findLesson(id);
    if (!lesson) return;
    const index = clampStep(lesson, step);
    const position = { id: lesson.id, step: index };
    if (keepText) {
      set({ lesson: position, galleryOpen: false });
      return;
    }
    set({
      lesson: position,
      galleryOpen: false,
      text: stepStartText(lesson, index),
      scenario: null,
      admitted: false,
      selection: null,
      selectedService: null,
      ...freshTraffic,
    });
  },
  goToStep: (step) => {
    const current = get().lesson;
    const lesson = findLesson(current?.id);
    if (!current || !lesson) return;
    const index = clampStep(lesson, step);
    if (index === current.step) return;
    const start = lesson.steps[index];
    const text = start ? stepDocument(start) : undefined;
    set({
      lesson: { id: lesson.id, step: index },
      ...freshTraffic,
      ...(text === undefined
        ? {}
        : { text, scenario: null, admitted: false, selection: null, selectedService: null }),
    });
  },
  exitLesson: () => set({ lesson: null, presenting: false }),
  setPresenting: (presenting) => set({ presenting }),
  setGalleryOpen: (galleryOpen) => set({ galleryOpen }),
});
