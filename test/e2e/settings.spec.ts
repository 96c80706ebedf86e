import { errorSentence } from '../../src/shared/i18n';
import { apiCall, apiValue, expect, openApp, screenshot, test } from './fixtures';

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
