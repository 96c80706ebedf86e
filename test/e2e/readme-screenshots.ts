// The README's screenshots (docs/images/*.png), taken in Debian's Chromium against the web host on
// the built renderer, Korean UI, 1280×720. Not a test (Playwright runs only *.spec.ts): run it
// by hand after changing what the pictures show —
//   npm run build && npx tsx test/e2e/readme-screenshots.ts
// then shrink them: pngquant --force --ext .png --quality 70-95 --strip docs/images/*.png (Debian
// package pngquant), and look at them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, type Page } from '@playwright/test';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { startWebHost } from '../../src/main/web/host';
import { chromiumPath } from '../../playwright.config';

const SAMPLES = process.env.SHARED_SAMPLES ?? resolve(__dirname, '../../../shared/samples');
const OUT = resolve(__dirname, '../../docs/images');

async function withHost(fill: boolean, run: (page: Page, host: Awaited<ReturnType<typeof startWebHost>>) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-shots-'));
  const host = await startWebHost({ dbPath: join(dir, 'ledger.sqlite'), rendererDir: resolve('out/renderer'), port: 0 });
  host.ledger.db
    .prepare("INSERT INTO settings (key, value) VALUES ('clerk.name', '김영호') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run();
  if (fill) fillLedger(host.ledger.db, { persons: 3000, seed: 5, allocatedShare: 0.6 });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ locale: 'ko-KR', viewport: { width: 1280, height: 720 } });
    await page.goto(host.url);
    await expect(page.getByTestId('status-ledger-path')).toBeVisible();
    await run(page, host);
  } finally {
    await browser.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, name) });
  console.log(`wrote docs/images/${name}`);
}

async function main(): Promise<void> {
  // 1. Importing the Bureau's decision file: the dry run's report.
  await withHost(false, async (page) => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file-input').setInputFiles(join(SAMPLES, 'decision-11-spring-ko.xlsx'));
    await expect(page.getByTestId('import-layout-step')).toBeVisible();
    await page.getByTestId('import-next').click();
    await expect(page.getByTestId('import-report')).toBeVisible();
    await shot(page, 'import-check.png');
  });
  // 2. Assigning a workplace by hand, 3. exporting the rosters: a ledger of 3,000 persons.
  await withHost(true, async (page, host) => {
    const row = host.ledger.db
      .prepare("SELECT id FROM placements WHERE request_id IS NULL AND status <> 'cancelled' ORDER BY id LIMIT 1")
      .get() as { id: number };
    await page.getByTestId('nav-placements').click();
    const target = page.locator(`.ag-grid-scrolling-container [role="row"][row-id="${row.id}"] [col-id="name"]`);
    await expect(target).toBeVisible();
    await target.click();
    await page.getByTestId('grid-place').click();
    await expect(page.getByTestId('place-dialog')).toBeVisible();
    await shot(page, 'assign-workplace.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-export').click();
    await expect(page.getByTestId('export-selected')).toBeVisible();
    await shot(page, 'export-rosters.png');
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
