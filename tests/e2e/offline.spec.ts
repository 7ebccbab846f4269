/**
 * Offline: after one visit the service worker holds every file of the build, so the page, the
 * editor and the engine open and work with no network; the app is installable.
 */
import { expect, test } from './fixtures';

// The other tests block the service worker (playwright.config.ts); these are about it.
test.use({ serviceWorkers: 'allow' });

test('the app reloads offline from its service worker, editor and engine included', async ({
  playground,
  context,
}) => {
  await playground.open('web-service');
  await playground.page.getByTestId('document-menu').click();
  // Caching the build's 7 MB (the editor's 4 MB among them) takes a while on a loaded machine.
  await expect(playground.page.getByTestId('offline-status')).toHaveAttribute(
    'data-status',
    'ready',
    { timeout: 30_000 },
  );
  await playground.page.keyboard.press('Escape');
  await expect
    .poll(() => playground.page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);

  await context.setOffline(true);
  try {
    await playground.page.reload();
    await expect(playground.editor.locator('.view-lines')).toBeVisible();
    await expect(playground.engineStatus).toHaveAttribute('data-status', 'ready');
    await expect(playground.graphService('default/web-service')).toBeVisible();

    // The editor works: an edit reaches the engine worker (also served from the cache).
    await playground.pasteAtEnd(
      '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: offline\nspec:\n  ports:\n  - port: 80\n',
    );
    await expect(playground.graphService('default/offline')).toBeVisible();

    // Another query string is the same page, from the cache too.
    await playground.open('my-webapp');
    await expect(playground.graphService('default/my-webapp-nodeport')).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('the app is installable: a manifest with icons and no installability errors', async ({
  playground,
}) => {
  await playground.open();
  const href = await playground.page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('./manifest.webmanifest');
  const manifest = await playground.page.evaluate(async (url) => {
    const response = await fetch(url);
    return (await response.json()) as {
      icons: { src: string; sizes: string }[];
      start_url: string;
    };
  }, href ?? '');
  expect(manifest.start_url).toBe('./');
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  for (const icon of manifest.icons) {
    const status = await playground.page.evaluate(
      async (src) =>
        (await fetch(new URL(src, new URL('manifest.webmanifest', document.baseURI)))).status,
      icon.src,
    );
    expect(status, icon.src).toBe(200);
  }
  const cdp = await playground.page.context().newCDPSession(playground.page);
  await expect
    .poll(async () => {
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      // Playwright's contexts are incognito profiles, where Chromium never installs apps.
      return installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
    })
    .toEqual([]);
});
