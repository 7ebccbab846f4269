/** The browser tests' fixtures: a `playground` page object, and a log of the page's errors. */
import { test as base, expect } from '@playwright/test';
import { PlaygroundPage } from './playgroundPage';

interface Fixtures {
  playground: PlaygroundPage;
  /** Console errors and uncaught exceptions of the page; each test ends by checking it is empty. */
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.text().includes('Could not create web worker')) {
        errors.push(message.text());
      }
    });
    await use(errors);
    expect(errors).toEqual([]);
  },
  playground: async ({ page, context, baseURL, pageErrors: _pageErrors }, use) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(baseURL ?? 'http://127.0.0.1:4173/').origin,
    });
    await use(new PlaygroundPage(page));
  },
});

export { expect };
