/**
 * Where each pod of a run comes from, kept in a byte array beside the list of pods (same
 * order): what the scheduler and the kubelets may do with it. A byte per pod rather than sets
 * of pods: a large cluster's run asked sets of 50,000 pods about every pod several times.
 */
export const Origin = {
  /** A pod of the input, as stored: bound and run on copies. */
  given: 0,
  /** A pod this run's controllers built: bound and run in place. */
  created: 1,
  /** A previous run's pod, taken again: scheduled and run as new, kept where it comes out the same. */
  reused: 2,
} as const;

export type Origins = Uint8Array;
