// Following placements to arrival in the window: Placements → "Set status" for the selected rows
// (a pasted date, one undoable step), and the Dashboard's not-yet-arrived list of a county with
// its export as a workbook (dashboard.spec.ts).
import { cell, seedPersons, waitForRows } from './grid-helpers';
import { expect, openApp, screenshot, test } from './fixtures';

test('placements: set arrived for the selected rows with a typed date; Ctrl+Z takes all back', async ({ page, host }) => {
  seedPersons(host.ledger.db, 8);
  const rows = () => host.ledger.db.prepare('SELECT status, arrival_date FROM placements WHERE id IN (2, 4) ORDER BY id').all();
  const before = rows();
  await openApp(page, host, 'placements');
  await waitForRows(page, 8);
  await expect(page.getByTestId('grid-set-status')).toBeDisabled();
  for (const id of [2, 4]) await cell(page, id, 'ag-Grid-SelectionColumn').locator('input').check();
  await page.getByTestId('grid-set-status').click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog).toContainText('고른 배치 2건의 상태');
  await page.getByTestId('status-arrived').check();
  await page.getByTestId('status-date').fill('2027년 5월 9일');
  await screenshot(page, 'placement-status-dialog-ko.png');
  await page.getByTestId('status-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('배치 2건의 상태를 바꾸었습니다.')).toBeVisible();
  expect(rows()).toEqual([
    { status: 'arrived', arrival_date: '2027-05-09' },
    { status: 'arrived', arrival_date: '2027-05-09' },
  ]);
  // The grid shows the date as offices write it, never ISO.
  await expect(cell(page, 2, 'arrival_date')).toHaveText('2027.05.09');

  // A date that is not a date: the sentence, nothing changed.
  await page.getByTestId('grid-set-status').click();
  await page.getByTestId('status-cancelled').check();
  await page.getByTestId('status-date').fill('오월 초');
  await page.getByTestId('status-reason').fill('입원');
  await page.getByTestId('status-apply').click();
  await expect(page.getByTestId('status-error')).toHaveText(
    '«오월 초»는 날자로 읽을 수 없습니다. 2027.05.03처럼 적으십시오. 아무것도 바꾸지 않았습니다.',
  );
  await page.keyboard.press('Escape');

  await page.getByTestId('grid-undo').click();
  await expect.poll(rows).toEqual(before);
});
