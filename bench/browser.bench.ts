/**
 * Browser figures, measured in headless Chromium against a production build served by
 * `vite preview` on a free port (built into a temporary folder; the server is stopped at the
 * end). One JSON line per figure. Targets (issue 6): 200 packets in flight at 60 frames per
 * second; a keystroke in the classroom scenario reaches the graph in under 100 ms; the first
 * view is usable in under 1.5 s; the JavaScript loaded before the editor is under 250 KB gzipped.
 * A report, not a timed test: it never fails on a missed target.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../scripts/chromium.mjs';
import { median, round } from './measure';

const root = join(import.meta.dirname, '..');
const scenarioDir = join(root, 'src', 'scenarios');
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** tsx keeps function names with an `__name` helper that page.evaluate's copies lack. */
const nameShim = 'globalThis.__name = (f) => f;';

/** Times every requestAnimationFrame callback: the page's own work per frame (the packet layer draws in one). */
const rafTimer = `{
  const raf = window.requestAnimationFrame.bind(window);
  const work = (window.__frameWork = new Map());
  window.requestAnimationFrame = (callback) => raf((time) => {
    const start = performance.now();
    callback(time);
    work.set(time, (work.get(time) ?? 0) + performance.now() - start);
  });
}`;

function report(figure: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'browser', ...figure }));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

/** Gzipped size of each built asset, by its path under the build folder. */
function gzippedSizes(dir: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of readdirSync(join(dir, 'assets'))) {
    sizes.set(
      `assets/${file}`,
      gzipSync(readFileSync(join(dir, 'assets', file)), { level: 9 }).length,
    );
  }
  return sizes;
}

async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]', {
    state: 'attached',
  });
  await page.waitForSelector('[data-testid="graph-pod"]');
}

/** First view usable: from navigation start to the graph drawn and the request bar enabled. */
async function firstView(browser: Browser, base: string, sizes: Map<string, number>) {
  const times: number[] = [];
  let beforeEditor: { files: string[]; gzipBytes: number; workerGzipBytes: number } | undefined;
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    let editorSeen = false;
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname.replace(/^\//, '');
      if (!path.endsWith('.js')) return;
      if (path.includes('YamlEditor')) editorSeen = true;
      if (!editorSeen) scripts.push(path);
    });
    await page.goto(`${base}/?scenario=my-webapp`);
    const usable = await page.waitForFunction(
      () => {
        const ready = document.querySelector('[data-testid="engine-status"][data-status="ready"]');
        const pod = document.querySelector('[data-testid="graph-pod"]');
        const send = document.querySelector<HTMLButtonElement>('[data-testid="send-1"]');
        return ready && pod && send && !send.disabled ? performance.now() : 0;
      },
      undefined,
      { polling: 'raf' },
    );
    times.push(Number(await usable.jsonValue()));
    if (run === 0) {
      const worker = scripts.filter((s) => s.includes('worker'));
      const main = scripts.filter((s) => !s.includes('worker'));
      const sum = (list: string[]) => list.reduce((n, s) => n + (sizes.get(s) ?? 0), 0);
      beforeEditor = { files: main, gzipBytes: sum(main), workerGzipBytes: sum(worker) };
    }
    await context.close();
  }
  return { times, beforeEditor };
}

/**
 * The classroom scenario: every shipped scenario applied together (as bench/engine.bench.ts),
 * without their fixed nodePorts, which several scenarios share (30080): with them, the API
 * server would reject the later Services and the graph would keep the last good cluster.
 */
function classroomText(): string {
  return readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(scenarioDir, f), 'utf8'))
    .join('\n---\n')
    .replace(/^\s*nodePort: \d+.*\n/gm, '');
}

/** Keystroke to graph: from the keydown to the graph showing one pod more or less. */
async function keystrokeLatency(browser: Browser, base: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(nameShim);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  await openReady(page, `${base}/?scenario=my-webapp`);
  await page.locator('[data-testid="editor"] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), classroomText());
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForTimeout(1500);
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]', {
    state: 'attached',
  });
  // Monaco draws only the lines in view: go to the line with its own find widget.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('replicas: 3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    const w = window as unknown as { __keyAt?: number };
    window.addEventListener('keydown', () => (w.__keyAt = performance.now()), { capture: true });
  });
  const latencies: number[] = [];
  for (let i = 0; i < 8; i++) {
    const digit = i % 2 === 0 ? '4' : '3';
    await page.evaluate(() => {
      const w = window as unknown as { __graphAt?: Promise<number> };
      const graph = document.querySelector('[data-testid="graph"]');
      const before = document.querySelectorAll('[data-testid="graph-pod"]').length;
      w.__graphAt = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('[data-testid="graph-pod"]').length !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        if (graph) observer.observe(graph, { childList: true, subtree: true });
      });
    });
    // One keystroke: the replica count, selected, typed over.
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.type(digit);
    const latency = await page.evaluate(async () => {
      const w = window as unknown as { __keyAt?: number; __graphAt?: Promise<number> };
      const at = await Promise.race([
        w.__graphAt ?? Promise.resolve(0),
        new Promise<number>((r) => setTimeout(() => r(-1), 3000)),
      ]);
      return at < 0 ? -1 : at - (w.__keyAt ?? at);
    });
    if (latency >= 0) latencies.push(latency);
    await page.waitForTimeout(400);
  }
  await context.close();
  return latencies;
}

/** Counts frames for 3 s: frames per second, 95th percentile frame time, the page's work per frame, packets in flight. */
async function countFrames() {
  const canvas = document.querySelector<HTMLElement>('[data-testid="packet-layer"]');
  const work = (window as unknown as { __frameWork?: Map<number, number> }).__frameWork;
  work?.clear();
  const frames: number[] = [];
  const inFlight: number[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = (now: number) => {
      frames.push(now);
      inFlight.push(Number(canvas?.dataset.inFlight ?? 0));
      if (now - start < 3000) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  gaps.sort((a, b) => a - b);
  const perFrame = [...(work?.values() ?? [])].sort((a, b) => a - b);
  const elapsed = (frames[frames.length - 1] ?? start) - (frames[0] ?? start);
  return {
    fps: ((frames.length - 1) * 1000) / Math.max(1, elapsed),
    p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    p95WorkMs: perFrame[Math.floor(perFrame.length * 0.95)] ?? 0,
    minInFlight: Math.min(...inFlight),
    maxInFlight: Math.max(...inFlight),
  };
}

/** Frames per second while about 200 packets fly (two batches of 100 DNS-then-HTTP requests), and idle on the same page. */
async function packetFps(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(nameShim);
  await context.addInitScript(rafTimer);
  const page = await context.newPage();
  await openReady(page, `${base}/?scenario=my-webapp`);
  const idle = await page.evaluate(countFrames);
  const source = page.getByTestId('request-source');
  const podOption = await source
    .locator('option[value^="pod:default/"]')
    .first()
    .getAttribute('value');
  if (podOption) await source.selectOption(podOption);
  const destination = page.getByTestId('request-destination');
  const dns = await destination
    .locator('option', { hasText: 'my-webapp-clusterip:80' })
    .first()
    .getAttribute('value');
  if (dns) await destination.selectOption(dns);
  await page.getByTestId('playback-speed').selectOption('0.5');
  await page.getByTestId('send-100').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="request-result"]')?.getAttribute('data-batch') === '1',
  );
  await page.getByTestId('send-100').click();
  await page.waitForFunction(
    () =>
      Number(
        document.querySelector<HTMLElement>('[data-testid="packet-layer"]')?.dataset.inFlight ?? 0,
      ) >= 195,
    undefined,
    { timeout: 20_000 },
  );
  const busy = await page.evaluate(countFrames);
  await context.close();
  return { idle, busy };
}

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'kube-playground-bench-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (build.status !== 0) throw new Error('vite build failed');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(
      'npx',
      [
        'vite',
        'preview',
        '--outDir',
        outDir,
        '--port',
        String(port),
        '--strictPort',
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: root,
        stdio: 'ignore',
        detached: true,
      },
    );
    await waitForServer(`${base}/`, 30_000);
    const executablePath = findChromium();
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: chromiumArgs,
    });

    const sizes = gzippedSizes(outDir);
    const first = await firstView(browser, base, sizes);
    report({
      figure: 'first view usable',
      unit: 'ms',
      median: round(median(first.times)),
      runs: first.times.map(round),
      target: 1500,
    });
    if (first.beforeEditor) {
      report({
        figure: 'JavaScript before the editor',
        unit: 'KB gzip',
        value: round(first.beforeEditor.gzipBytes / 1024),
        files: first.beforeEditor.files,
        engineWorkerKB: round(first.beforeEditor.workerGzipBytes / 1024),
        target: 250,
      });
    }
    const fps = await packetFps(browser, base);
    report({
      figure: '200 packets in flight',
      unit: 'fps',
      value: round(fps.busy.fps),
      p95FrameMs: round(fps.busy.p95FrameMs),
      p95WorkPerFrameMs: round(fps.busy.p95WorkMs),
      inFlight: [fps.busy.minInFlight, fps.busy.maxInFlight],
      sameBrowserIdleFps: round(fps.idle.fps),
      target: 60,
    });
    const keys = await keystrokeLatency(browser, base);
    report({
      figure: 'keystroke to graph (classroom)',
      unit: 'ms',
      median: round(median(keys)),
      runs: keys.map(round),
      target: 100,
    });
  } finally {
    await browser?.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        server.kill('SIGTERM');
      }
    }
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
