// `npm run bench`: runs every bench/*.bench.ts in turn; each prints one JSON line per case.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let failed = false;
for (const file of files) {
  const run = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
