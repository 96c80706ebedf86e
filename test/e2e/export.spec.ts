// The Export page in the web host: term, departments with their counts, folder, progress,
// Cancel, the question before replacing files, the result — and the files on disk.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { apiValue, expect, openApp, parseCount, screenshot, test } from './fixtures';

function xlsxIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : [];
}

test('export: every department’s roster and the province summary, with the files listed and on disk', async ({ page, host, tmpDir }) => {
  const filled = fillLedger(host.ledger.db, { persons: 3000, seed: 5 });
  await openApp(page, host, 'export');
  await expect(page.getByTestId('page-title')).toHaveText('명단 내보내기');
  await expect(page.getByTestId('export-cohort')).toContainText('2027년 봄');
  await expect(page.getByTestId('export-cohort')).toContainText('명');

  const list = await apiValue(page, host, 'listExportDepartments', { year: 2027, term: 'spring' });
  expect(list.departments.length).toBe(filled.departments);
  // Every department is listed with its person count, all selected to begin with.
  const hoeyang = list.departments.find((d) => d.nameKo === '회양군')!;
  await expect(page.getByTestId(`export-dept-${hoeyang.code}`)).toBeChecked();
  await expect(page.locator('label.export-dept', { hasText: '회양군' })).toContainText(`${hoeyang.persons}명`);
  await expect(page.getByTestId('export-selected')).toContainText(`${list.departments.length}개 시·군`);
  expect(parseCount(await page.getByTestId('export-selected').textContent())).toBeGreaterThan(0);

  // The default folder is Documents/배치명단; the clerk types another one.
  const defaults = await apiValue(page, host, 'getExportDefaults', {});
  await expect(page.getByTestId('export-folder')).toHaveValue(defaults.folder);
  expect(defaults.folder.endsWith('배치명단')).toBe(true);
  const out = join(tmpDir, '명단 폴더');
  await page.getByTestId('export-folder').fill(out);
  await expect(page.getByTestId('export-folder-new')).toBeVisible();
  await expect(page.getByTestId('export-example')).toContainText('2027-봄-');
  await screenshot(page, 'export-ko.png');

  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('export-done-title')).toHaveText(`파일 ${list.departments.length + 1}개를 만들었습니다`);
  await expect(page.getByTestId('export-done-folder')).toHaveText(out);
  // The web host cannot open folders: it offers the path instead.
  await expect(page.getByTestId('export-open-folder')).toHaveCount(0);
  await expect(page.getByTestId('export-copy-path')).toBeVisible();
  await expect(page.getByTestId('export-result-file')).toHaveCount(list.departments.length + 1);
  await screenshot(page, 'export-done-ko.png');

  const files = xlsxIn(out);
  expect(files).toContain('2027-봄-회양군-배치명단.xlsx');
  expect(files).toContain('2027-봄-도종합.xlsx');
  expect(files.length).toBe(list.departments.length + 1);
  // Nothing but the workbooks: no staging folder, no partial files.
  expect(readdirSync(out).length).toBe(files.length);
  expect(readFileSync(join(out, '2027-봄-회양군-배치명단.xlsx')).subarray(0, 2).toString()).toBe('PK');
});

test('export: one province only, after asking before replacing a file of the same name', async ({ page, host, tmpDir }) => {
  fillLedger(host.ledger.db, { persons: 2000, seed: 6 });
  const out = join(tmpDir, 'out');
  mkdirSync(out);
  const existing = join(out, '2027-봄-회양군-배치명단.xlsx');
  writeFileSync(existing, 'the clerk’s own file');

  await openApp(page, host, 'export');
  await page.getByTestId('export-select-none').click();
  await expect(page.getByTestId('export-start')).toBeDisabled();
  await page.getByTestId('export-province-kangwon').check();
  const list = await apiValue(page, host, 'listExportDepartments', { year: 2027, term: 'spring' });
  const kangwon = list.departments.filter((d) => d.provinceCode === 'kangwon');
  await expect(page.getByTestId('export-selected')).toContainText(`${kangwon.length}개 시·군`);
  await page.getByTestId('export-summary').uncheck();
  await page.getByTestId('export-folder').fill(out);
  await expect(page.getByTestId('export-files')).toContainText(`만들 파일 ${kangwon.length}개`);

  await page.getByTestId('export-start').click();
  const confirm = page.getByTestId('export-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('같은 이름의 파일 1개');
  await expect(confirm).toContainText('2027-봄-회양군-배치명단.xlsx');
  await screenshot(page, 'export-confirm-ko.png');

  // "No": nothing is written, the clerk's file is untouched.
  await page.getByTestId('export-confirm-cancel').click();
  await expect(confirm).toHaveCount(0);
  expect(readFileSync(existing, 'utf8')).toBe('the clerk’s own file');
  expect(xlsxIn(out)).toEqual(['2027-봄-회양군-배치명단.xlsx']);

  // "Replace": the roster takes its place, the other Kangwon rosters join it, nothing else.
  await page.getByTestId('export-start').click();
  await page.getByTestId('export-confirm-overwrite').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  expect(readFileSync(existing).subarray(0, 2).toString()).toBe('PK');
  expect(xlsxIn(out).length).toBe(kangwon.length);
  expect(xlsxIn(out).every((f) => f.startsWith('2027-봄-') && f.endsWith('-배치명단.xlsx'))).toBe(true);
});

test('export: progress while it runs, and Cancel leaves the folder as it was', async ({ page, host, tmpDir }) => {
  fillLedger(host.ledger.db, { persons: 250_000, seed: 7 });
  const out = join(tmpDir, 'cancel');
  await openApp(page, host, 'export');
  await page.getByTestId('export-folder').fill(out);
  await page.getByTestId('export-start').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeVisible();
  // Rows are being written: the bar moves (the screenshot shows it mid-way).
  await expect(progress).toHaveAttribute('data-phase', 'writing', { timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await screenshot(page, 'export-progress-ko.png');
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-cancelled')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('export-cancelled')).toHaveText('명단 만들기를 중지하였습니다. 폴더에는 아무것도 남기지 않았습니다.');
  // The folder made for the export is gone again: no workbook, no staging folder, no empty folder.
  expect(existsSync(out)).toBe(false);
});

test('export: in English the page, the terms and the file names are English', async ({ page, host, tmpDir }) => {
  fillLedger(host.ledger.db, { persons: 1500, seed: 8 });
  await openApp(page, host, 'export');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('page-title')).toHaveText('Export');
  await expect(page.getByTestId('export-cohort')).toContainText('2027 spring');
  const out = join(tmpDir, 'en');
  await page.getByTestId('export-folder').fill(out);
  await expect(page.getByTestId('export-example')).toContainText('2027-spring-');
  await screenshot(page, 'export-en.png');
  await page.getByTestId('export-start').click();
  // The clerk looks elsewhere meanwhile; back on the page, the export is shown again.
  await expect(page.getByTestId('export-progress').or(page.getByTestId('export-done'))).toBeVisible();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  expect(xlsxIn(out)).toContain('2027-spring-Hoeyang-gun-roster.xlsx');
  expect(xlsxIn(out)).toContain('2027-spring-province-summary.xlsx');
});

test('export: the search narrows the list, and Select all / Clear act on what it shows', async ({ page, host }) => {
  fillLedger(host.ledger.db, { persons: 1000, seed: 9 });
  await openApp(page, host, 'export');
  const list = await apiValue(page, host, 'listExportDepartments', { year: 2027, term: 'spring' });
  const total = list.departments.length;
  await expect(page.getByTestId('export-selected')).toContainText(`${total}개 시·군`);
  await page.getByTestId('export-filter').fill('회양');
  await expect(page.locator('label.export-dept')).toHaveCount(1);
  await page.getByTestId('export-select-none').click();
  await page.getByTestId('export-filter').fill('');
  await expect(page.locator('label.export-dept')).toHaveCount(total);
  await expect(page.getByTestId('export-selected')).toContainText(`${total - 1}개 시·군`);
  const hoeyang = list.departments.find((d) => d.nameKo === '회양군')!;
  await expect(page.getByTestId(`export-dept-${hoeyang.code}`)).not.toBeChecked();
  await expect(page.getByTestId('export-province-kangwon')).toHaveJSProperty('indeterminate', true);
});

test('export: an empty ledger says what to do first', async ({ page, host }) => {
  await openApp(page, host, 'export');
  await expect(page.getByTestId('export-no-cohorts')).toContainText('먼저 자료 들여오기');
});
