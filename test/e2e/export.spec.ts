// The Export page in the web host: term, departments with their counts, folder, progress,
// Cancel, the question before replacing files, the result — and the files on disk.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { apiValue, expect, openApp, parseCount, screenshot, test } from './fixtures';

function xlsxIn(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.xlsx'))
        .sort()
    : [];
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
  // A quarter of a million persons to seed, then screenshots in two sizes and languages mid-way.
  test.slow();
  fillLedger(host.ledger.db, { persons: 250_000, seed: 7 });
  const out = join(tmpDir, 'cancel');
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'export');
  // Not every department: the summary's persons without a workplace (all of the term, Kangwon's
  // too) must not swell the count, which is the persons of the departments chosen, each once.
  await page.getByTestId('export-province-kangwon').uncheck();
  const chosen = parseCount((await page.getByTestId('export-files').textContent())!.split('·')[1]!);
  expect(chosen).toBeGreaterThan(0);
  await page.getByTestId('export-folder').fill(out);
  await page.getByTestId('export-start').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeVisible();
  // Rows are being written: the bar moves (the screenshot shows it mid-way).
  await expect(progress).toHaveAttribute('data-phase', 'writing', { timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  const counted = page.getByTestId('export-progress-count');
  await expect(counted).toHaveText(new RegExp(`^[\\d,]+ / ${chosen.toLocaleString('en-US')}명$`));
  await screenshot(page, 'export-progress-ko.png');
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'export-progress-ko-1440.png');
  await page.getByTestId('lang-en').click();
  await expect(counted).toHaveText(new RegExp(`^[\\d,]+ / ${chosen.toLocaleString('en-US')} persons$`));
  await screenshot(page, 'export-progress-en-1440.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'export-progress-en.png');
  await page.getByTestId('lang-ko').click();
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

test('export: "the folder will be made" goes once the folder exists', async ({ page, host, tmpDir }) => {
  fillLedger(host.ledger.db, { persons: 800, seed: 10 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'export');
  const hint = page.getByTestId('export-folder-new');
  const shots = async (name: string) => {
    await screenshot(page, `${name}.png`);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, `${name}-1440.png`);
    await page.setViewportSize({ width: 1280, height: 720 });
  };
  const out = join(tmpDir, '새 폴더');
  await page.getByTestId('export-folder').fill(out);
  await expect(hint).toBeVisible();
  await shots('export-folder-new-ko');
  // The clerk makes the folder in the file manager and comes back to the field: the hint goes.
  mkdirSync(out);
  await page.getByTestId('export-filter').focus();
  await page.getByTestId('export-folder').focus();
  await expect(hint).toHaveCount(0);
  await shots('export-folder-exists-ko');
  // … or comes back to the window.
  await page.getByTestId('lang-en').click();
  const other = join(tmpDir, 'other folder');
  await page.getByTestId('export-folder').fill(other);
  await expect(hint).toHaveText('This folder does not exist yet; it is created when the rosters are made.');
  await shots('export-folder-new-en');
  mkdirSync(other);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(hint).toHaveCount(0);
  await shots('export-folder-exists-en');
  await page.getByTestId('lang-ko').click();
  // An export makes the folder: after it, no hint either (also when the clerk starts again).
  const made = join(tmpDir, '만들 폴더');
  await page.getByTestId('export-folder').fill(made);
  await expect(hint).toBeVisible();
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  expect(existsSync(made)).toBe(true);
  await expect(hint).toHaveCount(0);
  await page.getByTestId('export-again').click();
  await expect(page.getByTestId('export-start')).toBeEnabled();
  await expect(page.getByTestId('export-example')).toBeVisible();
  await expect(hint).toHaveCount(0);
});

/** Left edges of each column's cells (header and body) and how far each number sits from its cell's right edge. */
async function tableGeometry(page: import('@playwright/test').Page) {
  return page.getByTestId('export-results').evaluate((table) => {
    const rows = Array.from(table.querySelectorAll('tr'));
    const lefts = rows.map((r) => Array.from(r.children).map((c) => Math.round(c.getBoundingClientRect().left)));
    const rights = rows.map((r) => Array.from(r.children).map((c) => Math.round(c.getBoundingClientRect().right)));
    // Per row, how many different tops and bottoms its cells have (1 each when the row lines up),
    // and the baseline of each cell's first line (one for every cell of a row): an empty
    // inline-block put before the text sits on it.
    const spread = (values: number[]) => new Set(values.map(Math.round)).size;
    const rowTops = rows.map((r) => spread(Array.from(r.children).map((c) => c.getBoundingClientRect().top)));
    const rowBottoms = rows.map((r) => spread(Array.from(r.children).map((c) => c.getBoundingClientRect().bottom)));
    const baselineOf = (cell: Element) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode();
      const probe = document.createElement('span');
      probe.style.cssText = 'display:inline-block;width:0;height:0';
      text!.parentNode!.insertBefore(probe, text);
      const y = probe.getBoundingClientRect().bottom;
      probe.remove();
      return y;
    };
    const textLines = rows.map((r) => spread(Array.from(r.children).map(baselineOf)));
    const numberGaps: number[] = [];
    for (const cell of Array.from(table.querySelectorAll<HTMLElement>('.num'))) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const text = range.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      numberGaps.push(Math.round(box.right - parseFloat(getComputedStyle(cell).paddingRight) - text.right));
    }
    // Where the names wrap: the characters either side of every line break in a body cell.
    const breaks: string[] = [];
    for (const cell of Array.from(table.querySelectorAll<HTMLElement>('tbody th, tbody td'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let top: number | null = null;
      let before = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const y = Math.round(range.getBoundingClientRect().top);
          if (top !== null && y > top + 2) breaks.push(before + text[i]);
          top = y;
          before = text[i]!;
        }
      }
    }
    return { lefts, rights, rowTops, rowBottoms, textLines, numberGaps, breaks };
  });
}

test('export: the finished files line up in their table, numbers right, names wrapping between words', async ({ page, host, tmpDir }) => {
  fillLedger(host.ledger.db, { persons: 3000, seed: 11 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, host, 'export');
  const table = page.getByTestId('export-results');

  const check = async (wrapAt: RegExp) => {
    const g = await tableGeometry(page);
    // Every row has the header's four columns, each starting and ending where the header's does.
    for (const [i, row] of g.lefts.entries()) {
      expect(row, `row ${i} left edges`).toEqual(g.lefts[0]);
      expect(g.rights[i], `row ${i} right edges`).toEqual(g.rights[0]);
    }
    expect(g.lefts[0]).toHaveLength(4);
    expect(new Set(g.rowTops), 'cells of a row start at one height').toEqual(new Set([1]));
    expect(new Set(g.rowBottoms), 'cells of a row end at one height').toEqual(new Set([1]));
    expect(new Set(g.textLines), 'the texts of a row share one baseline').toEqual(new Set([1]));
    // Numbers (and their headers) flush right.
    expect(g.numberGaps.length).toBeGreaterThan(2);
    for (const gap of g.numberGaps) expect(Math.abs(gap)).toBeLessThanOrEqual(1);
    // A name that wraps does so after a hyphen, at a space or before the extension, never inside a word.
    for (const at of g.breaks) expect(at, `a name broke at «${at}»`).toMatch(wrapAt);
    return g;
  };
  const shots = async (names: string[]) => {
    for (const [name, width, height] of names.map((n) => [n, n.includes('1440') ? 1440 : 1280, n.includes('1440') ? 900 : 720] as const)) {
      await page.setViewportSize({ width, height });
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, name);
      await check(betweenWords);
    }
  };
  const betweenWords = /^(-.|.\.| .|. )$/;
  const exportTo = async (folder: string) => {
    await page.getByTestId('export-select-none').click();
    await page.getByTestId('export-province-kangwon').check();
    await page.getByTestId('export-folder').fill(join(tmpDir, folder));
    await page.getByTestId('export-start').click();
    await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  };

  await exportTo('ko');
  await shots(['export-results-ko.png', 'export-results-ko-1440.png']);
  // Narrow: the names wrap, at their hyphens and spaces.
  await page.setViewportSize({ width: 720, height: 720 });
  await table.scrollIntoViewIfNeeded();
  expect((await check(betweenWords)).breaks.length).toBeGreaterThan(0);
  await screenshot(page, 'export-results-ko-narrow.png');

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('export-again').click();
  await page.getByTestId('lang-en').click();
  await exportTo('en');
  await expect(page.getByTestId('export-done-title')).toContainText('files made');
  await expect(page.getByTestId('export-result-file').first()).toContainText('2027-spring-');
  await shots(['export-results-en.png', 'export-results-en-1440.png']);
  await page.setViewportSize({ width: 720, height: 720 });
  await table.scrollIntoViewIfNeeded();
  expect((await check(betweenWords)).breaks.length).toBeGreaterThan(0);
  await screenshot(page, 'export-results-en-narrow.png');
});
