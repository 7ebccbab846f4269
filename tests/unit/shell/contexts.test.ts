import { describe, expect, it } from 'vitest';
import { podNames, run, scenario } from './fixture';

describe('the shell on nodes and in pods', () => {
  const sim = scenario('my-webapp');
  const [pod = ''] = podNames(sim, 'my-webapp-');
  const inPod = { type: 'pod', pod: `default/${pod}` } as const;
  const onNode = { type: 'node', node: 'node-1' } as const;

  it('ssh moves to a node and exit comes back', () => {
    expect(run(sim, 'ssh node-2').context).toEqual({ type: 'node', node: 'node-2' });
    expect(run(sim, 'ssh root@node-9').stderr).toBe(
      'ssh: Could not resolve hostname node-9: Name or service not known\n',
    );
    const exit = run(sim, 'exit', onNode);
    expect(exit.context).toEqual({ type: 'local' });
    expect(exit.stdout).toBe('logout\nConnection to node-1 closed.\n');
  });

  it("prints kube-proxy's rules on a node, filtered by table and through pipes", () => {
    const nat = run(sim, 'iptables-save -t nat', onNode).stdout;
    expect(nat.startsWith('*nat\n')).toBe(true);
    expect(nat.endsWith('COMMIT\n')).toBe(true);
    expect(nat).not.toContain('*filter');
    const grep = run(sim, 'iptables-save | grep -c KUBE-SVC-', onNode).stdout;
    expect(Number(grep)).toBeGreaterThan(3);
    expect(run(sim, 'ipvsadm -Ln', onNode).stdout).toMatch(/^IP Virtual Server version 1\.2\.1/);
    expect(run(sim, 'nft list ruleset', onNode).stdout).toMatch(/^table ip kube-proxy \{/);
    expect(run(sim, 'ipset list', onNode).exitCode).toBe(0);
  });

  it('says where a command belongs when run in the wrong place', () => {
    expect(run(sim, 'iptables-save').stderr).toBe(
      "bash: iptables-save: command not found\n(kube-proxy's rules live on the nodes: ssh node-1 first)\n",
    );
    expect(run(sim, 'kubectl get pods', inPod).stderr).toMatch(/^sh: kubectl: not found\n/);
  });

  it('resolves names from a pod through its search list, and dig asks one question', () => {
    expect(run(sim, 'cat /etc/resolv.conf', inPod).stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(run(sim, 'nslookup my-webapp-clusterip', inPod).stdout).toContain(
      'Name:\tmy-webapp-clusterip.default.svc.cluster.local\n',
    );
    const ip = run(sim, 'dig +short my-webapp-clusterip.default.svc.cluster.local', inPod).stdout;
    expect(ip).toMatch(/^10\.\d+\.\d+\.\d+\n$/);
    expect(run(sim, 'dig my-webapp-clusterip', inPod).stdout).toContain(
      'my-webapp-clusterip. is not a cluster name',
    );
  });

  it('curl from a pod prints the pod that answered and hands the request to the graph', () => {
    const ran = run(sim, 'curl http://my-webapp-clusterip', inPod);
    expect(ran.exitCode).toBe(0);
    expect(ran.stdout).toMatch(
      /^Hostname: my-webapp-[a-z0-9]+-[a-z0-9]{5}\nIP: 127\.0\.0\.1\nIP: 10\.244\.\d+\.\d+\nRemoteAddr: /,
    );
    expect(ran.stdout).toContain('Host: my-webapp-clusterip\nUser-Agent: curl/7.81.0\n');
    expect(ran.traffic).toEqual({
      source: { type: 'pod', pod: `default/${pod}` },
      destination: { kind: 'dnsName', host: 'my-webapp-clusterip', port: 80 },
    });
    expect(run(sim, 'curl http://nope', inPod).stderr).toBe(
      'curl: (6) Could not resolve host: nope\n',
    );
  });

  it("curl from your machine reaches a NodePort, and prints curl's errors where it cannot", () => {
    const nodeIP = '192.168.1.11';
    const ran = run(sim, `curl -s http://${nodeIP}:30080/`);
    expect(ran.stdout).toMatch(/^Hostname: my-webapp-/);
    expect(ran.traffic?.destination).toEqual({ kind: 'nodePort', host: nodeIP, port: 30080 });
    expect(run(sim, 'curl http://my-webapp-clusterip').stderr).toMatch(
      /^curl: \(6\) Could not resolve host: my-webapp-clusterip\n/,
    );
    expect(run(sim, `curl http://${nodeIP}:31999`).stderr).toMatch(
      new RegExp(
        `^curl: \\(7\\) Failed to connect to ${nodeIP.replace(/\./g, '\\.')} port 31999 after 1 ms: Connection refused\\n`,
      ),
    );
    expect(run(sim, 'curl -m 5 http://10.96.0.1:443').stderr).toMatch(
      /^curl: \(28\) Connection timed out after 5001 milliseconds\n/,
    );
  });

  it('a shell in a pod that is gone ends', () => {
    const ran = run(sim, 'hostname', { type: 'pod', pod: 'default/gone' });
    expect(ran.context).toEqual({ type: 'local' });
    expect(ran.stderr).toBe('command terminated with exit code 137\n');
  });
});
