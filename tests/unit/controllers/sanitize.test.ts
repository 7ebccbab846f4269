/**
 * sanitizeMeta: metadata read as the API's JSON decoding would leave it; well-formed metadata
 * passes through untouched.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeMeta } from '../../../src/engine/controllers/sanitize';
import type { KubeObject } from '../../../src/engine/model';

const pod = (metadata: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata }) as KubeObject;

describe('sanitizeMeta', () => {
  it('passes well-formed metadata through as the same object', () => {
    const object = pod({ name: 'web', labels: { app: 'web' }, annotations: { note: 'x' } });
    expect(sanitizeMeta(object)).toBe(object);
  });

  it('drops the label or annotation values that are not strings', () => {
    const labels = { app: 'web', replicas: 3, on: true };
    const annotations = { note: 'x', nested: { a: 'b' } };
    const object = pod({ name: 'web', labels, annotations });
    expect(sanitizeMeta(object).metadata).toEqual({
      name: 'web',
      labels: { app: 'web' },
      annotations: { note: 'x' },
    });
  });

  it("reads only the map's own keys: an inherited value is not a label", () => {
    const labels = Object.create({ inherited: 1 }) as Record<string, unknown>;
    labels.app = 'web';
    const object = pod({ name: 'web', labels });
    expect(sanitizeMeta(object)).toBe(object);
  });
});
