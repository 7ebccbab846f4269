/**
 * Sharing: a link carries the whole state (document, selection, panel, seed) into a fresh
 * browser; the first link format keeps opening; files go out and come back in; a real
 * cluster's `kubectl get -o yaml` loads as a snapshot.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { firstFormatFragment, firstFormatState } from '../unit/share/fixtures/firstFormat';
import { expect, test } from './fixtures';
import { PlaygroundPage } from './playgroundPage';

const kindSnapshot = readFileSync(
  new URL('../unit/share/fixtures/kind-snapshot.yaml', import.meta.url),
  'utf8',
);

const scenarioText = (name: string): string =>
  readFileSync(new URL(`../../src/scenarios/${name}.yaml`, import.meta.url), 'utf8');

/** A link as another build (or another person) would have written it. */
function linkOf(state: object): string {
  return `./#v1:${deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;
}

test('a share link round-trips the whole state into a fresh browser', async ({
  playground,
  browser,
  baseURL,
}) => {
  const myWebapp = scenarioText('my-webapp');
  await playground.open('my-webapp');
  const seedOnePods = await playground.graphPodKeys('default/my-webapp');

  // Seed 7, from a link: other pod name suffixes than seed 1.
  await playground.openUrl(linkOf({ text: myWebapp, scenario: 'my-webapp', seed: 7 }));
  await expect.poll(() => playground.graphPodKeys('default/my-webapp')).toHaveLength(3);
  const pods = await playground.graphPodKeys('default/my-webapp');
  expect(pods).not.toEqual(seedOnePods);

  await playground.pasteAtEnd(
    '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shared\nspec:\n  selector:\n    app: my-webapp\n  ports:\n  - port: 8080\n',
  );
  await expect(playground.graphService('default/shared')).toBeVisible();
  const pod = pods[1] ?? '';
  await playground.graphPod(pod).click();
  await expect(playground.graphPod(pod)).toHaveClass(/is-selected/);
  await playground.showPanel('dns');
  const text = await playground.savedText();
  expect(text).toContain('name: shared');

  const link = await playground.copyShareLink();
  expect(link).toMatch(/#v1:[A-Za-z0-9_-]+$/);

  const context = await browser.newContext({ baseURL: baseURL ?? '' });
  const other = new PlaygroundPage(await context.newPage());
  await other.openUrl(link);
  await other.expectSavedText(text);
  await expect(other.graphService('default/shared')).toBeVisible();
  expect(await other.graphPodKeys('default/my-webapp')).toEqual(pods);
  await expect(other.graphPod(pod)).toHaveClass(/is-selected/);
  await expect(other.page.getByTestId('tab-dns')).toHaveAttribute('aria-selected', 'true');
  expect(await other.savedRecord()).toMatchObject({
    seed: 7,
    scenario: 'my-webapp',
    admitted: false,
  });
  await expect(other.scenarioPicker).toHaveValue('my-webapp');
  // The fragment is gone: a reload keeps later edits instead of reopening the link.
  expect(new URL(other.page.url()).hash).toBe('');
  await context.close();
});

test('a link of the first format (frozen fixture) still opens', async ({ playground }) => {
  await playground.openUrl(`./${firstFormatFragment}`);
  await playground.expectSavedText(firstFormatState.text);
  await expect(playground.page.getByTestId('proxy-mode')).toHaveValue('ipvs');
  await expect(playground.graphPod('default/web-pod')).toHaveClass(/is-selected/);
  await expect(playground.page.getByTestId('tab-endpoints')).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(await playground.savedRecord()).toMatchObject({ seed: 7, admitted: false });
  await expect(playground.documentNotice()).toContainText('Opened the shared document');
});

test('a damaged link says so and leaves the document alone', async ({ playground }) => {
  await playground.open('web-service');
  const before = await playground.savedText();
  await playground.openUrl(`./${firstFormatFragment.slice(0, 80)}`);
  await expect(playground.documentNotice()).toHaveAttribute('data-tone', 'error');
  await expect(playground.documentNotice()).toContainText('could not be opened');
  expect(await playground.savedText()).toBe(before);
});

test('a document too large for a link says so and offers the download', async ({ playground }) => {
  await playground.open('web-service');
  const noise = randomBytes(40_000).toString('base64');
  await playground.pasteAtEnd(`\n# ${noise}\n`);
  await expect.poll(async () => (await playground.savedText()).length).toBeGreaterThan(50_000);
  await playground.page.getByTestId('copy-link').click();
  await expect(playground.page.getByTestId('share-too-large')).toContainText(
    'too large for a link',
  );
  const downloading = playground.page.waitForEvent('download');
  await playground.page.getByRole('button', { name: 'Download the YAML' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('web-service.yaml');
});

test('download and upload of the YAML as a file', async ({ playground }) => {
  await playground.open('web-service');
  const downloaded = await playground.downloadDocument();
  expect(downloaded.name).toBe('web-service.yaml');
  expect(downloaded.text).toBe(scenarioText('web-service'));

  await playground.open('my-webapp');
  await playground.uploadDocument('mine.yaml', downloaded.text);
  await expect(playground.documentNotice()).toContainText('Opened "mine.yaml"');
  await playground.expectSavedText(downloaded.text);
  await expect(playground.graphService('default/web-service')).toBeVisible();
  await expect(playground.scenarioPicker).toHaveValue('');

  // A file dropped on the page opens the same way.
  const dropped = await playground.page.evaluateHandle(() => {
    const data = new DataTransfer();
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: dropped\nspec:\n  ports:\n  - port: 80\n';
    data.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
    return data;
  });
  await playground.page.getByTestId('graph').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(playground.documentNotice()).toContainText('Opened "dropped.yaml"');
  await expect(playground.graphService('default/dropped')).toBeVisible();
});

test('a non-YAML or huge file is refused with a clear message', async ({ playground }) => {
  await playground.open('web-service');
  const before = await playground.savedText();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  await playground.uploadDocument('photo.png', png, 'image/png');
  await expect(playground.documentNotice()).toContainText('not a YAML text');
  await playground.uploadDocument('letter.txt', 'Dear team,\nhere is our cluster.', 'text/plain');
  await expect(playground.documentNotice()).toContainText('does not look like Kubernetes YAML');
  await playground.uploadDocument('huge.yaml', Buffer.alloc(11 * 1024 * 1024, 'a: b\n'));
  await expect(playground.documentNotice()).toContainText('up to 10.0 MB');
  expect(await playground.savedText()).toBe(before);
});

test("a pasted real cluster shows its own Services, endpoints and each node's rules", async ({
  playground,
}) => {
  await playground.open('web-service');
  await playground.pasteCluster(kindSnapshot);
  await expect(playground.page.getByTestId('snapshot-badge')).toBeVisible();
  await playground.expectSavedText(kindSnapshot);
  await expect(playground.graphNode('kind-control-plane')).toBeVisible();
  await expect(playground.graphNode('kind-worker')).toBeVisible();
  // Read as stored: no CoreDNS or kube-dns added, the EndpointSlice's endpoints as given.
  await expect(playground.graphPods('kube-system/')).toHaveCount(0);
  await playground.showPanel('services');
  await expect(playground.endpoints('default/web')).toHaveCount(2);
  await expect(playground.service('default/web')).toContainText('10.96.142.17');
  await playground.showPanel('rules');
  await playground.page.getByTestId('rules-node').selectOption('kind-worker');
  await playground.findRule('--dport 31380');
  expect(await playground.savedRecord()).toMatchObject({ admitted: true, scenario: null });

  // Back to a simulation of the same YAML as new objects: the built-ins come back.
  await playground.page.getByTestId('snapshot-badge').getByRole('button').click();
  await expect(playground.page.getByTestId('snapshot-badge')).toBeHidden();
  await expect(playground.graphPods('kube-system/coredns')).not.toHaveCount(0);
});

test('the File menu works from the keyboard', async ({ playground, page }) => {
  await playground.open('web-service');
  await page.getByTestId('document-menu').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('menu-save-as')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('menu-saved')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('menu-reset')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(page.getByTestId('document-menu')).toBeFocused();

  // A dialog opened from it takes the focus, and Escape gives the page back.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-as-name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('saved-dialog')).toBeHidden();
});
