import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startWebHost } from '../../src/main/web/host';
import { apiValue, expect, openApp, parseCount, screenshot, test } from './fixtures';

const HANGUL = /[\uAC00-\uD7A3]/;

// Every page: its route, its Korean title (also the sidebar label) and English title.
const PAGES = [
  { route: 'dashboard', ko: '현황', en: 'Dashboard', real: true },
  { route: 'persons', ko: '인원', en: 'Persons', real: true },
  { route: 'cohorts', ko: '제대기별', en: 'Cohorts', real: true },
  { route: 'requests', ko: '시·군 로력요구', en: 'County requests', real: true },
  { route: 'placements', ko: '배치', en: 'Placements', real: true },
  { route: 'allocation', ko: '작업장 배정', en: 'Allocation', real: true },
  { route: 'import', ko: '자료 들여오기', en: 'Import', real: true },
  { route: 'export', ko: '명단 내보내기', en: 'Export', real: true },
  { route: 'history', ko: '변경리력', en: 'History', real: true },
  { route: 'settings', ko: '설정', en: 'Settings', real: true },
] as const;

test('loads in Korean: html lang, title, Hangul sidebar; the token leaves the address bar', async ({ page, host }) => {
  await openApp(page, host);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page).toHaveTitle('배치대장');
  await expect(page.getByTestId('app-name')).toHaveText('배치대장');
  await expect(page.locator('.brand__subtitle')).toHaveText('도 인민위원회 로동국');
  for (const { route, ko } of PAGES) {
    const link = page.getByTestId(`nav-${route}`);
    await expect(link).toHaveText(ko);
    expect(await link.textContent()).toMatch(HANGUL);
  }
  // The default page is the dashboard, marked as current.
  await expect(page.getByTestId('nav-dashboard')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('page-title')).toHaveText('현황');
  // The token was moved to sessionStorage and removed from the URL.
  expect(page.url()).not.toContain('token');
  expect(await page.evaluate(() => sessionStorage.getItem('ledger.token'))).toBe(host.token);

  await page.getByTestId('nav-persons').click();
  await expect(page.getByTestId('grid-page-persons')).toBeVisible();
  await screenshot(page, 'shell-ko.png');
});

test('switching to English changes the labels and is remembered across reloads and by the ledger', async ({ page, host, browser }) => {
  await openApp(page, host, 'persons');
  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
  for (const { route, en } of PAGES) await expect(page.getByTestId(`nav-${route}`)).toHaveText(en);
  await expect(page.getByTestId('page-title')).toHaveText('Persons');
  await expect(page).toHaveTitle('Placement Ledger');
  await expect.poll(async () => (await apiValue(page, host, 'getSettings', {})).language).toBe('en');
  await screenshot(page, 'shell-en.png');

  await page.reload();
  await expect(page.getByTestId('status-ledger-path')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  await expect(page.getByTestId('page-title')).toHaveText('Persons');

  // A browser with no local copy of the choice still starts in English: the ledger remembers it.
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(host.url);
    await expect(other.locator('html')).toHaveAttribute('lang', 'en');
    await expect(other.getByTestId('nav-persons')).toHaveText('Persons');
  } finally {
    await fresh.close();
  }

  // And back to Korean.
  await page.getByTestId('lang-ko').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('nav-persons')).toHaveText('인원');
  await expect.poll(async () => (await apiValue(page, host, 'getSettings', {})).language).toBe('ko');
});

test('every page opens from the sidebar with its title, and only its link is current', async ({ page, host }) => {
  await openApp(page, host);
  for (const { route, ko, real } of PAGES) {
    await page.getByTestId(`nav-${route}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${route}$`));
    await expect(page.getByTestId('page-title')).toHaveText(ko);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('.nav__link[aria-current="page"]')).toHaveCount(1);
    await expect(page.getByTestId(`nav-${route}`)).toHaveAttribute('aria-current', 'page');
    // A page whose feature has not landed says what it will do and that it comes in a later version.
    const comingSoon = page.getByTestId('coming-soon');
    if (real) {
      await expect(comingSoon).toHaveCount(0);
    } else {
      await expect(comingSoon).toContainText('다음 판본에서 제공됩니다');
      await expect(comingSoon.locator('li')).toHaveCount(3);
      await expect(comingSoon).not.toContainText(/TODO/i);
    }
  }
  // Deep links and back/forward work with the hash route.
  await page.goBack();
  await expect(page.getByTestId('page-title')).toHaveText('변경리력');
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('변경리력');
});

test('keyboard: a focused sidebar link opens with Enter and focus moves to the page title', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByTestId('nav-cohorts').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-title')).toHaveText('제대기별');
  await expect(page.getByTestId('page-title')).toBeFocused();
  // Tab order on a freshly loaded page starts with the skip link, then the sidebar.
  await page.getByTestId('nav-dashboard').click();
  await page.reload();
  await expect(page.getByTestId('status-ledger-path')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-dashboard')).toBeFocused();
});

test('status bar: ledger path, migration level and counts from getInfo, refreshed on navigation', async ({ page, host, tmpDir }) => {
  await openApp(page, host);
  const info = await apiValue(page, host, 'getInfo', {});
  const path = page.getByTestId('status-ledger-path');
  await expect(path).toHaveText(info.ledgerPath);
  await expect(path).toHaveAttribute('title', info.ledgerPath);
  expect(info.ledgerPath.startsWith(tmpDir)).toBe(true);
  await expect(page.getByTestId('status-migration-level')).toHaveText(String(info.migrationLevel));

  const regions = page.getByTestId('status-count-regions');
  const shown = parseCount(await regions.textContent());
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBe(info.counts.regions);
  await expect(regions).toHaveText(new Intl.NumberFormat('ko-KR').format(info.counts.regions));
  for (const [testId, table] of [
    ['persons', 'persons'],
    ['cohorts', 'cohorts'],
    ['county-requests', 'county_requests'],
    ['placements', 'placements'],
  ] as const) {
    await expect(page.getByTestId(`status-count-${testId}`)).toHaveText(String(info.counts[table]));
  }

  // A change made elsewhere shows after the next navigation.
  await apiValue(page, host, 'updateSettings', { clerkName: '리영호' });
  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('status-clerk')).toHaveText('리영호');
});

test('a long ledger path is cut at its start with an ellipsis; the file name stays visible', async ({ page, tmpDir }) => {
  const deep = join(tmpDir, 'Provincial labor office', 'Placement ledgers of the discharged soldiers', '2027 spring and summer terms');
  await mkdir(deep, { recursive: true });
  const host = await startWebHost({ dbPath: join(deep, 'ledger.sqlite'), rendererDir: resolve('out/renderer'), port: 0 });
  try {
    await page.setViewportSize({ width: 1100, height: 700 });
    await openApp(page, host);
    const path = page.getByTestId('status-ledger-path');
    await expect(path).toHaveText(join(deep, 'ledger.sqlite'));
    await expect(path).toHaveAttribute('title', join(deep, 'ledger.sqlite'));
    const geometry = await path.evaluate((el) => {
      const text = el.querySelector('bdi')?.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) return null;
      const length = (text.textContent ?? '').length;
      const charRect = (index: number): DOMRect => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect();
      };
      const box = el.getBoundingClientRect();
      return {
        overflowing: el.scrollWidth > el.clientWidth,
        textOverflow: getComputedStyle(el).textOverflow,
        box: { left: box.left, right: box.right },
        first: charRect(0).left,
        last: charRect(length - 1).right,
      };
    });
    expect(geometry).not.toBeNull();
    if (geometry === null) return;
    expect(geometry.overflowing).toBe(true);
    expect(geometry.textOverflow).toBe('ellipsis');
    // The start of the path is cut off on the left; its end (the file name) is inside the box.
    expect(geometry.first).toBeLessThan(geometry.box.left);
    expect(geometry.last).toBeLessThanOrEqual(geometry.box.right + 1);
    expect(geometry.last).toBeGreaterThan(geometry.box.left);
    await screenshot(page, 'statusbar-long-path.png');
  } finally {
    await host.close();
  }
});

test('loads without console errors and page errors on every page', async ({ page, host, consoleErrors }) => {
  await openApp(page, host);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  for (const { route, ko } of PAGES) {
    await page.getByTestId(`nav-${route}`).click();
    await expect(page.getByTestId('page-title')).toHaveText(ko);
  }
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('nav-dashboard')).toHaveText('Dashboard');
  await page.reload();
  await expect(page.getByTestId('status-ledger-path')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('an unreachable ledger shows the error sentence in a banner, not a stack', async ({ page, host, consoleErrors }) => {
  // Without the token every call is refused by the host: the clerk sees the refusal sentence.
  await page.goto(`${host.origin}/#/dashboard`);
  const banner = page.getByTestId('ledger-error');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('허가되지 않은 화면에서 온 요청이므로 거절하였습니다.');
  await expect(banner).not.toContainText('at ');
  await expect(page.getByTestId('status-loading')).toHaveText('대장 정보를 불러오지 못했습니다');
  // The refused requests (HTTP 403) are the only console errors, and they are expected here.
  const unexpected = consoleErrors.filter((text) => !/status of 403/.test(text));
  expect(unexpected).toEqual([]);
  consoleErrors.splice(0);
});
