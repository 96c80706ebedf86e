// The grids as a clerk uses them, in real Chromium against the real ledger through the web host.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { GridEditor } from '../../src/main/grid/edit';
import { rowById } from '../../src/main/grid/query';
import { runImport } from '../../src/main/import/service';
import { sha256File } from '../../src/main/import/staging';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import { importOptionsSchema } from '../../src/shared/api/import.contract';
import { compareNk } from '../../src/main/domain/nk-collation';
import { apiValue, expect, openApp, screenshot, test } from './fixtures';
import { cell, pinnedTopCell, seedPersons, typeInto, waitForRows } from './grid-helpers';

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** Puts text on the system clipboard and pastes it at the focused cell with Ctrl+V. */
async function pasteText(page: import('@playwright/test').Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

test('editing a cell: a valid date is stored and shown with dots; an invalid one is refused at the cell, old value kept', async ({
  page,
  host,
}) => {
  seedPersons(host.ledger.db, 30);
  await openApp(page, host, 'persons');
  await waitForRows(page, 30);

  await typeInto(page, cell(page, 2, 'birth_date'), '1997년 6월 11일');
  await expect(cell(page, 2, 'birth_date')).toHaveText('1997.06.11');
  expect(rowById(host.ledger.db, 'persons', 2)?.birth_date).toBe('1997-06-11');

  await typeInto(page, cell(page, 3, 'birth_date'), '1997.02.30');
  await expect(page.getByTestId('grid-notice-text')).toHaveText(
    '«난날»은(는) 날자로 읽을 수 없습니다. 2027.03.14, 2027-03-14, 2027년 3월 14일처럼 쓰십시오. 값은 바뀌지 않았습니다.',
  );
  await expect(cell(page, 3, 'birth_date')).toHaveText('1992.03.12');
  await expect(cell(page, 3, 'birth_date')).toHaveClass(/cell--invalid/);
  expect(rowById(host.ledger.db, 'persons', 3)?.birth_date).toBe('1992-03-12');

  // A select list: the sex column offers 남 / 녀.
  await cell(page, 4, 'sex').dblclick();
  await expect(cell(page, 4, 'sex')).toHaveClass(/ag-cell-inline-editing/);
  await screenshot(page, 'grid-persons-select-ko.png');
  await page.keyboard.press('Escape');
  await expect(cell(page, 4, 'sex')).toHaveText('녀');

  const audit = await apiValue(page, host, 'gridQuery', { grid: 'history', view: {}, start: 0, count: 10 });
  expect(audit.rows.map((r) => [r.field, r.old_value, r.new_value])).toEqual([['birth_date', '1991-02-11', '1997-06-11']]);
  await screenshot(page, 'grid-persons-invalid-ko.png');
});

test('pasting a 3×20 block: one bad cell applies nothing and says where; fixed, it applies and one undo removes it', async ({
  page,
  host,
}) => {
  seedPersons(host.ledger.db, 30);
  await openApp(page, host, 'persons');
  await waitForRows(page, 30);
  const before = await apiValue(page, host, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 30 });

  const rows = Array.from({ length: 20 }, (_, i) => [`새이름${i}`, i % 2 ? '남' : '녀', `2000.01.${String(i + 1).padStart(2, '0')}`]);
  const bad = rows.map((r, i) => (i === 6 ? [r[0], '남녀', '2000.13.45'] : r));
  await cell(page, 3, 'name').click();
  await pasteText(page, bad.map((r) => r.join('\t')).join('\r\n') + '\r\n');
  await expect(page.getByTestId('grid-notice-text')).toHaveText(
    '붙여넣기를 적용하지 않았습니다: 2개 칸이 올바르지 않습니다. 고쳐서 다시 붙여넣으십시오.',
  );
  // Named by the line of the pasted block (not the grid's row), with the value and what the column takes.
  await expect(page.getByTestId('grid-notice-details')).toContainText(
    '붙여넣은 7번째 줄, «난날»의 «2000.13.45»: «난날»은(는) 날자로 읽을 수 없습니다',
  );
  await expect(page.getByTestId('grid-notice-details')).toContainText(
    '붙여넣은 7번째 줄, «성별»의 «남녀»: «성별»에 허용되지 않는 값이 들어왔습니다. 쓸 수 있는 값: 남, 녀.',
  );
  await expect(cell(page, 9, 'birth_date')).toHaveClass(/cell--invalid/);
  const unchanged = await apiValue(page, host, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 30 });
  expect(unchanged.rows).toEqual(before.rows);

  await cell(page, 3, 'name').click();
  await pasteText(page, rows.map((r) => r.join('\t')).join('\r\n') + '\r\n');
  await expect(page.getByTestId('grid-notice-text')).toContainText('칸을 붙여넣었습니다');
  await expect(cell(page, 3, 'name')).toHaveText('새이름0');
  await expect(cell(page, 22, 'birth_date')).toHaveText('2000.01.20');
  const after = await apiValue(page, host, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 30 });
  expect(after.rows.slice(2, 22).map((r) => [r.name, r.sex, r.birth_date])).toEqual(
    rows.map(([name, sex, date]) => [name, sex === '남' ? 'M' : 'F', date!.replace(/\./g, '-')]),
  );

  await page.getByTestId('grid-undo').click();
  await expect(page.getByTestId('grid-notice-text')).toHaveText('되돌렸습니다: 붙여넣기');
  await expect(cell(page, 3, 'name')).toHaveText(String(before.rows[2]!.name));
  const undone = await apiValue(page, host, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 30 });
  expect(undone.rows.map((r) => [r.name, r.sex, r.birth_date])).toEqual(before.rows.map((r) => [r.name, r.sex, r.birth_date]));
});

test('adding a row and deleting rows, with what the delete would do spelled out', async ({ page, host }) => {
  seedPersons(host.ledger.db, 5);
  await openApp(page, host, 'persons');
  await waitForRows(page, 5);

  await page.getByTestId('grid-add').click();
  await expect(pinnedTopCell(page, 'service_no')).toHaveClass(/cell--required/);
  await page.keyboard.press('Escape');
  await typeInto(page, pinnedTopCell(page, 'name'), '박순희');
  await page.getByTestId('grid-save-row').click();
  await expect(page.getByTestId('grid-notice-details')).toContainText('«군번» 칸을 채우십시오.');
  await typeInto(page, pinnedTopCell(page, 'service_no'), '０１２-３４５');
  await typeInto(page, pinnedTopCell(page, 'birth_date'), '1999.1.2');
  await page.getByTestId('grid-save-row').click();
  await expect(page.getByTestId('grid-notice-text')).toHaveText('새 행을 저장했습니다.');
  await waitForRows(page, 6);
  await expect(cell(page, 6, 'service_no')).toHaveText('012-345');
  await expect(cell(page, 6, 'birth_date')).toHaveText('1999.01.02');

  // Person 1 has a placement: the dialog names the rows and offers the safe choice first.
  await cell(page, 1, 'ag-Grid-SelectionColumn').locator('input').check();
  await cell(page, 6, 'ag-Grid-SelectionColumn').locator('input').check();
  await page.getByTestId('grid-delete').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toContainText('2행을 지울까요?');
  await expect(page.getByTestId('delete-which')).toHaveText('지울 행: 100-00000 김철호, 012-345 박순희');
  await expect(dialog).toContainText('이 행들에 딸린 배치가 1건 있습니다.');
  await expect(page.getByTestId('delete-mode-cancel_placements')).toBeChecked();
  await screenshot(page, 'grid-delete-dialog-ko.png');
  await page.getByTestId('delete-mode-delete_with_placements').check();
  await page.getByTestId('delete-confirm').click();
  await waitForRows(page, 4);
  await expect(cell(page, 1, 'name')).toHaveCount(0);
  await expect(page.getByTestId('status-count-persons')).toHaveAttribute('data-value', '4');
});

test('undo still works after a reload: the ledger keeps the operations', async ({ page, host }) => {
  seedPersons(host.ledger.db, 5);
  await openApp(page, host, 'persons');
  await waitForRows(page, 5);
  await typeInto(page, cell(page, 1, 'unit'), '제234군부대');
  await expect(cell(page, 1, 'unit')).toHaveText('제234군부대');
  await page.reload();
  await waitForRows(page, 5);
  await expect(cell(page, 1, 'unit')).toHaveText('제234군부대');
  await expect(page.getByTestId('grid-undo')).toBeEnabled();
  await cell(page, 2, 'name').click();
  await page.keyboard.press('Control+Z');
  await expect(cell(page, 1, 'unit')).toHaveText('');
  await expect(page.getByTestId('grid-redo')).toBeEnabled();
  await page.keyboard.press('Control+Y');
  await expect(cell(page, 1, 'unit')).toHaveText('제234군부대');
});

test('undoing a paste of 60,000 cells says it is working, keeps the grid still, then says it is done', async ({ page, host }) => {
  seedPersons(host.ledger.db, 60_000);
  const pasted = new GridEditor(host.ledger.db, () => '김영호').paste(
    'persons',
    gridViewSchema.parse({}),
    0,
    ['unit'],
    Array.from({ length: 60_000 }, (_, i) => [`제${i}호`]),
  );
  expect(pasted).toMatchObject({ status: 'applied', changedCells: 60_000 });
  await openApp(page, host, 'persons');
  await expect(cell(page, 1, 'unit')).toHaveText('제0호');
  await page.getByTestId('grid-undo').click();
  // Runs in a worker for a moment: the notice says so and a second press cannot start another.
  await expect(page.getByTestId('grid-notice')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('grid-notice-text')).toContainText('되돌리는 중입니다: 붙여넣기');
  await expect(page.getByTestId('grid-undo')).toBeDisabled();
  await expect(page.getByTestId('grid-add')).toBeDisabled();
  await screenshot(page, 'grid-persons-undoing-ko.png');
  // Read-only meanwhile: Enter opens no editor (and the undo is still running after it).
  await cell(page, 2, 'unit').click();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  await expect(page.getByTestId('grid-notice')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('grid-notice-text')).toHaveText('되돌렸습니다: 붙여넣기', { timeout: 30_000 });
  await expect(cell(page, 1, 'unit')).toHaveText('');
  const units = host.ledger.db.prepare('SELECT count(*) FROM persons WHERE unit IS NOT NULL').pluck().get();
  expect(units).toBe(0);
  await expect(page.getByTestId('grid-redo')).toBeEnabled();
});

test('sort in North Korean order, filter by city/county, quick search; the row count follows', async ({ page, host }) => {
  seedPersons(host.ledger.db, 40);
  await openApp(page, host, 'persons');
  await waitForRows(page, 40);

  await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
  const firstRow = page.locator('.ag-grid-scrolling-container [role="row"][row-index="0"] [col-id="name"]');
  await expect(firstRow).toHaveText(/^강/);
  // The grid asks for its rows in North Korean order: ㅇ sorts last, so 안 and 오 come after 한.
  const sorted = await apiValue(page, host, 'gridQuery', {
    grid: 'persons',
    view: { sort: [{ colId: 'name', sort: 'asc' }] },
    start: 0,
    count: 40,
  });
  const names = sorted.rows.map((r) => String(r.name));
  expect(names).toEqual([...names].sort(compareNk));
  expect(names.findIndex((n) => n.startsWith('안'))).toBeGreaterThan(names.findIndex((n) => n.startsWith('한')));
  await expect(firstRow).toHaveText(names[0]!);

  await page.getByTestId('grid-search').fill('리');
  await waitForRows(page, 3);
  await expect(page.getByTestId('grid-row-count')).toHaveText('3행');
  await page.getByTestId('grid-search').fill('');
  await waitForRows(page, 40);

  // Ctrl+F goes to the quick search.
  await cell(page, 1, 'name').click();
  await page.keyboard.press('Control+F');
  await expect(page.getByTestId('grid-search')).toBeFocused();

  await page.locator('.ag-header-cell[col-id="dest_county"]').hover();
  await page
    .locator(
      '.ag-header-cell[col-id="dest_county"] .ag-header-cell-filter-button, .ag-header-cell[col-id="dest_county"] [ref="eFilterButton"]',
    )
    .first()
    .click();
  await page.locator('.ag-filter-body input').first().fill('회양군');
  await waitForRows(page, 20);
  await expect(page.getByTestId('grid-row-count')).toHaveText('20행');
  await page.keyboard.press('Escape');
  await screenshot(page, 'grid-persons-filtered-ko.png');
});

test('the column layout, sort and filters are remembered after a reload, and Reset view restores the default', async ({ page, host }) => {
  seedPersons(host.ledger.db, 12);
  await openApp(page, host, 'persons');
  await waitForRows(page, 12);
  await page.getByTestId('grid-columns').click();
  await page.getByTestId('grid-column-toggle-unit').uncheck();
  await page.getByTestId('grid-columns').click();
  await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
  await page.getByTestId('grid-search').fill('김');
  await waitForRows(page, 1);
  await expect(page.locator('.ag-header-cell[col-id="unit"]')).toHaveCount(0);
  await expect
    .poll(async () => {
      const { state } = await apiValue(page, host, 'getGridView', { grid: 'persons' });
      return state?.search;
    })
    .toBe('김');

  await page.reload();
  await waitForRows(page, 1);
  await expect(page.getByTestId('grid-search')).toHaveValue('김');
  await expect(page.locator('.ag-header-cell[col-id="unit"]')).toHaveCount(0);
  await expect(page.locator('.ag-header-cell[col-id="name"]')).toHaveAttribute('aria-sort', 'ascending');

  await page.getByTestId('grid-reset-view').click();
  await waitForRows(page, 12);
  await expect(page.locator('.ag-header-cell[col-id="unit"]')).toHaveCount(1);
  await page.reload();
  await waitForRows(page, 12);
  await expect(page.getByTestId('grid-search')).toHaveValue('');
});

test('copying selected rows gives TSV that pastes cleanly into Excel: leading zeros and dates kept', async ({ page, host }) => {
  seedPersons(host.ledger.db, 5);
  host.ledger.db.prepare("UPDATE persons SET service_no = '007123' WHERE id = 2").run();
  await openApp(page, host, 'persons');
  await waitForRows(page, 5);
  await cell(page, 2, 'ag-Grid-SelectionColumn').locator('input').check();
  await cell(page, 3, 'ag-Grid-SelectionColumn').locator('input').check();
  await cell(page, 2, 'name').click();
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('grid-notice-text')).toContainText('2행');
  const tsv = await page.evaluate(() => navigator.clipboard.readText());
  const lines = tsv.split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[2]).toBe('');
  const first = lines[0]!.split('\t');
  expect(first.slice(0, 5)).toEqual(['="007123"', '리영희', '남', '1991-02-11', '강원도']);
  expect(lines[1]!.split('\t').slice(0, 4)).toEqual(['="102-00002"', '박명진', '남', '1992-03-12']);
});

test('county requests show requested, assigned and arrived with a totals row, and the four numbers per city/county and sector; placing by hand fills a request', async ({
  page,
  host,
}) => {
  seedPersons(host.ledger.db, 8);
  await openApp(page, host, 'requests');
  await waitForRows(page, 3);
  const totals = page.locator('.ag-grid-pinned-bottom-rows-container [role="row"]');
  await expect(totals.locator('[col-id="headcount"]')).toHaveText('35');
  await expect(totals.locator('[col-id="remaining"]')).toHaveText('35');
  await expect(totals.locator('[col-id="workplace"]')).toHaveText('합계');
  await expect(cell(page, 1, 'county')).toHaveText('회양군');
  await screenshot(page, 'grid-requests-ko.png');
  // The totals row follows the language, both ways.
  await page.getByTestId('lang-en').click();
  await expect(totals.locator('[col-id="workplace"]')).toHaveText('Total');
  await page.getByTestId('lang-ko').click();
  await expect(totals.locator('[col-id="workplace"]')).toHaveText('합계');

  await page.getByTestId('nav-placements').click();
  await waitForRows(page, 8);
  // Persons 2, 4, 6 are placed in Hoeyang (even index → Wonsan in the seed).
  for (const id of [2, 4, 6, 8]) await cell(page, id, 'ag-Grid-SelectionColumn').locator('input').check();
  await page.getByTestId('grid-place').click();
  const dialog = page.getByTestId('place-dialog');
  await expect(dialog).toContainText('4명 · 회양군 · 2027 봄');
  await expect(dialog.locator('tbody tr').first()).toContainText('회양식료공장');
  await screenshot(page, 'grid-place-dialog-ko.png');
  await page.getByTestId('place-option-1').click();
  await page.getByTestId('place-assign').click();
  await expect(page.getByTestId('place-overfill')).toContainText('«회양식료공장»에는 3명 자리가 남았는데 4명을 배치하려 합니다.');
  await page.getByTestId('place-overfill-confirm').click();
  await expect(page.getByTestId('grid-notice-text')).toHaveText('4명을 배치했습니다.');
  await expect(cell(page, 2, 'workplace')).toHaveText('회양식료공장');

  await page.getByTestId('nav-requests').click();
  await waitForRows(page, 3);
  await expect(cell(page, 1, 'assigned')).toHaveText('4');
  await expect(cell(page, 1, 'remaining')).toHaveText('-1');
  await expect(page.locator('.ag-grid-pinned-bottom-rows-container [role="row"] [col-id="assigned"]')).toHaveText('4');

  // The four numbers per city/county and sector: requested, decided by the Bureau, assigned, arrived.
  await page.getByTestId('grid-figures').click();
  const figures = page.getByTestId('figures-table');
  await expect(figures.locator('thead th')).toHaveText([
    '도',
    '시·군',
    '부문',
    '요구인원',
    '병무국 결정',
    '요구 대비',
    '작업장 배정',
    '작업장 미정',
    '도착',
  ]);
  await expect(figures.locator('tfoot th')).toHaveText(['합계', '35', '8', '27 부족', '4', '4', '0']);
  await expect(figures.locator('tbody tr').filter({ hasText: '회양군' }).filter({ hasText: '지방공업공장' }).locator('td')).toHaveText([
    '강원도',
    '회양군',
    '지방공업공장',
    '3',
    '4',
    '1 넘음',
    '4',
    '0',
    '0',
  ]);
  await screenshot(page, 'grid-requests-figures-ko.png');
});

test('assigning a workplace names the person when no row is ticked, and asks before a person changes sector', async ({ page, host }) => {
  seedPersons(host.ledger.db, 8);
  await openApp(page, host, 'placements');
  await waitForRows(page, 8);
  // Person 2 is in Hoeyang, sector local factory; no row ticked, only their cell focused.
  await cell(page, 2, 'name').click();
  const name = (await cell(page, 2, 'name').textContent()) ?? '';
  const serviceNo = (await cell(page, 2, 'service_no').textContent()) ?? '';
  await page.getByTestId('grid-place').click();
  const dialog = page.getByTestId('place-dialog');
  await expect(page.getByTestId('place-intro')).toHaveText(`${serviceNo} ${name} · 회양군 · 2027 봄`);
  // The request of the person's own sector is chosen; the other sector's is marked, not chosen.
  await expect(dialog.getByRole('radio', { name: '회양식료공장' })).toBeChecked();
  await expect(page.getByTestId('place-option-2')).toContainText('다른 부문');
  await page.getByTestId('place-option-2').click();
  await expect(page.getByTestId('place-other-sector-note')).toContainText('농업근로작업반');
  await page.getByTestId('place-assign').click();
  await expect(page.getByTestId('place-sector')).toContainText('1명의 부문이 지방공업공장에서 농업근로작업반으로 바뀝니다');
  await screenshot(page, 'grid-place-sector-ko.png');
  await page.getByTestId('place-sector-confirm').click();
  await expect(page.getByTestId('grid-notice-text')).toHaveText('1명을 배치했습니다.');
  await expect(cell(page, 2, 'workplace')).toHaveText('회양협동농장');
  await expect(cell(page, 2, 'sector')).toHaveText('농업근로작업반');
});

test('history lists every change with its operation; a person’s own history opens from their row', async ({ page, host }) => {
  seedPersons(host.ledger.db, 4);
  await openApp(page, host, 'persons');
  await waitForRows(page, 4);
  await typeInto(page, cell(page, 1, 'unit'), '제1부대');
  await typeInto(page, cell(page, 2, 'unit'), '제2부대');
  await expect(cell(page, 2, 'unit')).toHaveText('제2부대');
  await cell(page, 2, 'ag-Grid-SelectionColumn').locator('input').check();
  await page.getByTestId('grid-person-history').click();
  await expect(page.getByTestId('history-person-filter')).toContainText('101-00001 리영희의 변경리력만 보고 있습니다.');
  await waitForRows(page, 1);
  await expect(page.locator('.ag-grid-scrolling-container [role="row"] [col-id="new_value"]')).toHaveText(['제2부대']);
  await expect(page.locator('.ag-grid-scrolling-container [role="row"] [col-id="operation"]')).toHaveText(['고치기']);
  await expect(page.locator('.ag-grid-scrolling-container [role="row"] [col-id="field"]')).toHaveText(['소속부대']);
  await screenshot(page, 'grid-history-person-ko.png');
  await page.getByRole('button', { name: '모든 변경리력 보기' }).click();
  await waitForRows(page, 2);
});

test('history shows the persons an import created as one entry with their count, also in one person’s history', async ({
  page,
  host,
  tmpDir,
}) => {
  const path = resolve(process.env.SHARED_SAMPLES ?? resolve(__dirname, '../../../shared/samples'), 'decision-11-fall-clean.xlsx');
  const { report } = await runImport({
    ledger: host.ledger,
    file: { path, fileName: 'decision-11-fall-clean.xlsx', size: statSync(path).size, sha256: await sha256File(path) },
    options: importOptionsSchema.parse({}),
    mode: 'commit',
    skipInvalid: false,
    inProcess: true,
    backupDir: join(tmpDir, 'backups'),
  });
  expect(report.committed).toBe(true);
  await openApp(page, host, 'history');
  await waitForRows(page);
  const column = (id: string) => page.locator(`.ag-grid-scrolling-container [role="row"] [col-id="${id}"]`);
  await expect(column('field')).toContainText(['여러 행 추가', '여러 행 추가']);
  await expect(column('new_value').filter({ hasText: '행' })).toHaveText(['500행', '500행']);
  // The decision file's own entries name the file and its fields in the clerk's language.
  await expect(column('field')).toContainText(['새 배치', '새 인원', '올바른 행', '자료 행', '제대기별']);
  await expect(column('subject').first()).toHaveText('decision-11-fall-clean.xlsx');
  await expect(
    page.locator('.ag-grid-scrolling-container [role="row"]').filter({ hasText: '제대기별' }).filter({ hasText: '행 추가' }),
  ).toContainText('2027 가을');
  await screenshot(page, 'grid-history-import-ko.png');
  // From a person's row: their own history holds the import's entries for them and their placement.
  await page.getByTestId('nav-persons').click();
  await waitForRows(page, 500);
  await cell(page, 3, 'ag-Grid-SelectionColumn').locator('input').check();
  await page.getByTestId('grid-person-history').click();
  await waitForRows(page, 2);
  await expect(column('field')).toHaveText(['여러 행 추가', '여러 행 추가']);
  await expect(column('entity')).toHaveText(['배치', '인원']);
  await screenshot(page, 'grid-history-import-person-ko.png');
});

test('every grid page opens and renders in Korean and English', async ({ page, host }) => {
  seedPersons(host.ledger.db, 25);
  await openApp(page, host, 'persons');
  for (const route of ['persons', 'cohorts', 'requests', 'placements', 'history'] as const) {
    await page.getByTestId(`nav-${route}`).click();
    await expect(page.getByTestId(`grid-page-${route}`)).toBeVisible();
    await expect(page.getByTestId('grid-row-count')).not.toHaveText('불러오는 중…');
    await screenshot(page, `grid-${route}-ko.png`);
  }
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-persons').click();
  await waitForRows(page, 25);
  await expect(page.locator('.ag-header-cell[col-id="service_no"]')).toContainText('Service No.');
  await expect(cell(page, 1, 'sex')).toHaveText('Female');
  await screenshot(page, 'grid-persons-en.png');
});

// How fast a page of a big ledger comes is bench:grid's to measure (a timed test only measures
// how busy the machine is); here: a 100,000-person ledger opens on its first rows and its count.
test('opening Persons on a 100,000-person ledger shows its first rows and its count', async ({ page, host }) => {
  seedPersons(host.ledger.db, 100_000);
  await openApp(page, host);
  await page.getByTestId('nav-persons').click();
  await expect(cell(page, 1, 'name')).toBeVisible();
  await expect(page.getByTestId('grid-row-count')).toHaveText('100,000행');
});

test('“Export this view” writes what is on screen — filter, sort, columns — as csv and xlsx', async ({ page, host, tmpDir }) => {
  seedPersons(host.ledger.db, 30);
  host.ledger.db.prepare("UPDATE persons SET service_no = '007123', notes = '=1+2' WHERE id = 2").run();
  await openApp(page, host, 'persons');
  await waitForRows(page, 30);
  await page.getByTestId('grid-search').fill('리');
  await waitForRows(page, 3);
  await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();

  await page.getByTestId('grid-export-view').click();
  await page.getByTestId('export-view-format-csv').check();
  const csvPath = join(tmpDir, '리씨.csv');
  // The web host: the clerk types the folder and a name; main adds the extension.
  await page.getByTestId('export-view-folder').fill(tmpDir);
  await page.getByTestId('export-view-file-name').fill('리씨');
  await screenshot(page, 'grid-export-view-ko.png');
  await page.getByTestId('export-view-start').click();
  await expect(page.getByTestId('grid-notice-text')).toHaveText(`3행을 «${csvPath}»에 내보냈습니다.`);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split(/\r?\n/);
  expect(lines[0]!.split(',').slice(0, 5)).toEqual(['군번', '성명', '성별', '난날', '고향(도)']);
  // North Korean order: the silent ㅇ sorts after ㅎ, so 리영희 comes last.
  expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['리명수', '리혜진', '리영희']);
  expect(lines[3]).toContain('007123,리영희,남,1991-02-11,강원도');
  // A value that looks like a formula stays inert text.
  expect(lines[3]).not.toMatch(/,=1\+2/);

  // Same again as xlsx; an existing file is not overwritten without asking.
  await page.getByTestId('grid-export-view').click();
  const xlsxPath = join(tmpDir, '리씨.xlsx');
  await page.getByTestId('export-view-folder').fill(tmpDir);
  await page.getByTestId('export-view-file-name').fill('리씨');
  await page.getByTestId('export-view-start').click();
  await expect(page.getByTestId('grid-notice-text')).toContainText('3행을');
  await page.getByTestId('grid-export-view').click();
  await page.getByTestId('export-view-folder').fill(tmpDir);
  await page.getByTestId('export-view-file-name').fill('리씨');
  await page.getByTestId('export-view-start').click();
  await expect(page.getByTestId('export-view-exists')).toHaveText(`«${xlsxPath}» 파일이 이미 있습니다. 덮어쓸까요?`);
  // A relative folder would land in the host's own folder: refused with a sentence.
  await page.getByTestId('export-view-dialog').getByRole('button', { name: '닫기' }).click();
  await page.getByTestId('grid-export-view').click();
  await page.getByTestId('export-view-file-name').fill('리씨');
  await page.getByTestId('export-view-folder').fill('relative/folder');
  await page.getByTestId('export-view-start').click();
  await expect(page.getByTestId('export-view-error')).toContainText('전체 경로가 아닙니다');
  await page.getByTestId('export-view-folder').fill(tmpDir);
  await page.getByTestId('export-view-start').click();
  await expect(page.getByTestId('export-view-exists')).toBeVisible();
  await page.getByTestId('export-view-overwrite').click();
  await expect(page.getByTestId('grid-notice-text')).toContainText('3행을');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(2).value).toBe('성명');
  expect(sheet.getRow(4).getCell(1).value).toBe('007123');
  expect(sheet.getRow(4).getCell(2).value).toBe('리영희');
  expect(sheet.getRow(4).getCell(4).value).toBeInstanceOf(Date);
});
