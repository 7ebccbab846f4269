/**
 * The terminal panel's shell: what it is asked (a command line typed in a context) and what it
 * answers (the output, a new context, and the effects the page carries out: an edit of the YAML
 * text, a request to animate). Pure data, sent through the worker.
 */
import type { RequestDestination, RequestSource } from '../../trace/requests';

/** Where the command runs: your machine (an external client with kubectl), a node over ssh, or a pod through `kubectl exec`. */
export type ShellContext =
  { type: 'local' } | { type: 'node'; node: string } | { type: 'pod'; pod: string };

export interface ShellRequest {
  /** The command line; a here-doc continues on the following lines. */
  input: string;
  context: ShellContext;
  /** What the command reads on standard input (the lines typed after it, up to Ctrl-D). */
  stdin?: string;
  /** The document's seed: a `curl` answers as the request the graph animates with it. */
  seed: number;
  /** The address of your machine (an external client); default 203.0.113.10. */
  externalClient?: string;
}

/** A reference to one object of the cluster. */
export interface ShellObjectRef {
  kind: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
}

/** One object of a `kubectl apply -f -`: the manifest pasted, and what kubectl calls it. */
export interface AppliedObject {
  ref: ShellObjectRef;
  /** `deployment.apps/web` */
  resourceName: string;
  /** `configured` when the cluster has the object already (the page says `unchanged` when the text has it as pasted). */
  outcome: 'created' | 'configured';
  /** The object as pasted (a JSON value). */
  manifest: Record<string, unknown>;
}

/**
 * An edit of the YAML text that a mutating command asks for. The page applies it to the text
 * (the text stays the one source of truth) and prints `stdout` when it could.
 */
export type ShellEdit =
  | { type: 'scale'; target: ShellObjectRef; replicas: number; message: string }
  | { type: 'delete'; targets: { ref: ShellObjectRef; message: string }[] }
  | { type: 'label'; target: ShellObjectRef; labels: Record<string, string>; message: string }
  | { type: 'apply'; objects: AppliedObject[] };

/** A request the page sends through the traffic slice, so that the graph animates it. */
export interface ShellTraffic {
  source: RequestSource;
  destination: RequestDestination;
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export type ShellOutcome =
  /** The line is not finished (an open here-doc or quote): the page asks for more with `> `. */
  | { type: 'incomplete' }
  /** The command reads standard input: the page collects lines up to Ctrl-D and runs it again with `stdin`. */
  | { type: 'stdin' }
  | ShellResult;

export interface ShellResult {
  type: 'done';
  output: OutputChunk[];
  exitCode: number;
  /** The context after the command (`ssh`, `kubectl exec -it`, `exit` change it). */
  context: ShellContext;
  /** `clear`: the page empties the screen. */
  clear?: boolean;
  edit?: ShellEdit;
  traffic?: ShellTraffic;
}
