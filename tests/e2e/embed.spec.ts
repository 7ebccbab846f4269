/**
 * Embedding: the build served from a sub-path (/playground/) by a small static server, its
 * documentation page with two embeds and a host script, and the postMessage API's origin check
 * (a second server port is a second origin). The build is `dist/` (`npm run test:e2e` makes it),
 * or the folder named by PLAYWRIGHT_DIST (as playwright.config.ts reads it).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test } from './fixtures';
import type { FrameLocator, Page } from '@playwright/test';

const root = resolve(process.env.PLAYWRIGHT_DIST ?? 'dist');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Serves the build under /playground/, and at /host.html a page that embeds the URLs given as
 * `src` parameters and keeps every message it receives in `window.received`.
 */
function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/host.html') {
        const frames = url.searchParams
          .getAll('src')
          .map(
            (src, i) =>
              `<iframe id="f${i}" src="${escapeAttribute(src)}" width="900" height="500"></iframe>`,
          )
          .join('\n');
        response.writeHead(200, { 'content-type': types['.html'] ?? '' });
        response.end(
          `<!doctype html><title>host</title>${frames}<script>window.received = []; addEventListener('message', (e) => received.push({ origin: e.origin, data: e.data }));</script>`,
        );
        return;
      }
      if (!url.pathname.startsWith('/playground/')) {
        response.writeHead(404).end();
        return;
      }
      const path = normalize(decodeURIComponent(url.pathname.slice('/playground/'.length)));
      if (path.startsWith('..')) {
        response.writeHead(403).end();
        return;
      }
      let file = join(root, path);
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        response.writeHead(200, {
          'content-type': types[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

let site: { server: Server; origin: string };
let other: { server: Server; origin: string };

test.beforeAll(async () => {
  site = await serve();
  other = await serve();
});

test.afterAll(async () => {
  await Promise.all([site, other].map(({ server }) => new Promise((done) => server.close(done))));
});

const yamlWith = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
`;

function embedded(page: Page, index: number): FrameLocator {
  return page.frameLocator(`#f${index}`);
}

async function post(page: Page, index: number, message: object): Promise<void> {
  await page.evaluate(
    ([i, data]) => {
      const frame = document.getElementById(`f${String(i)}`) as HTMLIFrameElement;
      frame.contentWindow?.postMessage(data, '*');
    },
    [index, message] as const,
  );
}

test('the documentation page with two embeds works from a sub-path', async ({ page }) => {
  await page.goto(`${site.origin}/playground/docs-example.html`);
  const first = page.frameLocator('#cross-node');
  const second = page.frameLocator('#balancing');
  await expect(first.getByTestId('embed')).toBeVisible();
  await expect(second.getByTestId('embed')).toBeVisible();
  await expect(first.getByTestId('graph')).toBeVisible();
  await expect(second.getByTestId('tabpanel-services')).toBeVisible();
  // No editor in these embeds, and the chosen panels only.
  await expect(first.getByTestId('editor')).toHaveCount(0);
  await expect(first.getByTestId('tabpanel-trace')).toBeVisible();
  await expect(first.getByTestId('tabpanel-services')).toHaveCount(0);

  // Autoplay sent a request in the first; the host page read both embeds' messages.
  await expect(page.locator('#cross-node-result')).toContainText('1 request(s) from 203.0.113.10');
  await expect(page.locator('#balancing-result')).toContainText('Cluster ready: 2 Service(s)');

  await page.getByRole('button', { name: 'Send a request to node-3:30080' }).click();
  await expect(page.locator('#cross-node-result')).toContainText(
    'to 192.168.1.13:30080 in iptables mode: 1 reached a pod',
  );
  await page.getByRole('button', { name: /Load the same cluster/ }).click();
  await expect(page.locator('#cross-node-result')).toContainText('0 reached a pod, 1 dropped');
  await page.getByRole('button', { name: /Switch to IPVS/ }).click();
  await expect(page.locator('#balancing-result')).toContainText(
    /100 request\(s\) .* in ipvs mode: 100 reached a pod.*: 3[34], .*: 3[34], .*: 3[34]/,
  );

  const link = first.getByTestId('open-full');
  await expect(link).toHaveAttribute('href', new RegExp(`^${site.origin}/playground/#v1:`));
});

test('postMessage from an allowed origin loads YAML; from another origin it is ignored', async ({
  page,
}) => {
  const embed = (origins: string) =>
    `${site.origin}/playground/?embed=1&scenario=web-service&panels=services&origins=${encodeURIComponent(origins)}`;
  // The host page is on `other`'s origin: the first embed allows it, the second does not.
  const host = new URL(`${other.origin}/host.html`);
  host.searchParams.append('src', embed(other.origin));
  host.searchParams.append('src', embed(`${site.origin},https://docs.example.org`));
  await page.goto(host.href);
  for (const i of [0, 1]) {
    await expect(embedded(page, i).getByTestId('service').first()).toBeVisible();
  }
  // The allowed embed said it is ready, to this origin only.
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { received: { data: { type: string } }[] }).received.map(
          (m) => m.data.type,
        ),
      ),
    )
    .toEqual(['ready']);

  const load = { protocol: 'kube-service-playground', version: 1, type: 'load', id: 'load-1' };
  await post(page, 0, { ...load, yaml: yamlWith('from-host') });
  await post(page, 1, { ...load, yaml: yamlWith('from-elsewhere') });

  const allowed = embedded(page, 0);
  await expect(
    allowed.locator('[data-testid="service"][data-service="default/from-host"]'),
  ).toBeVisible();
  await expect(
    allowed.locator('[data-testid="service"][data-service="default/web-service"]'),
  ).toHaveCount(0);
  await expect
    .poll(() =>
      page.evaluate(() =>
        (
          window as unknown as {
            received: {
              origin: string;
              data: { type: string; id?: string; counts?: { services: number } };
            }[];
          }
        ).received.at(-1),
      ),
    )
    .toMatchObject({
      origin: site.origin,
      data: { type: 'loaded', id: 'load-1', counts: { services: 1 } },
    });

  // Send through the API: the result comes back with the outcome and the counts.
  await post(page, 0, {
    protocol: 'kube-service-playground',
    version: 1,
    type: 'send',
    id: 'send-1',
    request: { from: 'from-host', service: 'from-host', via: 'clusterIP' },
    count: 10,
  });
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              received: { data: { id?: string; result?: { sent: number; reached: number } } }[];
            }
          ).received.at(-1)?.data,
      ),
    )
    .toMatchObject({ id: 'send-1', result: { sent: 10, reached: 10 } });

  // The other embed ignored the message: its cluster is unchanged, and it never answered.
  const ignored = embedded(page, 1);
  await expect(
    ignored.locator('[data-testid="service"][data-service="default/web-service"]'),
  ).toBeVisible();
  await page.waitForTimeout(500);
  await expect(
    ignored.locator('[data-testid="service"][data-service="default/from-elsewhere"]'),
  ).toHaveCount(0);
  const answers = await page.evaluate(
    () => (window as unknown as { received: unknown[] }).received.length,
  );
  expect(answers).toBe(3);
});

test('a read-only embed shows its YAML as text and refuses what-ifs', async ({ page }) => {
  await page.goto(
    `${site.origin}/playground/?embed=1&scenario=cross-node&editor=1&readonly=1&theme=dark`,
  );
  await expect(page.getByTestId('readonly-yaml')).toContainText('kind: Service');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('.react-flow__node[data-id="pod:default/hello"]').click();
  await page.getByTestId('whatif-delete-pod').click();
  await expect(page.getByTestId('whatif-notice')).toContainText('This embed is read-only');
  await expect(page.getByTestId('readonly-yaml')).toContainText('name: hello');
});
