/** Explanations for the person: why a pod is an endpoint or not, and the teacher's warnings. */
export { computeEndpointExplanation, computeLabelMismatches } from './endpoints';
export { computeTeacherWarnings, teacherSource } from './warnings';
export type * from './types';
