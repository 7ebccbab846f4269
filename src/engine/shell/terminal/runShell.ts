/**
 * The terminal panel's shell: runs one command line in its context (your machine, a node, a pod)
 * against the latest simulation. Read-only commands print what the real tools print; commands
 * that change the cluster answer with an edit of the YAML text for the page to apply; `curl`
 * also answers with the request for the graph to animate.
 */
import type { Simulation } from '../../model';
import { runCurl } from './curl';
import { renderHelp } from './help';
import { runKubectl, type KubectlRun } from './kubectl';
import { runNodeCommand } from './nodeCommands';
import { createOutput, stdoutText, type Output } from './output';
import { runFilters } from './pipes';
import { runPodCommand } from './podCommands';
import type { ShellContext, ShellOutcome, ShellRequest, ShellResult } from './types';
import { parseCommandLine } from './words';

/** The address of "your machine": the request bar's first external client (RFC 5737). */
export const defaultExternalClient = '203.0.113.10';

interface Step extends KubectlRun {
  clear?: boolean;
  traffic?: ShellResult['traffic'];
}

const shellName = (context: ShellContext) => (context.type === 'pod' ? 'sh' : 'bash');

function notFound(context: ShellContext, name: string, out: Output): Step {
  out.stderr(
    context.type === 'pod' ? `sh: ${name}: not found\n` : `bash: ${name}: command not found\n`,
  );
  const nodeTools = ['iptables-save', 'ip6tables-save', 'ipvsadm', 'ipset', 'nft'];
  if (context.type !== 'node' && nodeTools.includes(name)) {
    out.stderr("(kube-proxy's rules live on the nodes: ssh node-1 first)\n");
  } else if (context.type !== 'pod' && ['nslookup', 'dig'].includes(name)) {
    out.stderr('(cluster names resolve inside the cluster: kubectl exec -it POD -- sh first)\n');
  } else if (context.type === 'pod' && name === 'kubectl') {
    out.stderr('(the pod has no kubectl: exit first)\n');
  }
  return { exitCode: 127 };
}

function runWords(
  simulation: Simulation,
  request: ShellRequest,
  context: ShellContext,
  words: readonly string[],
  stdin: string | undefined,
  out: Output,
): Step {
  const [name = '', ...args] = words;
  const { cluster } = simulation;
  switch (name) {
    case 'help':
      out.stdout(renderHelp(context));
      return { exitCode: 0 };
    case 'clear':
      return { exitCode: 0, clear: true };
    case 'exit':
    case 'logout':
      if (context.type === 'node') out.stdout(`logout\nConnection to ${context.node} closed.\n`);
      return { exitCode: 0, context: { type: 'local' } };
  }
  if (name === 'kubectl' && context.type !== 'pod') {
    const run = runKubectl({ words: args, simulation, stdin, out });
    if (!run.execute) return run;
    const pod: ShellContext = { type: 'pod', pod: run.execute.pod };
    return runWords(simulation, request, pod, run.execute.words, stdin, out);
  }
  if (context.type === 'local' && name === 'ssh') {
    const target = args.find((a) => !a.startsWith('-'))?.replace(/^[^@]*@/, '');
    if (target === undefined) {
      out.stderr('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command]\n');
      return { exitCode: 255 };
    }
    if (!cluster.nodes.some((n) => n.metadata.name === target)) {
      out.stderr(`ssh: Could not resolve hostname ${target}: Name or service not known\n`);
      return { exitCode: 255 };
    }
    return { exitCode: 0, context: { type: 'node', node: target } };
  }
  if (context.type === 'node') {
    const code = runNodeCommand(simulation, context.node, words, out);
    if (code !== undefined) return { exitCode: code };
  }
  if (context.type === 'pod') {
    const pod = cluster.pods.find(
      (p) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}` === context.pod,
    );
    if (!pod) return { exitCode: 137 };
    if (name === 'curl') {
      return runCurl({
        cluster,
        args,
        source: { type: 'pod', pod: context.pod },
        seed: request.seed,
        out,
      });
    }
    if (['sh', 'bash', 'ash', '/bin/sh', '/bin/bash'].includes(name)) return { exitCode: 0 };
    const code = runPodCommand(simulation, pod, words, out);
    if (code !== undefined) return { exitCode: code };
  }
  if (context.type === 'local' && name === 'curl') {
    const ip = request.externalClient ?? defaultExternalClient;
    return runCurl({ cluster, args, source: { type: 'external', ip }, seed: request.seed, out });
  }
  if (context.type === 'node' && name === 'curl') {
    out.stderr(
      'curl from a node is not modelled: run it from a pod (kubectl exec -it POD -- sh) or from your machine\n',
    );
    return { exitCode: 2 };
  }
  return notFound(context, name, out);
}

/** The context the command runs in, if it still exists (a deleted pod ends its shell). */
function liveContext(simulation: Simulation, context: ShellContext, out: Output): ShellContext {
  const { cluster } = simulation;
  if (
    context.type === 'pod' &&
    !cluster.pods.some(
      (p) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}` === context.pod,
    )
  ) {
    out.stderr('command terminated with exit code 137\n');
    return { type: 'local' };
  }
  if (context.type === 'node' && !cluster.nodes.some((n) => n.metadata.name === context.node)) {
    out.stderr(`Connection to ${context.node} closed by remote host.\n`);
    return { type: 'local' };
  }
  return context;
}

export function runShell(simulation: Simulation, request: ShellRequest): ShellOutcome {
  const parsed = parseCommandLine(request.input);
  if (parsed.type === 'incomplete') return { type: 'incomplete' };
  const out = createOutput();
  const context = liveContext(simulation, request.context, out);
  const done = (step: Step, output = out): ShellResult => ({
    type: 'done',
    output: output.chunks,
    exitCode: step.exitCode,
    context: step.context ?? context,
    ...(step.clear ? { clear: true } : {}),
    ...(step.edit ? { edit: step.edit } : {}),
    ...(step.traffic ? { traffic: step.traffic } : {}),
  });
  if (context !== request.context) return done({ exitCode: 137 });
  if (parsed.type === 'error') {
    out.stderr(`${shellName(context)}: ${parsed.message}\n`);
    return done({ exitCode: 2 });
  }
  const [first, ...stages] = parsed.pipeline;
  if (!first) return done({ exitCode: 0 });
  const stdin = parsed.heredoc ?? request.stdin;
  const inner = stages.length > 0 ? createOutput() : out;
  const step = runWords(simulation, request, context, first, stdin, inner);
  if (step.needsStdin) return { type: 'stdin' };
  if (stages.length === 0) return done(step);
  for (const chunk of inner.chunks) if (chunk.stream === 'stderr') out.stderr(chunk.text);
  const filtered = runFilters(stages, stdoutText(inner.chunks));
  if (filtered.type === 'error') {
    out.stderr(`${filtered.message}\n`);
    return done({ ...step, exitCode: 1 });
  }
  out.stdout(filtered.text);
  return done(step);
}
