import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkDocumentText,
  formatSize,
  looksLikeSnapshot,
} from '../../../src/state/share/documentText';

const kindSnapshot = readFileSync(
  new URL('./fixtures/kind-snapshot.yaml', import.meta.url),
  'utf8',
);

describe('document texts from outside', () => {
  it('recognise kubectl get -o yaml of a real cluster as a snapshot', () => {
    expect(looksLikeSnapshot(kindSnapshot)).toBe(true);
  });

  it('do not take a hand-written manifest or List for a snapshot', () => {
    expect(looksLikeSnapshot('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n')).toBe(
      false,
    );
    expect(looksLikeSnapshot('apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n')).toBe(false);
  });

  it('only have their size checked when the shape is not asked for', () => {
    expect(checkDocumentText('just words', false)).toBeUndefined();
    expect(checkDocumentText('just words')).toMatch(/first line is "just words"/);
  });

  it('say sizes as a person reads them', () => {
    expect(formatSize(812)).toBe('812 bytes');
    expect(formatSize(34 * 1024)).toBe('34 KB');
    expect(formatSize(12.5 * 1024 * 1024)).toBe('12.5 MB');
  });
});
