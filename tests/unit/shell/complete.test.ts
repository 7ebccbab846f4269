import { describe, expect, it } from 'vitest';
import { completeShell } from '../../../src/engine/shell/terminal/complete';
import { podNames, scenario } from './fixture';

describe('tab completion', () => {
  const sim = scenario('my-webapp');
  const complete = (
    input: string,
    context: Parameters<typeof completeShell>[1] = { type: 'local' },
  ) => completeShell(sim.cluster, context, input);

  it('completes commands of the context', () => {
    expect(complete('ku')).toEqual({ from: 0, candidates: ['kubectl'] });
    expect(complete('ip', { type: 'node', node: 'node-1' }).candidates).toEqual([
      'ip6tables-save',
      'ipset',
      'iptables-save',
      'ipvsadm',
    ]);
    expect(complete('ns', { type: 'pod', pod: 'default/x' }).candidates).toEqual(['nslookup']);
  });

  it('completes kubectl subcommands, resource types, names and flag values', () => {
    expect(complete('kubectl sc')).toEqual({ from: 8, candidates: ['scale'] });
    expect(complete('kubectl get se').candidates).toEqual(['services']);
    expect(complete('kubectl scale ').candidates).toEqual(['deployments', 'replicasets']);
    expect(complete('kubectl get pods my-').candidates).toEqual(podNames(sim, 'my-webapp-'));
    expect(complete('kubectl scale deployment/m').candidates).toEqual(['deployment/my-webapp']);
    expect(complete('kubectl get pods -n kube').candidates).toEqual(
      ['kube-node-lease', 'kube-public', 'kube-system'].filter((n) =>
        sim.cluster.namespaces.some((x) => x.metadata.name === n),
      ),
    );
    expect(complete('kubectl get svc -o y').candidates).toEqual(['yaml']);
    expect(complete('kubectl exec -it ').candidates).toEqual(podNames(sim, 'my-webapp-'));
  });

  it('completes node names, curl targets and filters after a pipe', () => {
    expect(complete('ssh node-').candidates).toEqual(['node-1', 'node-2', 'node-3']);
    expect(complete('curl http://my', { type: 'pod', pod: 'default/x' }).candidates).toEqual([
      'http://my-webapp-clusterip',
      'http://my-webapp-nodeport',
    ]);
    expect(complete('curl http://192.168.1.11').candidates).toEqual(['http://192.168.1.11:30080']);
    expect(complete('iptables-save | gr', { type: 'node', node: 'node-1' })).toEqual({
      from: 16,
      candidates: ['grep'],
    });
  });
});
