/**
 * The lessons, in the order the gallery shows them: one per topic of the seeds. To add a lesson,
 * write it in catalog/ (steps, YAML, checks) and add it here; `?lesson=<id>&step=<n>` follows.
 */
import { dnsNames } from './catalog/dnsNames';
import { headless } from './catalog/headless';
import { manualEndpoints } from './catalog/manualEndpoints';
import { podLifecycle } from './catalog/podLifecycle';
import { portLayers } from './catalog/portLayers';
import { proxyModes } from './catalog/proxyModes';
import { selectors } from './catalog/selectors';
import { serviceTypes } from './catalog/serviceTypes';
import { sessionAffinity } from './catalog/sessionAffinity';
import { trafficPolicy } from './catalog/trafficPolicy';
import type { Lesson } from './types';

export type {
  Lesson,
  LessonCheck,
  LessonFacts,
  LessonStep,
  LookupFact,
  LookupSpec,
  StepRequest,
} from './types';

export const lessons: readonly Lesson[] = [
  serviceTypes,
  portLayers,
  selectors,
  proxyModes,
  sessionAffinity,
  headless,
  trafficPolicy,
  podLifecycle,
  manualEndpoints,
  dnsNames,
];

export function findLesson(id: string | null | undefined): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}
