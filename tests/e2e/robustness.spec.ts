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
  const pod = playground.graphPods('default/web-').first();
  await playground.panGraphTo(pod);
  await pod.click();
  await playground.whatIf('scale-up');
  await expect(playground.graphPods('default/web-')).toHaveCount(4, { timeout: 30_000 });
});

test('a cluster of more pods than the page is sent counts them all, and cordons all of a node', async ({
  playground,
}) => {
  // 1,200 pods on the three default nodes: the page is sent the first 1,000 and the counts.
  test.setTimeout(60_000);
  await playground.open('my-webapp');
  await playground.replaceText(
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1200\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n',
  );
  const counts = playground.page.getByTestId('graph-pod-count');
  await expect(counts).toHaveCount(3, { timeout: 30_000 });
  const podsOn = async (node: string) =>
    parseInt((await playground.graphNode(node).locator('.flow-count').textContent()) ?? '', 10);
  await expect
    .poll(
      async () => (await podsOn('node-1')) + (await podsOn('node-2')) + (await podsOn('node-3')),
    )
    .toBe(1202);
  const before = await podsOn('node-1');
  // Cordon keeps every pod of the node where it runs, those the page was not sent included.
  await playground.graphNode('node-1').click({ position: { x: 40, y: 12 } });
  await playground.whatIf('cordon');
  await expect(playground.whatIfNotice()).toContainText('node/node-1 cordoned', {
    timeout: 30_000,
  });
  await expect(playground.graphNode('node-1')).toHaveClass(/is-cordoned/, { timeout: 30_000 });
  // Only the built-in pods it names move (the playground places them afresh).
  const notice = (await playground.whatIfNotice().textContent()) ?? '';
  const moved = /so (.*) moved/.exec(notice)?.[1]?.split(', ') ?? [];
  expect(moved.every((key) => key.startsWith('kube-system/'))).toBe(true);
  await expect.poll(() => podsOn('node-1')).toBe(before - moved.length);
});
