// The Allocation page (작업장 배정) in the web host, on a ledger imported from the shared samples
// (the spring term's Bureau decisions and the county request workbooks): the rules in words with
// their ranges, a run with its proposal per city/county, "why" in words, a pin kept by a second
// run, a move by hand, acceptance as one operation written to the ledger, and its undo — from the
// page's button and with Ctrl+Z — in Korean and in English. Screenshots at 1280×720 and 1440×900.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { importFile } from '../helpers/import';
import { apiValue, expect, openApp, parseCount, screenshot, test, type WebHost } from './fixtures';

const SAMPLES = process.env.SHARED_SAMPLES ?? resolve(__dirname, '../../../shared/samples');

async function seed(host: WebHost): Promise<number> {
  for (const [file, options] of [
    ['decision-11-spring-ko.xlsx', {}],
    ['county-requests-11.xlsx', { year: 2027 }],
    ['county-requests-12-per-sheet.xlsx', { year: 2027 }],
  ] as const) {
    const { report } = await importFile(host.ledger, resolve(SAMPLES, file), { skipInvalid: true, options });
    expect(report.committed, file).toBe(true);
  }
  return host.ledger.db.prepare(`SELECT id FROM cohorts WHERE year = 2027 AND term = 'spring'`).pluck().get() as number;
}

/** Placements of the term linked to a request (given a workplace). */
function withWorkplace(host: WebHost, cohortId: number): number {
  return host.ledger.db
    .prepare('SELECT count(*) FROM placements WHERE cohort_id = ? AND request_id IS NOT NULL')
    .pluck()
    .get(cohortId) as number;
}

/** No database id, code or ISO date in what the clerk reads. */
async function expectClerkWords(page: Page, testId: string): Promise<void> {
  const text = (await page.getByTestId(testId).innerText()).trim();
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(text).not.toMatch(
    /#\d+|\bid\b|local_factory|rural_housing|farm_team|seats_taken|no_request_of_sector|all_full_before|county_has_no_requests/,
  );
}

async function run(page: Page): Promise<void> {
  await page.getByTestId('alloc-start').click();
  await expect(page.getByTestId('alloc-totals')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('alloc-start')).toBeEnabled({ timeout: 60_000 });
}

/** Opens the first city/county whose proposal gives someone a workplace, and the persons of its
 * first request that has some; returns both (held by their test ids, so later changes keep them). */
async function openBusyCounty(page: Page) {
  const busy = page.locator('details.alloc-county:not([data-assigned="0"])');
  await busy.first().locator('summary').click();
  await expect(busy.first().locator('tr.alloc-request').first()).toBeVisible();
  const section = page.getByTestId((await busy.first().getAttribute('data-testid'))!);
  const first = section
    .locator('tr.alloc-request')
    .filter({ has: page.getByTestId('alloc-show-persons') })
    .first();
  const request = page.getByTestId((await first.getAttribute('data-testid'))!);
  await request.getByTestId('alloc-show-persons').click();
  await expect(section.getByTestId('alloc-person').first()).toBeVisible();
  return { section, request };
}

test('allocation in Korean: rules, run, why, pin kept by a second run, accept and undo', async ({ page, host }) => {
  test.setTimeout(180_000);
  const cohortId = await seed(host);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, host, 'allocation');
  await expect(page.getByTestId('page-title')).toHaveText('작업장 배정');
  await expect(page.getByTestId('alloc-term')).toContainText('2027년 봄');

  // The rules in words with their ranges; a value out of range stops the run and says the range.
  await expect(page.getByTestId('alloc-setting-skillPoints-range')).toHaveText('(0부터 1,000까지의 옹근수)');
  await page.getByTestId('alloc-setting-skillPoints').fill('5000');
  await expect(page.getByTestId('alloc-start')).toBeDisabled();
  await expect(page.getByTestId('alloc-setting-skillPoints')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('alloc-settings-defaults').click();
  await expect(page.getByTestId('alloc-setting-skillPoints')).toHaveValue('30');
  await page.getByTestId('page-title').scrollIntoViewIfNeeded();
  await screenshot(page, 'allocation-start-ko-1440.png');

  await run(page);
  const waiting = parseCount(await page.getByTestId('alloc-total-persons').textContent());
  const assigned = parseCount(await page.getByTestId('alloc-total-assigned').textContent());
  const unassigned = parseCount(await page.getByTestId('alloc-total-unassigned').textContent());
  expect(waiting).toBeGreaterThan(300);
  expect(assigned).toBeGreaterThan(0);
  expect(assigned + unassigned).toBe(waiting);
  expect(withWorkplace(host, cohortId)).toBe(0); // a proposal writes nothing
  await expectClerkWords(page, 'alloc-proposal');

  // Why, in words: the points of the chosen workplace.
  const { section, request } = await openBusyCounty(page);
  await screenshot(page, 'allocation-proposal-ko-1440.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'allocation-proposal-ko-1280.png');
  const first = section.getByTestId('alloc-person').first();
  const serviceNo = await first.getAttribute('data-service-no');
  await first.getByTestId('alloc-why').click();
  const why = page.getByTestId('alloc-why-sentences');
  await expect(why).toContainText('배정하였습니다');
  await expect(why).toContainText('점');
  await expectClerkWords(page, 'alloc-why-dialog');
  await screenshot(page, 'allocation-why-ko-1280.png');
  await page.getByTestId('alloc-why-close').click();

  // Pin the person; a second run keeps them at the same workplace.
  await first.getByTestId('alloc-pin').click();
  await expect(first.getByTestId('alloc-pinned')).toBeVisible();
  await expect(page.getByTestId('alloc-pins-stale')).toBeVisible();
  await run(page);
  await expect(page.getByTestId('alloc-pins-kept')).toContainText('고정한 1명');
  await expect(page.getByTestId('alloc-pins-stale')).toHaveCount(0);
  await section.locator('summary').click();
  await request.getByTestId('alloc-show-persons').click();
  await expect(section.locator(`[data-testid="alloc-person"][data-service-no="${serviceNo}"]`).getByTestId('alloc-pinned')).toBeVisible();
  const proposal = await apiValue(page, host, 'listAllocationTerms', {});
  expect(proposal.terms.find((x) => x.cohortId === cohortId)?.lastRun?.state).toBe('proposed');

  // Accept: one operation; the ledger now has the workplaces.
  const toAccept = parseCount(await page.getByTestId('alloc-total-assigned').textContent());
  await page.getByTestId('alloc-accept').click();
  await expect(page.getByTestId('alloc-accepted')).toContainText(`${toAccept.toLocaleString('ko-KR')}명을 작업장에 배정하였습니다`);
  expect(withWorkplace(host, cohortId)).toBe(toAccept);
  await screenshot(page, 'allocation-accepted-ko-1280.png');

  // Undo from the page.
  await page.getByTestId('alloc-undo').click();
  await expect(page.getByTestId('alloc-undone')).toBeVisible();
  expect(withWorkplace(host, cohortId)).toBe(0);
});

test('allocation in English: regions in English, why in English, move by hand, accept, Ctrl+Z', async ({ page, host }) => {
  test.setTimeout(180_000);
  const cohortId = await seed(host);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host);
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-allocation').click();
  await expect(page.getByTestId('page-title')).toHaveText('Allocation');
  await expect(page.getByTestId('alloc-term')).toContainText('spring 2027');
  await expect(page.getByTestId('alloc-setting-fairness-range')).toHaveText('(a whole number from 0 to 1,000)');
  await run(page);
  const proposalText = await page.getByTestId('alloc-proposal').innerText();
  expect(proposalText).not.toMatch(/[가-힣]+(군|시|구역)\b/); // city/county names in English
  await expectClerkWords(page, 'alloc-proposal');

  const { section, request } = await openBusyCounty(page);
  await screenshot(page, 'allocation-proposal-en-1280.png');
  const first = section.getByTestId('alloc-person').first();
  await first.getByTestId('alloc-why').click();
  await expect(page.getByTestId('alloc-why-sentences')).toContainText('points');
  await expectClerkWords(page, 'alloc-why-dialog');
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'allocation-why-en-1440.png');
  await page.getByTestId('alloc-why-close').click();

  // Why for a person left without a workplace: the reason, in words.
  const left = page
    .locator('details.alloc-county')
    .filter({ has: page.locator('.alloc-chip--warn') })
    .first();
  await left.locator('summary').click();
  const leftPerson = left.getByTestId('alloc-unassigned').getByTestId('alloc-person').first();
  await leftPerson.getByTestId('alloc-why').click();
  await expect(page.getByTestId('alloc-why-sentences')).toContainText('no workplace was found');
  await expectClerkWords(page, 'alloc-why-dialog');
  await screenshot(page, 'allocation-why-unassigned-en-1440.png');
  await page.getByTestId('alloc-why-close').click();
  await left.locator('summary').click();

  // Move by hand: the person leaves the request (its proposed count drops) and is pinned.
  const before = parseCount(await request.getByTestId('alloc-request-proposed').textContent());
  await first.getByTestId('alloc-move').click();
  await expect(page.getByTestId('alloc-move-dialog')).toBeVisible();
  await page.getByTestId('alloc-move-target').selectOption('none');
  await page.getByTestId('alloc-move-confirm').click();
  await expect(page.getByTestId('alloc-move-dialog')).toHaveCount(0);
  await expect(request.getByTestId('alloc-request-proposed')).toHaveText(String(before - 1));

  const toAccept = parseCount(await page.getByTestId('alloc-total-assigned').textContent());
  await page.getByTestId('alloc-accept').click();
  await expect(page.getByTestId('alloc-accepted')).toContainText(`${toAccept.toLocaleString('en')} persons were given their workplace`);
  expect(withWorkplace(host, cohortId)).toBe(toAccept);
  await screenshot(page, 'allocation-accepted-en-1440.png');

  // Ctrl+Z on the page takes the acceptance back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('alloc-undone')).toBeVisible();
  expect(withWorkplace(host, cohortId)).toBe(0);
});

test('allocation: one county, the proposal workbook, a row opens the Placements grid, a refusal', async ({ page, host, tmpDir }) => {
  test.setTimeout(180_000);
  const cohortId = await seed(host);
  await openApp(page, host, 'allocation');

  // Only the cities/counties chosen: the proposal speaks of that one alone.
  await page.getByTestId('alloc-counties-some').check();
  await expect(page.getByTestId('alloc-start')).toBeDisabled();
  const firstCounty = page.locator('[data-testid^="alloc-scope-county-"]').first();
  const countyId = (await firstCounty.getAttribute('data-testid'))!.replace('alloc-scope-county-', '');
  await firstCounty.check();
  await expect(page.getByTestId('alloc-counties-chosen')).toHaveText('1개 시·군 고름');
  await run(page);
  await expect(page.locator('details.alloc-county')).toHaveCount(1);
  await expect(page.getByTestId(`alloc-county-${countyId}`)).toBeVisible();
  await page.getByTestId('alloc-counties-all').check();
  await run(page);
  expect(await page.locator('details.alloc-county').count()).toBeGreaterThan(1);

  // Another sector allowed in every city/county: persons whose sector has no request there get a
  // workplace of another sector, and each such assignment is flagged.
  expect(parseCount(await page.getByTestId('alloc-total-crossSector').textContent())).toBe(0);
  await page.getByTestId('alloc-other-sector').locator('summary').click();
  for (const box of await page.locator('[data-testid^="alloc-other-sector-"]').all()) await box.check();
  await run(page);
  expect(parseCount(await page.getByTestId('alloc-total-crossSector').textContent())).toBeGreaterThan(0);
  await expect(page.locator('details.alloc-county .alloc-chip--flag').first()).toBeVisible();
  await page.locator('details.alloc-county .alloc-chip--flag').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'allocation-other-sector-ko.png');

  // The proposal workbook, into a folder of the clerk's choice.
  const out = join(tmpDir, '배정안');
  await page.getByTestId('alloc-export-folder').fill(out);
  await page.getByTestId('alloc-export').click();
  await expect(page.getByTestId('alloc-exported')).toBeVisible({ timeout: 30_000 });
  const files = existsSync(out) ? readdirSync(out) : [];
  expect(files.length).toBe(1);
  expect(files[0]!.endsWith('.xlsx')).toBe(true);
  await expect(page.getByTestId('alloc-exported-path')).toHaveText(join(out, files[0]!));
  expect(readFileSync(join(out, files[0]!)).subarray(0, 2).toString()).toBe('PK');
  // Again: the file exists, so the page asks before replacing it.
  await page.getByTestId('alloc-export').click();
  await expect(page.getByTestId('alloc-export-error')).toBeVisible();
  await expectClerkWords(page, 'alloc-export-error');
  await screenshot(page, 'allocation-export-exists-ko.png');
  await page.getByTestId('alloc-export-replace').click();
  await expect(page.getByTestId('alloc-exported')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('alloc-export-error')).toHaveCount(0);

  // A person the proposal gives a workplace changes after the run: acceptance refuses, says why,
  // and writes nothing.
  const { section } = await openBusyCounty(page);
  const serviceNo = await section.getByTestId('alloc-person').first().getAttribute('data-service-no');
  host.ledger.db
    .prepare(
      "UPDATE placements SET notes = '전화로 확인', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 second') WHERE cohort_id = ? AND person_id = (SELECT id FROM persons WHERE service_no = ?)",
    )
    .run(cohortId, serviceNo);
  await page.getByTestId('alloc-accept').click();
  await expect(page.getByTestId('alloc-refused')).toBeVisible();
  await expectClerkWords(page, 'alloc-refused');
  expect(withWorkplace(host, cohortId)).toBe(0);
  await screenshot(page, 'allocation-refused-ko.png');

  // "Open in Placements": the grid opens filtered to the term, city/county, sector and the persons
  // still without a workplace.
  const county = (await section.locator('.alloc-county__name').innerText()).trim();
  await section.getByTestId('alloc-open-grid').first().click();
  await expect(page).toHaveURL(/#\/placements$/);
  await expect(page.locator('.ag-row').first()).toBeVisible({ timeout: 30_000 });
  const view = await apiValue(page, host, 'getGridView', { grid: 'placements' });
  expect(JSON.stringify(view.state)).toContain(county);
  const counties = await page.locator('.ag-row .ag-cell[col-id="dest_county"]').allInnerTexts();
  expect(counties.length).toBeGreaterThan(0);
  for (const c of counties) expect(c.trim()).toBe(county);

  // Back on the page, the newest proposal (not accepted) is there again, and still refused.
  await page.getByTestId('nav-allocation').click();
  await expect(page.getByTestId('alloc-totals')).toBeVisible();
  await page.getByTestId('alloc-accept').click();
  await expect(page.getByTestId('alloc-refused')).toBeVisible();
  expect(withWorkplace(host, cohortId)).toBe(0);
});

test('allocation: progress while a large run works, and Cancel leaves no proposal', async ({ page, host }) => {
  test.setTimeout(180_000);
  const filled = fillLedger(host.ledger.db, { persons: 100_000, seed: 13, allocatedShare: 0 });
  const runs = () => host.ledger.db.prepare('SELECT count(*) FROM allocation_runs').pluck().get() as number;
  await openApp(page, host, 'allocation');
  await expect(page.getByTestId('alloc-term')).toContainText('2027년 봄');
  await page.getByTestId('alloc-start').click();
  await expect(page.getByTestId('alloc-progress')).toBeVisible();
  await screenshot(page, 'allocation-progress-ko.png');
  await page.getByTestId('alloc-cancel').click();
  await expect(page.getByTestId('alloc-cancelled')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('alloc-proposal')).toHaveCount(0);
  expect(runs()).toBe(0);
  expect(withWorkplace(host, filled.cohortId)).toBe(filled.allocated);
  // The page can run again afterwards.
  await expect(page.getByTestId('alloc-start')).toBeEnabled();
});
