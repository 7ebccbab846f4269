/** A large paste arrives in slices (src/ui/editor/largePaste.ts): the same text, one undo step. */
import { generateClusterYaml } from '../../bench/generate';
import { expect, test } from './fixtures';

test('a large paste gives the pasted cluster, and one undo brings the scenario back', async ({
  playground,
  page,
}) => {
  // Over 1 MB: five slices.
  const text = generateClusterYaml({ services: 2100, replicas: 1 });
  expect(text.length).toBeGreaterThan(4 * 256 * 1024);
  await playground.open('my-webapp');
  await playground.showPanel('services');
  const count = page.getByTestId('services-panel').locator('h2 .count');
  await expect(count).toHaveText('4');
  await playground.replaceText(text);
  // The 2,100 generated Services, kubernetes and kube-dns: every slice arrived, in order.
  await expect(count).toHaveText('2102', { timeout: 60_000 });
  await expect(playground.editor.locator('.view-lines')).toContainText('apiVersion: v1');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(count).toHaveText('4', { timeout: 60_000 });
  await expect(playground.graphService('default/my-webapp-nodeport')).toBeVisible();
});
