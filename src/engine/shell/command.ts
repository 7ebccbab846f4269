/**
 * What a command of the `kube-playground` CLI is: its name, its usage line, the flags it takes
 * beyond the common ones, and a `run` that gets the parsed arguments and the simulated cluster.
 * Each command lives in its own file under `commands/` and is listed in `commands/index.ts`.
 * Commands are pure (output through the context's callbacks): the CLI (src/cli) runs them on the
 * files it reads, and the terminal panel's shell (`terminal/`) runs them on the latest simulation.
 */
import type { Node, Simulation } from '../model';

/** A flag a command takes beyond the common ones (see `commonFlags`). */
export interface FlagSpec {
  /** Long name without dashes, e.g. `from` for `--from`. */
  name: string;
  /** One-letter alias without the dash, e.g. `o` for `-o`. */
  short?: string;
  /** True when the flag takes a value (`--from IP`); false for a switch (`--admitted`). */
  takesValue: boolean;
  /** May be given several times; the values are collected in order. */
  repeatable?: boolean;
  description: string;
}

/** The options every command takes (DESIGN.md, "The command line"). */
export interface CommonOptions {
  /** `--node NAME`; undefined means the first node. */
  node?: string;
  /** `-n NAMESPACE`; `default` unless told otherwise. */
  namespace: string;
  /** True when `-n` was given explicitly. */
  namespaceGiven: boolean;
  /** `-A`, `--all-namespaces`. */
  allNamespaces: boolean;
  /** `--admitted`: the input is a snapshot of what the API server stores. */
  admitted: boolean;
  /** False with `--no-nfacct`. */
  nfacct: boolean;
  /** False with `--no-random-fully`. */
  randomFully: boolean;
  /** `-o FORMAT`. */
  output?: string;
}

/** One input file as `kubectl apply -f` names it, and where its lines are in the joined input. */
export interface InputFile {
  /** The name as given on the command line (`-` for standard input). */
  name: string;
  text: string;
  /** One-based line of the file's first line in the joined input. */
  startLine: number;
  /** Number of lines the file occupies in the joined input. */
  lineCount: number;
}

export interface CommandContext {
  /** The positional arguments before the files (e.g. `services web` for `get services web`). */
  operands: string[];
  options: CommonOptions;
  /** The command's own flags by long name; repeatable flags collect every value. */
  flags: Record<string, string | boolean | string[]>;
  files: InputFile[];
  /** The files joined as one multi-document input, as `simulate` read it. */
  input: string;
  simulation: Simulation;
  /** The `--node` node, or the first node; undefined when the cluster has no node. */
  node: Node | undefined;
  /** The input file that holds a line of the joined input, and the line within that file. */
  fileAt(line: number): { file: InputFile; line: number } | undefined;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  name: string;
  /** The usage line after `kube-playground`, e.g. `get RESOURCE [NAME] [-o wide|yaml|json] FILE...`. */
  usage: string;
  /** One sentence for the command list. */
  summary: string;
  /** How many positional arguments come before the files. */
  operands: { min: number; max: number };
  /** Values `-o` accepts; a command without it takes no `-o`. */
  outputs?: readonly string[];
  /** Flags beyond the common ones. */
  flags?: readonly FlagSpec[];
  /** True when `--node` must name an existing node (an unknown one is an error). */
  usesNode?: boolean;
  /** Returns the exit code. */
  run(context: CommandContext): number;
}
