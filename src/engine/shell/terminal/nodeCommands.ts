/**
 * The commands of a node (after `ssh node-1`): what kube-proxy programmed there, printed by the
 * CLI's own command modules: `iptables-save [-t TABLE]`, `ip6tables-save`, `ipvsadm -Ln`,
 * `ipset list`, `nft list ruleset`, and `hostname`.
 */
import type { Simulation } from '../../model';
import type { Command } from '../command';
import { ip6tablesSave } from '../commands/ip6tablesSave';
import { ipset } from '../commands/ipset';
import { iptablesSave } from '../commands/iptablesSave';
import { ipvsadm } from '../commands/ipvsadm';
import { nft } from '../commands/nft';
import { runCliCommand, type CliArgs } from './cliCommand';
import { createOutput, type Output } from './output';

export const nodeCommandNames = [
  'iptables-save',
  'ip6tables-save',
  'ipvsadm',
  'ipset',
  'nft',
  'hostname',
] as const;

/** The `*table ... COMMIT` block of one table. */
function tableBlock(text: string, table: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`*${table}`);
  if (start === -1) return '';
  const end = lines.indexOf('COMMIT', start);
  return `${lines.slice(start, end + 1).join('\n')}\n`;
}

function saveCommand(
  command: Command,
  tool: string,
  args: readonly string[],
  run: (c: Command, a: CliArgs, o: Output) => number,
  out: Output,
): number {
  let table: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-t' || arg === '--table') table = args[++i];
    else if (arg.startsWith('--table=')) table = arg.slice(8);
    else if (arg === '-c' || arg === '--counters') continue;
    else {
      out.stderr(`${tool}: unrecognized option '${arg}'\n`);
      return 1;
    }
  }
  if (table === undefined) return run(command, {}, out);
  const captured = createOutput();
  const code = run(command, {}, captured);
  for (const chunk of captured.chunks) {
    if (chunk.stream === 'stderr') out.stderr(chunk.text);
    else out.stdout(tableBlock(chunk.text, table));
  }
  return code;
}

export function runNodeCommand(
  simulation: Simulation,
  node: string,
  words: readonly string[],
  out: Output,
): number | undefined {
  const [name, ...args] = words;
  const run = (command: Command, extra: CliArgs, o: Output) =>
    runCliCommand(command, simulation, { ...extra, node }, o);
  switch (name) {
    case 'hostname':
      out.stdout(`${node}\n`);
      return 0;
    case 'iptables-save':
      return saveCommand(iptablesSave, name, args, run, out);
    case 'ip6tables-save':
      return saveCommand(ip6tablesSave, name, args, run, out);
    case 'ipvsadm': {
      const list = args.every((a) => /^-[Lln]+$/.test(a) || a === '--list' || a === '--numeric');
      if (!list) {
        out.stderr('ipvsadm: only listing is modelled here: ipvsadm -Ln\n');
        return 2;
      }
      return run(ipvsadm, {}, out);
    }
    case 'ipset':
      if (args[0] !== 'list' && args[0] !== '-L') {
        out.stderr('ipset v7.17: only listing is modelled here: ipset list\n');
        return 1;
      }
      return run(ipset, {}, out);
    case 'nft':
      if (
        args.join(' ') !== 'list ruleset' &&
        !/^list table (ip6? )?kube-proxy$/.test(args.join(' '))
      ) {
        out.stderr('Error: only listing is modelled here: nft list ruleset\n');
        return 1;
      }
      return run(nft, { flags: { format: 'list' } }, out);
    default:
      return undefined;
  }
}
