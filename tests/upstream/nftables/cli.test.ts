/**
 * The command line on kube-proxy's own nftables fixtures (pkg/proxy/nftables/proxier_test.go at
 * 81810de635aa): `nft --admitted` prints upstream's TestOverallNFTablesRules table as the `ip`
 * table (the `ip6` one follows, as on a dual-stack node), and `trace -o json` answers
 * TestLoadBalancer's flows through the nftables rules.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testLoadBalancerObjects } from '../kubeproxy/testLoadBalancer.cases';
import { baseRules, fakeProxier, sortTransaction } from './helpers';

const run = promisify(execFile);
const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'nftables-cli-'));

function fixture(name: string, objects: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${fakeProxier()}---\n${objects}`);
  return file;
}

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], {
    cwd: join(here, '../../..'),
  });
  return stdout;
}

describe('CLI on the nftables fixtures', () => {
  it('nft --admitted prints TestOverallNFTablesRules as the ip table', async () => {
    const file = fixture('overall.yaml', readFileSync(join(here, 'overall.objects.yaml'), 'utf8'));
    const out = await cli('nft', '--admitted', '--node', 'test-node', file);
    const ipLines = out.split('\n').filter((l) => / ip kube-proxy/.test(l));
    const expected = baseRules + readFileSync(join(here, 'overall.services.nft'), 'utf8');
    expect(sortTransaction(ipLines.join('\n'))).toBe(sortTransaction(expected));
    expect(out).toContain('add table ip6 kube-proxy { comment "rules for kube-proxy" ; }');
  }, 60_000);

  it("trace -o json answers TestLoadBalancer's flows", async () => {
    const file = fixture('lb.yaml', testLoadBalancerObjects());
    const trace = async (from: string, to: string) =>
      JSON.parse(
        await cli(
          'trace',
          '--admitted',
          '--node',
          'test-node',
          '--from',
          from,
          '--to',
          to,
          '-o',
          'json',
          file,
        ),
      ) as { verdict: string; endpoints: string[]; masquerade: boolean };
    expect(await trace('203.0.113.2', '1.2.3.4:80')).toMatchObject({
      verdict: 'DNAT',
      endpoints: ['10.180.0.1:80'],
      masquerade: true,
    });
    expect(await trace('203.0.113.130', '5.6.7.8:80')).toMatchObject({
      verdict: 'DROP',
      masquerade: false,
    });
    expect(await trace('5.6.7.8', '5.6.7.8:80')).toMatchObject({
      verdict: 'DNAT',
      endpoints: ['10.180.0.1:80'],
      masquerade: true,
    });
  }, 60_000);
});
