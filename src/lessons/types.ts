/**
 * Lessons: guided walks through the seeds' topics. A lesson is a series of steps; each step has a
 * short text, a cluster state (YAML, or the learner's text as the previous step left it), and
 * checks. A check is a pure function of what the page already knows: the simulation summary, the
 * latest batch of requests, and the answers to the step's DNS lookups. The page gathers those
 * facts (through the store and the engine worker); the checks never call the engine.
 */
import type { SimulationSummary } from '../worker/protocol';
import type { RequestBatch } from '../worker/queries/requests';
import type { RequestTarget } from './requestTarget';

/** The answer to one DNS lookup a step asks for, as the resolver in the pod returns it. */
export interface LookupFact {
  /** NOERROR, NXDOMAIN...; what the resolver returned in the end. */
  outcome: string;
  addresses: string[];
}

export interface LessonFacts {
  summary: SimulationSummary;
  /** The latest batch of requests sent (from the request bar or the step's button), or null. */
  batch: RequestBatch | null;
  /** Answers to the step's lookups, by the lookup's id (absent until answered). */
  lookups: Readonly<Record<string, LookupFact>>;
}

export interface CheckResult {
  pass: boolean;
  /** What the check saw, in a few words ("2 of 3 pods are endpoints"). */
  detail: string;
}

export interface LessonCheck {
  id: string;
  /** The goal, as the learner reads it ("make web-service reach all three pods"). */
  label: string;
  /** Shown while the check fails. */
  hint: string;
  run(facts: LessonFacts): CheckResult;
}

/** A DNS lookup the page runs for a step, from a pod (through its search list) or straight to CoreDNS. */
export interface LookupSpec {
  id: string;
  name: string;
  /** `namespace/name` of the pod the lookup runs in. */
  from?: string;
}

/** A batch of requests the step offers to send with one button. */
export interface StepRequest extends RequestTarget {
  count: 1 | 10 | 100;
  /** The button's words ("Send 100 requests to my-webapp"). */
  label: string;
}

export interface LessonStep {
  title: string;
  /** A few sentences; `code` in backquotes. */
  text: string;
  /**
   * The cluster state the step starts from: a YAML text, or a shipped scenario's name. Absent:
   * the learner's text as the previous step left it.
   */
  yaml?: string;
  scenario?: string;
  checks: LessonCheck[];
  request?: StepRequest;
  lookups?: LookupSpec[];
}

export interface Lesson {
  /** kebab-case; `?lesson=<id>&step=<n>` */
  id: string;
  title: string;
  /** What the lesson shows, for its card in the gallery. */
  notice: string;
  /** The seed text and section it comes from. */
  seed: string;
  steps: LessonStep[];
}
