import { errorSentence } from '../../src/shared/i18n';
import { join } from 'node:path';
import { makeAutomaticBackup } from '../../src/main/backup/backups';
import { insertPerson } from '../helpers/ledger';
import { apiCall, apiValue, expect, openApp, screenshot, test } from './fixtures';
import { seedPersons } from './grid-helpers';

test('settings: shows the ledger file, its level and the program version; the check reports OK', async ({ page, host }) => {
  await openApp(page, host, 'settings');
  const info = await apiValue(page, host, 'getInfo', {});
  await expect(page.getByTestId('page-title')).toHaveText('설정');
  await expect(page.getByTestId('settings-ledger-path')).toHaveText(info.ledgerPath);
  await expect(page.getByTestId('settings-migration-level')).toHaveText(String(info.migrationLevel));
  await expect(page.getByTestId('settings-app-version')).toHaveText(info.appVersion);
  await expect(page.getByTestId('settings-language-ko')).toBeChecked();

  await page.getByTestId('settings-check').click();
  const result = page.getByTestId('settings-check-result');
  await expect(result).toBeVisible();
  const report = await apiValue(page, host, 'checkLedger', {});
  expect(report.ok).toBe(true);
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toHaveText('검사를 마쳤습니다. 문제가 없습니다.');
  await expect(page.getByTestId('settings-clerk-input')).toHaveValue((await apiValue(page, host, 'getSettings', {})).clerkName);
  await screenshot(page, 'settings-ko.png');
});

test('settings: an empty clerk name is refused with the Korean sentence and the old name is kept', async ({ page, host }) => {
  await openApp(page, host, 'settings');
  const before = await apiValue(page, host, 'getSettings', {});
  const input = page.getByTestId('settings-clerk-input');
  await expect(input).toHaveValue(before.clerkName);

  await input.fill('');
  await page.getByTestId('settings-clerk-save').click();
  const error = page.getByTestId('settings-clerk-error');
  await expect(error).toBeVisible();
  // Exactly the sentence errorSentence gives for the ledger's answer to the same request.
  const refused = await apiCall(page, host, 'updateSettings', { clerkName: '' });
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe('invalid_input');
  await expect(error).toHaveText(errorSentence(refused.error, 'ko'));
  await expect(error).toContainText('입력값이 올바르지 않습니다');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-clerk-current')).toHaveText(before.clerkName);
  await screenshot(page, 'settings-error-ko.png');

  // Spaces only are refused as well (the ledger trims).
  await input.fill('   ');
  await page.getByTestId('settings-clerk-save').click();
  await expect(error).toContainText('입력값이 올바르지 않습니다');

  expect((await apiValue(page, host, 'getSettings', {})).clerkName).toBe(before.clerkName);
  await page.reload();
  await expect(page.getByTestId('settings-clerk-input')).toHaveValue(before.clerkName);
  await expect(page.getByTestId('settings-clerk-error')).toHaveCount(0);
});

test('settings: a valid clerk name is saved, shown in the status bar and survives a reload', async ({ page, host }) => {
  await openApp(page, host, 'settings');
  const input = page.getByTestId('settings-clerk-input');
  await expect(input).not.toHaveValue('');
  await input.fill('  림명숙 ');
  await input.press('Enter');
  await expect(page.getByTestId('settings-clerk-saved')).toHaveText('담당자 이름을 저장하였습니다.');
  await expect(input).toHaveValue('림명숙');
  await expect(page.getByTestId('settings-clerk-current')).toHaveText('림명숙');
  await expect(page.getByTestId('status-clerk')).toHaveText('림명숙');
  expect((await apiValue(page, host, 'getSettings', {})).clerkName).toBe('림명숙');

  await page.reload();
  await expect(page.getByTestId('settings-clerk-input')).toHaveValue('림명숙');
  await expect(page.getByTestId('status-clerk')).toHaveText('림명숙');
});

test('settings: the language choice there switches the UI and is remembered', async ({ page, host }) => {
  await openApp(page, host, 'settings');
  await page.getByTestId('settings-language-en').check();
  await expect(page.getByTestId('page-title')).toHaveText('Settings');
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await apiValue(page, host, 'getSettings', {})).language).toBe('en');
  await page.reload();
  await expect(page.getByTestId('settings-language-en')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('settings: backups and the ledger file', () => {
  const more = (db: import('better-sqlite3').Database, from: number, count: number) => {
    const cohort = (db.prepare('SELECT id FROM cohorts ORDER BY id LIMIT 1').get() as { id: number }).id;
    db.transaction(() => {
      for (let i = from; i < from + count; i++)
        insertPerson(db, { serviceNo: `900-${String(i).padStart(5, '0')}`, name: '한광명', cohortId: cohort });
    })();
  };

  test('lists the backups, restores one after a confirmation that says the ledger is kept first; Korean and English', async ({
    page,
    host,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    seedPersons(host.ledger.db, 40);
    await makeAutomaticBackup(host.ledger, 'import');
    more(host.ledger.db, 0, 25);
    await makeAutomaticBackup(host.ledger, 'import');
    more(host.ledger.db, 100, 10);

    await openApp(page, host, 'settings');
    const rows = page.getByTestId('backup-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId('backup-persons')).toHaveText('65');
    await expect(rows.nth(1).getByTestId('backup-persons')).toHaveText('40');
    await expect(rows.nth(0).getByTestId('backup-reason')).toHaveText('자료 들여오기 전');
    await expect(rows.nth(0).getByTestId('backup-made-at')).toHaveText(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
    await page.getByTestId('backups-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-backups-ko.png');

    // The confirmation says what happens; cancelling changes nothing.
    await rows.nth(1).getByTestId('backup-restore').click();
    const dialog = page.getByTestId('restore-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('restore-what')).toContainText('40명');
    await expect(page.getByTestId('restore-keep')).toHaveText(
      '지금의 배치대장은 먼저 예비본으로 남겨 두므로 언제든지 다시 되돌릴 수 있습니다.',
    );
    await screenshot(page, 'settings-restore-confirm-ko.png');
    await page.getByTestId('restore-cancel').click();
    await expect(dialog).toHaveCount(0);
    expect((await apiValue(page, host, 'getInfo', {})).counts.persons).toBe(75);

    await rows.nth(1).getByTestId('backup-restore').click();
    await page.getByTestId('restore-confirm').click();
    await expect(page.getByTestId('backups-restored')).toContainText('복구하였습니다');
    expect((await apiValue(page, host, 'getInfo', {})).counts.persons).toBe(40);
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0).getByTestId('backup-reason')).toHaveText('예비본으로 복구하기 전');
    await expect(rows.nth(0).getByTestId('backup-persons')).toHaveText('75');

    // English.
    await page.getByTestId('settings-language-en').check();
    await expect(page.getByTestId('page-title')).toHaveText('Settings');
    await expect(rows.nth(0).getByTestId('backup-reason')).toHaveText('Before a restore');
    await expect(page.getByTestId('backups-restored')).toContainText('The ledger as it was is kept as the newest backup in the list.');
    await page.getByTestId('backups-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-backups-en.png');
    await rows.nth(0).getByTestId('backup-restore').click();
    await expect(page.getByTestId('restore-keep')).toHaveText(
      'The ledger as it is now is kept as a backup first, so you can always go back to it.',
    );
    await screenshot(page, 'settings-restore-confirm-en.png');
    await page.getByTestId('restore-cancel').click();
  });

  test('opens a new ledger by its path, then the first one again (web host: a path field)', async ({ page, host, tmpDir }) => {
    await openApp(page, host, 'settings');
    const first = host.ledger.path;
    const other = join(tmpDir, '새 대장.sqlite');
    const input = page.getByTestId('ledger-path-input');
    await input.fill(join(tmpDir, 'missing.sqlite'));
    await page.getByTestId('ledger-path-open').click();
    await expect(page.getByTestId('ledger-file-error')).toContainText('배치대장이 없습니다');
    await expect(page.getByTestId('settings-ledger-path')).toHaveText(first);

    await input.fill(other);
    await page.getByTestId('ledger-path-create').click();
    await expect(page.getByTestId('ledger-file-done')).toContainText('새 대장');
    await expect(page.getByTestId('settings-ledger-path')).toHaveText(other);
    await expect(page.getByTestId('status-ledger-path')).toContainText('새 대장.sqlite');
    await expect(page.getByTestId('backups-empty')).toBeVisible();

    await input.fill(first);
    await page.getByTestId('ledger-path-open').click();
    await expect(page.getByTestId('settings-ledger-path')).toHaveText(first);
  });
});

test('first start: the app asks the clerk’s name before the first change, and records changes under it', async ({ page, host }) => {
  host.ledger.db.prepare("DELETE FROM settings WHERE key = 'clerk.name'").run();
  for (const language of ['en', 'ko'] as const) {
    host.ledger.db
      .prepare("INSERT INTO settings (key, value) VALUES ('ui.language', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(language);
    await page.goto('about:blank'); // a fresh load, not a same-document navigation
    await page.addInitScript((l) => {
      if (window.location.protocol === 'http:') window.localStorage.setItem('ledger.language', l);
    }, language);
    await openApp(page, host);
    const dialog = page.getByTestId('first-start');
    await expect(dialog).toContainText(language === 'ko' ? '담당자 이름' : 'Your name');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('first-start-save')).toBeDisabled();
    // Escape does not get past it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await screenshot(page, `first-start-${language}.png`);
  }
  await page.getByTestId('first-start-name').fill('  림순희 ');
  await page.getByTestId('first-start-save').click();
  await expect(page.getByTestId('first-start')).toHaveCount(0);
  await expect(page.getByTestId('status-clerk')).toHaveText('림순희');
  expect(await apiValue(page, host, 'getSettings', {})).toMatchObject({ clerkName: '림순희', clerkNameSet: true });
  // Asked once: the next start goes straight in.
  await page.goto('about:blank');
  await openApp(page, host);
  await expect(page.getByTestId('status-ledger-path')).toBeVisible();
  await expect(page.getByTestId('first-start')).toHaveCount(0);
});
