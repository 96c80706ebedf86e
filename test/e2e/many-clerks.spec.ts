// Many clerks at once (docs/hub.md): two windows on one ledger (two pages of the same web host,
// the second clerk's changes written under another name). A colleague's edit shows in the other
// window within ~2 s without a reload; an edit based on a row a colleague changed meanwhile is
// refused with who and when, and the colleague's value shows; a value typed while the ledger
// cannot be reached stays in its cell, marked unsaved, and is saved once it answers again.
import type { Page } from '@playwright/test';
import { GridEditor } from '../../src/main/grid/edit';
import { rowById } from '../../src/main/grid/query';
import { expect, openApp, screenshot, test, type WebHost } from './fixtures';
import { cell, seedPersons, typeInto, waitForRows } from './grid-helpers';

/** The clerk's name the ledger records changes under from now on (as a second clerk signing in would). */
function clerkIs(host: WebHost, name: string): void {
  host.ledger.db
    .prepare("INSERT INTO settings (key, value) VALUES ('clerk.name', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(name);
}

async function persons(page: Page, host: WebHost): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'persons');
  await waitForRows(page, 12);
}

test('a colleague’s edit shows within 2 s; a stale edit is refused with who and when, the colleague’s value kept', async ({
  page,
  host,
}) => {
  seedPersons(host.ledger.db, 12);
  const other = await page.context().newPage();
  await persons(page, host);
  await persons(other, host);
  // Both windows have polled once (they know where the ledger is at).
  await page.waitForTimeout(1800);

  // The colleague (the other window) changes row 2's unit: this window shows it without a reload.
  clerkIs(host, '김철수');
  await typeInto(other, cell(other, 2, 'unit'), '제7호 부대');
  await expect(cell(other, 2, 'unit')).toHaveText('제7호 부대');
  const shownBy = Date.now();
  await expect(cell(page, 2, 'unit')).toHaveText('제7호 부대', { timeout: 2500 });
  expect(Date.now() - shownBy).toBeLessThan(2500);
  await screenshot(page, 'many-clerks-colleague-edit-ko.png');

  // This clerk opens row 3's unit; meanwhile the colleague changes that row.
  await cell(page, 3, 'unit').dblclick();
  const editor = page.locator('.ag-cell-inline-editing input').first();
  await expect(editor).toBeVisible();
  await typeInto(other, cell(other, 3, 'unit'), '제9호 부대');
  await expect(cell(other, 3, 'unit')).toHaveText('제9호 부대');
  clerkIs(host, '김영호');
  await editor.fill('제1호 부대');
  await editor.press('Enter');
  const at = host.ledger.db
    .prepare("SELECT at FROM audit_log WHERE entity = 'person' AND entity_id = 3 ORDER BY id DESC LIMIT 1")
    .pluck()
    .get() as string;
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  await expect(page.getByTestId('grid-notice-text')).toHaveText(
    `이 행은 김철수 님이 ${when}에 바꾸었습니다. 덮어쓰지 않았습니다. 새 값을 확인한 뒤 다시 입력하십시오.`,
  );
  await expect(cell(page, 3, 'unit')).toHaveText('제9호 부대');
  expect(rowById(host.ledger.db, 'persons', 3)?.unit).toBe('제9호 부대');
  await screenshot(page, 'many-clerks-row-changed-ko.png');
  await other.close();
});

test('a value typed while the ledger cannot be reached stays in its cell, marked unsaved, and is saved when it answers', async ({
  page,
  host,
}) => {
  seedPersons(host.ledger.db, 12);
  await persons(page, host);
  // The office hub does not answer this window's edit (as the client reports it).
  const unreachable = {
    ok: false,
    error: { code: 'hub_unreachable', message: 'no answer', details: { address: '192.168.0.10:8443', reason: '응답 없음' } },
  };
  await page.route('**/api/gridUpdateCell', (route) => route.fulfill({ json: unreachable }));
  await typeInto(page, cell(page, 4, 'unit'), '제5호 부대');
  await expect(page.getByTestId('grid-notice-text')).toContainText('입력한 내용은 저장되지 않은 채로 남아 있습니다');
  await expect(cell(page, 4, 'unit')).toHaveText('제5호 부대');
  await expect(cell(page, 4, 'unit')).toHaveClass(/cell--unsaved/);
  expect(rowById(host.ledger.db, 'persons', 4)?.unit).toBeNull();
  // A colleague's change of another row reloads the rows: the typed value stays, marked.
  new GridEditor(host.ledger.db, () => '김철수').updateCell('persons', 5, 'unit', '다른 값');
  await expect(cell(page, 5, 'unit')).toHaveText('다른 값', { timeout: 2500 });
  await expect(cell(page, 4, 'unit')).toHaveText('제5호 부대');
  await expect(cell(page, 4, 'unit')).toHaveClass(/cell--unsaved/);
  await expect(page.getByTestId('grid-unsaved')).toContainText('저장되지 않은 칸이 1개 있습니다');
  await cell(page, 4, 'unit').hover();
  await expect(page.locator('.ag-tooltip')).toContainText('저장되지 않았습니다');
  await screenshot(page, 'many-clerks-unsaved-ko.png');

  // Esc on the cell discards what was typed.
  await cell(page, 4, 'unit').click();
  await page.keyboard.press('Escape');
  await expect(cell(page, 4, 'unit')).not.toHaveClass(/cell--unsaved/);
  await expect(cell(page, 4, 'unit')).toHaveText('');

  // Typed again, and the ledger answers again: saved by itself at the next poll.
  await typeInto(page, cell(page, 4, 'unit'), '제6호 부대');
  await expect(cell(page, 4, 'unit')).toHaveClass(/cell--unsaved/);
  await page.unroute('**/api/gridUpdateCell');
  await expect(cell(page, 4, 'unit')).not.toHaveClass(/cell--unsaved/, { timeout: 4000 });
  await expect(cell(page, 4, 'unit')).toHaveText('제6호 부대');
  await expect(page.getByTestId('grid-unsaved')).toHaveCount(0);
  expect(rowById(host.ledger.db, 'persons', 4)?.unit).toBe('제6호 부대');

  // Unreachable again: the banner's button drops every typed value at once.
  await page.route('**/api/gridUpdateCell', (route) => route.fulfill({ json: unreachable }));
  await typeInto(page, cell(page, 6, 'unit'), '버릴 값');
  await expect(cell(page, 6, 'unit')).toHaveClass(/cell--unsaved/);
  await page.getByTestId('grid-unsaved-discard').click();
  await expect(cell(page, 6, 'unit')).toHaveText('');
  await expect(page.getByTestId('grid-unsaved')).toHaveCount(0);
  expect(rowById(host.ledger.db, 'persons', 6)?.unit).toBeNull();
});
