/** The `kube-playground` command as a process: exit codes 0/1/2 and the stdout/stderr split. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const scenario = (name: string) => join(root, 'src', 'scenarios', `${name}.yaml`);

function cli(args: string[], input?: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'kube-playground-'));

describe('kube-playground', () => {
  it('prints kubectl apply lines on stdout and exits 0', () => {
    const r = cli(['apply', scenario('web-service')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('pod/web-pod created\nservice/web-service created\n');
  });

  it('reads standard input for -', () => {
    const r = cli(
      ['get', 'svc', 'web-service', '-'],
      'apiVersion: v1\nkind: Service\nmetadata: {name: web-service}\nspec: {ports: [{port: 80}]}\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME {10}TYPE {8}CLUSTER-IP/);
  });

  it('accepts -f FILE and -o wide', () => {
    const r = cli(['get', 'svc', '-o', 'wide', '-f', scenario('web-service')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/PORT\(S\) +AGE +SELECTOR$/);
  });

  it('prints No resources found on stderr with exit 0', () => {
    const r = cli(['get', 'pods', '-n', 'nowhere', scenario('web-service')]);
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in nowhere namespace.\n',
    });
  });

  it('exits 1 with the API server message for a missing object', () => {
    const r = cli(['describe', 'service', 'nope', scenario('web-service')]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): services "nope" not found\n',
    });
  });

  it('exits 1 with kubectl wording for a missing file', () => {
    const r = cli(['apply', 'x.yaml']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: the path "x.yaml" does not exist\n' });
  });

  it('exits 1 naming the file and line of a YAML syntax error', () => {
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(good, 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n');
    writeFileSync(bad, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [b\n');
    const r = cli(['apply', good, bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: error parsing ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: error converting YAML to JSON: yaml: line \\d+: `,
      ),
    );
  });

  it('exits 2 with usage for an unknown command or flag', () => {
    const command = cli(['frobnicate']);
    expect(command.code).toBe(2);
    expect(command.stdout).toBe('');
    expect(command.stderr).toMatch(
      /^error: unknown command "frobnicate" for "kube-playground"\nUsage: kube-playground/,
    );
    const flag = cli(['get', 'svc', '--bogus', scenario('web-service')]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^error: unknown flag: --bogus\nUsage: kube-playground get/);
  });

  it('prints describe service in kubectl layout', () => {
    const r = cli(['describe', 'svc', 'web-service', scenario('web-service')]);
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        'Name:                     web-service\nNamespace:                default\n',
      ),
    ).toBe(true);
    expect(r.stdout).toContain('NodePort:                 http  30080/TCP\n');
  });
});
