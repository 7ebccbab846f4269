/**
 * Golden files for every scenario: each view of tests/golden/views renders each scenario of
 * src/scenarios, and the result must equal tests/golden/<scenario>/<fileName> byte for byte.
 * `npm run test:update` (UPDATE_GOLDEN=1) rewrites them; the diff is the review.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { views } from './views';

const goldenDir = dirname(fileURLToPath(import.meta.url));
const scenarioDir = join(goldenDir, '..', '..', 'src', 'scenarios');
const updating = process.env.UPDATE_GOLDEN === '1';

const scenarios = readdirSync(scenarioDir)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => ({
    name: file.slice(0, -'.yaml'.length),
    text: readFileSync(join(scenarioDir, file), 'utf8'),
  }));

it('finds the scenarios, each named in kebab-case', () => {
  expect(scenarios.length).toBeGreaterThan(0);
  for (const { name } of scenarios) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

const cases = scenarios.flatMap((scenario) => views.map((view) => ({ scenario, view })));

it.each(cases)('$scenario.name: the $view.name view matches its golden files', ({ scenario, view }) => {
  const files = view.render(scenario);
  for (const [fileName, actual] of Object.entries(files)) {
    const path = join(goldenDir, scenario.name, fileName);
    const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (updating) {
      if (actual !== expected) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, actual);
      }
      continue;
    }
    if (expected === undefined) {
      expect.fail(
        `missing golden file tests/golden/${scenario.name}/${fileName}: run npm run test:update`,
      );
    }
    expect(actual, `tests/golden/${scenario.name}/${fileName}`).toBe(expected);
  }
});
