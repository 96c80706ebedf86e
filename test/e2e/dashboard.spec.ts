import { apiValue, expect, openApp, parseCount, screenshot, test } from './fixtures';

test('dashboard: count cards from getInfo and the provinces with their cities, counties and districts', async ({ page, host }) => {
  await openApp(page, host);
  const info = await apiValue(page, host, 'getInfo', {});
  const regions = await apiValue(page, host, 'listRegions', {});
  expect(regions.provinces.length).toBeGreaterThan(0);

  await expect(page.getByTestId('page-title')).toHaveText('현황');
  for (const table of ['persons', 'cohorts', 'county_requests', 'placements', 'regions', 'decision_files', 'audit_log'] as const) {
    const value = page.getByTestId(`dashboard-count-${table}-value`);
    await expect(value).toHaveText(new Intl.NumberFormat('ko-KR').format(info.counts[table]));
  }
  expect(parseCount(await page.getByTestId('dashboard-count-regions-value').textContent())).toBe(info.counts.regions);

  const table = page.getByTestId('dashboard-provinces');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(regions.provinces.length);
  // Korean name first, romanized name beside it in smaller text.
  const first = regions.provinces[0];
  expect(first).toBeDefined();
  if (first === undefined) return;
  const row = page.getByTestId(`province-row-${first.code}`);
  await expect(row.getByTestId('province-name-ko')).toHaveText(first.nameKo);
  await expect(row).toContainText(first.nameEn);
  const romanSize = await row.locator('.region-name__roman').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const koSize = await row.getByTestId('province-name-ko').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(romanSize).toBeLessThan(koSize);
  await expect(row.getByTestId('province-total')).toHaveText(
    String(regions.units.filter((unit) => unit.provinceCode === first.code).length),
  );
  // The total row adds up to every city, county and district of the ledger.
  await expect(page.getByTestId('provinces-total')).toHaveText(new Intl.NumberFormat('ko-KR').format(regions.units.length));
  await expect(table).toContainText('평양');
  await screenshot(page, 'dashboard-ko.png');
});
