/**
 * The shipped scenarios, for the app: each YAML file of this folder with its header. The file name
 * (without `.yaml`) is the scenario's name in `?scenario=<name>` and in tests/golden.
 */
import { parseScenarioHeader, type ScenarioHeader } from './header';

export interface Scenario extends ScenarioHeader {
  name: string;
  text: string;
}

const files = import.meta.glob<string>('./*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every shipped scenario, sorted by name. */
export const scenarios: readonly Scenario[] = Object.entries(files)
  .map(([path, text]) => ({
    name: path.replace(/^\.\//, '').replace(/\.yaml$/, ''),
    text,
    ...parseScenarioHeader(text),
  }))
  .sort((a, b) => a.name.localeCompare(b.name));

export const defaultScenarioName = 'web-service';

export function findScenario(name: string | null | undefined): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
