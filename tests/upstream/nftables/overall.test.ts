/**
 * TestOverallNFTablesRules, transcribed from kubernetes/kubernetes
 * pkg/proxy/nftables/proxier_test.go at commit 81810de635aa13aa0a32992f6def3aa9d6025ebc: the
 * fixture's Services and EndpointSlices (overall.objects.yaml) and upstream's expected table
 * (base.nft, upstream's baseRules, plus the per-Service lines of overall.services.nft), compared
 * as upstream compares them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNftTransaction } from '../../../src/engine/kubeproxy/nftables';
import { baseRules, sortTransaction, tableFor, upstreamCommit } from './helpers';

const here = import.meta.dirname;

describe(`nftables TestOverallNFTablesRules (kubernetes@${upstreamCommit.slice(0, 12)})`, () => {
  it('writes the table upstream expects for six kinds of Service', () => {
    const table = tableFor(readFileSync(join(here, 'overall.objects.yaml'), 'utf8'));
    const expected = baseRules + readFileSync(join(here, 'overall.services.nft'), 'utf8');
    expect(sortTransaction(renderNftTransaction(table))).toBe(sortTransaction(expected));
  });

  it('dumps objects before contents, each kind sorted by name, as the knftables fake does', () => {
    const table = tableFor(readFileSync(join(here, 'overall.objects.yaml'), 'utf8'));
    const lines = renderNftTransaction(table).trimEnd().split('\n');
    const kinds = lines.map((l) => l.split(' ')[1]);
    expect(kinds[0]).toBe('table');
    const firstRule = kinds.indexOf('rule');
    const lastChain = kinds.lastIndexOf('chain');
    expect(firstRule).toBeGreaterThan(lastChain);
    expect(kinds.lastIndexOf('map')).toBeLessThan(firstRule);
  });
});
