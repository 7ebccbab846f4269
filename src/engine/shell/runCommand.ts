/**
 * The driver of the `kube-playground` commands, without the file system: finds the command,
 * parses its flags, asks the host for the files, simulates the cluster, and hands everything to
 * the command. Exit codes: 0 done, 1 an error kubectl would report, 2 a usage error (unknown
 * command or flag, missing argument). src/cli/run.ts gives it Node's I/O.
 */
import { simulate } from '../index';
import type { Diagnostic, SimulateOptions } from '../model';
import { commonFlags, parseArgs } from './args';
import type { Command, CommonOptions } from './command';
import { commands } from './commands';
import { fileAt, joinInputFiles, type ReadFile } from './inputFiles';
import { commandUsage, usage } from './usage';

export type ReadFilesResult =
  { type: 'ok'; files: ReadFile[] } | { type: 'error'; message: string };

/** What the driver needs from its host: output, and the files the arguments name. */
export interface CommandHost {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when a positional argument names an input rather than an operand such as a Service name. */
  looksLikeFile(arg: string): boolean;
  /** Reads the named files in order (`-` is standard input). */
  readFiles(names: readonly string[]): ReadFilesResult;
}

export function asString(value: string | boolean | string[] | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[value.length - 1];
  return undefined;
}

function asList(value: string | boolean | string[] | undefined): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** Splits the positionals into the command's operands and the input files. */
function splitOperands(
  command: Command,
  positionals: string[],
  looksLikeFile: (arg: string) => boolean,
): { operands: string[]; files: string[] } {
  const operands = positionals.slice(0, command.operands.min);
  let i = operands.length;
  while (i < positionals.length && operands.length < command.operands.max) {
    const arg = positionals[i] ?? '';
    if (looksLikeFile(arg)) break;
    operands.push(arg);
    i += 1;
  }
  return { operands, files: positionals.slice(i) };
}

/** kubectl counts a YAML error's line from the document's start (after its `---` line). */
function documentLine(text: string, line: number): number {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    if (/^---(\s|$)/.test(lines[i] ?? '') && i + 1 < line) return line - (i + 1);
  }
  return line;
}

export function runCommand(argv: readonly string[], host: CommandHost): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '') {
    host.stderr(usage(commands));
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    host.stdout(usage(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    host.stderr(`error: unknown command "${name}" for "kube-playground"\n${usage(commands)}`);
    return 2;
  }
  const ownFlags = command.flags ?? [];
  const parsed = parseArgs(rest, [...commonFlags, ...ownFlags]);
  if (parsed.type === 'error') {
    host.stderr(`error: ${parsed.message}\n${commandUsage(command)}`);
    return 2;
  }
  const { flags, positionals } = parsed.args;
  if (flags.help === true) {
    host.stdout(commandUsage(command));
    return 0;
  }
  const output = asString(flags.output);
  if (output !== undefined && !command.outputs?.includes(output)) {
    const allowed = command.outputs?.join(',') ?? '';
    host.stderr(
      allowed === ''
        ? `error: unknown flag: --output\n${commandUsage(command)}`
        : `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed}\n`,
    );
    return allowed === '' ? 2 : 1;
  }

  const { operands, files: positionalFiles } = splitOperands(
    command,
    positionals,
    host.looksLikeFile,
  );
  if (operands.length < command.operands.min) {
    host.stderr(`error: missing arguments\n${commandUsage(command)}`);
    return 2;
  }
  const fileNames = [...asList(flags.filename), ...positionalFiles];
  if (fileNames.length === 0) {
    host.stderr(`error: no input: give FILE... (- for standard input)\n${commandUsage(command)}`);
    return 2;
  }
  const readResult = host.readFiles(fileNames);
  if (readResult.type === 'error') {
    host.stderr(`${readResult.message}\n`);
    return 1;
  }
  const read = joinInputFiles(readResult.files);

  const namespace = asString(flags.namespace);
  const options: CommonOptions = {
    ...(asString(flags.node) === undefined ? {} : { node: asString(flags.node) ?? '' }),
    namespace: namespace ?? 'default',
    namespaceGiven: namespace !== undefined,
    allNamespaces: flags['all-namespaces'] === true,
    admitted: flags.admitted === true,
    nfacct: flags['no-nfacct'] !== true,
    randomFully: flags['no-random-fully'] !== true,
    ...(output === undefined ? {} : { output }),
  };
  const simulateOptions: SimulateOptions = {
    admitted: options.admitted,
    nfacct: options.nfacct,
    randomFully: options.randomFully,
    ...(read.files.length === 1 && read.files[0] ? { file: read.files[0].name } : {}),
  };
  const simulation = simulate(read.input, simulateOptions);
  const locate = (line: number) => fileAt(read.files, line);

  const syntaxErrors = simulation.diagnostics.filter((d) => d.source === 'yaml');
  if (syntaxErrors.length > 0) {
    for (const d of syntaxErrors) host.stderr(`${syntaxErrorText(d, locate)}\n`);
    return 1;
  }

  const node = options.node
    ? simulation.cluster.nodes.find((n) => n.metadata.name === options.node)
    : simulation.cluster.nodes[0];
  if (command.usesNode && options.node && !node) {
    host.stderr(`Error from server (NotFound): nodes "${options.node}" not found\n`);
    return 1;
  }

  const ownValues: Record<string, string | boolean | string[]> = {};
  for (const flag of ownFlags) {
    const value = flags[flag.name];
    if (value !== undefined) ownValues[flag.name] = value;
  }
  return command.run({
    operands,
    options,
    flags: ownValues,
    files: read.files,
    input: read.input,
    simulation,
    node,
    fileAt: locate,
    stdout: host.stdout,
    stderr: host.stderr,
  });
}

/** `error: error parsing x.yaml: error converting YAML to JSON: yaml: line N: ...`, as kubectl prints it. */
export function syntaxErrorText(
  d: Diagnostic,
  locate: (line: number) => ReturnType<typeof fileAt>,
): string {
  const at = locate(d.line);
  if (!at) return `error: ${d.message}`;
  const line = documentLine(at.file.text, at.line);
  const message = d.message.replace(/yaml: line \d+:/, `yaml: line ${line}:`);
  return `error: error parsing ${at.file.name}: ${message}`;
}
