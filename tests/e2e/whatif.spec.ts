/** What-if actions on the graph: each an edit of the YAML, undone and redone. */
import { expect, test } from './fixtures';

const app = 'default/my-webapp-';

test('deleting a pod in the graph removes its endpoint and its KUBE-SEP chain, and the Deployment replaces it', async ({
  playground,
  page,
}) => {
  await playground.open('my-webapp');
  await expect(playground.graphPods(app)).toHaveCount(3);
  const before = await playground.graphPodKeys(app);
  const victim = playground.graphPod(before[0] ?? '');
  const ip = (await victim.getAttribute('data-ip')) ?? '';
  expect(ip).toMatch(/^10\.244\./);

  await playground.showPanel('rules');
  await page.getByTestId('rules-search').fill(`--to-destination ${ip}:80`);
  await expect(
    page.getByTestId('rule-line').filter({ hasText: 'KUBE-SEP-' }).first(),
  ).toBeVisible();

  await victim.click();
  await playground.whatIf('delete-pod');
  await expect(playground.whatIfNotice()).toContainText('creates a replacement');

  // The pod is Terminating; a new pod with a new name replaces it.
  await expect(victim).toHaveAttribute('data-state', 'terminating');
  await expect(playground.graphPods(app).and(page.locator('[data-state="ready"]'))).toHaveCount(3);
  const after = await playground.graphPodKeys(app);
  expect(after.filter((key) => !before.includes(key))).toHaveLength(1);
  await expect(playground.graphEdge('default/my-webapp-clusterip', before[0] ?? '')).toHaveClass(
    /edge-terminating/,
  );

  // Its endpoint is no longer ready, and kube-proxy has no KUBE-SEP chain for it any more.
  await playground.showPanel('services');
  const endpoint = playground
    .endpoints('default/my-webapp-clusterip')
    .filter({ hasText: `${ip}:80` });
  await expect(endpoint).toContainText('terminating');
  await playground.showPanel('rules');
  await page.getByTestId('rules-search').fill(`--to-destination ${ip}:80`);
  await expect(page.getByTestId('rules-hits')).toHaveText('no match');
  await page.getByTestId('rules-search').fill('KUBE-SEP-');
  await expect(page.getByTestId('rules-hits')).toHaveText(/^1 of \d+$/);

  // The text records it the way kubectl get pod -o yaml would.
  const text = await playground.savedText();
  expect(text).toContain('deletionTimestamp: "2025-01-11T12:00:30Z"');
});

test('scales a Deployment, and undo and redo restore the text', async ({ playground, page }) => {
  await playground.open('my-webapp');
  await expect(playground.graphPods(app)).toHaveCount(3);
  await playground.graphPods(app).first().click();
  await playground.whatIf('scale-up');
  await expect(playground.whatIfNotice()).toHaveText(/deployment.apps\/my-webapp scaled to 4/);
  await expect(playground.graphPods(app)).toHaveCount(4);
  await expect.poll(() => playground.savedText()).toContain('replicas: 4');

  // Ctrl+Z outside the editor undoes the what-if; the button redoes it.
  await page.getByTestId('graph').click({ position: { x: 20, y: 200 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(playground.graphPods(app)).toHaveCount(3);
  await expect.poll(() => playground.savedText()).toContain('replicas: 3');
  await page.getByTestId('redo').click();
  await expect(playground.graphPods(app)).toHaveCount(4);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await page.getByTestId('undo').click();
  await expect(playground.graphPods(app)).toHaveCount(3);
});

test('marks a pod not ready: its endpoints become not ready', async ({ playground }) => {
  await playground.open('my-webapp');
  const key = (await playground.graphPodKeys(app))[1] ?? '';
  await playground.graphPod(key).click();
  await playground.whatIf('not-ready');
  await expect(playground.graphPod(key)).toHaveAttribute('data-state', 'not ready');
  await expect(playground.graphEdge('default/my-webapp-nodeport', key)).toHaveClass(
    /edge-not-ready/,
  );
  // The pod is adopted, not duplicated: still three pods.
  await expect(playground.graphPods(app)).toHaveCount(3);
});

test('cordons and drains a node: its pods are evicted to the other nodes', async ({
  playground,
  page,
}) => {
  await playground.open('my-webapp');
  const node = playground.graphNode('node-1');
  await node.click({ position: { x: 40, y: 12 } });
  await playground.whatIf('cordon');
  await expect(node).toHaveClass(/is-cordoned/);
  await expect(playground.whatIfNotice()).toContainText('node/node-1 cordoned');
  const running = await page
    .locator('.react-flow__node[data-id^="pod:default/my-webapp-"]')
    .evaluateAll((els) => els.length);
  expect(running).toBe(3);

  await playground.whatIf('drain');
  await expect(playground.whatIfNotice()).toContainText('drained');
  // The pods left on node-1 are terminating; three ready pods run elsewhere. Polled as a whole,
  // so a graph drawn before the drain reached it cannot pass or fail the check half-way.
  await expect
    .poll(() =>
      playground
        .graphPods(app)
        .evaluateAll((els) =>
          els.map((el) => `${el.getAttribute('data-state')}@${el.getAttribute('data-node')}`),
        ),
    )
    .toContain('terminating@node-1');
  const readyNodes = await playground
    .graphPods(app)
    .and(page.locator('[data-state="ready"]'))
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-node')));
  expect(readyNodes).toHaveLength(3);
  expect(readyNodes).not.toContain('node-1');
});

test('switches externalTrafficPolicy and kube-proxy mode', async ({ playground, page }) => {
  await playground.open('my-webapp');
  const service = playground.graphService('default/my-webapp-nodeport');
  await service.click();
  await playground.whatIf('traffic-policy');
  await expect(service.locator('.flow-tag', { hasText: 'Local' })).toBeVisible();
  await page.getByTestId('proxy-mode').selectOption('ipvs');
  await expect(playground.graphNode('node-2')).toContainText('kube-proxy: ipvs');
  await expect.poll(() => playground.savedText()).toContain('kind: KubeProxyConfiguration');
});

test('keyboard: Enter selects a focused pod, Delete deletes it, Ctrl+Z brings it back', async ({
  playground,
  page,
}) => {
  await playground.open('my-webapp');
  const key = (await playground.graphPodKeys(app))[0] ?? '';
  const wrapper = page.locator(`.react-flow__node[data-id="pod:${key}"]`);
  await wrapper.focus();
  await page.keyboard.press('Enter');
  await expect(playground.graphPod(key)).toHaveClass(/is-selected/);
  await page.keyboard.press('Delete');
  await expect(playground.graphPod(key)).toHaveAttribute('data-state', 'terminating');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(playground.graphPod(key)).toHaveAttribute('data-state', 'ready');
  await expect(playground.graphPods(app)).toHaveCount(3);
});
