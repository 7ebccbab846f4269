/** The prompt of each context, as the real shells show it: bash on your machine and on a node (as root), busybox sh in a pod. */
import type { ShellContext } from '../../worker/queries/shell';

export function promptOf(context: ShellContext): string {
  switch (context.type) {
    case 'local':
      return 'user@laptop:~$ ';
    case 'node':
      return `root@${context.node}:~# `;
    case 'pod':
      return '/ # ';
  }
}

export function contextId(context: ShellContext): string {
  return context.type === 'local'
    ? 'local'
    : context.type === 'node'
      ? `node:${context.node}`
      : `pod:${context.pod}`;
}

export function contextFromId(id: string): ShellContext {
  if (id.startsWith('node:')) return { type: 'node', node: id.slice(5) };
  if (id.startsWith('pod:')) return { type: 'pod', pod: id.slice(4) };
  return { type: 'local' };
}
