// The office hub end to end in the renderer (issue 15): the web host's own session shares its
// ledger (Settings: an administrator account first, then sharing, accounts), and a second web host
// — a clerk's PC — connects to it through Settings: probe → fingerprint → sign in → the status bar
// shows the hub and the clerk; when the hub stops, the bar says so within seconds.
import { createServer } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { ApiCallName } from '../../src/shared/api-names';
import type { CallInput, CallOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { startWebHost } from '../../src/main/web/host';
import { expect, openApp, screenshot, test, type WebHost } from './fixtures';
import { cell, seedPersons } from './grid-helpers';

/** A port nobody listens on now (sharing takes 1024–65535, so not 0). */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** One call on a web host from the test itself (the host's token, as its page would send it). */
async function hostCall<K extends ApiCallName>(host: WebHost, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const response = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-token': host.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<CallOutput<K>>;
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A clerk's PC: a second web host with its own (empty) ledger and data folder for pinned hubs. */
async function startClerkPc(tmpDir: string, clerkName: string): Promise<WebHost> {
  const dataDir = join(tmpDir, 'clerk-data');
  await mkdir(dataDir, { recursive: true });
  const pc = await startWebHost({ dbPath: join(tmpDir, 'clerk.sqlite'), rendererDir: resolve('out/renderer'), port: 0, dataDir });
  pc.ledger.db.prepare("INSERT INTO settings (key, value) VALUES ('clerk.name', ?)").run(clerkName);
  return pc;
}

const FINGERPRINT_LINES = /^([0-9A-F]{2}:){7}[0-9A-F]{2}(\n([0-9A-F]{2}:){7}[0-9A-F]{2}){3}$/;

async function addAccount(page: Page, name: string, role: 'admin' | 'clerk' | 'readonly', password: string): Promise<void> {
  await page.getByTestId('account-add-name').fill(name);
  await page.getByTestId('account-add-role').selectOption(role);
  await page.getByTestId('account-add-password').fill(password);
  await page.getByTestId('account-add-password-again').fill(password);
  await page.getByTestId('account-add-save').click();
  await expect(page.locator(`[data-testid="account-row"][data-name="${name}"]`)).toBeVisible();
}

test('sharing from Settings: an administrator first, then addresses and fingerprint; a clerk account added and disabled', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'settings');
  const network = page.getByTestId('settings-network');
  await network.scrollIntoViewIfNeeded();

  // No administrator yet: sharing is not offered, the clerk is led to create one.
  await expect(page.getByTestId('share-need-admin')).toBeVisible();
  await expect(page.getByTestId('share-start')).toBeDisabled();
  await page.getByTestId('share-create-admin').click();
  await expect(page.getByTestId('account-add-role')).toHaveValue('admin');
  await expect(page.getByTestId('account-add-name')).toBeFocused();

  // Passwords are checked here first: too short, then not the same twice.
  await page.getByTestId('account-add-name').fill('김영호');
  await page.getByTestId('account-add-password').fill('short');
  await page.getByTestId('account-add-password-again').fill('short');
  await page.getByTestId('account-add-save').click();
  await expect(page.getByTestId('account-add-problem')).toHaveText('암호는 8자 이상이여야 합니다.');
  await page.getByTestId('account-add-password').fill('long enough 1');
  await page.getByTestId('account-add-password-again').fill('long enough 2');
  await page.getByTestId('account-add-save').click();
  await expect(page.getByTestId('account-add-problem')).toHaveText('두 번 입력한 암호가 서로 다릅니다.');
  await addAccount(page, '김영호', 'admin', 'long enough 1');
  const admin = page.locator('[data-testid="account-row"][data-name="김영호"]');
  await expect(admin.getByTestId('account-role')).toHaveText('관리자');
  await expect(admin.getByTestId('account-last-login')).toHaveText('아직 없음');
  await expect(page.getByTestId('share-need-admin')).toHaveCount(0);

  // Share on a free port.
  const port = await freePort();
  await page.getByTestId('share-port').fill(String(port));
  await page.getByTestId('share-start').click();
  await expect(page.getByTestId('share-on')).toBeVisible();
  const status = await hostCall(host, 'getHubStatus', {});
  expect(status.mode).toBe('sharing');
  expect(status.addresses.length).toBeGreaterThan(0);
  for (const address of status.addresses) expect(address).toMatch(new RegExp(`:${port}$`));
  await expect(page.getByTestId('share-address')).toHaveText(status.addresses);
  const fingerprint = page.getByTestId('share-fingerprint');
  await expect(fingerprint).toHaveAttribute('data-value', status.fingerprint ?? '');
  expect(await fingerprint.innerText()).toMatch(FINGERPRINT_LINES);
  await expect(page.getByTestId('share-signed-in')).toHaveText('0명');
  // The copy button puts the whole fingerprint on the clipboard, as the hub has it.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.getByTestId('share-fingerprint-copy').click();
  await expect(page.getByTestId('share-fingerprint-copy')).toHaveText('복사하였습니다');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(status.fingerprint);
  await expect(page.getByTestId('status-hub')).toHaveAttribute('data-mode', 'sharing');
  await expect(page.getByTestId('status-hub-address')).toHaveText(status.addresses[0] ?? '');

  // A clerk's account, then disabled after a confirmation (Cancel first keeps it).
  await addAccount(page, '림명숙', 'clerk', 'rim password');
  const clerk = page.locator('[data-testid="account-row"][data-name="림명숙"]');
  await expect(clerk.getByTestId('account-role')).toHaveText('사무원');
  await expect(page.getByTestId('accounts-done')).toHaveText('계정 «림명숙»을(를) 만들었습니다.');
  await clerk.getByTestId('account-disable').click();
  await expect(page.getByTestId('account-disable-dialog')).toContainText('«림명숙»');
  await page.getByTestId('account-disable-cancel').click();
  await expect(clerk).toHaveAttribute('data-disabled', 'false');
  await clerk.getByTestId('account-disable').click();
  await page.getByTestId('account-disable-confirm').click();
  await expect(clerk).toHaveAttribute('data-disabled', 'true');
  await expect(clerk.getByTestId('account-state')).toHaveText('막힘');

  // A new password, typed twice (a mismatch is refused here first).
  await clerk.getByTestId('account-set-password').click();
  const dialog = page.getByTestId('account-password-dialog');
  await expect(dialog).toContainText('«림명숙»의 새 암호');
  await dialog.getByTestId('account-password-password').fill('new rim password');
  await dialog.getByTestId('account-password-password-again').fill('new rim passwort');
  await dialog.getByTestId('account-password-save').click();
  await expect(page.getByTestId('account-password-problem')).toHaveText('두 번 입력한 암호가 서로 다릅니다.');
  await dialog.getByTestId('account-password-password-again').fill('new rim password');
  await dialog.getByTestId('account-password-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('accounts-done')).toHaveText('«림명숙»의 암호를 바꾸었습니다.');
  expect((await hostCall(host, 'listUsers', {})).find((u) => u.name === '림명숙')?.disabled).toBe(true);

  // The last administrator cannot be disabled: the ledger's sentence, nothing changed.
  await admin.getByTestId('account-disable').click();
  await page.getByTestId('account-disable-confirm').click();
  await expect(page.getByTestId('accounts-error-text')).toHaveText(
    errorSentence({ code: 'user_last_admin', message: '', details: { name: '김영호' } }, 'ko'),
  );
  await expect(admin).toHaveAttribute('data-disabled', 'false');

  await page.getByTestId('share-fingerprint').scrollIntoViewIfNeeded();
  await screenshot(page, 'hub-settings-sharing-ko.png');
  await page.getByTestId('hub-accounts').scrollIntoViewIfNeeded();
  await screenshot(page, 'hub-settings-accounts-ko.png');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('share-signed-in')).toHaveText('0');
  await expect(clerk.getByTestId('account-state')).toHaveText('Disabled');
  await page.getByTestId('hub-share').scrollIntoViewIfNeeded();
  await screenshot(page, 'hub-settings-sharing-en.png');

  await page.getByTestId('share-stop').click();
  await expect(page.getByTestId('share-stopped')).toBeVisible();
  await expect(page.getByTestId('status-hub')).toHaveCount(0);
  expect((await hostCall(host, 'getHubStatus', {})).mode).toBe('local');
});

test('a clerk’s PC connects: probe, fingerprint, sign in; the status bar shows the hub; stopped hub is unreachable at once', async ({
  page,
  host,
  tmpDir,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // The hub: five persons, an administrator, a clerk, shared on a free port.
  seedPersons(host.ledger.db, 5);
  await hostCall(host, 'addUser', { name: '김영호', role: 'admin', password: 'admin password' });
  await hostCall(host, 'addUser', { name: '림명숙', role: 'clerk', password: 'rim password' });
  const port = await freePort();
  const shared = await hostCall(host, 'startSharing', { port });
  const hubAddress = `127.0.0.1:${port}`;

  const clerkPc = await startClerkPc(tmpDir, '림명숙');
  try {
    await openApp(page, clerkPc, 'settings');
    await expect(page.getByTestId('status-count-persons')).toHaveAttribute('data-value', '0');
    await page.getByTestId('connect-address').fill(hubAddress);
    await page.getByTestId('connect-check').click();
    const shown = page.getByTestId('connect-fingerprint');
    await expect(shown).toHaveAttribute('data-value', shared.fingerprint ?? '');
    expect(await shown.innerText()).toMatch(FINGERPRINT_LINES);
    await expect(page.getByTestId('connect-cert-changed')).toHaveCount(0);
    // Nothing to sign in with before the clerk says the fingerprints match.
    await expect(page.getByTestId('connect-sign-in')).toHaveCount(0);
    await page.getByTestId('connect-same').check();
    await expect(page.getByTestId('connect-sign-in')).toBeVisible();
    await page.getByTestId('connect-probe').scrollIntoViewIfNeeded();
    await screenshot(page, 'hub-settings-probe-ko.png');

    // A wrong password: the sentence, still local.
    await page.getByTestId('connect-name').fill('림명숙');
    await page.getByTestId('connect-password').fill('wrong password');
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('connect-error-text')).toHaveText(errorSentence({ code: 'login_failed', message: '' }, 'ko'));
    await expect(page.getByTestId('connect-password')).toHaveValue('');

    await page.getByTestId('connect-password').fill('rim password');
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('connect-connected')).toBeVisible();
    await expect(page.getByTestId('connect-account')).toHaveText('림명숙');
    await expect(page.getByTestId('connect-role')).toHaveText('사무원');
    await expect(page.getByTestId('status-hub')).toHaveAttribute('data-mode', 'connected');
    await expect(page.getByTestId('status-hub-address')).toHaveText(hubAddress);
    await expect(page.getByTestId('status-hub-clerk')).toHaveText('림명숙');
    await expect(page.getByTestId('status-hub-role')).toHaveText('(사무원)');
    // The app now shows the hub's ledger.
    await expect(page.getByTestId('status-count-persons')).toHaveAttribute('data-value', '5');
    await expect.poll(async () => (await hostCall(host, 'getHubStatus', {})).clerksSignedIn).toBe(1);
    // The clerk's name is the account's: Settings says so instead of offering to change it.
    await expect(page.getByTestId('settings-clerk-current')).toHaveText('림명숙');
    await expect(page.getByTestId('settings-clerk-account')).toBeVisible();
    await expect(page.getByTestId('settings-clerk-input')).toHaveCount(0);

    // On the hub PC meanwhile: one clerk signed in, and when, as yyyy.mm.dd HH:MM (never ISO).
    const hubPage = await page.context().newPage();
    await openApp(hubPage, host, 'settings');
    await expect(hubPage.getByTestId('share-signed-in')).toHaveText('1명');
    const row = hubPage.locator('[data-testid="account-row"][data-name="림명숙"]');
    await expect(row.getByTestId('account-last-login')).toHaveText(/^\d{4}\.\d\d\.\d\d \d\d:\d\d$/);
    await hubPage.close();
    await page.getByTestId('hub-connect').scrollIntoViewIfNeeded();
    await screenshot(page, 'hub-statusbar-connected-real-ko.png');

    // The hub stops sharing: within seconds the bar says the hub cannot be reached (the clerk's
    // app checks the hub every 2 s while idle, the bar asks every 2 s: ~5 s here at most).
    const stoppedAt = Date.now();
    await hostCall(host, 'stopSharing', {});
    await expect(page.getByTestId('status-hub-unreachable')).toBeVisible({ timeout: 12000 });
    expect(Date.now() - stoppedAt).toBeLessThan(12000);
    await expect(page.getByTestId('status-hub-last-contact')).toHaveText(/^마지막 련결 \d\d:\d\d$/);
    await screenshot(page, 'hub-statusbar-unreachable-real-ko.png');

    // Back to this PC's own ledger.
    await page.getByTestId('connect-disconnect').click();
    await expect(page.getByTestId('status-hub')).toHaveCount(0);
    await expect(page.getByTestId('status-ledger-path')).toBeVisible();
    await expect(page.getByTestId('status-count-persons')).toHaveAttribute('data-value', '0');

    // Another PC now answers at the same address with another certificate: a warning in red, and
    // the fingerprints cannot be confirmed before the clerk says the change was checked.
    const impostor = await startWebHost({ dbPath: join(tmpDir, 'other.sqlite'), rendererDir: resolve('out/renderer'), port: 0 });
    try {
      await hostCall(impostor, 'addUser', { name: '관리', role: 'admin', password: 'admin password' });
      const other = await hostCall(impostor, 'startSharing', { port });
      expect(other.fingerprint).not.toBe(shared.fingerprint);
      await page.getByTestId('connect-address').fill(hubAddress);
      await page.getByTestId('connect-check').click();
      const warning = page.getByTestId('connect-cert-changed');
      await expect(warning).toContainText('인증서가 바뀌였습니다');
      await expect(page.getByTestId('connect-pinned-fingerprint')).toHaveAttribute('data-value', shared.fingerprint ?? '');
      await expect(page.getByTestId('connect-fingerprint')).toHaveAttribute('data-value', other.fingerprint ?? '');
      await expect(page.getByTestId('connect-same')).toBeDisabled();
      await expect(page.getByTestId('connect-sign-in')).toHaveCount(0);
      await page.getByTestId('connect-probe').scrollIntoViewIfNeeded();
      await screenshot(page, 'hub-settings-cert-changed-ko.png');
      await page.getByTestId('connect-accept-changed').check();
      await page.getByTestId('connect-same').check();
      await expect(page.getByTestId('connect-sign-in')).toBeVisible();
    } finally {
      await impostor.close();
    }
  } finally {
    await clerkPc.close();
  }
});

test('a read-only account on a real hub: the grids do not edit and the note says why', async ({ page, host, tmpDir }) => {
  seedPersons(host.ledger.db, 3);
  await hostCall(host, 'addUser', { name: '김영호', role: 'admin', password: 'admin password' });
  await hostCall(host, 'addUser', { name: '보기', role: 'readonly', password: 'look only please' });
  const port = await freePort();
  const shared = await hostCall(host, 'startSharing', { port });
  const clerkPc = await startClerkPc(tmpDir, '보기');
  try {
    // The clerk's PC confirms and signs in as the hub's settings page would let it.
    await hostCall(clerkPc, 'connectHub', {
      address: `127.0.0.1:${port}`,
      fingerprint: shared.fingerprint ?? '',
      name: '보기',
      password: 'look only please',
    });
    await page.goto(clerkPc.url);
    await expect(page.getByTestId('status-hub-role')).toHaveText('(보기만)');
    await page.getByTestId('nav-persons').click();
    await expect(page.getByTestId('readonly-note')).toBeVisible();
    await expect(cell(page, 1, 'name')).toBeVisible();
    await cell(page, 1, 'name').dblclick();
    await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
    await expect(page.getByTestId('grid-add')).toHaveCount(0);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('connect-role')).toHaveText('보기만');
    // No accounts for a read-only account, and no switching the hub's ledger file from here.
    await expect(page.getByTestId('hub-accounts')).toHaveCount(0);
    await expect(page.getByTestId('ledger-file')).toHaveCount(0);
  } finally {
    await clerkPc.close();
  }
});
