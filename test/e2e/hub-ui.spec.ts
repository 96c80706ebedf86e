// The office hub as a clerk sees it in the renderer (issue 15): how the shell follows the hub's
// status (the status bar, read-only accounts) and Settings' checks before anything is sent. The
// status is the real web host's answer with the fields a hub would set (mode, role, reachable):
// the renderer's side is what is tested here; hub.spec.ts drives real hubs.
import type { Page } from '@playwright/test';
import type { HubStatus } from '../../src/shared/api/hub.contract';
import { errorSentence } from '../../src/shared/i18n';
import { apiValue, expect, openApp, screenshot, test } from './fixtures';
import { cell, seedPersons } from './grid-helpers';

const FINGERPRINT = `SHA256:${Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;

/** Answers getHubStatus with the host's own answer changed by `patch` (a function: asked each time). */
async function hubStatusIs(page: Page, patch: () => Partial<HubStatus>): Promise<void> {
  await page.route('**/api/getHubStatus', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value?: HubStatus };
    if (body.ok && body.value) body.value = { ...body.value, ...patch() };
    await route.fulfill({ response, json: body });
  });
}

test('status bar: connected to the office ledger it shows the hub, the clerk and role; unreachable at once, in red', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const lastContact = new Date(2027, 2, 14, 10, 42, 5).toISOString();
  let reachable = true;
  await hubStatusIs(page, () => ({
    mode: 'connected',
    addresses: ['192.168.0.10:8443'],
    fingerprint: FINGERPRINT,
    clerk: '림명숙',
    role: 'clerk',
    reachable,
    lastContactAt: lastContact,
  }));
  await page.goto(host.url);
  const hub = page.getByTestId('status-hub');
  await expect(hub).toHaveAttribute('data-mode', 'connected');
  await expect(page.getByTestId('status-hub-address')).toHaveText('192.168.0.10:8443');
  await expect(page.getByTestId('status-hub-clerk')).toHaveText('림명숙');
  await expect(page.getByTestId('status-hub-role')).toHaveText('(사무원)');
  // The hub's file path means nothing on this PC: the bar shows the hub instead.
  await expect(page.getByTestId('status-ledger-path')).toHaveCount(0);
  await expect(page.getByTestId('status-hub-unreachable')).toHaveCount(0);
  await screenshot(page, 'hub-statusbar-connected-ko.png');

  // The next poll (every 2 s while connected) says the hub did not answer.
  const before = Date.now();
  reachable = false;
  await expect(page.getByTestId('status-hub-unreachable')).toHaveText('사무실 대장에 련결할 수 없습니다', { timeout: 4000 });
  expect(Date.now() - before).toBeLessThan(4000);
  await expect(hub).toHaveAttribute('data-reachable', 'false');
  await expect(hub).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('status-hub-last-contact')).toHaveText('마지막 련결 10:42');
  await expect(hub).toHaveCSS('color', 'rgb(180, 35, 24)');
  await screenshot(page, 'hub-statusbar-unreachable-ko.png');

  // And back as soon as it answers again.
  reachable = true;
  await expect(page.getByTestId('status-hub-unreachable')).toHaveCount(0, { timeout: 4000 });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('lang-en').click();
  reachable = false;
  await expect(page.getByTestId('status-hub-unreachable')).toHaveText('The office ledger cannot be reached', { timeout: 4000 });
  await expect(page.getByTestId('status-hub-role')).toHaveText('(Clerk)');
  await expect(page.getByTestId('status-hub-last-contact')).toHaveText('last contact 10:42');
  await screenshot(page, 'hub-statusbar-unreachable-en.png');
});

test('read-only account: grids do not edit, import and allocation offer nothing to run, a note says why', async ({ page, host }) => {
  seedPersons(host.ledger.db, 5);
  await hubStatusIs(page, () => ({ mode: 'connected', addresses: ['192.168.0.10:8443'], clerk: '보기', role: 'readonly' }));
  await page.goto(host.url);
  await expect(page.getByTestId('status-hub-role')).toHaveText('(보기만)');

  await page.getByTestId('nav-persons').click();
  await expect(page.getByTestId('readonly-note')).toContainText('«보기만» 계정');
  await expect(cell(page, 1, 'name')).toBeVisible();
  await cell(page, 1, 'name').dblclick();
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  await cell(page, 1, 'name').press('Enter');
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  for (const id of ['grid-add', 'grid-delete', 'grid-fill', 'grid-undo', 'grid-redo']) await expect(page.getByTestId(id)).toHaveCount(0);

  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('readonly-note')).toBeVisible();
  await expect(page.getByTestId('page-title')).toHaveText('자료 들여오기');
  await expect(page.getByTestId('import-steps')).toHaveCount(0);
  await expect(page.getByTestId('import-history-undo')).toHaveCount(0);

  await page.getByTestId('nav-allocation').click();
  await expect(page.getByTestId('readonly-note')).toBeVisible();
  await expect(page.getByTestId('alloc-term')).toBeVisible();
  await expect(page.getByTestId('alloc-start')).toHaveCount(0);
  await expect(page.getByTestId('alloc-accept')).toHaveCount(0);

  // Pages that change nothing need no note.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('readonly-note')).toHaveCount(0);
});

test('a clerk (not read-only) edits as before and sees no note', async ({ page, host }) => {
  seedPersons(host.ledger.db, 3);
  await hubStatusIs(page, () => ({ mode: 'connected', addresses: ['192.168.0.10:8443'], clerk: '림명숙', role: 'clerk' }));
  await page.goto(host.url);
  await expect(page.getByTestId('status-hub-role')).toHaveText('(사무원)');
  await page.getByTestId('nav-persons').click();
  await expect(cell(page, 1, 'name')).toBeVisible();
  await expect(page.getByTestId('readonly-note')).toHaveCount(0);
  await expect(page.getByTestId('grid-add')).toBeVisible();
  await cell(page, 1, 'name').dblclick();
  await expect(cell(page, 1, 'name')).toHaveClass(/ag-cell-inline-editing/);
});

test('connect: an address that cannot be one is refused with a sentence before anything is sent', async ({ page, host }) => {
  await openApp(page, host, 'settings');
  let probes = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/probeHub')) probes++;
  });
  const address = page.getByTestId('connect-address');
  const problem = page.getByTestId('connect-address-problem');
  await page.getByTestId('connect-check').click();
  await expect(problem).toHaveText('대장을 공유하는 PC의 주소를 쓰십시오. 그 PC의 설정 화면에 보입니다.');
  await address.fill('my pc:8443');
  await page.getByTestId('connect-check').click();
  await expect(problem).toContainText('PC 이름이나 IP 주소를 읽을 수 없습니다');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await address.fill('192.168.0.10:99999');
  await page.getByTestId('connect-check').click();
  await expect(problem).toContainText('포구 번호는 1부터 65535까지');
  expect(probes).toBe(0);
});

test('share: a port out of range is refused with a sentence; a refusal of the ledger is shown as its sentence', async ({ page, host }) => {
  await openApp(page, host);
  await apiValue(page, host, 'addUser', { name: '김영호', role: 'admin', password: 'admin password' });
  await page.getByTestId('nav-settings').click();
  const port = page.getByTestId('share-port');
  await expect(port).toHaveValue('8443');
  await port.fill('80');
  await page.getByTestId('share-start').click();
  await expect(page.getByTestId('share-port-problem')).toHaveText('포구 번호는 1024부터 65535까지의 옹근수여야 합니다.');
  // Refused by the ledger (here: the PC is connected elsewhere): the sentence, never the code.
  await page.route('**/api/startSharing', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'hub_sharing_failed', message: 'EADDRINUSE', details: { reason: 'EADDRINUSE' } } } }),
  );
  await port.fill('8443');
  await page.getByTestId('share-start').click();
  const error = page.getByTestId('share-error-text');
  await expect(error).toHaveText(errorSentence({ code: 'hub_sharing_failed', message: '', details: { reason: 'EADDRINUSE' } }, 'ko'));
  await expect(error).not.toContainText('hub_sharing_failed');
});
