// Fails in one line, saying how to get a browser, when the browser tests have none to drive.
import { findChromium } from './chromium.mjs';

if (!findChromium()) {
  console.error(
    'No Chromium found: set CHROMIUM_PATH, or install one (Debian: apt-get install -y chromium; elsewhere: npx playwright install chromium).',
  );
  process.exit(1);
}
