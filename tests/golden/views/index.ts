/**
 * The golden views: each renders a scenario into named text files that tests/golden/golden.test.ts
 * compares with tests/golden/<scenario>/<fileName>. To add one: write `views/<name>.ts` exporting
 * a `GoldenView`, import it here and add one line to the list (one entry per line).
 */

/** A scenario of src/scenarios: its name (the file name without .yaml) and its text. */
export interface Scenario {
  name: string;
  text: string;
}

export interface GoldenView {
  /** Shown in the test name, e.g. `kubectl`. */
  name: string;
  /** The files this view writes for a scenario: `{ 'kubectl-get.txt': '...' }`. */
  render(scenario: Scenario): Record<string, string>;
}
import { dns } from './dns';
import { kubectl } from './kubectl';
import { iptablesView } from './iptables';
import { ipvs } from './ipvs';
import { nftables } from './nftables';

// prettier-ignore
export const views: readonly GoldenView[] = [
  kubectl,
  dns,
  ipvs,
  nftables,
  iptablesView,
];
