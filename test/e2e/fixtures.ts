// Per-test web host: a fresh temp folder with its own ledger file, the built renderer (out/renderer)
// served on 127.0.0.1, closed and removed after the test. Every test also fails on any console
// error or uncaught page error.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { ApiCallName } from '../../src/shared/api-names';
import type { CallInput, CallOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { startWebHost } from '../../src/main/web/host';

export type WebHost = Awaited<ReturnType<typeof startWebHost>>;

interface Fixtures {
  tmpDir: string;
  host: WebHost;
  /** Console errors and page errors seen so far; the test fails if any remain at its end. */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; tmpDir has none
  tmpDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'ledger-e2e-'));
    try {
      await use(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  host: async ({ tmpDir }, use) => {
    const host = await startWebHost({
      dbPath: join(tmpDir, 'ledger.sqlite'),
      rendererDir: resolve('out/renderer'),
      port: 0,
    });
    // A clerk has given their name (the first-start question has its own test): straight in,
    // and written as a setting, not as a change in the history.
    host.ledger.db
      .prepare("INSERT INTO settings (key, value) VALUES ('clerk.name', '김영호') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run();
    try {
      await use(host);
    } finally {
      await host.close();
    }
  },
  consoleErrors: [
    // Depends on the host so its check runs before the host closes: a request still in flight
    // at the very end of a test must not count as the app's error.
    async ({ page, host }, use) => {
      void host;
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors and page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Calls the ledger API from inside the page, exactly as the renderer's web client does. */
export async function apiCall<K extends ApiCallName>(
  page: Page,
  host: WebHost,
  name: K,
  input: CallInput<K>,
): Promise<Result<CallOutput<K>>> {
  return page.evaluate(
    async ({ name, input, token }) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-token': token },
        body: JSON.stringify(input),
      });
      return (await response.json()) as Result<CallOutput<K>>;
    },
    { name, input, token: host.token },
  );
}

/** The value of a successful call; fails the test otherwise. */
export async function apiValue<K extends ApiCallName>(page: Page, host: WebHost, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = await apiCall(page, host, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Opens the app and waits until the ledger's data has arrived (status bar filled). */
export async function openApp(page: Page, host: WebHost, route?: string): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('status-ledger-path')).toBeVisible();
  if (route !== undefined) {
    await page.getByTestId(`nav-${route}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${route}$`));
  }
}

export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Let fonts finish and transitions settle so the image shows the steady state.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: false });
}

/** Digits of a formatted count ("1,234" → 1234). */
export function parseCount(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}
