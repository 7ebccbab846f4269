import { describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios';
import { restoreDocument } from './persistence';

const saved = (text: string, scenario: string | null) => JSON.stringify({ text, scenario });

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
    expect(restoreDocument('?scenario=my-webapp', saved('edited', 'my-webapp'))).toEqual({
      text: 'edited',
      scenario: 'my-webapp',
    });
  });

  it('prefers another scenario the URL names to the saved text', () => {
    const restored = restoreDocument('?scenario=my-webapp', saved('edited', 'web-service'));
    expect(restored.text).toBe(findScenario('my-webapp')?.text);
  });

  it('restores the saved text when the URL names no known scenario', () => {
    expect(restoreDocument('?scenario=<script>', saved('mine', null))).toEqual({
      text: 'mine',
      scenario: null,
    });
  });

  it('ignores saved data it cannot read', () => {
    expect(restoreDocument('', '{"text": 42}').scenario).toBe('web-service');
    expect(restoreDocument('', 'not json').scenario).toBe('web-service');
  });
});
