/** Entry point of `kube-playground` (`npm run -s cli -- <command> ...`). */
import { readFileSync } from 'node:fs';
import { run } from './run';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
});
