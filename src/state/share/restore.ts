/**
 * The one repair step for everything that comes from outside the page: share links, uploaded
 * and pasted files, saved documents, embed parameters and postMessage data. It migrates old
 * formats (named migrations), validates, fills defaults and drops unknown fields, so the store
 * only ever receives a well-formed SharedState.
 */
import { findScenario } from '../../scenarios';
import type { Selection } from '../viewSlice';
import { checkDocumentText } from './documentText';
import { migrations } from './migrations';
import {
  currentVersion,
  defaultPanel,
  defaultSeed,
  selectionKinds,
  type SharedState,
} from './sharedState';

/**
 * Where the data comes from. Texts from a file, a paste or a host page's message must also look
 * like YAML; a link's or the browser storage's text is whatever the person had typed.
 */
export type RestoreSource = 'link' | 'storage' | 'file' | 'paste' | 'embed' | 'message';

const checksShape: ReadonlySet<RestoreSource> = new Set(['file', 'paste', 'message']);

export type RestoreOutcome =
  | {
      ok: true;
      state: SharedState;
      /** What was repaired (a field dropped or replaced by its default), in words. */
      notes: string[];
    }
  | { ok: false; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A panel id as the tab bar spells them (`services`, `endpoints`, ...). */
const panelId = /^[a-z][a-z0-9-]{0,39}$/;

/** An object key: `namespace/name` or a Node's name; no control characters. */
// eslint-disable-next-line no-control-regex
const objectKey = /^[^\u0000-\u001f\u007f]{1,507}$/;

function restoreSelection(value: unknown, notes: string[]): Selection | null {
  if (value === undefined || value === null) return null;
  if (isRecord(value)) {
    const { kind, key } = value;
    const known = selectionKinds.find((k) => k === kind);
    if (known && typeof key === 'string' && objectKey.test(key)) return { kind: known, key };
  }
  notes.push('The selection could not be read; nothing is selected.');
  return null;
}

function restoreSeed(value: unknown, notes: string[]): number {
  if (value === undefined) return defaultSeed;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
    return value;
  }
  notes.push(`The seed could not be read; seed ${defaultSeed} is used.`);
  return defaultSeed;
}

function restoreScenario(value: unknown, notes: string[]): string | null {
  if (value === undefined || value === null) return null;
  const scenario = typeof value === 'string' ? findScenario(value) : undefined;
  if (scenario) return scenario.name;
  notes.push('The scenario it names is not one this playground ships.');
  return null;
}

/** Brings data of `version` up to the current version through the named migrations. */
function migrate(data: Record<string, unknown>, version: number): Record<string, unknown> | string {
  let current = data;
  for (let v = version; v < currentVersion; v += 1) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return `Format version ${version} cannot be read (no migration from ${v}).`;
    current = step.migrate(current);
  }
  return current;
}

/**
 * Restores outside data of format `version` (the current one unless told) to a SharedState.
 * Only `text` is required; every other field falls back to its default when absent or unreadable.
 */
export function restore(
  input: unknown,
  version: number = currentVersion,
  source: RestoreSource = 'link',
): RestoreOutcome {
  if (!Number.isInteger(version) || version < 0) {
    return { ok: false, message: `Unknown format version "${String(version)}".` };
  }
  if (version > currentVersion) {
    return {
      ok: false,
      message: `This was made by a newer version of the playground (format ${version}; this one reads up to ${currentVersion}). Reload the page to update it (or File ▸ Update now), then open it again.`,
    };
  }
  if (!isRecord(input)) return { ok: false, message: 'There is no document in it.' };
  const data = migrate(input, version);
  if (typeof data === 'string') return { ok: false, message: data };
  const { text } = data;
  if (typeof text !== 'string') return { ok: false, message: 'There is no YAML document in it.' };
  const problem = checkDocumentText(text, checksShape.has(source));
  if (problem) return { ok: false, message: problem };

  const notes: string[] = [];
  const panel = typeof data.panel === 'string' && panelId.test(data.panel) ? data.panel : undefined;
  if (data.panel !== undefined && panel === undefined) notes.push('The panel could not be read.');
  if (data.admitted !== undefined && typeof data.admitted !== 'boolean') {
    notes.push('The snapshot flag could not be read; the text is simulated.');
  }
  return {
    ok: true,
    state: {
      text,
      scenario: restoreScenario(data.scenario, notes),
      seed: restoreSeed(data.seed, notes),
      admitted: data.admitted === true,
      selection: restoreSelection(data.selection, notes),
      panel: panel ?? defaultPanel,
    },
    notes,
  };
}
