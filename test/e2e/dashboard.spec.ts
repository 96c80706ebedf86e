// The Dashboard of a term: totals, charts (SVG), the table — in Korean and English at two window
// sizes, with no database code or ISO date on screen; a county opens Placements filtered to it;
// the page prints on A4 landscape (checked as a PDF page rendered to PNG); the regions reference
// lives in Settings.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { apiValue, expect, openApp, SCREENSHOT_DIR, screenshot, test, type WebHost } from './fixtures';

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
/** Region codes look like `kangwon.hoeyang-gun` (or a province's `kangwon` beside a name); sector codes like `local_factory`. */
const CODE = /\b[a-z]+\.[a-z]+(-[a-z]+)*\b|\b[a-z]+_[a-z_]+\b/;

async function openDashboard(page: Page, host: WebHost, language: 'ko' | 'en') {
  await openApp(page, host);
  if (language === 'en') await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('dashboard-table')).toBeVisible();
  await expect(page.locator('[data-testid="dashboard-bars"] svg')).toBeVisible();
  await expect(page.locator('[data-testid="dashboard-map"] svg')).toBeVisible();
  await expect(page.locator('[data-testid="dashboard-arrivals"] svg')).toBeVisible();
}

async function checkText(page: Page, language: 'ko' | 'en') {
  const text = await page.getByTestId('dashboard').innerText();
  expect(text).not.toMatch(ISO_DATE);
  expect(text).not.toMatch(CODE);
  const svgText = await page.locator('[data-testid="dashboard"] svg text').allTextContents();
  expect(svgText.join(' ')).not.toMatch(CODE);
  if (language === 'en') {
    // Regions, sectors and headings in English: no Hangul in the table or the charts.
    expect(await page.getByTestId('dashboard-table').innerText()).not.toMatch(/[\uac00-\ud7af]/);
    expect(svgText.join(' ')).not.toMatch(/[\uac00-\ud7af]/);
  }
}

test('dashboard: the term per city/county and sector, in Korean and English, at two sizes', async ({ page, host }) => {
  fillLedger(host.ledger.db, { persons: 3000, seed: 5 });
  const figures = await (async () => {
    await page.goto(host.url);
    return apiValue(page, host, 'dashboardFigures', { cohortId: null });
  })();
  expect(figures.rows.length).toBeGreaterThan(0);
  expect(figures.arrivals.length).toBeGreaterThan(0);
  for (const language of ['ko', 'en'] as const) {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openDashboard(page, host, language);
      await expect(page.getByTestId('page-title')).toHaveText(language === 'ko' ? '현황' : 'Dashboard');
      for (const k of ['requested', 'decided', 'assigned', 'notified', 'arrived'] as const) {
        await expect(page.locator(`[data-testid="dashboard-total-${k}"] .stat__value`)).toHaveAttribute(
          'data-value',
          String(figures.totals[k]),
        );
      }
      await checkText(page, language);
      await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
      await screenshot(page, `dashboard-${language}-${width}x${height}.png`);
      await page.locator('[data-testid="dashboard-map"]').scrollIntoViewIfNeeded();
      await screenshot(page, `dashboard-${language}-${width}x${height}-map.png`);
      await page.getByTestId('dashboard-table').scrollIntoViewIfNeeded();
      await screenshot(page, `dashboard-${language}-${width}x${height}-table.png`);
      if (language === 'en') await page.getByTestId('lang-ko').click();
    }
  }
});

test('dashboard: a county in the table, a bar and a tile open Placements filtered to that county', async ({ page, host }) => {
  fillLedger(host.ledger.db, { persons: 3000, seed: 5 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page, host, 'ko');
  const first = page.locator('[data-testid="dashboard-table"] tbody tr[data-county]').first();
  const code = await first.getAttribute('data-county');
  const expected = host.ledger.db
    .prepare(
      'SELECT count(*) FROM placements pl JOIN regions r ON r.id = pl.dest_county_id WHERE r.code = ? AND pl.cohort_id = (SELECT max(id) FROM cohorts)',
    )
    .pluck()
    .get(code) as number;
  await first.locator('th button').click();
  await expect(page.getByTestId('grid-page-placements')).toBeVisible();
  await expect(page.getByTestId('grid-row-count')).toHaveAttribute('data-value', String(expected));

  // A tile of the map (ECharts draws the heatmap's cells as SVG paths): some county, filtered.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.locator('[data-testid="dashboard-map"] svg')).toBeVisible();
  const box = (await page.locator('[data-testid="dashboard-map"]').boundingBox())!;
  await page.mouse.click(box.x + 60, box.y + 40);
  await expect(page).toHaveURL(/#\/placements\?/);
  const url = decodeURIComponent(page.url());
  expect(url).toContain('county=');
  await expect(page.getByTestId('grid-row-count')).not.toHaveAttribute('data-value', '');

  // A bar (the local-factory part of the first city/county's stack, drawn as an SVG path): its county.
  await page.getByTestId('nav-dashboard').click();
  const bar = page.locator('[data-testid="dashboard-bars"] svg path[fill="#1f5fbf"]').nth(1);
  await expect(bar).toBeVisible();
  await bar.click();
  await expect(page).toHaveURL(/#\/placements\?/);
  expect(decodeURIComponent(page.url())).toMatch(/county=[^&]+/);
});

test('dashboard: printed on A4 landscape with vector charts (PDF page rendered and kept)', async ({ page, host }) => {
  fillLedger(host.ledger.db, { persons: 3000, seed: 5 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page, host, 'ko');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.dash-print-head')).toBeVisible();
  await expect(page.locator('.sidebar')).toBeHidden();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const pdf = await page.pdf({ landscape: true, format: 'A4', printBackground: true, preferCSSPageSize: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, 'dashboard-print.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(SCREENSHOT_DIR, 'dashboard-print')]);
  // Vector charts: the PDF carries the charts' text as text, not as a picture.
  const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-']).toString();
  expect(text).toContain('충원률');
  expect(text).not.toMatch(ISO_DATE);
  const info = execFileSync('pdfinfo', [file]).toString();
  expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
});

test('settings: the regions reference — provinces with their cities, counties and districts', async ({ page, host }) => {
  await openApp(page, host, 'settings');
  const regions = await apiValue(page, host, 'listRegions', {});
  const table = page.getByTestId('regions-reference');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(regions.provinces.length);
  const first = regions.provinces[0]!;
  const row = page.getByTestId(`province-row-${first.code}`);
  await expect(row.getByTestId('province-name-ko')).toHaveText(first.nameKo);
  await expect(row).toContainText(first.nameEn);
  await expect(row.getByTestId('province-total')).toHaveText(String(regions.units.filter((u) => u.provinceCode === first.code).length));
  await expect(page.getByTestId('provinces-total')).toHaveText(new Intl.NumberFormat('ko-KR').format(regions.units.length));
});

test('dashboard: not yet arrived per county with its workbook; the figures as xlsx; a chart as PNG', async ({ page, host, tmpDir }) => {
  fillLedger(host.ledger.db, { persons: 3000, seed: 5 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page, host, 'ko');
  const section = page.getByTestId('dashboard-not-arrived');
  await section.scrollIntoViewIfNeeded();
  const show = section.locator('button[data-testid^="not-arrived-show-"]').first();
  await show.click();
  const list = page.getByTestId('not-arrived-list');
  await expect(list.locator('tbody tr').first()).toBeVisible();
  const listText = await list.innerText();
  expect(listText).not.toMatch(ISO_DATE);
  expect(listText).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
  await list.scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-not-arrived-ko.png');

  const out = join(tmpDir, '내보내기');
  await page.getByTestId('not-arrived-export').click();
  await page.getByTestId('dashboard-save-folder').fill(out);
  await page.getByTestId('dashboard-save-go').click();
  await expect(section.getByRole('status')).toContainText('명단을 저장했습니다');
  const saved = (await section.getByRole('status').innerText()).replace(/^.*: /, '').trim();
  expect(existsSync(saved)).toBe(true);
  expect(saved.endsWith('미도착 인원.xlsx')).toBe(true);

  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await page.getByTestId('dashboard-export').click();
  await page.getByTestId('dashboard-save-folder').fill(out);
  await page.getByTestId('dashboard-save-go').click();
  await expect(page.getByTestId('dashboard-notice')).toContainText('엑셀 파일을 저장했습니다');
  expect(existsSync(join(out, '2027 봄 시·군, 부문별 배치 현황.xlsx'))).toBe(true);

  const download = page.waitForEvent('download');
  await page.getByTestId('dashboard-bars-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const png = join(SCREENSHOT_DIR, 'dashboard-bars-export.png');
  await file.saveAs(png);
});
