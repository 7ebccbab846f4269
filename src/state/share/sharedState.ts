/**
 * The state a link, a file or a saved document carries: the whole document and what the person
 * was looking at. The kube-proxy mode is not a field: it lives in the YAML (a
 * KubeProxyConfiguration document), like every other setting.
 */
import type { Selection } from '../viewSlice';

export interface SharedState {
  /** The YAML document. */
  text: string;
  /** The shipped scenario the text was made from, or null. */
  scenario: string | null;
  /** Seed of the engine's random choices. */
  seed: number;
  /** Read the text as a snapshot of a real cluster (the engine's `--admitted`). */
  admitted: boolean;
  /** The selected object (a Service, pod, node or Deployment), or null. */
  selection: Selection | null;
  /** The panel tab shown beside the graph. */
  panel: string;
}

/** The format version this build writes; `restore` migrates older ones up to it. */
export const currentVersion = 1;

export const defaultSeed = 1;
export const defaultPanel = 'services';

/**
 * The largest document accepted from outside (a link, a file, a paste, a message): 10 MB, the
 * largest paste the playground is built to stay responsive with.
 */
export const maxDocumentChars = 10 * 1024 * 1024;

/** The longest fragment a link may carry (`#v1:...`); past it, the page offers a download. */
export const maxFragmentChars = 32 * 1024;

export const selectionKinds: readonly Selection['kind'][] = [
  'service',
  'pod',
  'node',
  'deployment',
];
