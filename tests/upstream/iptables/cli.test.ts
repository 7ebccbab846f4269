/**
 * The hidden-test path end to end: an upstream fixture written to a file and read by the CLI
 * itself (`iptables-save --admitted`, `trace -o json`), as kube-proxy's own test fixtures are
 * fed. The fake proxier's iptables has no --random-fully, hence `--no-random-fully`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sortIPTablesRules, testNodeName } from './harness';
import { overallExpected, overallFixture } from './overall.fixture';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'iptables-cli-'));
const file = join(dir, 'overall.yaml');
writeFileSync(file, overallFixture);

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], {
    cwd: join(__dirname, '../../..'),
  });
  return stdout;
}

describe('CLI on the TestOverallIPTablesRules fixture', () => {
  it('iptables-save --admitted prints the dump upstream expects', async () => {
    const out = await cli(
      'iptables-save',
      '--admitted',
      '--no-random-fully',
      '--node',
      testNodeName,
      file,
    );
    const want = overallExpected.replace(/\n+$/, '\n');
    expect(sortIPTablesRules(out)).toBe(want);
    expect(out).toBe(want);
  }, 60_000);

  it('trace -o json answers TestTracePacket\'s "multiple endpoints" flow', async () => {
    const out = await cli(
      'trace',
      '--admitted',
      '--node',
      testNodeName,
      '--from',
      '10.0.0.2',
      '--to',
      '172.30.0.44:80',
      '-o',
      'json',
      file,
    );
    const result = JSON.parse(out) as { verdict: string; endpoints: string[]; masquerade: boolean };
    expect(result).toMatchObject({
      verdict: 'DNAT',
      endpoints: ['10.180.0.4:80', '10.180.0.5:80'],
      masquerade: false,
    });
  }, 60_000);

  it('trace -o json answers the "LOCAL, KUBE-MARK-MASQ" flow', async () => {
    const out = await cli(
      'trace',
      '--admitted',
      '--node',
      testNodeName,
      '--from',
      '192.168.0.2',
      '--to',
      '192.168.99.22:80',
      '-o',
      'json',
      file,
    );
    expect(JSON.parse(out)).toMatchObject({
      verdict: 'DNAT',
      endpoints: ['10.180.0.2:80'],
      masquerade: true,
    });
  }, 60_000);
});
