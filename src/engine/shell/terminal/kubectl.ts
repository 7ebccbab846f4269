/**
 * `kubectl` in the terminal: get and describe print what the CLI prints (the same command
 * modules), exec moves into a pod, and the mutating commands (kubectlEdits.ts) answer with an
 * edit of the YAML text. Flags are parsed pflag-style, with kubectl's errors
 * (k8s.io/kubectl/pkg/cmd).
 */
import type { Simulation } from '../../model';
import { parseArgs, type ParseResult } from '../args';
import type { FlagSpec } from '../command';
import { describe } from '../commands/describe';
import { get } from '../commands/get';
import { runCliCommand } from './cliCommand';
import { applyFromStdin, deleteObjects, labelObject, scaleObject } from './kubectlEdits';
import { parseLabelSelector } from '../../kubectl/labelSelector';
import { selectByLabels } from './objects';
import type { Output } from './output';
import type { ShellContext, ShellEdit } from './types';

export interface KubectlRun {
  exitCode: number;
  context?: ShellContext;
  edit?: ShellEdit;
  /** `kubectl exec POD -- COMMAND`: the command to run in the pod. */
  execute?: { pod: string; words: string[] };
  /** `kubectl apply -f -` without a here-doc: the command waits for standard input. */
  needsStdin?: boolean;
}

export interface KubectlInput {
  words: readonly string[];
  simulation: Simulation;
  stdin: string | undefined;
  out: Output;
}

const flag = (name: string, short?: string, takesValue = true): FlagSpec => ({
  name,
  ...(short ? { short } : {}),
  takesValue,
  description: '',
});
const namespaceFlag = flag('namespace', 'n');
const helpFlag = flag('help', 'h', false);

export const kubectlFlags: Readonly<Record<string, readonly FlagSpec[]>> = {
  get: [
    namespaceFlag,
    flag('all-namespaces', 'A', false),
    flag('output', 'o'),
    flag('selector', 'l'),
    helpFlag,
  ],
  describe: [namespaceFlag, helpFlag],
  scale: [namespaceFlag, flag('replicas'), helpFlag],
  delete: [namespaceFlag, helpFlag],
  label: [namespaceFlag, flag('overwrite', undefined, false), helpFlag],
  apply: [namespaceFlag, { ...flag('filename', 'f'), repeatable: true }, helpFlag],
  exec: [
    namespaceFlag,
    flag('stdin', 'i', false),
    flag('tty', 't', false),
    flag('container', 'c'),
    helpFlag,
  ],
};

export const kubectlSubcommands = Object.keys(kubectlFlags);

const str = (v: string | boolean | string[] | undefined): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) ? v[v.length - 1] : undefined;

/** `-it` is `-i -t`: kubectl's flag library reads clustered switches. */
function expandSwitches(words: readonly string[]): string[] {
  return words.flatMap((w) => (/^-[it]{2}$/.test(w) ? ['-i', '-t'] : [w]));
}

function usageError(out: Output, sub: string, message: string): KubectlRun {
  out.stderr(`error: ${message}\nSee 'kubectl ${sub} --help' for usage.\n`);
  return { exitCode: 1 };
}

function help(out: Output): KubectlRun {
  out.stdout(
    [
      'kubectl controls the Kubernetes cluster manager (here: the cluster of the YAML).',
      '',
      'Commands modelled here:',
      '  get          Display one or many resources (-o wide|yaml|json, -l SELECTOR, -n, -A)',
      '  describe     Show details of a Service',
      '  apply        Apply a configuration from standard input (apply -f - <<EOF ... EOF)',
      '  scale        Set a new size for a deployment or replica set',
      '  delete       Delete resources by type and names',
      '  label        Update the labels on a resource',
      '  exec         Execute a command in a pod (exec -it POD -- sh)',
      '',
    ].join('\n'),
  );
  return { exitCode: 0 };
}

export function runKubectl({ words, simulation, stdin, out }: KubectlInput): KubectlRun {
  const [sub, ...rest] = words;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') return help(out);
  const specs = kubectlFlags[sub];
  if (!specs) {
    out.stderr(`error: unknown command "${sub}" for "kubectl"\nRun 'kubectl --help' for usage.\n`);
    return { exitCode: 1 };
  }
  const dash = rest.indexOf('--');
  const before = dash === -1 ? rest : rest.slice(0, dash);
  const parsed: ParseResult = parseArgs(expandSwitches(before), specs);
  if (parsed.type === 'error') return usageError(out, sub, parsed.message);
  const { flags, positionals } = parsed.args;
  if (flags.help === true) return help(out);
  const namespace = str(flags.namespace);
  const common = { simulation, out, namespace: namespace ?? 'default', positionals };
  switch (sub) {
    case 'get': {
      const selector = str(flags.selector);
      let target = simulation;
      if (selector !== undefined) {
        const matches = parseLabelSelector(selector);
        if (!matches) return usageError(out, sub, `unable to parse requirement: ${selector}`);
        target = { ...simulation, cluster: selectByLabels(simulation.cluster, matches) };
      }
      const output = str(flags.output);
      if (output !== undefined && !get.outputs?.includes(output)) {
        out.stderr(
          `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${get.outputs?.join(',') ?? ''}\n`,
        );
        return { exitCode: 1 };
      }
      const exitCode = runCliCommand(
        get,
        target,
        {
          operands: positionals,
          ...(namespace === undefined ? {} : { namespace }),
          allNamespaces: flags['all-namespaces'] === true,
          ...(output === undefined ? {} : { output }),
        },
        out,
      );
      return { exitCode };
    }
    case 'describe': {
      const operands = positionals.flatMap((p) => (p.includes('/') ? p.split('/', 2) : [p]));
      const [type = '', name] = operands;
      if (!['service', 'services', 'svc'].includes(type.toLowerCase())) {
        out.stderr(
          `error: describe is modelled for services only here (kubectl describe service NAME), not "${type}"\n`,
        );
        return { exitCode: 1 };
      }
      if (name === undefined) {
        out.stderr('error: give the Service to describe: kubectl describe service NAME\n');
        return { exitCode: 1 };
      }
      return {
        exitCode: runCliCommand(
          describe,
          simulation,
          {
            operands: [type, name],
            ...(namespace === undefined ? {} : { namespace }),
          },
          out,
        ),
      };
    }
    case 'scale':
      return scaleObject({ ...common, replicas: str(flags.replicas) });
    case 'delete':
      return deleteObjects(common);
    case 'label':
      return labelObject({ ...common, overwrite: flags.overwrite === true });
    case 'apply': {
      const files = Array.isArray(flags.filename) ? flags.filename : [];
      if (files.length === 0) return usageError(out, sub, 'must specify one of -f and -k');
      const file = files.find((f) => f !== '-');
      if (file !== undefined) {
        out.stderr(
          `error: the path "${file}" does not exist\n(the terminal has no files: paste the YAML with kubectl apply -f - <<EOF)\n`,
        );
        return { exitCode: 1 };
      }
      if (stdin === undefined) return { exitCode: 0, needsStdin: true };
      return applyFromStdin({ ...common, stdin });
    }
    default: {
      const [pod] = positionals;
      if (pod === undefined) {
        return usageError(
          out,
          sub,
          "expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command",
        );
      }
      const name = pod.startsWith('pod/') ? pod.slice(4) : pod;
      const ns = namespace ?? 'default';
      const found = simulation.cluster.pods.find(
        (p) => p.metadata?.name === name && (p.metadata?.namespace ?? 'default') === ns,
      );
      if (!found) {
        out.stderr(`Error from server (NotFound): pods "${name}" not found\n`);
        return { exitCode: 1 };
      }
      const command = dash === -1 ? positionals.slice(1) : rest.slice(dash + 1);
      if (command.length === 0) {
        return usageError(out, sub, 'you must specify at least one command for the container');
      }
      const key = `${ns}/${name}`;
      const interactive = flags.stdin === true && flags.tty === true;
      const shell =
        /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash)$/.test(command[0] ?? '') && command.length === 1;
      if (shell && interactive) return { exitCode: 0, context: { type: 'pod', pod: key } };
      return { exitCode: 0, execute: { pod: key, words: command } };
    }
  }
}
