import { describe, expect, it } from 'vitest';
import { parseScenarioHeader } from './header';

describe('parseScenarioHeader', () => {
  it('reads the fields and joins their continuation lines', () => {
    const text = '# title: A title\n# notice: first line\n#   second line\napiVersion: v1\n# title: no';
    expect(parseScenarioHeader(text)).toEqual({
      title: 'A title',
      seed: '',
      notice: 'first line second line',
    });
  });
});
