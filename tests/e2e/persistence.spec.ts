/**
 * Nothing is lost: the document survives a reload, a closed tab and an engine crash; named saved
 * documents; a reset that can be undone; a link never overwrites edits without keeping them.
 */
import { deflateRawSync } from 'node:zlib';
import { generateClusterYaml } from '../../bench/generate';
import { expect, test } from './fixtures';
import { PlaygroundPage } from './playgroundPage';

const extraService =
  '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: kept\nspec:\n  selector:\n    app: web-app\n  ports:\n  - port: 8080\n';

test('an edit, the selection and the panel survive a reload', async ({ playground, page }) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(extraService);
  await expect(playground.graphService('default/kept')).toBeVisible();
  await playground.graphPod('default/web-pod').click();
  await playground.showPanel('dns');
  await expect.poll(() => playground.savedText()).toContain('name: kept');

  await page.reload();
  await expect(playground.engineStatus).toHaveAttribute('data-status', 'ready');
  await expect(playground.graphService('default/kept')).toBeVisible();
  await expect(playground.graphPod('default/web-pod')).toHaveClass(/is-selected/);
  await expect(page.getByTestId('tab-dns')).toHaveAttribute('aria-selected', 'true');
  expect(new URL(page.url()).searchParams.get('scenario')).toBe('web-service');
});

test('an edit survives a tab closed right after it', async ({ playground, context }) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(extraService);
  // Closed at once: the 200 ms save has not run; the page saves when it is hidden.
  await playground.page.close({ runBeforeUnload: true });

  const again = new PlaygroundPage(await context.newPage());
  await again.open();
  await expect(again.graphService('default/kept')).toBeVisible();
});

test('saved documents: save as, open, delete', async ({ playground, page }) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(extraService);
  await expect.poll(() => playground.savedText()).toContain('name: kept');
  const mine = await playground.savedText();
  await playground.saveAs('my web service');

  await playground.scenarioPicker.selectOption('my-webapp');
  await expect(playground.graphService('default/kept')).toBeHidden();

  await playground.fileMenu('saved');
  const row = playground.savedDocument('my web service');
  await expect(row).toContainText(/\d+ (bytes|KB)/);
  await row.getByTestId('saved-open').click();
  await expect(page.getByTestId('saved-dialog')).toBeHidden();
  await playground.expectSavedText(mine);
  await expect(playground.graphService('default/kept')).toBeVisible();

  // They outlive the page, and deleting asks once more.
  await page.reload();
  await playground.fileMenu('saved');
  await row.getByTestId('saved-delete').click();
  await expect(row.getByTestId('saved-delete')).toHaveText('Really delete');
  await row.getByTestId('saved-delete').click();
  await expect(row).toBeHidden();
});

test('reset goes back to the original after a confirmation, and Undo brings the edits back', async ({
  playground,
  page,
}) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(extraService);
  await expect.poll(() => playground.savedText()).toContain('name: kept');
  const edited = await playground.savedText();

  await playground.fileMenu('reset');
  await expect(page.getByTestId('reset-dialog')).toContainText('Undo');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(playground.graphService('default/kept')).toBeVisible();

  await playground.fileMenu('reset');
  await page.getByTestId('reset-confirm').click();
  await expect(playground.graphService('default/kept')).toBeHidden();
  await expect.poll(() => playground.savedText()).not.toContain('name: kept');

  await page.getByTestId('undo').click();
  await playground.expectSavedText(edited);
  await expect(playground.graphService('default/kept')).toBeVisible();
});

test('opening a link keeps the edits it replaces as a saved document', async ({ playground }) => {
  await playground.open('web-service');
  await playground.pasteAtEnd(extraService);
  await expect.poll(() => playground.savedText()).toContain('name: kept');
  const edited = await playground.savedText();

  const link = `./#v1:${deflateRawSync(Buffer.from(JSON.stringify({ text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shared\n' }))).toString('base64url')}`;
  await playground.openUrl(link);
  await expect(playground.documentNotice()).toContainText('kept in Saved documents');
  await expect.poll(() => playground.savedText()).toContain('kind: Namespace');

  await playground.fileMenu('saved');
  await playground.page.getByTestId('saved-document').first().getByTestId('saved-open').click();
  await playground.expectSavedText(edited);
});

test.describe('with the engine worker replaced by one that crashes', () => {
  // The service worker would serve the engine from its cache, past page.route.
  test.use({ serviceWorkers: 'block' });

  test('an edit that crashes the engine is still saved and survives a reload', async ({
    playground,
    page,
  }) => {
    await page.route(/engine\.worker-[^/]*\.js(\?.*)?$/, async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.has('real')) return route.continue();
      await route.fulfill({
        contentType: 'text/javascript',
        body: `import './${url.pathname.split('/').pop() ?? ''}?real';
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
    await playground.open('web-service');
    await playground.pasteAtEnd(`${extraService}# crash-the-engine\n`);
    await expect(playground.engineStatus).toHaveAttribute('data-status', 'crashed');
    await expect.poll(() => playground.savedText()).toContain('# crash-the-engine');

    await page.unrouteAll();
    await page.reload();
    await expect(playground.engineStatus).toHaveAttribute('data-status', 'ready');
    expect(await playground.savedText()).toContain('# crash-the-engine');
    await expect(playground.graphService('default/kept')).toBeVisible();
  });
});

test('a document too large for localStorage is kept in IndexedDB and survives a reload', async ({
  playground,
  page,
}) => {
  test.setTimeout(120_000);
  // 5.3 million characters: more than the 5 Mi localStorage holds.
  const text = generateClusterYaml({ services: 10_000, replicas: 5 });
  await playground.open('my-webapp');
  await playground.showPanel('services');
  await playground.replaceText(text);
  const count = page.getByTestId('services-panel').locator('h2 .count');
  await expect(count).toHaveText('10002', { timeout: 60_000 });
  // localStorage holds only the marker; the document itself went to IndexedDB.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('kube-service-playground:document:v1')), {
      timeout: 30_000,
    })
    .toBe('{"inIndexedDB":true}');

  await page.reload();
  await expect(count).toHaveText('10002', { timeout: 60_000 });
  await expect(page.getByText("too large for the browser's storage")).toHaveCount(0);
  // Back to a small document: it is saved in localStorage again.
  await playground.replaceText(extraService.slice(5));
  await expect.poll(() => playground.savedText(), { timeout: 30_000 }).toContain('name: kept');
});
