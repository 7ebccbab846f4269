/**
 * The page stays responsive through a large paste: no main-thread task over 200 ms, the key
 * press included. Measurements: this file runs as its own Playwright project, after every other
 * test (playwright.config.ts), so that no other test shares the machine's two cores with it.
 */
import type { Page } from '@playwright/test';
import { generateClusterYaml } from '../../bench/generate';
import { expect, test } from './fixtures';
import type { PlaygroundPage } from './playgroundPage';

/** Records the page's long tasks (over 50 ms) from now on, as [start, duration] in ms. */
async function watchLongTasks(page: Page): Promise<() => Promise<[number, number][]>> {
  await page.evaluate(() => {
    const tasks: [number, number][] = [];
    (window as unknown as { longTasks: [number, number][] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
      }
    }).observe({ type: 'longtask' });
  });
  return () =>
    page.evaluate(() => (window as unknown as { longTasks: [number, number][] }).longTasks);
}

/**
 * Pastes `text` over the document and waits for its simulation; returns the durations of the
 * long tasks from the key press on: the key press's own task (the clipboard read and the first
 * of the editor's paste slices, src/ui/editor/largePaste.ts), and every task after it.
 */
async function pasteAndWatch(
  playground: PlaygroundPage,
  page: Page,
  text: string,
  services: number,
): Promise<{ keyPress: number; after: number[] }> {
  await playground.showPanel('services');
  const longTasks = await watchLongTasks(page);
  const pastedAt = await page.evaluate(() => performance.now());
  await playground.replaceText(text);
  const handledAt = await page.evaluate(() => performance.now());
  await expect(page.getByTestId('services-panel').locator('h2 .count')).toHaveText(
    String(services),
    { timeout: 120_000 },
  );
  await page.waitForTimeout(2000);
  const tasks = (await longTasks()).filter(([start]) => start >= pastedAt);
  const keyPress = tasks.filter(([start]) => start < handledAt).map(([, duration]) => duration);
  const after = tasks.filter(([start]) => start >= handledAt).map(([, duration]) => duration);
  return { keyPress: Math.max(0, ...keyPress), after };
}

/** Reports the tasks in the test's annotations, and holds every one of them to 200 ms. */
function budget({ keyPress, after }: { keyPress: number; after: number[] }): void {
  test.info().annotations.push({ type: 'key press task (ms)', description: String(keyPress) });
  test.info().annotations.push({ type: 'later long tasks (ms)', description: after.join(', ') });
  expect(Math.max(keyPress, ...after)).toBeLessThanOrEqual(200);
}

// Measured on the shared 2-core machine (load average about 4), this project running alone, three
// runs each: the cluster's key press task 72-121 ms and later tasks 54-124 ms; the 10 MB
// document's 73-80 ms and 59-82 ms. The paste arrives in slices of 256 KB (one task each); once
// the summary arrives (its pods capped at 1,000, the rest counted by node), no task takes 50 ms.
test('a pasted 10,000-Service cluster leaves no main-thread task over 200 ms', async ({
  playground,
  page,
}) => {
  // 5 MB of YAML: 10,000 Deployments of 5 replicas and their Services on 500 Nodes.
  test.setTimeout(180_000);
  await playground.open('my-webapp');
  const tasks = await pasteAndWatch(
    playground,
    page,
    generateClusterYaml({ services: 10_000, replicas: 5 }),
    10_002,
  );
  budget(tasks);
});

test('a pasted 10 MB document leaves no main-thread task over 200 ms', async ({
  playground,
  page,
}) => {
  // 10 MB, 200,000 lines: a 1,000-Service cluster and ConfigMaps of 1,000-line files.
  test.setTimeout(180_000);
  const parts = [generateClusterYaml({ services: 1000, replicas: 3 })];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const lines = Array.from(
      { length: 1000 },
      (_, l) => `    line ${l} of the config file number ${i}: key-${l}=value-${(l * 7919) % 1000}`,
    );
    const doc = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n  app.conf: |\n${lines.join('\n')}\n`;
    parts.push(doc);
    size += doc.length;
  }
  await playground.open('my-webapp');
  const tasks = await pasteAndWatch(playground, page, parts.join(''), 1002);
  budget(tasks);
});
