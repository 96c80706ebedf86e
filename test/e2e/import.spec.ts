// The import wizard in the browser against the web host: file → layout → dry run → commit → undo,
// a corrected mapping remembered, a bad file refused with its sentence, a long run cancelled.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorSentence } from '../../src/shared/i18n';
import { apiValue, expect, openApp, screenshot, test } from './fixtures';
import { decisionRows, writePersonsCsv, writeXlsx } from '../helpers/import';

const SAMPLES = process.env.SHARED_SAMPLES ?? resolve(__dirname, '../../../shared/samples');

test('import wizard (Korean): a decision file from choice to commit, the report, and undo of the whole import', async ({ page, host }) => {
  await openApp(page, host, 'import');
  await expect(page.getByTestId('page-title')).toHaveText('자료 들여오기');
  await expect(page.getByTestId('import-step-file')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('import-history-empty')).toBeVisible();
  await screenshot(page, 'import-1-file.png');

  await page.getByTestId('import-file-input').setInputFiles(join(SAMPLES, 'decision-11-spring-ko.xlsx'));
  await expect(page.getByTestId('import-layout-step')).toBeVisible();
  await expect(page.getByTestId('import-step-layout')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('import-sheet')).toHaveValue('배치명단');
  await expect(page.getByTestId('import-header-row')).toHaveValue('4');
  await expect(page.getByTestId('import-decision-no')).toHaveText('BMB-2027-014');
  await expect(page.getByTestId('import-field-B')).toHaveValue('serviceNo');
  await expect(page.getByTestId('import-field-O')).toHaveValue('destCounty');
  await expect(page.getByTestId('import-column-F')).toContainText('숨긴 칸');
  await expect(page.getByTestId('import-preview')).toContainText('표혜영');
  await screenshot(page, 'import-2-layout.png');
  await page.getByTestId('import-preview').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-2b-layout-preview.png');

  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('import-stat-data')).toHaveAttribute('data-value', '402');
  await expect(page.getByTestId('import-stat-valid')).toHaveAttribute('data-value', '376');
  await expect(page.getByTestId('import-stat-invalid')).toHaveAttribute('data-value', '26');
  await expect(page.getByTestId('import-stat-skipped')).toHaveAttribute('data-value', '8');
  const firstIssue = page.getByTestId('import-issue').first();
  await expect(firstIssue).toHaveAttribute('data-row', '8');
  await expect(firstIssue).toContainText('«무릉도원군»은(는) 강원도의 시·군으로 대장에 없습니다.');
  await expect(page.getByTestId('import-counties')).toContainText('무릉도원군');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await screenshot(page, 'import-3-check.png');
  await page.getByTestId('import-commit-box').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-3b-check-commit.png');

  // The report as xlsx (a download).
  const download = page.waitForEvent('download');
  await page.getByTestId('import-save-report').click();
  expect((await download).suggestedFilename()).toBe('decision-11-spring-ko-검사보고서.xlsx');

  await page.getByTestId('import-skip-invalid').check();
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await expect(page.getByTestId('import-commit')).toHaveText('올바른 행 376개만 들여오기');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('import-done')).toContainText('인원 376명 새로, 0명 고침; 배치 376건 새로, 0건 옮김.');
  await expect(page.getByTestId('import-backup-path')).toContainText('before-import');
  await expect(page.getByTestId('status-count-persons')).toContainText('376');
  await screenshot(page, 'import-4-done.png');
  expect((await apiValue(page, host, 'getInfo', {})).counts).toMatchObject({ persons: 376, placements: 376, decision_files: 1 });

  await page.getByTestId('import-undo').click();
  await page.getByTestId('import-undo-yes').click();
  await expect(page.getByTestId('import-undone')).toBeVisible();
  expect((await apiValue(page, host, 'getInfo', {})).counts).toMatchObject({ persons: 0, placements: 0, decision_files: 0, cohorts: 0 });
  expect((await apiValue(page, host, 'checkLedger', {})).ok).toBe(true);
  await page.getByTestId('import-start-over').click();
  await expect(page.getByTestId('import-history-row').first()).toContainText('되돌림');
  await screenshot(page, 'import-5-history.png');
});

test('import wizard: a request workbook with one sheet per city/county, the year asked once, in Korean and English', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'import');
  await page.getByTestId('import-file-input').setInputFiles(join(SAMPLES, 'county-requests-12-per-sheet.xlsx'));
  await expect(page.getByTestId('import-layout-step')).toBeVisible();
  await expect(page.getByTestId('import-all-sheets')).toContainText('이 표 머리를 가진 표 17개를 모두 읽기');
  await expect(page.getByTestId('import-all-sheets').locator('input')).toBeChecked();
  await page.getByTestId('import-all-sheets').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-9a-requests-layout-ko.png');
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-report')).toBeVisible();
  // The year is asked once, at the top; no row-by-row "year unknown", no green "no problems".
  const ask = page.getByTestId('import-ask');
  await expect(ask).toBeVisible();
  await expect(page.getByTestId('import-ask-year-text')).toHaveText('파일에 년도가 적혀 있지 않아 97행이 년도를 기다립니다.');
  await expect(page.getByTestId('import-ask-term')).toHaveCount(0);
  await expect(page.locator('[data-testid="import-issue"][data-code="missing_year"]')).toHaveCount(0);
  await expect(page.getByTestId('import-no-issues')).toHaveCount(0);
  await expect(page.getByTestId('import-sheet')).toHaveCount(17);
  await expect(page.locator('[data-testid="import-sheet"][data-sheet="평강군"]')).toContainText('평강군');
  await screenshot(page, 'import-9-requests-ask-year-ko.png');
  await page.getByTestId('import-ask-year').fill('2027');
  await page.getByTestId('import-ask-apply').click();
  await expect(page.getByTestId('import-ask')).toHaveCount(0);
  await expect(page.getByTestId('import-stat-valid')).toHaveAttribute('data-value', '96');
  await expect(page.getByTestId('import-stat-invalid')).toHaveAttribute('data-value', '1');
  const pyonggang = page.locator('[data-testid="import-sheet"][data-sheet="평강군"]');
  await expect(pyonggang.locator('td.num')).toHaveText(['9', '8', '1']);
  await expect(page.locator('[data-testid="import-issue"][data-code="duplicate_request"]')).toContainText('작업장 «평강 일용품공장»');
  await page.getByTestId('import-sheets').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-10-requests-sheets-ko.png');
  await expect(page.getByTestId('import-county')).toHaveCount(17);
  await expect(page.locator('[data-testid="import-county"][data-source="평강군"]')).toContainText('강원도 평강군');
  await expect(page.locator('[data-testid="import-county"][data-source="평강군"] td.num')).toHaveText('9');
  await page.getByTestId('import-counties').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-10b-requests-counties-ko.png');

  // Leave a sheet out and check again; then read it again.
  await page.getByRole('checkbox', { name: '천내군' }).uncheck();
  await page.getByTestId('import-sheets-apply').click();
  await expect(page.getByTestId('import-stat-data')).toHaveAttribute('data-value', '89');
  await expect(page.locator('[data-testid="import-sheet"][data-sheet="천내군"]')).toContainText('뺌');
  await page.getByRole('checkbox', { name: '천내군' }).check();
  await page.getByTestId('import-sheets-apply').click();
  await expect(page.getByTestId('import-stat-data')).toHaveAttribute('data-value', '97');

  // The same step in English.
  await page.getByTestId('lang-en').click();
  await expect(page.locator('[data-testid="import-sheet"][data-sheet="원산시"]')).toContainText('Wonsan-si');
  await page.getByTestId('import-report').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-11-requests-sheets-en.png');

  await page.getByTestId('import-skip-invalid').check();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  expect((await apiValue(page, host, 'getInfo', {})).counts).toMatchObject({ county_requests: 96, decision_files: 1 });

  // The same file again: said at the dry-run step, with nothing green beside it.
  await page.getByTestId('import-start-over').click();
  await page.getByTestId('import-file-input').setInputFiles(join(SAMPLES, 'county-requests-12-per-sheet.xlsx'));
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-check-already')).toContainText('This file was already imported on');
  await expect(page.getByTestId('import-check-already')).toContainText(/\d{4}\.\d{2}\.\d{2}/);
  await expect(page.getByTestId('import-no-issues')).toHaveCount(0);
  await expect(page.getByTestId('import-commit')).toHaveCount(0);
  await screenshot(page, 'import-12-already-en.png');
});

test('import wizard: the year question in English', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'import');
  await page.getByTestId('lang-en').click();
  await page.getByTestId('import-file-input').setInputFiles(join(SAMPLES, 'county-requests-12-per-sheet.xlsx'));
  await expect(page.getByTestId('import-all-sheets')).toContainText('Read all 17 sheets with this header');
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-ask-year-text')).toHaveText('The file does not state the year. Rows waiting for it: 97.');
  await screenshot(page, 'import-13-requests-ask-year-en.png');
});

test('import wizard: a corrected column mapping is remembered for the next file with the same headers (English)', async ({
  page,
  host,
  tmpDir,
}) => {
  const header = ['번호', '군번', '이름', '출신', '가는 곳', '시기', '제대날자'];
  const write = async (name: string, n: number) => {
    const path = join(tmpDir, name);
    await writeXlsx(path, {
      strings: 'shared',
      sheets: [{ name: '명단', rows: () => [header, [1, `800-1000${n}`, '리영호', '원산시', '회양군', '봄', '2027.04.02']] }],
    });
    return path;
  };
  await openApp(page, host, 'import');
  await page.getByTestId('lang-en').click();
  await page.getByTestId('import-file-input').setInputFiles(await write('first.xlsx', 1));
  await expect(page.getByTestId('import-field-E')).toHaveValue('');
  await expect(page.getByTestId('import-missing')).toBeVisible();
  await expect(page.getByTestId('import-next')).toBeDisabled();
  await page.getByTestId('import-field-D').selectOption('homeCounty');
  await page.getByTestId('import-field-E').selectOption('destCounty');
  await expect(page.getByTestId('import-missing')).toHaveCount(0);
  await screenshot(page, 'import-6-mapping-corrected.png');
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-stat-valid')).toHaveAttribute('data-value', '1');
  await page.getByTestId('import-check-back').click();
  await page.getByTestId('import-back').click();

  await page.getByTestId('import-file-input').setInputFiles(await write('second.xlsx', 2));
  await expect(page.getByTestId('import-remembered')).toBeVisible();
  await expect(page.getByTestId('import-field-D')).toHaveValue('homeCounty');
  await expect(page.getByTestId('import-field-E')).toHaveValue('destCounty');
  await expect(page.getByTestId('import-next')).toBeEnabled();
});

test('import wizard: a file that is not a spreadsheet is refused with its sentence; the ledger is unchanged', async ({
  page,
  host,
  tmpDir,
}) => {
  const path = join(tmpDir, 'scan.xlsx');
  writeFileSync(path, '%PDF-1.7\n1 0 obj << >> endobj\n');
  await openApp(page, host, 'import');
  await page.getByTestId('import-file-input').setInputFiles(path);
  const banner = page.getByTestId('import-error-text');
  await expect(banner).toHaveText(errorSentence({ code: 'import_not_spreadsheet', message: '', details: { file: 'scan.xlsx' } }, 'ko'));
  await expect(page.getByTestId('import-step-file')).toHaveAttribute('aria-current', 'step');
  await screenshot(page, 'import-7-refused.png');
  expect((await apiValue(page, host, 'getInfo', {})).counts.persons).toBe(0);
});

test('import wizard: a long dry run shows rows read and can be cancelled; the window stays responsive', async ({ page, host, tmpDir }) => {
  const path = join(tmpDir, 'big.xlsx');
  await writeXlsx(path, { strings: 'inline', sheets: [{ name: '배치명단', rows: () => decisionRows(150_000) }] });
  await openApp(page, host, 'import');
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-layout-step')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import-next').click();
  const progress = page.getByTestId('import-dry-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('import-dry-progress-rows')).toContainText('/', { timeout: 20_000 });
  await screenshot(page, 'import-8-progress.png');
  // The window answers while the worker reads: navigate away and back.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-ledger-path')).toBeVisible();
  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('import-step-file')).toHaveAttribute('aria-current', 'step');
  // Leaving the page cancelled the job; the ledger is unchanged.
  expect((await apiValue(page, host, 'getInfo', {})).counts.persons).toBe(0);
  await page.getByTestId('import-file-input').setInputFiles(path);
  await expect(page.getByTestId('import-layout-step')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-dry-progress-rows')).toContainText('/', { timeout: 20_000 });
  await page.getByTestId('import-dry-progress-cancel').click();
  await expect(page.getByTestId('import-cancelled')).toHaveText('취소하였습니다. 배치대장은 바뀌지 않았습니다.');
});

test('import wizard: a reused service number of another person is listed with both persons and committed only when the clerk accepts', async ({
  page,
  host,
  tmpDir,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const first = writePersonsCsv(join(tmpDir, '1차-배치결정서.csv'), [
    { sno: '123-45678', name: '백룡철', sex: '남', birth: '1998.05.08', county: '회양군' },
    { sno: '123-40001', name: '김철수', sex: '남', birth: '1999.01.02' },
  ]);
  const second = writePersonsCsv(join(tmpDir, '2차-배치결정서.csv'), [
    { sno: '123-45678', name: '옥금옥', sex: '녀', birth: '2000.04.10', county: '원산시' },
    { sno: '123-40001', name: '김철수', sex: '남', birth: '1999.01.12' },
    { sno: '123-40002', name: '정영호', sex: '남', birth: '1999.03.04' },
  ]);
  await openApp(page, host, 'import');
  await page.getByTestId('import-file-input').setInputFiles(first);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-stat-valid')).toHaveAttribute('data-value', '2');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByTestId('import-start-over').click();

  await page.getByTestId('import-file-input').setInputFiles(second);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-stat-invalid')).toHaveAttribute('data-value', '1');
  const conflict = page.getByTestId('import-identity-row');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toHaveAttribute('data-row', '2');
  await expect(conflict).toContainText('백룡철 · 남 · 1998.05.08');
  await expect(conflict).toContainText('옥금옥 · 녀 · 2000.04.10');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await expect(page.getByTestId('import-commit-box')).toContainText('다른 사람의 군번으로 된 행이 있습니다.');
  // The correction of 김철수's birth date is an ordinary update, shown as such.
  await page.getByTestId('import-filter-all').click();
  const correction = page.locator('[data-testid="import-issue"][data-code="person_corrected"]');
  await expect(correction).toContainText('군번 123-40001: 생년월일 바로잡기 1999.01.02 → 1999.01.12');
  await expect(correction).toContainText('E');
  await page.getByTestId('import-identity').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-9-identity-ko.png');

  await page.getByTestId('lang-en').click();
  await expect(conflict).toContainText('백룡철 · M · 1998.05.08');
  await expect(page.getByTestId('import-identity')).toContainText('Service numbers of other persons');
  await page.getByTestId('import-identity').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-9-identity-en.png');
  await page.getByTestId('lang-ko').click();

  await page.getByTestId('import-accept-identity').check();
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await expect(page.getByTestId('import-commit')).toHaveText('배치대장에 들여오기');
  await page.getByTestId('import-commit').scrollIntoViewIfNeeded();
  await screenshot(page, 'import-9b-identity-accepted-ko.png');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('인원 1명 새로, 2명 고침; 배치 1건 새로, 1건 옮김.');
  await expect(page.getByTestId('import-identity-accepted')).toHaveText('신원 변경 1명을 허용하여 기록하였습니다.');
  await screenshot(page, 'import-9c-identity-done-ko.png');
  const persons = await apiValue(page, host, 'getInfo', {});
  expect(persons.counts).toMatchObject({ persons: 3, decision_files: 2 });
});

// A new clerk's walk: every sample file through the wizard, the dry run seen in Korean at
// 1280×720 and in English at 1440×900, then the import history and the County requests grid in
// both languages at both sizes. The screenshots (walk-*.png) are for a person to open; the test
// checks what a machine can: no ISO date, no code, English without Korean words of our own.
const WALK_FILES = [
  'decision-11-spring-ko.xlsx',
  'decision-11-spring-utf8.csv',
  'decision-11-summer-cp949.csv',
  'decision-11-summer-tworow.xlsx',
  'decision-11-fall-clean.xlsx',
  'decision-11-fall-en.xlsx',
  'county-requests-12-per-sheet.xlsx',
  'county-requests-11.xlsx',
];
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

test('a new clerk imports every sample through the wizard, in Korean and English, at two window sizes', async ({ page, host }) => {
  test.setTimeout(600_000);
  await page.setViewportSize(SIZES[0]);
  await openApp(page, host, 'import');
  for (const [i, file] of WALK_FILES.entries()) {
    const name = file.replace(/\.[^.]+$/, '');
    await page.getByTestId('import-file-input').setInputFiles(join(SAMPLES, file));
    await expect(page.getByTestId('import-layout-step')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('import-next').click();
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
    if ((await page.getByTestId('import-ask').count()) > 0) {
      if ((await page.getByTestId('import-ask-year').count()) > 0) await page.getByTestId('import-ask-year').fill('2027');
      if ((await page.getByTestId('import-ask-term').count()) > 0) await page.getByTestId('import-ask-term').selectOption('spring');
      await page.getByTestId('import-ask-apply').click();
      await expect(page.getByTestId('import-ask')).toHaveCount(0);
    }
    await expect(page.getByTestId('import-report')).not.toContainText(/\d{4}-\d{2}-\d{2}/);
    // Each problem names whom its row is about (service number and name, or the workplace).
    if ((await page.getByTestId('import-issue-who').count()) > 0)
      await expect(page.getByTestId('import-issue-who').first()).toHaveText(/\S/);
    await screenshot(page, `walk-${i + 1}-${name}-check-ko-1280.png`);
    await page.getByTestId('lang-en').click();
    await page.setViewportSize(SIZES[1]);
    await expect(page.getByTestId('import-report')).not.toContainText(/\d{4}-\d{2}-\d{2}|missing_|invalid_|_county|시·군 |부문/);
    await screenshot(page, `walk-${i + 1}-${name}-check-en-1440.png`);
    await page.getByTestId('lang-ko').click();
    await page.setViewportSize(SIZES[0]);
    if ((await page.getByTestId('import-skip-invalid').count()) > 0) await page.getByTestId('import-skip-invalid').check();
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('import-start-over').click();
  }
  const history = page.getByTestId('import-history');
  await expect(page.getByTestId('import-history-row')).toHaveCount(WALK_FILES.length);
  await expect(history).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  await expect(history).toContainText('2027년 봄');
  for (const [language, size] of [
    ['ko', SIZES[0]],
    ['ko', SIZES[1]],
    ['en', SIZES[0]],
    ['en', SIZES[1]],
  ] as const) {
    await page.getByTestId(`lang-${language}`).click();
    await page.setViewportSize(size);
    await history.scrollIntoViewIfNeeded();
    if (language === 'en') await expect(history).not.toContainText(/[가-힣]년|봄|여름|가을|들여/);
    await screenshot(page, `walk-history-${language}-${size.width}.png`);
  }
  await page.getByTestId('nav-requests').click();
  await expect(page.locator('[role="row"] [col-id="workplace"]').nth(1)).toBeVisible();
  for (const [language, size] of [
    ['ko', SIZES[0]],
    ['ko', SIZES[1]],
    ['en', SIZES[0]],
    ['en', SIZES[1]],
  ] as const) {
    await page.getByTestId(`lang-${language}`).click();
    await page.setViewportSize(size);
    await expect(page.locator('[role="row"] [col-id="workplace"]').nth(1)).toBeVisible();
    await screenshot(page, `walk-requests-${language}-${size.width}.png`);
  }
});
