/** The usage text, built from the command registry and the common flags. */
import { commonFlags } from './args';
import type { Command, FlagSpec } from './command';

function flagLine(flag: FlagSpec): string {
  const names = `${flag.short ? `-${flag.short}, ` : '    '}--${flag.name}${flag.takesValue ? ' VALUE' : ''}`;
  return `  ${names.padEnd(28)} ${flag.description}`;
}

export function usage(commands: readonly Command[]): string {
  const lines = ['Usage: kube-playground COMMAND [ARGS] [flags] FILE...', '', 'Commands:'];
  for (const command of commands) {
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  lines.push('', 'Flags every command takes:', ...commonFlags.map(flagLine));
  lines.push('', 'FILE... are applied in order, as kubectl apply -f does; - reads standard input.');
  return `${lines.join('\n')}\n`;
}

export function commandUsage(command: Command): string {
  const lines = [`Usage: kube-playground ${command.usage}`, '', command.summary];
  if (command.flags?.length) lines.push('', 'Flags:', ...command.flags.map(flagLine));
  lines.push('', 'Flags every command takes:', ...commonFlags.map(flagLine));
  return `${lines.join('\n')}\n`;
}
