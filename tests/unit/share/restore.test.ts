import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/state/share/migrations';
import { restore } from '../../../src/state/share/restore';
import { maxDocumentChars } from '../../../src/state/share/sharedState';

const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n';

describe('restore', () => {
  it('fills every default around a bare text', () => {
    expect(restore({ text: yaml })).toEqual({
      ok: true,
      state: {
        text: yaml,
        scenario: null,
        seed: 1,
        admitted: false,
        selection: null,
        panel: 'services',
      },
      notes: [],
    });
  });

  it('keeps every field it knows and drops the others', () => {
    const restored = restore({
      text: yaml,
      scenario: 'web-service',
      seed: 42,
      admitted: true,
      selection: { kind: 'node', key: 'node-2', extra: 1 },
      panel: 'rules',
      theme: 'dark',
      __proto__: { polluted: true },
    });
    expect(restored).toEqual({
      ok: true,
      state: {
        text: yaml,
        scenario: 'web-service',
        seed: 42,
        admitted: true,
        selection: { kind: 'node', key: 'node-2' },
        panel: 'rules',
      },
      notes: [],
    });
  });

  it('replaces unreadable fields by their defaults and says so', () => {
    const restored = restore({
      text: yaml,
      scenario: 'no-such-scenario',
      seed: -3,
      admitted: 'yes',
      selection: { kind: 'secret', key: 'default/x' },
      panel: '<img src=x>',
    });
    expect(restored.ok && restored.state).toEqual({
      text: yaml,
      scenario: null,
      seed: 1,
      admitted: false,
      selection: null,
      panel: 'services',
    });
    expect(restored.ok && restored.notes).toHaveLength(5);
  });

  it('refuses data without a text', () => {
    expect(restore({ seed: 2 }).ok).toBe(false);
    expect(restore('apiVersion: v1').ok).toBe(false);
    expect(restore(null).ok).toBe(false);
    expect(restore([yaml]).ok).toBe(false);
  });

  it('refuses a document larger than the playground opens', () => {
    const restored = restore({ text: 'a: b\n'.repeat(maxDocumentChars / 5 + 1) });
    expect(restored).toMatchObject({ ok: false, message: expect.stringMatching(/up to 10\.0 MB/) });
  });

  it('refuses a format newer than this build, asking for a reload', () => {
    expect(restore({ text: yaml }, 2)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/newer version.*Reload/),
    });
  });

  it('checks that a file or a paste looks like YAML, but not a link', () => {
    const prose = 'Dear colleagues,\nplease find attached the cluster.';
    expect(restore({ text: prose }, 1, 'file')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not look like Kubernetes YAML/),
    });
    expect(restore({ text: prose }, 1, 'link').ok).toBe(true);
    expect(restore({ text: '\u0089PNG\r\n\u001a\n\u0000\u0000' }, 1, 'paste')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/binary/),
    });
  });

  it('accepts YAML and JSON shapes from a file', () => {
    for (const text of [
      yaml,
      '# comment\n---\napiVersion: v1\n',
      '{"apiVersion": "v1", "kind": "List", "items": []}',
      '- a\n- b\n',
      '"quoted key": 1\n',
      '',
    ]) {
      expect(restore({ text }, 1, 'file').ok).toBe(true);
    }
  });

  describe('migrations', () => {
    it('each reads one version and writes the next, with a name', () => {
      const froms = migrations.map((m) => m.from);
      expect(new Set(froms).size).toBe(froms.length);
      for (const m of migrations) expect(m.name).toMatch(/^[a-z0-9-]+$/);
    });

    it("document-record-to-v1 opens the first builds' saved record", () => {
      expect(restore({ text: yaml, scenario: 'my-webapp', junk: 1 }, 0)).toEqual({
        ok: true,
        state: {
          text: yaml,
          scenario: 'my-webapp',
          seed: 1,
          admitted: false,
          selection: null,
          panel: 'services',
        },
        notes: [],
      });
    });
  });
});
