import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isShareFragment,
  readShareFragment,
  toShareFragment,
  toShareLink,
} from '../../../src/state/share/link';
import type { SharedState } from '../../../src/state/share/sharedState';
import { firstFormatFragment, firstFormatState } from './fixtures/firstFormat';

const state: SharedState = {
  text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web # é, 世界\n',
  scenario: 'web-service',
  seed: 123456,
  admitted: true,
  selection: { kind: 'service', key: 'default/web' },
  panel: 'dns',
};

/** A text that does not compress: random bytes in base64. */
const randomText = (length: number): string =>
  `data: ${randomBytes((length * 3) / 4).toString('base64')}`;

describe('share links', () => {
  it('round-trip the whole state through the fragment', async () => {
    const fragment = await toShareFragment(state);
    expect(fragment).toMatch(/^#v1:[A-Za-z0-9_-]+$/);
    expect(await readShareFragment(fragment)).toEqual({ ok: true, state, notes: [] });
  });

  it('replace the fragment of the page they point to and keep its path', async () => {
    const link = await toShareLink(state, 'https://example.org/docs/play/?scenario=x#old');
    expect(link.ok && link.url).toMatch(/^https:\/\/example\.org\/docs\/play\/\?scenario=x#v1:/);
  });

  it('are refused past 32 KB, with the download named as the way out', async () => {
    const link = await toShareLink({ ...state, text: randomText(60_000) }, 'https://example.org/');
    expect(link).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too large.*Download/),
    });
  });

  it('still open when they hold the first format (frozen fixture)', async () => {
    expect(isShareFragment(firstFormatFragment)).toBe(true);
    expect(await readShareFragment(firstFormatFragment)).toEqual({
      ok: true,
      state: firstFormatState,
      notes: [],
    });
  });

  it('say so when they are damaged or cut short', async () => {
    const cut = firstFormatFragment.slice(0, 60);
    expect(await readShareFragment(cut)).toMatchObject({ ok: false, message: /damaged/ });
    expect(await readShareFragment('#v1:')).toMatchObject({ ok: false });
    expect(await readShareFragment('#section-2')).toMatchObject({ ok: false });
  });

  it('say so when a newer build made them', async () => {
    expect(await readShareFragment('#v9:AAAA')).toMatchObject({ ok: false, message: /newer/ });
  });
});
