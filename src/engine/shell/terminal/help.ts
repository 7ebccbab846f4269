/** The terminal's `help`: what each context offers. */
import type { ShellContext } from './types';

const everywhere = [
  'Everywhere:',
  '  help, clear, exit              exit leaves a node or a pod',
  '  Tab completes commands, resource types and names; Up/Down walk the history.',
  '  Pipe output through grep, head, tail, wc -l or sort.',
];

const kubectl = [
  'kubectl (on your machine or a node):',
  '  kubectl get pods,svc [-o wide|yaml|json] [-l app=web] [-n NS | -A]',
  '  kubectl describe service NAME',
  '  kubectl scale deployment NAME --replicas=N      edits the YAML',
  '  kubectl delete pod NAME | service NAME | ...     edits the YAML',
  '  kubectl label pod NAME key=value [key-] [--overwrite]',
  '  kubectl apply -f - <<EOF ... EOF               (or paste YAML, then Ctrl-D)',
  '  kubectl exec -it POD -- sh                       opens a shell in the pod',
];

const texts: Record<ShellContext['type'], string[]> = {
  local: [
    'Your machine: a client outside the cluster (203.0.113.10).',
    ...kubectl,
    '  ssh NODE                                          log in to a node',
    '  curl http://NODE_IP:NODE_PORT                     a request from outside (animated)',
  ],
  node: [
    'A node: what kube-proxy programmed here.',
    '  iptables-save [-t nat], ip6tables-save, ipvsadm -Ln, ipset list, nft list ruleset, hostname',
    ...kubectl,
  ],
  pod: [
    'A pod (busybox-like shell):',
    '  curl http://NAME:PORT                 a request from this pod (animated in the graph)',
    "  nslookup NAME                         through the pod's search list",
    '  dig NAME [TYPE] [+short]              one question to CoreDNS (dig does not search)',
    '  cat /etc/resolv.conf, hostname',
    'Every pod answers HTTP as the traefik/whoami image does: its name, its IP, and the address it sees.',
  ],
};

export function renderHelp(context: ShellContext): string {
  return `${[...texts[context.type], '', ...everywhere].join('\n')}\n`;
}
