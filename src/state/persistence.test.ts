import { describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios';
import { restoreDocument } from './persistence';

/** A record as the first builds saved it: `{ text, scenario }`, no version. */
const firstRecord = (text: string, scenario: string | null) => JSON.stringify({ text, scenario });
const record = (text: string, scenario: string | null, seed = 1, admitted = false) =>
  JSON.stringify({ v: 1, text, scenario, seed, admitted });

describe('restoreDocument', () => {
  it('starts with the default scenario', () => {
    expect(restoreDocument('', null)).toEqual({
      text: findScenario('web-service')?.text,
      scenario: 'web-service',
    });
  });

  it('loads the scenario the URL names', () => {
    expect(restoreDocument('?scenario=my-webapp', null).scenario).toBe('my-webapp');
  });

  it('keeps the saved edits of the scenario the URL names', () => {
    expect(restoreDocument('?scenario=my-webapp', record('edited', 'my-webapp'))).toMatchObject({
      text: 'edited',
      scenario: 'my-webapp',
    });
  });

  it('prefers another scenario the URL names to the saved text', () => {
    const restored = restoreDocument('?scenario=my-webapp', record('edited', 'web-service'));
    expect(restored.text).toBe(findScenario('my-webapp')?.text);
  });

  it('restores the saved document, seed and snapshot flag included', () => {
    expect(restoreDocument('?scenario=<script>', record('mine', null, 9, true))).toEqual({
      text: 'mine',
      scenario: null,
      seed: 9,
      admitted: true,
    });
  });

  it("opens the first builds' record through its migration", () => {
    expect(restoreDocument('', firstRecord('older edits', 'my-webapp'))).toEqual({
      text: 'older edits',
      scenario: 'my-webapp',
      seed: 1,
      admitted: false,
    });
  });

  it('keeps whatever the person typed, YAML or not', () => {
    expect(restoreDocument('', record('half a thought', null)).text).toBe('half a thought');
  });

  it('ignores saved data it cannot read', () => {
    expect(restoreDocument('', '{"text": 42}').scenario).toBe('web-service');
    expect(restoreDocument('', 'not json').scenario).toBe('web-service');
    expect(
      restoreDocument('', record('from the future', null).replace('"v":1', '"v":99')).scenario,
    ).toBe('web-service');
  });
});
