import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/engine/shell/runCommand';
import { podNames, run, scenario } from './fixture';

/** What `kube-playground ARGS my-webapp.yaml` prints. */
function cli(args: string[]): { stdout: string; stderr: string; code: number } {
  let stdout = '';
  let stderr = '';
  const text = readFileSync(
    join(__dirname, '..', '..', '..', 'src', 'scenarios', 'my-webapp.yaml'),
    'utf8',
  );
  const code = runCommand([...args, 'my-webapp.yaml'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    looksLikeFile: (arg) => arg.endsWith('.yaml'),
    readFiles: () => ({ type: 'ok', files: [{ name: 'my-webapp.yaml', text }] }),
  });
  return { stdout, stderr, code };
}

describe('kubectl in the terminal', () => {
  const sim = scenario('my-webapp');

  it('prints exactly what the CLI prints for get and describe', () => {
    for (const args of [
      ['get', 'svc'],
      ['get', 'pods', '-o', 'wide'],
      ['get', 'deploy,rs', '-A'],
      ['describe', 'service', 'my-webapp-nodeport'],
      ['get', 'svc', 'nope'],
    ]) {
      const ran = run(sim, `kubectl ${args.join(' ')}`);
      const expected = cli(args);
      expect(ran.stdout, args.join(' ')).toBe(expected.stdout);
      expect(ran.stderr, args.join(' ')).toBe(expected.stderr);
      expect(ran.exitCode).toBe(expected.code);
    }
  });

  it("prints kubectl get svc's columns", () => {
    expect(run(sim, 'kubectl get svc').stdout.split('\n')[0]).toMatch(
      /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/,
    );
  });

  it('filters by label selector with -l', () => {
    const out = run(sim, 'kubectl get pods -l app=my-webapp').stdout;
    expect(out.trim().split('\n')).toHaveLength(4);
    expect(run(sim, 'kubectl get pods -l app!=my-webapp').stderr).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it("answers unknown commands and flags in kubectl's words", () => {
    expect(run(sim, 'kubectl foo').stderr).toBe(
      'error: unknown command "foo" for "kubectl"\nRun \'kubectl --help\' for usage.\n',
    );
    expect(run(sim, 'kubectl get svc --bogus').stderr).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    );
  });

  it('scale answers with an edit and the line kubectl prints', () => {
    const ran = run(sim, 'kubectl scale deployment my-webapp --replicas=5');
    expect(ran.exitCode).toBe(0);
    expect(ran.edit).toEqual({
      type: 'scale',
      target: { kind: 'Deployment', namespace: 'default', name: 'my-webapp' },
      replicas: 5,
      message: 'deployment.apps/my-webapp scaled\n',
    });
    expect(run(sim, 'kubectl scale deploy/nope --replicas=2').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(run(sim, 'kubectl scale deploy/my-webapp').stderr).toBe(
      'error: required flag(s) "replicas" not set\n',
    );
  });

  it('delete answers with one edit for the objects found and NotFound for the rest', () => {
    const [pod = ''] = podNames(sim, 'my-webapp-');
    const ran = run(sim, `kubectl delete pod ${pod} nope`);
    expect(ran.exitCode).toBe(1);
    expect(ran.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(ran.edit).toEqual({
      type: 'delete',
      targets: [
        {
          ref: { kind: 'Pod', namespace: 'default', name: pod },
          message: `pod "${pod}" deleted\n`,
        },
      ],
    });
  });

  it('label checks --overwrite and says what changed, as label.go does', () => {
    const [pod = ''] = podNames(sim, 'my-webapp-');
    expect(run(sim, `kubectl label pod ${pod} app=x`).stderr).toBe(
      "error: 'app' already has a value (my-webapp), and --overwrite is false\n",
    );
    const ran = run(sim, `kubectl label pods/${pod} tier=web`);
    expect(ran.edit).toMatchObject({
      type: 'label',
      labels: { app: 'my-webapp', tier: 'web' },
      message: `pod/${pod} labeled\n`,
    });
    expect(run(sim, `kubectl label pod ${pod} app-`).edit).toMatchObject({
      message: `pod/${pod} unlabeled\n`,
    });
    expect(run(sim, `kubectl label pod ${pod} app=web --overwrite`).edit).toMatchObject({
      message: `pod/${pod} labeled\n`,
    });
  });

  it('apply -f - reads a here-doc and says created or configured', () => {
    const yaml =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\nspec:\n  selector: {app: my-webapp}\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: my-webapp}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: my-webapp}}\n  template:\n    metadata: {labels: {app: my-webapp}}\n    spec: {containers: [{name: web, image: nginx}]}\n';
    const ran = run(sim, `kubectl apply -f - <<EOF\n${yaml}EOF`);
    expect(ran.exitCode).toBe(0);
    expect(ran.edit?.type).toBe('apply');
    const objects = ran.edit?.type === 'apply' ? ran.edit.objects : [];
    expect(objects.map((o) => `${o.resourceName} ${o.outcome}`)).toEqual([
      'service/extra created',
      'deployment.apps/my-webapp configured',
    ]);
    expect(objects[0]?.manifest).toMatchObject({ kind: 'Service', metadata: { name: 'extra' } });
  });

  it('apply -f - without a here-doc waits for standard input, and reports bad YAML as kubectl does', () => {
    expect(runShellOutcome('kubectl apply -f -')).toBe('stdin');
    const ran = run(sim, 'kubectl apply -f -', { type: 'local' }, 'kind: [\n');
    expect(ran.exitCode).toBe(1);
    expect(ran.stderr).toMatch(/^error: error parsing STDIN: /);
  });

  it('exec -it opens a shell in the pod, and exec POD -- CMD runs one command there', () => {
    const [pod = ''] = podNames(sim, 'my-webapp-');
    expect(run(sim, `kubectl exec -it ${pod} -- sh`).context).toEqual({
      type: 'pod',
      pod: `default/${pod}`,
    });
    expect(run(sim, `kubectl exec ${pod} -- hostname`).stdout).toBe(`${pod}\n`);
    expect(run(sim, 'kubectl exec -it nope -- sh').stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  function runShellOutcome(input: string): string {
    try {
      run(sim, input);
      return 'done';
    } catch (e) {
      return String(e).includes('stdin') ? 'stdin' : 'other';
    }
  }
});
