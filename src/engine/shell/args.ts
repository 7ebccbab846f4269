/**
 * Hand-written argument parsing, pflag-style as kubectl parses: `--flag value`, `--flag=value`,
 * `-n value`, `-nvalue`, `-n=value`, switches, flags anywhere among the positionals, `--` to end
 * flags, and `-` as a positional (standard input).
 */
import type { FlagSpec } from './command';

/** The flags every command takes (DESIGN.md, "The command line"). */
export const commonFlags: readonly FlagSpec[] = [
  {
    name: 'node',
    takesValue: true,
    description: 'the node whose view to show (default: the first node)',
  },
  {
    name: 'namespace',
    short: 'n',
    takesValue: true,
    description: 'the namespace (default: default)',
  },
  { name: 'all-namespaces', short: 'A', takesValue: false, description: 'every namespace' },
  {
    name: 'admitted',
    takesValue: false,
    description: 'read the input as a snapshot of what the API server stores',
  },
  { name: 'no-nfacct', takesValue: false, description: "the node's iptables lacks nfacct" },
  {
    name: 'no-random-fully',
    takesValue: false,
    description: "the node's iptables lacks --random-fully",
  },
  { name: 'output', short: 'o', takesValue: true, description: 'output format' },
  {
    name: 'filename',
    short: 'f',
    takesValue: true,
    repeatable: true,
    description: 'a file to apply (as FILE...)',
  },
  { name: 'help', short: 'h', takesValue: false, description: 'show usage' },
];

export interface ParsedArgs {
  positionals: string[];
  /** By long name; repeatable flags collect an array. */
  flags: Record<string, string | boolean | string[]>;
}

export type ParseResult = { type: 'ok'; args: ParsedArgs } | { type: 'error'; message: string };

/** Parses `argv` against the given flags; an unknown flag or a missing value is an error. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short ?? '', s]));
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};

  const set = (spec: FlagSpec, value: string | boolean) => {
    if (spec.repeatable && typeof value === 'string') {
      const list = flags[spec.name];
      flags[spec.name] = [...(Array.isArray(list) ? list : []), value];
    } else {
      flags[spec.name] = value;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    let name: string;
    let inline: string | undefined;
    if (long) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      name = arg.slice(1, 2);
      const rest = arg.slice(2);
      inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    }
    const spec = long ? byLong.get(name) : byShort.get(name);
    if (!spec) {
      return {
        type: 'error',
        message: long ? `unknown flag: --${name}` : `unknown shorthand flag: '${name}' in ${arg}`,
      };
    }
    if (!spec.takesValue) {
      if (inline !== undefined && long) {
        if (inline !== 'true' && inline !== 'false') {
          return { type: 'error', message: `invalid argument "${inline}" for "--${name}" flag` };
        }
        set(spec, inline === 'true');
      } else if (inline !== undefined) {
        // A cluster of switches such as `-Ah` is not something these commands need.
        return { type: 'error', message: `unknown shorthand flag: '${inline[0] ?? ''}' in ${arg}` };
      } else {
        set(spec, true);
      }
      continue;
    }
    if (inline !== undefined) {
      set(spec, inline);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined) {
      return {
        type: 'error',
        message: long
          ? `flag needs an argument: --${name}`
          : `flag needs an argument: '${name}' in -${name}`,
      };
    }
    set(spec, next);
    i += 1;
  }
  return { type: 'ok', args: { positionals, flags } };
}
