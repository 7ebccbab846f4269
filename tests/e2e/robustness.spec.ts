/** Robustness: markup stays text, an engine crash keeps the last good cluster, large clusters. */
import { expect, test } from './fixtures';

/** A Deployment and `count` Services selecting its pods: a large cluster to paste. */
function largeCluster(count: number): string {
  const parts = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n',
  ];
  for (let i = 0; i < count; i++) {
    parts.push(
      `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n`,
    );
  }
  return parts.join('');
}

test('a Service named with an HTML payload renders as text', async ({ playground, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await playground.open('web-service');
  await playground.replaceText(`apiVersion: v1
kind: Service
metadata:
  name: "<img src=x onerror=alert(1)>"
  labels:
    note: "<script>alert(2)</script>"
spec:
  selector:
    app: "<b>web</b>"
  ports:
  - port: 80
`);
  await playground.showPanel('problems');
  await expect(
    playground.diagnostics.filter({ hasText: '<img src=x onerror=alert(1)>' }).first(),
  ).toBeVisible();
  await expect(page.locator('img[src="x"], b, script:not([src])')).toHaveCount(0);
  // The graph still draws the last good cluster, and no markup ran anywhere.
  await expect(page.getByTestId('graph-service').first()).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('an engine crash is shown, the worker restarted, and the last good cluster kept', async ({
  playground,
  page,
}) => {
  // The engine worker, wrapped so that a marked text makes it report a crash (an engine bug).
  await page.route(/engine\.worker-[^/]*\.js(\?.*)?$/, async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.has('real')) return route.continue();
    const real = `./${url.pathname.split('/').pop() ?? ''}?real`;
    await route.fulfill({
      contentType: 'text/javascript',
      body: `import '${real}';
const engine = self.onmessage;
self.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'simulate' && request.input.includes('# crash-the-engine')) {
    self.postMessage({ type: 'crashed', id: request.id, error: 'Error: injected engine crash' });
    return;
  }
  engine.call(self, event);
};`,
    });
  });
  await playground.open('my-webapp');
  await expect(playground.graphPods('default/my-webapp-')).toHaveCount(3);

  await playground.pasteAtEnd('\n# crash-the-engine\n');
  await expect(playground.engineStatus).toHaveAttribute('data-status', 'crashed');
  await expect(playground.engineStatus).toContainText('injected engine crash');
  await expect(playground.graphPods('default/my-webapp-')).toHaveCount(3);

  // The next text goes to a fresh worker.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(playground.engineStatus).toHaveAttribute('data-status', 'ready');
  await playground.pasteAtEnd('\n# still fine\n');
  await expect(playground.engineStatus).toHaveAttribute('data-status', 'ready');
  await expect(playground.graphPods('default/my-webapp-')).toHaveCount(3);
});

test('a pasted 10,000-Service cluster is drawn in part, counted, and stays usable', async ({
  playground,
  page,
}) => {
  test.setTimeout(90_000);
  await playground.open('my-webapp');
  await playground.replaceText(largeCluster(10_000));
  await expect(page.getByTestId('graph-more-services')).toContainText('more Services', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('graph-service')).toHaveCount(60);
  await playground.graphPods('default/web-').first().click();
  await playground.whatIf('scale-up');
  await expect(playground.graphPods('default/web-')).toHaveCount(4, { timeout: 30_000 });
});

// Measured on this machine: Monaco's paste of the 1.1 MB text (about 800 ms, the editor's
// listeners included) and the 9.5 MB summary's arrival and render (about 600 ms: structured
// clone 270 ms, React 300 ms) are each over budget. See the README's robustness notes.
test.fixme('a pasted 10,000-Service cluster leaves no main-thread task over 200 ms', async ({
  playground,
  page,
}) => {
  test.setTimeout(90_000);
  await playground.open('my-webapp');
  await page.evaluate(() => {
    const tasks: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
  await playground.replaceText(largeCluster(10_000));
  await expect(page.getByTestId('graph-more-services')).toBeVisible({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(200);
});
